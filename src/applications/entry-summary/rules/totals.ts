import type { EsCondition } from '../transaction.js';
import { amount, carriesSummary, type Rule, TOTALS, SUMMARY, value } from './rule.js';

const CENTS = 100;
const toCents = (n: number | undefined): number => Math.round((n ?? 0) * CENTS);

/**
 * Grand totals an add or replace reports even when zero (ESF-133 c). The 90 layout gives them as C
 * (ESF-131), so the layout check does not ask for them; each names its code in `missing`.
 */
const REQUIRED_GRAND_TOTALS = ['dutyTotal', 'feeTotal', 'taxTotal', 'adTotal', 'cvdTotal'] as const;

/**
 * An add or replace ends with a 90 record (701) that reports the five grand totals (721, 725, 723,
 * 728, 729 when blank). Its duty total equals the sum of the 50 records' duties (722) and its
 * user-fee total the sum of the 89 records' fee amounts (726), to the cent.
 */
export const totals: Rule = (tx) => {
  if (!carriesSummary(tx)) return [];
  const trailer = tx.trailer;
  if (!trailer) return [{ code: '701', ref: SUMMARY, record: tx.header }];
  const found: EsCondition[] = [];
  for (const name of REQUIRED_GRAND_TOTALS) {
    const code = trailer.layout?.byName.get(name)?.missing;
    if (code !== undefined && value(trailer, name) === '') found.push({ code, ref: TOTALS, record: trailer, field: name });
  }
  let duty = 0;
  for (const line of tx.lines) for (const t of line.tariffs) duty += toCents(amount(t.record, 'duty'));
  const dutyTotal = amount(trailer, 'dutyTotal');
  if (dutyTotal !== undefined && toCents(dutyTotal) !== duty) {
    found.push({ code: '722', ref: TOTALS, record: trailer, field: 'dutyTotal' });
  }
  let fees = 0;
  for (const r of tx.totals.filter((r) => r.id === '89')) {
    for (let i = 1; i <= 5; i++) fees += toCents(amount(r, `amount${i}`));
  }
  const feeTotal = amount(trailer, 'feeTotal');
  if (feeTotal !== undefined && toCents(feeTotal) !== fees) {
    found.push({ code: '726', ref: TOTALS, record: trailer, field: 'feeTotal' });
  }
  return found;
};
