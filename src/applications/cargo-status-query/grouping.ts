import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import { readInputRecord, recordCondition } from '../shared/record-syntax.js';
import { C1 } from './conditions.js';
import type { StatusQueryTx, SyntaxProblem } from './transaction.js';

/** The layouts of the records a CQ block holds, by record id (the WR1 output is C1.WR1). */
export const STATUS_QUERY_RECORDS = { WR1: 'WR1' } as const;

/**
 * Reads a CQ block into queries, one per WR1. Any other record is X34, a batch condition, as for
 * the other query applications (the chapter names no code for it). Data in a filler (X39) and
 * characters or values a field does not allow (X40) are not batch conditions here: the chapter
 * lists both among the codes of the query's own error record (ACMQ-65), so the query keeps the
 * first one found and is answered with it.
 */
export function groupStatusQueries(block: Block, catalog: Catalog): { units: StatusQueryTx[]; conditions: BatchCondition[] } {
  const layout = catalog.layout(STATUS_QUERY_RECORDS.WR1);
  const units: StatusQueryTx[] = [];
  const conditions: BatchCondition[] = [];
  for (const rec of block.details) {
    if (!rec.text.startsWith(layout.id)) {
      // Column 00, the whole record, as in CBP's own example (B&B-36: X0 … REF ID: 0000005 00).
      conditions.push(recordCondition('X34', block, rec));
      continue;
    }
    const read = readInputRecord(block, rec, layout, catalog);
    const first = read.conditions[0];
    const column = first?.pointer.column ?? 0;
    const field = layout.fields.find((f) => f.start <= column && column < f.start + f.length)?.name;
    // The field check's X39 or X40, answered as C1's (ACMQ-65).
    const syntax: SyntaxProblem | undefined = first && { code: first.code === C1.dataInFiller ? C1.dataInFiller : C1.nonStandardData, ...(field !== undefined && { field }) };
    units.push({ ordinal: units.length + 1, record: read.record, ...(syntax && { syntax }) });
  }
  return { units, conditions };
}
