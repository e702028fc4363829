import { type Rule, SUMMARY } from './rule.js';
import { value } from '../../shared/record.js';

/**
 * Only the entry types flagged `entrySummary` in schemas/codes/entry-types.yaml may be filed as an
 * entry summary (type 86, Section 321, may not): B18.
 */
export const entryType: Rule = (tx, ctx) => {
  const type = value(tx.header, 'entryType');
  const entry = ctx.catalog.codes('entry-types').get(type);
  if (type === '' || entry === undefined) return []; // missing/unknown: reported by the layout
  if (entry['entrySummary'] === true) return [];
  return [{ code: 'B18', ref: SUMMARY, record: tx.header, field: 'entryType', why: `entry type ${type} (${String(entry['title'] ?? '')}) is not filed as an entry summary` }];
};
