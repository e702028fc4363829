import type { TxRecord } from '../shared/record.js';

/** One Census Warning Query: a CJ1 record. */
export interface QueryTx {
  readonly ordinal: number;
  readonly record: TxRecord;
}

/** The entry-number fields of a CJ1 (entryNumber1 … entryNumber5), as its layout names them. */
export function entrySlots(record: TxRecord): string[] {
  const slots: string[] = [];
  for (let i = 1; record.layout?.byName.has(`entryNumber${i}`); i++) slots.push(`entryNumber${i}`);
  return slots;
}
