import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import { readInputRecord, recordCondition } from '../shared/record-syntax.js';
import type { OverrideTx } from './transaction.js';

/** The layouts of the records a CW block holds, by record id (the stand-alone CW02 is not the AE's). */
export const OVERRIDE_RECORDS = { CW01: 'CW01', CW02: 'CW02.override' } as const;

/**
 * Reads a CW block into override requests: each CW01 opens one, the CW02 records after it belong to
 * it. Syntax problems are batch conditions: X34 for any other record id (CW03 included: it is an
 * output record, and CBP's B&B-36 example rejects a CW03 in input this way), X33 for CW02 records
 * before any CW01 (reported once, like the entry-summary grouping), X37 for a CW01 with no CW02
 * (nothing to override), and X39/X40 from the field check.
 */
export function groupOverrides(block: Block, catalog: Catalog): { units: OverrideTx[]; conditions: BatchCondition[] } {
  const header = catalog.layout(OVERRIDE_RECORDS.CW01);
  const line = catalog.layout(OVERRIDE_RECORDS.CW02);
  const units: OverrideTx[] = [];
  const conditions: BatchCondition[] = [];
  let current: OverrideTx | undefined;
  let headerMissingReported = false;

  for (const rec of block.details) {
    const layout = [header, line].find((l) => rec.text.startsWith(l.id));
    if (!layout) {
      // Column 00, the whole record, as in CBP's own example (B&B-36: X0 … REF ID: 0000005 00).
      conditions.push(recordCondition('X34', block, rec));
      continue;
    }
    const read = readInputRecord(block, rec, layout, catalog);
    conditions.push(...read.conditions);
    if (layout === header) {
      current = { ordinal: units.length + 1, header: read.record, lines: [] };
      units.push(current);
      continue;
    }
    if (!current) {
      if (!headerMissingReported) conditions.push(recordCondition('X33', block, rec));
      headerMissingReported = true;
      continue;
    }
    current.lines.push(read.record);
  }
  for (const unit of units) {
    if (unit.lines.length === 0) conditions.push(recordCondition('X37', block, { text: unit.header.text, position: unit.header.position }));
  }
  return { units, conditions };
}
