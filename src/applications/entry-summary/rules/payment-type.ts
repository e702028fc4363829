import { carriesSummary, type Rule, SUMMARY } from './rule.js';
import { value } from '../../shared/record.js';
import { INDIVIDUAL_PAYMENT } from './statement-fields.js';

/**
 * An add or replace states its payment intent in the 10 record's Payment Type Code (ESF-31;
 * usage note y, ESF-174): blank is 263. The text gives the code as C and forbids it in two cases,
 * which are therefore not asked for it: a PSC (ESF-184) and the correction of a summary already
 * paid (ESF-176). The dictionary's 263 says every AE summary needs one; ace-mock follows the text's
 * exceptions. A code other than 1 (single payment) and the statement types 2, 3, 5, 6, 7, 8
 * (schemas/codes/statement-payment-types.yaml) is 197.
 */
export const paymentType: Rule = (tx, ctx) => {
  if (!carriesSummary(tx)) return [];
  if (value(tx.header, 'pscIndicator') === 'Y' || ctx.existing?.lifecycle.paid === true) return [];
  const type = value(tx.header, 'paymentType');
  const at = { ref: SUMMARY, record: tx.header, field: 'paymentType' };
  if (type === '') return [{ code: '263', ...at }];
  // ESF-31 defines 1, 2, 3, 5, 6, 7 and 8.
  return type === INDIVIDUAL_PAYMENT || ctx.catalog.codes('statement-payment-types').has(type) ? [] : [{ code: '197', ...at }];
};
