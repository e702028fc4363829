import type { TxRecord } from '../shared/record.js';

/** A field problem of a WR1, answered in the query's error record (ACMQ-65 lists X39 and X40). */
export interface SyntaxProblem {
  readonly code: 'X39' | 'X40';
  readonly field?: string;
}

/** One status query: a WR1 record (ACMQ-13: it may repeat, one query each). */
export interface StatusQueryTx {
  readonly ordinal: number;
  readonly record: TxRecord;
  /** The first problem its field check found, if any. */
  readonly syntax?: SyntaxProblem;
}
