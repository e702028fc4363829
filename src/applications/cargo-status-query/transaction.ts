import type { TxRecord } from '../shared/record.js';

/** A field problem of a WR1 (X39 or X40), answered in the query's error record (ACMQ-65 lists both). */
export interface SyntaxProblem {
  readonly code: string;
  readonly field?: string;
}

/** One status query: a WR1 record (ACMQ-13: it may repeat, one query each). */
export interface StatusQueryTx {
  readonly ordinal: number;
  readonly record: TxRecord;
  /** The first problem its field check found, if any. */
  readonly syntax?: SyntaxProblem;
}
