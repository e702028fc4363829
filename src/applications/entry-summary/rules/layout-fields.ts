import { describeFieldProblem } from '../../../catair/inspect.js';
import { allRecords, type EsCondition } from '../transaction.js';
import type { Rule } from './rule.js';

/**
 * Mandatory fields, field classes and code lists, as the layouts in schemas/layouts declare them:
 * each field names its condition for "missing" and "invalid". A bad value in a field that names
 * no "invalid" condition gets its "missing" one (ace-mock choice: the field is not validly there,
 * and a field problem is a business condition of the field, never the batch's X40).
 */
export const layoutFields: Rule = (tx) => {
  const found: EsCondition[] = [];
  for (const { record, ref } of allRecords(tx)) {
    for (const p of record.problems) {
      const code = p.kind === 'missing' ? p.field.missing : p.kind === 'invalid' ? (p.field.invalid ?? p.field.missing) : undefined;
      if (code === undefined) continue;
      const said = describeFieldProblem(p.kind, p.field);
      const why = p.kind === 'invalid' ? `"${record.text.slice(p.field.offset, p.field.end).trim()}": ${said}` : said;
      found.push({ code, ref, record, field: p.field.name, why });
    }
  }
  return found;
};
