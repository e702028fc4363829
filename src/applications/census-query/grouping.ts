import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import { readInputRecord, recordCondition } from '../shared/record-syntax.js';
import { value } from '../shared/record.js';
import { entrySlots, type QueryTx } from './transaction.js';

/**
 * Bad from/to dates get CL's own codes (010, 012) on a CJ2 row, not X40: CBP answers them that way.
 */
const DATE_FIELDS: ReadonlySet<string> = new Set(['fromDate', 'toDate']);

/** The layouts of the records a CJ block holds, by record id. */
export const QUERY_RECORDS = { CJ1: 'CJ1' } as const;

/**
 * Reads a CJ block into queries, one per CJ1. Syntax problems are batch conditions: X34 for any other
 * record (CBP's CL code A01 "CW QUERY REQUEST MISSING" is left aside so every application reports a
 * stray record the same way), X35 for an entry number after a blank slot (entry numbers fill the
 * slots from the left; CL's A04 means the same and is left aside likewise), and X39/X40 from the
 * field check.
 */
export function groupQueries(block: Block, catalog: Catalog): { units: QueryTx[]; conditions: BatchCondition[] } {
  const layout = catalog.layout(QUERY_RECORDS.CJ1);
  const units: QueryTx[] = [];
  const conditions: BatchCondition[] = [];
  for (const rec of block.details) {
    if (!rec.text.startsWith(layout.id)) {
      // Column 00, the whole record, as in CBP's own example (B&B-36: X0 … REF ID: 0000005 00).
      conditions.push(recordCondition('X34', block, rec));
      continue;
    }
    const read = readInputRecord(block, rec, layout, catalog, DATE_FIELDS);
    conditions.push(...read.conditions);
    let gap = false;
    for (const slot of entrySlots(read.record)) {
      if (value(read.record, slot) === '') {
        gap = true;
      } else if (gap) {
        conditions.push(recordCondition('X35', block, rec, layout.byName.get(slot)?.start ?? 0));
        break;
      }
    }
    units.push({ ordinal: units.length + 1, record: read.record });
  }
  return { units, conditions };
}
