import { allRecords, type EsCondition } from '../transaction.js';
import { amount, type TxRecord, value } from '../../shared/record.js';
import { carriesSummary, type Rule, TOTALS, toCents } from './rule.js';

/** The Harbor Maintenance Fee's accounting class (ESF-161 usage note o; AE Table 6, ESF-217). */
const HMF_CLASS = '501';

/** The class and amount fields of each fee a record reports: 34 (ESF-53), 62 (ESF-120), 89 (ESF-129). */
const FEE_FIELDS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  '34': [['class1', 'amount1'], ['class2', 'amount2']],
  '62': [['class', 'amount']],
  '89': [1, 2, 3, 4, 5].map((i) => [`class${i}`, `amount${i}`] as const),
};

interface Fee {
  readonly record: TxRecord;
  readonly feeClass: string;
  readonly classField: string;
  readonly amountField: string;
}

/**
 * Fee totals of an add or replace (ESF-120 note 3, ESF-129):
 * - a fee reported in a 34 record (header) or a 62 record (line) needs a Fee Total Grouping (89):
 *   715 for the header fee, 716 for the line fee, both about the TOTALS grouping (ESF-198). With no
 *   90 record either, the summary has no totals at all: that is 700 alone (totals.ts);
 * - each class an 89 record totals is one reported before in a 34 or 62 record (ESF-129: "previously
 *   reported"), else 717, whatever the amount (the dictionary's 717: a total differing from the
 *   fees of its class, zero included, when no 34 or 62 gives the class). The formal MPF (499) is a
 *   line fee (ESF-161 usage note n), so an 89 MPF with no 62 MPF is 717 too;
 * - the 89 HMF (501) total equals the sum of the lines' 62 HMF amounts to the cent (719; ESF-162
 *   usage note o allows no tolerance), an absent 89 HMF counting as zero.
 * Other classes are not compared with their 62 sums (720): the 89 MPF may be the minimum or maximum
 * instead of the sum (ESF-174 usage note w), which needs the MPF dates and table.
 */
export const feeTotals: Rule = (tx) => {
  if (!carriesSummary(tx)) return [];
  const feeTotalRecords = tx.totals.filter((r) => r.id === '89');
  const reported = [...allRecords(tx)].filter(({ record }) => record.id === '34' || record.id === '62').flatMap(({ record }) => feesOf(record));
  if (feeTotalRecords.length === 0) {
    if (!tx.trailer) return []; // no 89 and no 90: 700 (totals.ts)
    return [
      ...(reported.some((f) => f.record.id === '34') ? [{ code: '715', ref: TOTALS }] : []),
      ...(reported.some((f) => f.record.id === '62') ? [{ code: '716', ref: TOTALS }] : []),
    ];
  }
  const reportedClasses = new Set(reported.map((f) => f.feeClass));
  const totals = feeTotalRecords.flatMap(feesOf);
  const found: EsCondition[] = totals
    .filter((t) => !reportedClasses.has(t.feeClass))
    .map((t) => ({ code: '717', ref: TOTALS, record: t.record, field: t.classField }));
  // An 89 HMF no 62 reports is 717 already.
  if (reportedClasses.has(HMF_CLASS) || !totals.some((t) => t.feeClass === HMF_CLASS)) found.push(...hmfMismatch(totals, reported));
  return found;
};

/** 719 when the 89 HMF total is not the sum of the 62 HMF amounts (not checked if an amount is not a number). */
function hmfMismatch(totals: readonly Fee[], reported: readonly Fee[]): EsCondition[] {
  const hmfTotals = totals.filter((f) => f.feeClass === HMF_CLASS);
  const lineHmf = reported.filter((f) => f.record.id === '62' && f.feeClass === HMF_CLASS);
  const total = sumCents(hmfTotals);
  const lines = sumCents(lineHmf);
  if (total === undefined || lines === undefined || total === lines) return [];
  const first = hmfTotals[0];
  return [first ? { code: '719', ref: TOTALS, record: first.record, field: first.amountField } : { code: '719', ref: TOTALS }];
}

/** The fees a 34, 62 or 89 record reports: those whose class is not blank. */
function feesOf(record: TxRecord): Fee[] {
  return (FEE_FIELDS[record.id] ?? [])
    .map(([classField, amountField]) => ({ record, feeClass: value(record, classField), classField, amountField }))
    .filter((f) => f.feeClass !== '');
}

/** The fees' amounts in cents, blank as zero; undefined when one is not a number (the layout's condition). */
function sumCents(fees: readonly Fee[]): number | undefined {
  let sum = 0;
  for (const f of fees) {
    const n = amount(f.record, f.amountField);
    if (n === undefined && value(f.record, f.amountField) !== '') return undefined;
    sum += toCents(n);
  }
  return sum;
}
