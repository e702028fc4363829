import { entryCheckDigit, isValidEntryNumber } from '../../../catair/check-digit.js';
import { type Rule, SUMMARY } from './rule.js';
import { value } from '../../shared/record.js';

/** The entry number is 7 digits and a check digit computed with the filer code (Appendix E). */
export const entryNumber: Rule = (tx) => {
  const filer = value(tx.header, 'entryFiler');
  const number = value(tx.header, 'entryNumber');
  if (number === '' || filer === '') return []; // reported as missing by the layout
  const at = { ref: SUMMARY, record: tx.header, field: 'entryNumber' };
  if (!/^\d{8}$/.test(number)) return [{ code: 'B15', ...at }];
  if (!isValidEntryNumber(filer, number)) {
    const expected = entryCheckDigit(filer, number.slice(0, 7));
    const why = expected === undefined ? `filer code ${filer} has a character no check digit can be computed from` : `the check digit of ${filer} ${number.slice(0, 7)} is ${expected}, not ${number.slice(7)}`;
    return [{ code: 'B16', ...at, why }];
  }
  return [];
};
