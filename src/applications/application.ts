import type { Catalog } from '../catair/catalog.js';
import type { BatchCondition, Block } from '../catair/envelope.js';
import type { Severity } from '../catair/dictionary.js';
import type { ScenarioSupport } from '../scenarios/support.js';

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
  /** What the condition means and what to fix (the error dictionary's explanation), when it has one. */
  readonly explanation?: string;
  /** Why ace-mock raised it here, when the check knows (the expected check digit, the code list a value is not in). */
  readonly why?: string;
}

/** The answer to one transaction (e.g. one entry summary). */
export interface TransactionOutcome {
  readonly block: number;
  readonly ordinal: number;
  readonly application: string;
  readonly filer: string;
  readonly entryNumber: string;
  readonly action: string;
  /** The port of entry the transaction names, when it names one (a certification report can be per port). */
  readonly port?: string;
  /** A post-summary correction (entry summary with the PSC indicator set). */
  readonly psc?: boolean;
  readonly outcome: 'accepted' | 'rejected';
  /** The final disposition code (995, 996, 997, 998). */
  readonly disposition: string;
  readonly version?: string;
  readonly conditions: readonly ConditionReport[];
  /** The scenario and step that decided the answer, if any, and why (also why none did). */
  readonly scenario?: string;
  readonly step?: number;
  readonly reason: string;
  /** The step moves the session's mock clock on by this ISO 8601 duration once it has answered. */
  readonly advanceClock?: string;
}

/** An unsolicited message a scenario asked for, to be delivered after the answer. */
export interface FollowUpMessage {
  readonly deliverAt: Date;
  /** The output application id its batch is sent under (the B and Y records), e.g. UC. */
  readonly application: string;
  /** The records between its B and Y. */
  readonly records: readonly string[];
  readonly summary: string;
}

/** What an application may use while answering: the format catalogue, state, clock and options. */
export interface ApplicationContext {
  readonly catalog: Catalog;
  readonly session: string;
  readonly exchangeId: string;
  readonly now: Date;
  /** Whom the exchange's unsolicited messages go to: its door and its batch's A record sender (B&B-38). */
  readonly addressee: { readonly exchangeId: string; readonly transport: string; readonly site?: string; readonly sender?: string };
  /** The scenario the transport asked for (`X-ACE-Scenario`). */
  readonly requestedScenario?: string;
}

export interface BlockAnswer {
  /** The records between the output B and Y. */
  readonly records: string[];
  readonly transactions: TransactionOutcome[];
  /** The longest delay scripted for the block's transactions, in milliseconds (0 without one). */
  readonly delayMs: number;
  readonly followUps: FollowUpMessage[];
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

/**
 * What an application folder's index.ts exports, and all the server needs to offer the application:
 * its input application id, what its scenarios may use, and how to build it from what the server shares (`Environment`: the
 * catalog, the entry state, the scenario director …; the registry, src/applications/registry.ts,
 * lists the modules and passes every one the same environment). The output application id, the
 * record that opens each transaction, the layouts and condition codes are data in schemas/,
 * checked against the registry at start-up.
 */
export interface ApplicationModule<Environment> {
  /** The input application id (schemas/codes/application-ids.yaml), e.g. AE. */
  readonly id: string;
  /** What scenario files for this application may use (match fields, guards, outcomes, follow-ups …). */
  readonly scenarios: ScenarioSupport;
  create(env: Environment): Application;
}

/** The output application an input application answers with (AE → AX, CW → CO …), '' when unknown. */
export function responseApplication(catalog: Catalog, application: string): string {
  const response = catalog.codes('application-ids').get(application)?.['response'];
  return typeof response === 'string' ? response : '';
}

/**
 * The output application an input application answers with, once its condition codes are checked:
 * fails at start-up when it would answer with a code the error dictionary does not hold for that
 * output application (`applications:` section first, then the common codes), instead of failing
 * while answering a filer.
 */
export function responseWithConditions(catalog: Catalog, application: string, codes: Readonly<Record<string, string>>): string {
  const response = responseApplication(catalog, application);
  const missing = Object.values(codes).filter((code) => !catalog.dictionary.has(code, response));
  if (missing.length > 0) throw new Error(`condition codes ${missing.join(', ')} of ${response} are not in schemas/error-dictionary.yaml`);
  return response;
}
