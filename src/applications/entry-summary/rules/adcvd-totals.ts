import { allRecords, type EntrySummaryTx, type EsCondition } from '../transaction.js';
import { amount, type TxRecord, value } from '../../shared/record.js';
import { carriesSummary, type Rule, TOTALS, toCents } from './rule.js';

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
 * The 88 record's four subtotals and the 53 records each adds up (ESF-98, ESF-128, ESF-181): AD
 * cases are those whose number begins with A, CV cases with C (dictionary 544), bonded duty is
 * claimed B, cash deposit C (ESF-98 Bond/Cash Claim Code).
 */
const SUBTOTALS = [
  { total: 'bondedAd', caseType: 'A', claim: 'B', code: '737' },
  { total: 'cashAd', caseType: 'A', claim: 'C', code: '739' },
  { total: 'bondedCvd', caseType: 'C', claim: 'B', code: '741' },
  { total: 'cashCvd', caseType: 'C', claim: 'C', code: '743' },
] as const;

/**
 * AD/CVD totals on an add or replace (ESF-128, ESF-131, ESF-135, ESF-181 usage note ff):
 * - an AD/CVD entry type (03, 07, 34, 38: the `adcvd` entry types, 88 M on ESF-135) carries an 88
 *   record (735);
 * - an entry type without AD/CVD reports zero AD and CV grand totals (744, 746);
 * - otherwise each 88 subtotal is the sum of the AD/CVD Duty Amounts of the lines' 53 records of its
 *   case type and claim (737, 739, 741, 743), and the 90 record's AD grand total is the 88 record's
 *   bonded plus cash AD duty (745), its CV grand total the bonded plus cash CV duty (747), all to the
 *   cent; with no 88 record, the grand totals are zero.
 * Blank 88 amounts count as zero ("zero fill if not applicable", ESF-128). Non-numeric amounts are
 * the layout's and the totals rule's conditions (728, 729, 736..742, 539) and are not compared.
 */
export const adcvdTotals: Rule = (tx, ctx) => {
  if (!carriesSummary(tx) || !tx.trailer) return []; // no 90 record: 700 or 701 (totals)
  const trailer = tx.trailer;
  const type = value(tx.header, 'entryType');
  const adcvdTotals = tx.totals.filter((r) => r.id === '88');
  if (ctx.catalog.codes('entry-types').get(type)?.['adcvd'] === true && adcvdTotals.length === 0) {
    return [{ code: '735', ref: TOTALS, record: trailer }];
  }
  const found: EsCondition[] = WITHOUT_ADCVD.has(type) ? [] : adcvdTotals.slice(0, 1).flatMap((r) => subtotalMismatches(tx, r));
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

/** 737, 739, 741, 743: an 88 subtotal that is not the sum of its 53 records' duty amounts. */
function subtotalMismatches(tx: EntrySummaryTx, adcvdTotal: TxRecord): EsCondition[] {
  const cases = [...allRecords(tx)].map(({ record }) => record).filter((r) => r.id === '53');
  // A case that fits no subtotal (its number not A or C, 544; its claim not B or C, 511) is its own problem.
  const fits = (r: TxRecord) => SUBTOTALS.some((s) => value(r, 'caseNumber').startsWith(s.caseType) && value(r, 'bondCashClaim') === s.claim);
  if (!cases.every(fits)) return [];
  const found: EsCondition[] = [];
  for (const { total, caseType, claim, code } of SUBTOTALS) {
    const reported = value(adcvdTotal, total) === '' ? 0 : cents(adcvdTotal, total);
    const duties = cases
      .filter((r) => value(r, 'caseNumber').startsWith(caseType) && value(r, 'bondCashClaim') === claim)
      .map((r) => cents(r, 'duty'));
    if (reported === undefined || duties.includes(undefined)) continue;
    const sum = duties.reduce<number>((a, b) => a + (b ?? 0), 0);
    if (sum !== reported) found.push({ code, ref: TOTALS, record: adcvdTotal, field: total });
  }
  return found;
}

function cents(record: TxRecord, field: string): number | undefined {
  const n = amount(record, field);
  return n === undefined ? undefined : toCents(n);
}
