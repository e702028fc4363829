import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block, PositionedRecord } from '../../catair/envelope.js';
import type { Layout } from '../../catair/layout.js';
import { checkRecord, type FieldProblemKind } from '../../catair/record.js';
import type { TxRecord } from './record.js';

/**
 * Reads one input record of a query-style application (CW, CJ) with its layout and returns the
 * batch (syntax) conditions its field check finds: X39 for data in filler, X40 for characters
 * outside the CATAIR set and for values that do not fit their class.
 *
 * Blank mandatory fields are not syntax problems here: CBP answers each of them with the
 * application's own condition code (C02, C05, 484, 486 in CO; 003 in CL), so the application
 * reports them. `businessFields` names the fields whose bad values likewise get a business code
 * (e.g. CL 010/012 for a from/to date that is not a date) instead of X40.
 */
export function readInputRecord(
  block: Block,
  rec: PositionedRecord,
  layout: Layout,
  catalog: Catalog,
  businessFields: ReadonlySet<string> = new Set(),
): { record: TxRecord; conditions: BatchCondition[] } {
  const problems = checkRecord(layout, rec.text, catalog);
  const conditions: BatchCondition[] = [];
  for (const p of problems) {
    const code = syntaxCode(p.kind, businessFields.has(p.field.name));
    if (code) conditions.push(recordCondition(code, block, rec, p.column));
  }
  return { record: { id: layout.id, text: rec.text, position: rec.position, layout, problems }, conditions };
}

function syntaxCode(kind: FieldProblemKind, business: boolean): string | undefined {
  switch (kind) {
    case 'filler':
      return 'X39';
    case 'nonstandard':
      return 'X40';
    case 'invalid':
      return business ? undefined : 'X40';
    case 'missing':
      return undefined;
  }
}

/** An X-condition pointing at a record (column 0 when it names the whole record). */
export function recordCondition(code: string, block: Block, rec: PositionedRecord, column = 0): BatchCondition {
  return { code, pointer: { kind: 'record', block: block.number, position: rec.position, column } };
}
