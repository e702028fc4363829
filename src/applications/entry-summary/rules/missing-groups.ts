import type { EsCondition } from '../transaction.js';
import { type Rule, SUMMARY } from './rule.js';

/**
 * Mandatory groupings the text gives a business condition for when absent, as the grammar found
 * them: a line item with no Tariff/Value/Quantity Detail is 431 (ESF-23, ESF-89), not a syntax error.
 */
export const missingGroups: Rule = (tx) =>
  tx.missing.map((m): EsCondition => (m.line ? { code: m.code, ref: { kind: 'line', line: m.line }, record: m.line.record } : { code: m.code, ref: SUMMARY }));
