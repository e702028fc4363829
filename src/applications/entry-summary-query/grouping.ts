import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import { readInputRecord, recordCondition } from '../shared/record-syntax.js';
import { type TxRecord, value } from '../shared/record.js';
import { entrySlots, type EsQuery } from './transaction.js';

/** The layouts of the records an EQ block holds, by record id. */
export const QUERY_RECORDS = { J0: 'J0', J1: 'J1', J2: 'J2' } as const;

/**
 * Fields whose bad values get ER's own codes in a JZ, not X40: CBP answers them that way (ESQ-50..51:
 * 001, 006, 008, 010).
 */
const BUSINESS_FIELDS: ReadonlySet<string> = new Set(['returnDetail', 'criteriaType', 'fromDateTime', 'toDateTime']);

/**
 * Reads an EQ block into its one query (ESQ-16). Syntax problems are batch conditions, as B&B-36
 * answers a transaction's syntax: X41 for a second EQ block in the batch (on its B record) and for a
 * second query in the block (a J2 beside J1 records, or a second J2: one type of query, one J2,
 * ESQ-16, ESQ-19); X35 for a J0 that is not the block's first record, and for an entry number after
 * a blank slot of a J1 (slots fill from the left, ESQ-18 note 1); X34 for any other record; X39/X40
 * from the field check. A block with a J0 and no query is answered 002, not refused here.
 */
export function groupQuery(block: Block, catalog: Catalog): { units: EsQuery[]; conditions: BatchCondition[] } {
  const conditions: BatchCondition[] = [];
  if (block.number > 1) conditions.push({ code: 'X41', pointer: { kind: 'block', block: block.number, position: block.header.position, column: 0 } });
  let detail: TxRecord | undefined;
  let criteria: TxRecord | undefined;
  const entryNumbers: TxRecord[] = [];
  for (const rec of block.details) {
    const id = rec.text.slice(0, 2);
    if (!Object.hasOwn(QUERY_RECORDS, id)) {
      // Column 00, the whole record, as in CBP's own example (B&B-36).
      conditions.push(recordCondition('X34', block, rec));
      continue;
    }
    const read = readInputRecord(block, rec, catalog.layout(QUERY_RECORDS[id as keyof typeof QUERY_RECORDS]), catalog, BUSINESS_FIELDS);
    conditions.push(...read.conditions);
    if (id === 'J0') {
      if (detail || criteria || entryNumbers.length > 0) conditions.push(recordCondition('X35', block, rec));
      else detail = read.record;
    } else if (criteria || (id === 'J2' && entryNumbers.length > 0)) {
      conditions.push(recordCondition('X41', block, rec));
    } else if (id === 'J2') {
      criteria = read.record;
    } else {
      const gap = firstGap(read.record);
      if (gap !== undefined) conditions.push(recordCondition('X35', block, rec, read.record.layout?.byName.get(gap)?.start ?? 0));
      entryNumbers.push(read.record);
    }
  }
  return { units: [{ ordinal: 1, ...(detail && { detail }), entryNumbers, ...(criteria && { criteria }) }], conditions };
}

/** The first entry number field of a J1 filled after a wholly blank slot, if any. */
function firstGap(record: TxRecord): string | undefined {
  let blank = false;
  for (const slot of entrySlots(record)) {
    if (value(record, slot.filer) === '' && value(record, slot.number) === '') blank = true;
    else if (blank) return value(record, slot.filer) === '' ? slot.number : slot.filer;
  }
  return undefined;
}
