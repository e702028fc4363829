import type { LiquidationAmounts } from '../../liquidation/courtesy-notice.js';
import { amount } from '../shared/record.js';
import type { EntrySummaryTx } from './transaction.js';

/**
 * What the summary declares it owes, in dollars, from its 90 record's grand totals (ESF-131): what
 * a courtesy notice of liquidation shows as paid, and, for a summary liquidated as entered, as
 * liquidated. A summary without a 90 record (a delete) owes nothing.
 */
export function grandTotals(tx: EntrySummaryTx): LiquidationAmounts {
  const totals = tx.trailer;
  return {
    duty: amount(totals, 'dutyTotal') ?? 0,
    tax: amount(totals, 'taxTotal') ?? 0,
    fees: amount(totals, 'feeTotal') ?? 0,
    antidumping: amount(totals, 'adTotal') ?? 0,
    countervailing: amount(totals, 'cvdTotal') ?? 0,
  };
}
