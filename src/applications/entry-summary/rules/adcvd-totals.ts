import type { EsCondition, TxRecord } from '../transaction.js';
import { amount, carriesSummary, type Rule, TOTALS, toCents, value } from './rule.js';

/**
 * Entry types whose summary may not carry the AD/CVD Totals (88 record): the N cells of ESF-135's
 * 88 row, read in the order of the entry summary types (01 02 03 06 07 11 12 21 22 23 31 32 34 38
 * 51 52; the column headings did not survive in our copy of the text, the order is the one the
 * dictionary's B18 lists and it agrees with the MOT row and the dictionary's 164).
 */
const WITHOUT_ADCVD = new Set(['01', '02', '11', '12', '31', '32', '51', '52']);

/** The 90 record's AD and CV grand totals and the 88 record fields that add up to each. */
const GRAND_TOTALS = [
  { total: 'adTotal', parts: ['bondedAd', 'cashAd'], notAllowed: '744', mismatch: '745' },
  { total: 'cvdTotal', parts: ['bondedCvd', 'cashCvd'], notAllowed: '746', mismatch: '747' },
] as const;

/**
 * AD/CVD grand totals on an add or replace (ESF-128, ESF-131, ESF-135, ESF-181 usage note ff):
 * - an AD/CVD entry type (03, 07, 34, 38: the `adcvd` entry types, 88 M on ESF-135) carries an 88
 *   record (735);
 * - an entry type without AD/CVD reports zero AD and CV grand totals (744, 746);
 * - otherwise the 90 record's AD grand total is the 88 record's bonded plus cash AD duty (745), and
 *   its CV grand total the bonded plus cash CV duty (747), to the cent; with no 88 record, zero.
 * Blank or non-numeric amounts are the layout's and the totals rule's conditions (728, 729, 736..742).
 */
export const adcvdTotals: Rule = (tx, ctx) => {
  if (!carriesSummary(tx) || !tx.trailer) return []; // no 90 record: 701 (totals)
  const trailer = tx.trailer;
  const type = value(tx.header, 'entryType');
  const adcvdTotals = tx.totals.filter((r) => r.id === '88');
  if (ctx.catalog.codes('entry-types').get(type)?.['adcvd'] === true && adcvdTotals.length === 0) {
    return [{ code: '735', ref: TOTALS, record: trailer }];
  }
  const found: EsCondition[] = [];
  for (const { total, parts, notAllowed, mismatch } of GRAND_TOTALS) {
    const reported = cents(trailer, total);
    if (reported === undefined) continue;
    if (WITHOUT_ADCVD.has(type)) {
      if (reported !== 0) found.push({ code: notAllowed, ref: TOTALS, record: trailer, field: total });
      continue;
    }
    const subtotals = adcvdTotals.flatMap((r) => parts.map((p) => (value(r, p) === '' ? 0 : cents(r, p))));
    if (subtotals.includes(undefined)) continue;
    const sum = subtotals.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum !== reported) found.push({ code: mismatch, ref: TOTALS, record: trailer, field: total });
  }
  return found;
};

function cents(record: TxRecord, field: string): number | undefined {
  const n = amount(record, field);
  return n === undefined ? undefined : toCents(n);
}
