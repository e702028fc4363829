import type { Severity } from '../../catair/dictionary.js';
import type { TxRecord } from '../shared/record.js';

export type { TxRecord };

/** One Bill of Lading Grouping (SE-22): up to three SE15 (an in-bond, then a bill or a master and its house), its SE16s and SE17s. */
export interface BillGroup {
  readonly ordinal: number;
  readonly bills: TxRecord[];
  readonly conveyances: TxRecord[];
  readonly equipment: TxRecord[];
}

/** A party: its SE30/SE50 (SF30), GBI identifiers (SE31/SE51), street records and city/country record. */
export interface Entity {
  readonly record: TxRecord;
  readonly identifiers: TxRecord[];
  readonly streets: TxRecord[];
  readonly city?: TxRecord;
}

/** An HTS grouping: the SE60, its SE61 and the PGA records after it (PG-13). */
export interface Tariff {
  readonly ordinal: number;
  readonly record: TxRecord;
  readonly ftz?: TxRecord;
  readonly pga: TxRecord[];
}

/** An SE Line Grouping: the SE40, its SE41, its parties and its HTS groupings (SE-22). */
export interface Line {
  readonly ordinal: number;
  readonly record: TxRecord;
  readonly ftz?: TxRecord;
  readonly entities: Entity[];
  readonly tariffs: Tariff[];
}

/** The ISF part of a unified entry/ISF filing (SE-28, SE-30): SF10, SF20s, SF25s and the parties. */
export interface IsfPart {
  readonly header: TxRecord;
  readonly records: TxRecord[];
  readonly entities: Entity[];
}

/** One cargo release transaction, from its SE10 to the record before the next SE10. */
export interface CargoReleaseTx {
  readonly ordinal: number;
  readonly header: TxRecord;
  readonly additional?: TxRecord;
  readonly contact?: TxRecord;
  readonly bills: BillGroup[];
  readonly references: TxRecord[];
  readonly entities: Entity[];
  readonly lines: Line[];
  readonly isf?: IsfPart;
  /** Every record of the transaction, in input order: what the SX answer echoes from. */
  readonly records: TxRecord[];
}

/** A condition found in a transaction, on the record an SX answer echoes it after. */
export interface CrCondition {
  readonly code: string;
  readonly record: TxRecord;
  readonly field?: string;
  /** Set by scenarios for codes that are not in the dictionary, or to change a code's severity. */
  readonly narrative?: string;
  readonly severity?: Severity;
}
