import type { Severity } from '../../catair/dictionary.js';
import type { TxRecord } from '../shared/record.js';

export interface Tariff {
  readonly ordinal: number;
  readonly record: TxRecord;
  readonly children: TxRecord[];
}

export interface Line {
  readonly ordinal: number;
  readonly record: TxRecord;
  readonly children: TxRecord[];
  readonly tariffs: Tariff[];
  readonly trailers: TxRecord[];
}

/** A mandatory group the text gives a condition for, absent from the transaction or from one line. */
export interface MissingGroup {
  readonly code: string;
  readonly group: string;
  readonly line?: Line;
}

/** One entry summary: its 10 record, header records, lines, totals and 90 record. */
export interface EntrySummaryTx {
  readonly ordinal: number;
  readonly header: TxRecord;
  readonly headerRecords: TxRecord[];
  readonly lines: Line[];
  readonly totals: TxRecord[];
  trailer?: TxRecord;
  /** Mandatory groups found absent while grouping (a line with no 50: 431). */
  readonly missing: readonly MissingGroup[];
  /** What was wrong with the PG00 substitutions (PG-70), found while replacing the PG00 R records. */
  readonly pgaSubstitution: {
    /** PG00 S records whose number does not follow the previous one. */
    readonly misnumbered: readonly PgaSubstitutionProblem[];
    /** PG00 R records naming no substitution group. */
    readonly unresolved: readonly PgaSubstitutionProblem[];
  };
}

/** A PG00 record in error, with the line it stands in (none at header level). */
export interface PgaSubstitutionProblem {
  readonly record: TxRecord;
  readonly line?: Line;
}

/** What an E0 pointer names. */
export type Reference =
  | { readonly kind: 'summary' }
  | { readonly kind: 'totals' }
  | { readonly kind: 'line'; readonly line: Line }
  | { readonly kind: 'tariff'; readonly line: Line; readonly tariff: Tariff };

/** A business condition found in a transaction. */
export interface EsCondition {
  readonly code: string;
  /** Set by scenarios for codes that are not in the dictionary, or to change a dictionary code's severity. */
  readonly narrative?: string;
  readonly severity?: Severity;
  readonly ref: Reference;
  readonly record?: TxRecord;
  readonly field?: string;
  /** The specific reason, when the rule knows it: carried to the journal for people, never into the E1. */
  readonly why?: string;
}

export function* allRecords(tx: EntrySummaryTx): Generator<{ record: TxRecord; ref: Reference }> {
  const summary: Reference = { kind: 'summary' };
  yield { record: tx.header, ref: summary };
  for (const record of tx.headerRecords) yield { record, ref: summary };
  for (const line of tx.lines) {
    const lineRef: Reference = { kind: 'line', line };
    yield { record: line.record, ref: lineRef };
    for (const record of line.children) yield { record, ref: lineRef };
    for (const tariff of line.tariffs) {
      const tariffRef: Reference = { kind: 'tariff', line, tariff };
      yield { record: tariff.record, ref: tariffRef };
      for (const record of tariff.children) yield { record, ref: tariffRef };
    }
    for (const record of line.trailers) yield { record, ref: lineRef };
  }
  const totals: Reference = { kind: 'totals' };
  for (const record of tx.totals) yield { record, ref: totals };
  if (tx.trailer) yield { record: tx.trailer, ref: totals };
}
