import type { TxRecord } from '../shared/record.js';

/**
 * One Entry Summary Query: a block holds one (ESQ-16), an optional J0 asking for the summaries'
 * detail, then either J1 records (entry numbers) or a single J2 (criteria).
 */
export interface EsQuery {
  readonly ordinal: number;
  readonly detail?: TxRecord;
  readonly entryNumbers: readonly TxRecord[];
  readonly criteria?: TxRecord;
}

/** The entry slots of a J1 (entryFiler1/entryNumber1 … 5), as its layout names them. */
export function entrySlots(record: TxRecord): { filer: string; number: string }[] {
  const slots: { filer: string; number: string }[] = [];
  for (let i = 1; record.layout?.byName.has(`entryNumber${i}`); i++) slots.push({ filer: `entryFiler${i}`, number: `entryNumber${i}` });
  return slots;
}
