import type { EsCondition, Line } from '../transaction.js';
import { carriesSummary, type Rule } from './rule.js';
import { amount, value } from '../../shared/record.js';

/** Whole dollars: charges are needed above this article value (ESF-172 usage note v). */
const VALUE_LIMIT = 1_250;
/** A repaired article (9802.00.40, 9802.00.50) needs charges when the repair is worth more (ESF-173). */
const REPAIR_HTS = ['98020040', '98020050'];
/** A returned article (9801.00.1000 thru 9801.00.1099) needs charges above this value (ESF-173). */
const RETURNED_HTS = /^98010010\d\d$/;
const RETURNED_VALUE_LIMIT = 10_000;
/** MOT 60, passenger hand carried, needs no charges (ESF-172). */
const HAND_CARRIED = '60';

/**
 * 664 CHARGES AMOUNT REQUIRED: a line of an add or replace whose 40 record reports zero (or blank)
 * Charges Amount although its article value, the sum of its 50 records' values, is over $1,250
 * (ESF-66, ESF-135 note 3, ESF-172..173 usage note v, dictionary 664). Zero charges are accepted:
 * - on an informal entry type (11, 12), with MOT 60, when the country of origin is a US insular
 *   possession, on a set component (article set indicator V) (ESF-172);
 * - on a consolidated summary (10 record indicator Y; the dictionary's 664 adds it to the text's list);
 * - for a repaired article (a 9802.00.40 or 9802.00.50 number on the line) when the repair, the
 *   value of those 50 records, is $1,250 or less; for a returned article (9801.00.1000..1099) when
 *   the value is $10,000 or less (ESF-173).
 * The text's and the dictionary's threshold for numbers that require a formal entry ($250 or
 * $2,500) and the dictionary's exemption of some chapter 98 numbers on such lines need CBP's tariff
 * file and are not applied. A charges or value that is not a number is the layout's condition
 * (424, 437): the line is not checked.
 */
export const articleCharges: Rule = (tx, ctx) => {
  if (!carriesSummary(tx)) return [];
  const type = ctx.catalog.codes('entry-types').get(value(tx.header, 'entryType'));
  if (type?.['informal'] === true || value(tx.header, 'modeOfTransport') === HAND_CARRIED || value(tx.header, 'consolidatedSummary') === 'Y') {
    return [];
  }
  const countries = ctx.catalog.codes('countries');
  const found: EsCondition[] = [];
  for (const line of tx.lines) {
    if (value(line.record, 'articleSet') === 'V' || countries.get(value(line.record, 'countryOfOrigin'))?.['insularPossession'] === true) continue;
    if (value(line.record, 'charges') !== '' && amount(line.record, 'charges') !== 0) continue; // reported, or the layout's 424
    if (chargesRequired(line)) found.push({ code: '664', ref: { kind: 'line', line }, record: line.record, field: 'charges' });
  }
  return found;
};

/** Whether the line's article value calls for charges; false when a value is not a number. */
function chargesRequired(line: Line): boolean {
  const tariffs = line.tariffs.map((t) => ({ hts: value(t.record, 'hts'), value: amount(t.record, 'value') }));
  if (tariffs.some((t) => t.value === undefined)) return false;
  const sum = (list: typeof tariffs): number => list.reduce((a, t) => a + (t.value ?? 0), 0);
  const repairs = tariffs.filter((t) => REPAIR_HTS.some((prefix) => t.hts.startsWith(prefix)));
  if (repairs.length > 0) return sum(repairs) > VALUE_LIMIT;
  if (tariffs.some((t) => RETURNED_HTS.test(t.hts))) return sum(tariffs) > RETURNED_VALUE_LIMIT;
  return sum(tariffs) > VALUE_LIMIT;
}
