import { SX } from '../conditions.js';
import type { CrCondition } from '../transaction.js';
import type { Rule } from './rule.js';

/**
 * Mandatory fields, field classes and code lists, as the layouts declare them: each field's own
 * condition where the layout names one (001, 002, 005, 006, 009, 010, 012, 030 …). Where CBP's code
 * for a field is not known, a blank mandatory field is M10 and a bad value M11 (ace-mock codes);
 * the PGA records, whose layouts AE shares, answer a bad value with their "missing" condition, as AE
 * does. The SF records of a unified filing are the ISF's, which CBP answers in SN, not SX (SE-28).
 */
export const layoutFields: Rule = (tx) => {
  const found: CrCondition[] = [];
  for (const record of tx.records) {
    if (record.id.startsWith('SF')) continue;
    const own = record.layout?.name.startsWith('SE.') === true;
    for (const p of record.problems) {
      const { field } = p;
      const code =
        p.kind === 'missing' ? (field.missing ?? SX.mandatoryMissing) : p.kind === 'invalid' ? (field.invalid ?? (own ? undefined : field.missing) ?? SX.invalid) : undefined;
      if (code !== undefined) found.push({ code, record, field: field.name });
    }
  }
  return found;
};
