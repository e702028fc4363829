import { allRecords, type EntrySummaryTx, type EsCondition } from '../transaction.js';
import { amount, type TxRecord, value } from '../../shared/record.js';
import { carriesSummary, dollars, type Rule, TOTALS, SUMMARY, toCents } from './rule.js';

/**
 * Grand totals an add or replace reports even when zero (ESF-133 c). The 90 layout gives them as C
 * (ESF-131), so the layout check does not ask for them; each names its code in `missing`.
 */
const REQUIRED_GRAND_TOTALS = ['dutyTotal', 'feeTotal', 'taxTotal', 'adTotal', 'cvdTotal'] as const;

/**
 * An add or replace carries a TOTALS grouping (ESF-128). With neither an 89 nor a 90 record it has
 * no totals at all: 700, and only 700 (the dictionary's 700 names exactly this; 701 and the fee
 * totals' 715/716 would repeat the same absence). Otherwise it ends with a 90 record (701) that
 * reports the five grand totals (721, 725, 723, 728, 729 when blank). Its duty total equals the sum
 * of the 50 records' duties (722) and its user-fee total the sum of the 89 records' fee amounts
 * (726), its IR tax total the sum of the lines' 60 record amounts (724) and its other revenue total
 * the sum of the 61 record amounts (768), each to the cent (ESF-174 usage note x; ESF-118, ESF-131).
 * Other revenue may be reported as spaces when there is none (ESF-131): a blank total counts as zero.
 */
export const totals: Rule = (tx) => {
  if (!carriesSummary(tx)) return [];
  const trailer = tx.trailer;
  if (!trailer) return [{ code: tx.totals.some((r) => r.id === '89') ? '701' : '700', ref: SUMMARY, record: tx.header }];
  const found: EsCondition[] = [];
  for (const name of REQUIRED_GRAND_TOTALS) {
    const code = trailer.layout?.byName.get(name)?.missing;
    if (code !== undefined && value(trailer, name) === '') found.push({ code, ref: TOTALS, record: trailer, field: name });
  }
  let duty = 0;
  for (const line of tx.lines) for (const t of line.tariffs) duty += toCents(amount(t.record, 'duty'));
  const dutyTotal = amount(trailer, 'dutyTotal');
  if (dutyTotal !== undefined && toCents(dutyTotal) !== duty) {
    found.push({ code: '722', ref: TOTALS, record: trailer, field: 'dutyTotal', why: `the lines' duties add up to ${dollars(duty)}; the 90 record says ${dollars(toCents(dutyTotal))}` });
  }
  let fees = 0;
  for (const r of tx.totals.filter((r) => r.id === '89')) {
    for (let i = 1; i <= 5; i++) fees += toCents(amount(r, `amount${i}`));
  }
  const feeTotal = amount(trailer, 'feeTotal');
  if (feeTotal !== undefined && toCents(feeTotal) !== fees) {
    found.push({ code: '726', ref: TOTALS, record: trailer, field: 'feeTotal', why: `the 89 records' fees add up to ${dollars(fees)}; the 90 record says ${dollars(toCents(feeTotal))}` });
  }
  found.push(...lineSumMismatch(tx, trailer, '60', 'taxTotal', '724'));
  found.push(...lineSumMismatch(tx, trailer, '61', 'otherTotal', '768'));
  return found;
};

/** The condition `code` when a 90 record total differs from the sum of the `recordId` records' amounts. */
function lineSumMismatch(tx: EntrySummaryTx, trailer: TxRecord, recordId: string, total: string, code: string): EsCondition[] {
  let sum = 0;
  for (const { record } of allRecords(tx)) if (record.id === recordId) sum += toCents(amount(record, 'amount'));
  const reported = amount(trailer, total);
  // A non-numeric total is the layout's condition, a blank one its `missing` code (723) if it has one.
  const blankIsZero = value(trailer, total) === '' && trailer.layout?.byName.get(total)?.missing === undefined;
  if (reported === undefined && !blankIsZero) return [];
  if (toCents(reported) === sum) return [];
  return [{ code, ref: TOTALS, record: trailer, field: total, why: `the ${recordId} records' amounts add up to ${dollars(sum)}; the 90 record says ${dollars(toCents(reported))}` }];
}
