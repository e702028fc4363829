import { allRecords, type EsCondition } from '../transaction.js';
import type { Rule } from './rule.js';

/**
 * Mandatory fields, field classes and code lists, as the layouts in schemas/layouts declare them:
 * each field names the condition for "missing" and "invalid". (Problems whose field names no
 * condition were already reported as syntax by the grouping step.)
 */
export const layoutFields: Rule = (tx) => {
  const found: EsCondition[] = [];
  for (const { record, ref } of allRecords(tx)) {
    for (const p of record.problems) {
      const code = p.kind === 'missing' ? p.field.missing : p.kind === 'invalid' ? p.field.invalid : undefined;
      if (code !== undefined) found.push({ code, ref, record, field: p.field.name });
    }
  }
  return found;
};
