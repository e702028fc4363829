import { carriesSummary, type Rule, SUMMARY } from './rule.js';
import { value } from '../../shared/record.js';

/**
 * An add or replace must be signed: 10 record position 39 blank is B39. A value other than "X" is
 * B40, raised by the layout's code list (schemas/codes/electronic-signatures.yaml).
 */
export const electronicSignature: Rule = (tx) =>
  carriesSummary(tx) && value(tx.header, 'electronicSignature') === ''
    ? [{ code: 'B39', ref: SUMMARY, record: tx.header, field: 'electronicSignature' }]
    : [];
