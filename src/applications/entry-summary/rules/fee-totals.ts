import { allRecords } from '../transaction.js';
import { carriesSummary, type Rule, TOTALS } from './rule.js';

/**
 * A Fee Total Grouping (89 records) is required once a fee is reported in a 34 record (header fees)
 * or a 62 record (line user fees) (ESF-129): without one, 715 for the header fee and 716 for the
 * line fee, both about the TOTALS grouping (ESF-198) that lacks the 89. With no 90 record either,
 * the summary has no totals at all: that is 700 alone (totals.ts).
 */
export const feeTotals: Rule = (tx) => {
  if (!carriesSummary(tx) || !tx.trailer || tx.totals.some((r) => r.id === '89')) return [];
  const ids = new Set([...allRecords(tx)].map(({ record }) => record.id));
  return [
    ...(ids.has('34') ? [{ code: '715', ref: TOTALS }] : []),
    ...(ids.has('62') ? [{ code: '716', ref: TOTALS }] : []),
  ];
};
