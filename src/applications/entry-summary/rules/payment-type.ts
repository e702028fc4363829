import { carriesSummary, type Rule, SUMMARY } from './rule.js';
import { value } from '../../shared/record.js';

/**
 * An add or replace states its payment intent in the 10 record's Payment Type Code (ESF-31;
 * usage note y, ESF-174): blank is 263. The text gives the code as C and forbids it in two cases,
 * which are therefore not asked for it: a PSC (ESF-184) and the correction of a summary already
 * paid (ESF-176). The dictionary's 263 says every AE summary needs one; ace-mock follows the text's
 * exceptions.
 */
export const paymentType: Rule = (tx, ctx) => {
  if (!carriesSummary(tx)) return [];
  if (value(tx.header, 'pscIndicator') === 'Y' || ctx.existing?.lifecycle.paid === true) return [];
  return value(tx.header, 'paymentType') === '' ? [{ code: '263', ref: SUMMARY, record: tx.header, field: 'paymentType' }] : [];
};
