import type { Severity } from '../../catair/dictionary.js';
import type { TxRecord } from '../shared/record.js';

/** One stand-alone Census override request: a CW01 (entry summary) and the CW02 records after it. */
export interface OverrideTx {
  readonly ordinal: number;
  readonly header: TxRecord;
  readonly lines: TxRecord[];
}

/** One warning/override pair of a CW02, with where it came from. */
export interface OverridePair {
  readonly record: TxRecord;
  /** 1-7: the pair's place in its CW02 (field names warningN / overrideN). */
  readonly index: number;
  readonly line: string;
  readonly warning: string;
  readonly override: string;
}

/** The CO disposition of one pair: C01 when accepted, else the condition code and the field at fault. */
export interface PairDisposition {
  readonly pair: OverridePair;
  readonly code: string;
  readonly field: string;
  /** A scenario's own wording of its code (a custom code, or another severity). */
  readonly narrative?: string;
  readonly severity?: Severity;
}
