import type { Catalog } from '../catair/catalog.js';
import { isoDay } from '../catair/record.js';
import { carriesSummary, headerRecord, toCents } from '../applications/entry-summary/rules/rule.js';
import type { EntrySummaryTx } from '../applications/entry-summary/transaction.js';
import { amount, type TxRecord, value } from '../applications/shared/record.js';
import type { StatementEntry, StatementFee, StatementPaymentType } from './statement.js';

/** The fee total pairs of an 89 record (ESF-129). */
const FEE_TOTALS = [1, 2, 3, 4, 5].map((i) => [`class${i}`, `amount${i}`] as const);

/**
 * What a statement will list of an entry summary that is to be paid on one, read from the add or
 * replace that carries it; undefined when the summary is on no statement (payment type 1 or blank,
 * a delete) or names no print date. `processingPort` is the port of the B record the summary came in,
 * which decides the statement's port whatever the port of entry (Daily Statement p. 7).
 *
 * - payment type, print date, client branch, broker reference, entry type and consolidation from the
 *   10 record (ESF-26..33); the importer from the 11 record;
 * - duty and tax from the grand totals (90 record, ESF-131), the tax deferred when the 10 record names
 *   a deferral (position 45, ESF-29);
 * - each fee class with its total from the 89 records (ESF-129): the amount the summary owes, which
 *   for the MPF may be the minimum or maximum rather than the sum of the lines' 62 fees (ESF-130
 *   note 3);
 * - the AD and CV duty from the 88 record's cash deposit, due, or else its bonded amount, not due
 *   (ESF-128; a Q2 record has one amount and one indicator per duty, p. 13-14); without an 88
 *   record, the 90 record's totals, due.
 * The summary carries no team number or reconciliation interest: those stay empty.
 */
export function statementEntryFromSummary(catalog: Catalog, tx: EntrySummaryTx, processingPort: string): StatementEntry | undefined {
  if (!carriesSummary(tx)) return undefined;
  const header = tx.header;
  const paymentType = value(header, 'paymentType');
  if (!isStatementPaymentType(catalog, paymentType)) return undefined;
  const printDate = isoDay(value(header, 'statementPrintDate'));
  if (printDate === undefined) return undefined;
  const totals = tx.trailer;
  const adcvd = tx.totals.find((r) => r.id === '88');
  const antidumping = duty(adcvd, 'cashAd', 'bondedAd', totals, 'adTotal');
  const countervailing = duty(adcvd, 'cashCvd', 'bondedCvd', totals, 'cvdTotal');
  return {
    port: value(header, 'port'),
    processingPort,
    filer: value(header, 'entryFiler'),
    entryNumber: value(header, 'entryNumber'),
    entryType: value(header, 'entryType'),
    importer: value(headerRecord(tx, '11'), 'importerNumber'),
    brokerReference: value(header, 'brokerReference'),
    printDate,
    paymentType,
    clientBranch: value(header, 'statementClientBranch'),
    consolidated: value(header, 'consolidatedSummary') === 'Y',
    dutyCents: toCents(amount(totals, 'dutyTotal')),
    taxCents: toCents(amount(totals, 'taxTotal')),
    taxDeferred: value(header, 'deferredTax') !== '',
    antidumpingCents: antidumping.cents,
    antidumpingDue: antidumping.due,
    countervailingCents: countervailing.cents,
    countervailingDue: countervailing.due,
    reconciliationInterestCents: 0,
    teamNumber: '',
    fees: feeTotals(tx),
  };
}

function isStatementPaymentType(catalog: Catalog, code: string): code is StatementPaymentType {
  return catalog.codes('statement-payment-types').has(code);
}

/** An AD or CV duty as the statement shows it: the cash deposit (due) or the bonded amount (not due). */
function duty(adcvd: TxRecord | undefined, cash: string, bonded: string, totals: TxRecord | undefined, total: string): { cents: number; due: boolean } {
  if (!adcvd) return { cents: toCents(amount(totals, total)), due: true };
  const cashCents = toCents(amount(adcvd, cash));
  return cashCents > 0 ? { cents: cashCents, due: true } : { cents: toCents(amount(adcvd, bonded)), due: false };
}

/** The fee totals of the 89 records, one per class (254 refuses a class twice). */
function feeTotals(tx: EntrySummaryTx): StatementFee[] {
  return tx.totals
    .filter((r) => r.id === '89')
    .flatMap((r) => FEE_TOTALS.filter(([cls]) => value(r, cls) !== '').map(([cls, amt]) => ({ classCode: value(r, cls), cents: toCents(amount(r, amt)) })));
}
