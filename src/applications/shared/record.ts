import type { PlacedRecord } from '../../catair/grouping.js';
import type { Layout } from '../../catair/layout.js';
import { readAmount, readField, type FieldProblem } from '../../catair/record.js';

/** One input record of a transaction, with what its layout check found. */
export interface TxRecord {
  readonly id: string;
  readonly text: string;
  /** 1-based position in the transmission. */
  readonly position: number;
  readonly layout?: Layout;
  readonly problems: readonly FieldProblem[];
  /** Where the grammar placed it: its group occurrences, for E0 pointers. */
  readonly placed?: PlacedRecord;
}

/** Trimmed value of a field of a record read with its own layout ('' when the record has none). */
export function value(record: TxRecord | undefined, name: string): string {
  if (!record?.layout) return '';
  return readField(record.layout, record.text, name);
}

/** An amount field of a record read with its own layout (undefined when the record has none). */
export function amount(record: TxRecord | undefined, name: string): number | undefined {
  if (!record?.layout) return undefined;
  return readAmount(record.layout, record.text, name);
}
