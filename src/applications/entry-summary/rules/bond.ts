import { type Rule, SUMMARY, value } from './rule.js';

/** A 31 bond record names its surety (137); the bond type itself is checked by its code list (112). */
export const bondDetail: Rule = (tx) =>
  tx.headerRecords
    .filter((r) => r.id === '31' && value(r, 'bondType') !== '' && value(r, 'suretyCode') === '')
    .map((record) => ({ code: '137', ref: SUMMARY, record, field: 'suretyCode' }));
