import type { Catalog } from '../../catair/catalog.js';
import { mmddyy } from '../../catair/batch-output.js';
import type { CodeEntry } from '../../catair/code-lists.js';
import { writeRecord } from '../../catair/record.js';
import type { ReleaseState } from '../cargo-release/release-store.js';
import type { EntryState } from '../entry-summary/entry-store.js';
import { AUTO_LIQUIDATION, NOTHING_OWED } from '../entry-summary/entry-life/engine.js';
import { inTradeControl } from '../entry-summary/lifecycle.js';
import type { LiquidationAmounts } from '../../liquidation/courtesy-notice.js';
import { writeDateTime } from './datetime.js';
import type { Filing } from './filing.js';
import type { QueriedEntry } from './request.js';

/** What ace-mock knows of one entry summary the query answers. */
export interface SummaryFacts {
  readonly entry: QueriedEntry;
  readonly state: EntryState;
  /** When ACE last accepted an add or replace of it (JB accept date time, the J2 range's key). */
  readonly lastFiledAt: Date;
  /** When its first PSC was accepted, if it has one. */
  readonly firstPscAt?: Date;
  /** Its latest accepted filing, while the journal keeps it. */
  readonly filing?: Filing;
  readonly release?: ReleaseState;
  /** The release status applies to its entry type (not reconciliation, drawback, duty deferral: ESQ-32 note 1). */
  readonly releaseApplies: boolean;
}

/**
 * Center of Excellence and Expertise: ace-mock keeps no importer's center, and JB needs one
 * (ESQ-26..27): pending assignment.
 */
const CENTER = 'PNDING';

/** An ISO day (YYYY-MM-DD) or time as MMDDYY, '' for none. */
const day = (iso: string | undefined): string => (iso === undefined || iso === '' ? '' : mmddyy(new Date(iso)));

/** Two-decimal amounts of a JE field: 13 characters, zero-filled (ESQ-35). */
const estimated = (amount: number | undefined): string => (amount === undefined ? '' : String(Math.round(amount * 100)).padStart(13, '0'));

/**
 * The status records of one summary, JB to JN (ESQ-23 map), from the entry state, its latest filing
 * and its cargo release. Facts ace-mock does not keep are left blank, or given the value that
 * says "none", each with the fact that would fill it; `collectionBill` is the J2's
 * Collection/Bill Information Code entry, asking for JK, JL/JM or JN (ESQ-22 note 5).
 */
export function summaryRecords(catalog: Catalog, facts: SummaryFacts, collectionBill: CodeEntry | undefined): string[] {
  const { entry, state, filing, release } = facts;
  const { lifecycle, filed } = state;
  const layout = (name: string) => catalog.layout(name);
  const eip = filing?.field('10', 'eInvoice') === 'Y';
  const records = [
    writeRecord(layout('JB'), {
      entryFiler: entry.filer,
      entryNumber: entry.entryNumber,
      version: String(state.version).padStart(5, '0'),
      acceptDateTime: writeDateTime(facts.lastFiledAt),
      pscIndicator: state.pscOnFile ? 'Y' : '',
      pscAcceptDate: facts.firstPscAt && mmddyy(facts.firstPscAt),
      // ace-mock answers a filer about its own entries only (014 otherwise): the requester owns it.
      ownership: 'Y',
      // Re-liquidation (3) is not modelled; the date is the liquidation's, or the scheduled one (ESQ-26).
      liquidationStatus: state.liquidated ? '1' : '2',
      liquidationDate: day(lifecycle.liquidationDate),
      centerId: CENTER,
    }),
    writeRecord(layout('JC'), {
      controlStatus: inTradeControl(state) ? '1' : '2',
      statusCode: lifecycle.cbpRejected ? '2' : '1',
      // The day CBP rejected a summary is not kept (lifecycle): the last acceptance's day stands.
      statusDate: mmddyy(facts.lastFiledAt),
      // Filing deadlines are not counted (lifecycle: entry date against summary date): not late.
      lateFiling: '0',
      releaseStatus: facts.releaseApplies ? (release?.lifecycle.releasedAt ? '1' : '0') : '',
      releaseDate: day(release?.lifecycle.releasedAt),
      // Duty free (3), drawback (5) and authorized (6) are not told apart; paid on the day of payment.
      collectionStatus: lifecycle.paid ? '2' : '0',
      collectionDate: day(lifecycle.paidOn),
      // The suspension's dates are not kept (lifecycle), only its reason.
      extensionStatus1: lifecycle.suspension,
      // A warning once raised and since overridden (6) is not told from none (0): only outstanding ones are kept.
      censusStatus: state.warnings.length > 0 ? '1' : '0',
      // An EIP claim (10 record Electronic Invoice Indicator, ESF) opens the invoice status (1).
      invoiceStatus: eip ? '1' : '',
      // Protests, quota and reconciliation entries are not modelled.
      protestStatus: 'NO',
    }),
    writeRecord(layout('JD'), {
      cbpReview: state.underReview ? '1' : '2',
      entryDate: day(filed.entryDate),
      ...(state.liquidated && liquidated(lifecycle.amounts)),
      immediateDelivery: release?.filed.immediateDelivery ? 'Y' : 'N',
    }),
    writeRecord(layout('JE'), estimates(filing)),
    writeRecord(layout('JF'), {
      importer: filed.importer,
      entryType: state.entryType,
      // The reject date waits for the lifecycle's CBP rejection date; accelerated drawback is not modelled.
      electronicInvoice: eip ? 'E' : '',
      port: filed.port,
      filingDate: day(state.firstAcceptedAt),
    }),
    writeRecord(layout('JG'), {
      // Withdrawal counts and import specialist teams are CBP's: blank.
      finalWithdrawal: filing && filing.all('30').length > 0 ? (filing.field('30', 'finalWithdrawal') === 'Y' ? 'Y' : 'N') : '',
      centerId: CENTER,
      lineItems: filing?.all('40').length,
    }),
    writeRecord(layout('JH'), {
      form4811: filing?.field('11', 'notifyParty'),
      statementPrintDate: filing?.field('10', 'statementPrintDate'),
      brokerReference: state.brokerReference,
    }),
  ];
  const bonds = filing ? bondRecords(catalog, filing) : [];
  records.push(...bonds.map((b) => b.record));
  // No protests are kept (JJ); no bills nor collections either: CBP's messages for none (ESQ-44..49).
  if (collectionBill?.['bills'] === true) records.push(writeRecord(layout('JK.NODATA'), {}));
  if (collectionBill?.['collections'] === true) records.push(writeRecord(layout('JL.NODATA'), {}));
  if (collectionBill?.['suretyBills'] === true) {
    const sureties = bonds.filter((b) => b.surety !== '');
    for (const { surety } of sureties.length > 0 ? sureties : [{ surety: '' }]) {
      records.push(writeRecord(layout('JN.NODATA'), { suretyCode: surety, primarySurety: surety === '' ? '' : 'Y' }));
    }
  }
  return records;
}

/**
 * JD's liquidated amounts (ESQ-33..34) of a liquidated summary: what the courtesy notice of
 * liquidation reported, the amounts as entered with no interest, auto-liquidation (99).
 */
function liquidated(amounts: LiquidationAmounts = NOTHING_OWED): Record<string, number | string> {
  return {
    liquidatedDuty: amounts.duty,
    liquidatedTax: amounts.tax,
    liquidatedFees: amounts.fees,
    liquidatedInterest: 0,
    liquidatedAdcvd: amounts.antidumping + amounts.countervailing,
    liquidationReason1: AUTO_LIQUIDATION,
  };
}

/** JE from the filing's grand totals (90 record): duty, tax, fees, and AD plus CVD; interest is CBP's. */
function estimates(filing: Filing | undefined): Record<string, string> {
  if (!filing) return {};
  const ad = filing.amount('90', 'adTotal');
  const cvd = filing.amount('90', 'cvdTotal');
  return {
    estimatedDuty: estimated(filing.amount('90', 'dutyTotal')),
    estimatedTax: estimated(filing.amount('90', 'taxTotal')),
    estimatedFees: estimated(filing.amount('90', 'feeTotal')),
    estimatedAdcvd: estimated(ad === undefined && cvd === undefined ? undefined : (ad ?? 0) + (cvd ?? 0)),
  };
}

/**
 * JI records from the filing's bonds (31 records, ESF): one per bond, its surety primary on it.
 * eBond's bond number and the surety's liability are not known. A summary filed without a bond gets
 * bond type 0 when it claimed the bond waiver (10 record), else CBP's "no bond on file" message (ESQ-41 note 1).
 */
function bondRecords(catalog: Catalog, filing: Filing): { record: string; surety: string }[] {
  const bonds = filing.all('31');
  if (bonds.length === 0) {
    const waived = filing.field('10', 'bondWaiver') === '0';
    return [{ record: waived ? writeRecord(catalog.layout('JI'), { bondType: '0' }) : writeRecord(catalog.layout('JI.NOBOND'), {}), surety: '' }];
  }
  return bonds.map((bond) => {
    const surety = filing.read('31', bond, 'suretyCode');
    const amount = filing.read('31', bond, 'bondAmount');
    return {
      surety,
      record: writeRecord(catalog.layout('JI'), {
        suretyCode: surety,
        primarySurety: 'Y',
        bondType: filing.read('31', bond, 'bondType'),
        bondDesignation: filing.read('31', bond, 'bondDesignation'),
        multipleBonds: bonds.length > 1 ? 'Y' : 'N',
        // The 31 record's amount is in whole dollars; JI's has two implied decimals.
        singleEntryBondAmount: amount === '' ? undefined : Number(amount),
      }),
    };
  });
}
