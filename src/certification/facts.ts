import type { TransactionOutcome } from '../applications/application.js';
import type { BatchConditionReport } from '../pipeline.js';
import type { JournalEntry } from '../store/journal.js';

/** A fatal condition as the report counts it: its code on a field (or, without one, on what its pointer names). */
export interface FaultFact {
  readonly code: string;
  readonly narrative: string;
  /** The field the condition names, e.g. `entryNumber`; else the E0 pointer's kind, e.g. `LINITM`. */
  readonly field: string;
}

/** Which exchange a fact comes from and when, in the session's business time. */
interface Stamp {
  readonly exchangeId: string;
  /** The session's business day (YYYY-MM-DD) the exchange was answered on. */
  readonly day: string;
  readonly at: string;
  readonly session: string;
}

/** One transaction of the journal, reduced to what a certification report counts. */
export interface TransactionFact extends Stamp {
  readonly filer: string;
  readonly application: string;
  readonly entryNumber: string;
  readonly action: string;
  readonly psc: boolean;
  readonly port?: string;
  readonly accepted: boolean;
  readonly faults: readonly FaultFact[];
  /** The conditions that did not refuse it: Census (W) and PGA (P) warnings, informational (I). */
  readonly warnings: readonly { code: string; narrative: string; severity: 'W' | 'P' | 'I' }[];
}

/** The entry a transaction is about, as reports name it: `B76-03245278`. */
export const entryOf = (t: { readonly filer: string; readonly entryNumber: string }): string => `${t.filer}-${t.entryNumber}`;

/** A transmission refused as a whole (batch-level conditions): no transaction of it was examined. */
export interface BatchRejectionFact extends Stamp {
  readonly filer: string;
  readonly application: string;
  readonly conditions: readonly { code: string; narrative: string }[];
}

export interface ExchangeFacts {
  readonly transactions: readonly TransactionFact[];
  readonly batchRejection?: BatchRejectionFact;
}

interface StoredDetail {
  readonly transactions?: readonly TransactionOutcome[];
  readonly batchConditions?: readonly BatchConditionReport[];
  /** Written since the certification report exists; older rows fall back to when the exchange was received. */
  readonly sessionTime?: string;
}

/** What the journal says of one exchange, as facts a report can count; a refused non-CATAIR body has none. */
export function factsOf(entry: JournalEntry): ExchangeFacts {
  const detail = (entry.detail ?? {}) as StoredDetail;
  const at = detail.sessionTime ?? entry.receivedAt;
  const day = at.slice(0, 10);
  const common: Stamp = { exchangeId: entry.id, day, at, session: entry.session };
  if (entry.outcome === 'batch-rejected') {
    return {
      transactions: [],
      batchRejection: {
        ...common,
        filer: entry.filer,
        application: entry.application,
        conditions: (detail.batchConditions ?? []).map((c) => ({ code: c.code, narrative: c.narrative })),
      },
    };
  }
  const transactions = (detail.transactions ?? []).map(
    (t): TransactionFact => ({
      ...common,
      filer: t.filer,
      application: t.application,
      entryNumber: t.entryNumber,
      action: t.action,
      psc: t.psc === true,
      ...(t.port !== undefined && { port: t.port }),
      accepted: t.outcome === 'accepted',
      faults: t.conditions
        .filter((c) => c.severity === 'F')
        .map((c) => ({ code: c.code, narrative: c.narrative, field: c.field ?? c.reference.split(' ')[0] ?? '' })),
      warnings: t.conditions.flatMap((c) => (c.severity === 'F' ? [] : [{ code: c.code, narrative: c.narrative, severity: c.severity }])),
    }),
  );
  return { transactions };
}
