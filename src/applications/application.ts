import type { Catalog } from '../catair/catalog.js';
import type { BatchCondition, Block } from '../catair/envelope.js';
import type { Severity } from '../catair/dictionary.js';

/** One condition reported to the filer, as the journal and the JSON answer show it. */
export interface ConditionReport {
  readonly code: string;
  readonly severity: Severity;
  readonly narrative: string;
  /** What the E0 pointer names, e.g. `SUMMRY`, `LINITM 001`, `TARIFF 8471300100`. */
  readonly reference: string;
  /** The input record (1-based position in the transmission) and field that caused it, when known. */
  readonly position?: number;
  readonly field?: string;
}

/** The answer to one transaction (e.g. one entry summary). */
export interface TransactionOutcome {
  readonly block: number;
  readonly ordinal: number;
  readonly application: string;
  readonly filer: string;
  readonly entryNumber: string;
  readonly action: string;
  readonly outcome: 'accepted' | 'rejected';
  /** The final disposition code (995, 996, 997, 998). */
  readonly disposition: string;
  readonly version?: string;
  readonly conditions: readonly ConditionReport[];
}

/** What an application may use while answering: the format catalogue, state, clock and options. */
export interface ApplicationContext {
  readonly catalog: Catalog;
  readonly session: string;
  readonly exchangeId: string;
  readonly now: Date;
}

export interface BlockAnswer {
  /** The records between the output B and Y. */
  readonly records: string[];
  readonly transactions: TransactionOutcome[];
}

/**
 * An ACE application (AE, CW, …). Answering a block happens in two steps so that a syntax problem
 * anywhere in the batch rejects it before any state changes: `group` reads the block's records into
 * transactions and reports syntax conditions; `answer` applies business rules, changes state and
 * writes the response records.
 */
export interface Application<Unit = unknown> {
  readonly id: string;
  group(block: Block, ctx: ApplicationContext): { units: Unit[]; conditions: BatchCondition[] };
  answer(block: Block, units: Unit[], ctx: ApplicationContext): BlockAnswer;
}
