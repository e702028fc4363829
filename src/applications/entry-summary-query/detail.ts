import type { Catalog } from '../../catair/catalog.js';
import type { Layout } from '../../catair/layout.js';
import { writeRecord } from '../../catair/record.js';

/**
 * Records of a filing that the detail leaves out: cargo release (SE) and partner government agency
 * (PG) data (ESQ-23 map).
 */
const LEFT_OUT = /^(SE|PG)/;

/**
 * A summary's latest content as its detail grouping returns it (ESQ-52..53): the filed 10- through
 * 90-records in filing order, SE and PGA records left out, a 4A with the line's ordinal number
 * before each 40 record, and numeric fields right-justified over spaces instead of zeros.
 */
export function detailRecords(filed: readonly string[], catalog: Catalog): string[] {
  const out: string[] = [];
  let line = 0;
  for (const record of filed) {
    if (LEFT_OUT.test(record)) continue;
    if (record.startsWith('40')) out.push(writeRecord(catalog.layout('4A'), { cbpLineNumber: ++line }));
    // Entry Summary layouts are named by record id: CW02, OI, 10 …
    const id = [record.slice(0, 4), record.slice(0, 2)].find((candidate) => catalog.hasLayout(candidate));
    out.push(id === undefined ? record : spacePadded(record, catalog.layout(id)));
  }
  return out;
}

/**
 * ESQ-52 note 2: numeric fields come back right-justified and padded with spaces. A zero keeps one
 * digit before its implied decimals: ESQ-53's example answers a duty of 0000000000 (two decimals)
 * with 000 and a quantity of 000000000055 with 55.
 */
function spacePadded(record: string, layout: Layout): string {
  let out = record;
  for (const f of layout.fields) {
    if (f.class !== 'N' || f.literal !== undefined) continue;
    const raw = record.slice(f.offset, f.end);
    if (!/^\d+$/.test(raw)) continue;
    const digits = raw.replace(/^0+/, '') || '0'.repeat((f.decimals ?? 0) + 1);
    out = out.slice(0, f.offset) + digits.padStart(f.length, ' ') + out.slice(f.end);
  }
  return out;
}
