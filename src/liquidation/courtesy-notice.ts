import { mmddyy } from '../catair/batch-output.js';
import type { Catalog } from '../catair/catalog.js';
import { writeRecord } from '../catair/record.js';

/** Dollar amounts of one side of a liquidation (what was paid, what it liquidated for). */
export interface LiquidationAmounts {
  readonly duty: number;
  readonly tax: number;
  readonly fees: number;
  readonly antidumping: number;
  readonly countervailing: number;
}

/** What a courtesy notice of liquidation says about one entry summary. */
export interface CourtesyNotice {
  /** District/port of entry summary, 4 digits. */
  readonly port: string;
  readonly entryFiler: string;
  /** The 8-character entry number (7 digits and the check digit). */
  readonly entryNumber: string;
  readonly entryType: string;
  readonly importerNumber: string;
  readonly brokerReference: string;
  readonly entryDate: Date;
  readonly liquidationDate: Date;
  /** schemas/codes/liquidation-types.yaml, e.g. 1 no change, 2 bill, 3 refund. */
  readonly liquidationType: string;
  /** Up to four liquidation reason codes (schemas/codes/liquidation-reasons.yaml): the first goes in N2, the rest in N4. */
  readonly reasons: readonly string[];
  /** CBP document filing location (N2 36-53); blank when absent. */
  readonly filingLocation?: string;
  readonly paid: LiquidationAmounts;
  readonly liquidated: LiquidationAmounts;
  /** Interest in dollars; negative interest sets N1's indicator and is written without its sign. */
  readonly interest: number;
}

const MAX_REASONS = 4;

/**
 * The records of a courtesy notice of liquidation (output application NR, B&B-21) for one entry
 * summary: N1 (paid and liquidated duty and tax), N2 (date, type, first reason, interest) and N4
 * (AD/CVD, fees, further reasons), in the order of the NR records of the public implementations the
 * layout comes from (schemas/layouts/liquidation-notice.yaml: a third-party reading, not CBP's
 * text). Amounts are dollars with two implied decimals; only the interest has a sign (N1 position 77).
 */
export function writeCourtesyNotice(catalog: Catalog, notice: CourtesyNotice): string[] {
  if (notice.reasons.length > MAX_REASONS) throw new RangeError(`a courtesy notice carries at most ${MAX_REASONS} liquidation reasons, not ${notice.reasons.length}`);
  for (const [side, amounts] of [['paid', notice.paid], ['liquidated', notice.liquidated]] as const) {
    for (const [name, amount] of Object.entries(amounts)) {
      if (amount < 0) throw new RangeError(`the courtesy notice has no sign for the ${side} ${name} (${amount})`);
    }
  }
  const entry = {
    port: notice.port,
    entryFiler: notice.entryFiler,
    // Right-justified in its 9 columns, as the NR records read (liquidation-notice.yaml).
    entryNumber: notice.entryNumber.padStart(9),
  };
  const [first, second, third, fourth] = notice.reasons;
  return [
    writeRecord(catalog.layout('NR.N1'), {
      ...entry,
      entryType: notice.entryType,
      importerNumber: notice.importerNumber,
      paidDuty: notice.paid.duty,
      paidTax: notice.paid.tax,
      liquidatedDuty: notice.liquidated.duty,
      liquidatedTax: notice.liquidated.tax,
      negativeInterest: notice.interest < 0 ? '1' : undefined,
    }),
    writeRecord(catalog.layout('NR.N2'), {
      ...entry,
      liquidationDate: mmddyy(notice.liquidationDate),
      reason1: first,
      brokerReference: notice.brokerReference,
      filingLocation: notice.filingLocation,
      liquidationType: notice.liquidationType,
      entryDate: mmddyy(notice.entryDate),
      paidAntidumping: notice.paid.antidumping,
      interest: Math.abs(notice.interest),
    }),
    writeRecord(catalog.layout('NR.N4'), {
      ...entry,
      paidCountervailing: notice.paid.countervailing,
      paidFees: notice.paid.fees,
      liquidatedAntidumping: notice.liquidated.antidumping,
      liquidatedCountervailing: notice.liquidated.countervailing,
      liquidatedFees: notice.liquidated.fees,
      reason2: second,
      reason3: third,
      reason4: fourth,
    }),
  ];
}
