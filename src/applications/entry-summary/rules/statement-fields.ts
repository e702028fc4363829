import { DAY_MS } from '../../../clock/duration.js';
import { isoDay } from '../../../catair/record.js';
import type { EsCondition } from '../transaction.js';
import { value } from '../../shared/record.js';
import { carriesSummary, type Rule, SUMMARY } from './rule.js';

/** Payment type 1: paid on its own, on no statement (ESF-31). */
export const INDIVIDUAL_PAYMENT = '1';
/** The 10 record's payment intent fields (ESF-31..32): none on a PSC (ESF-184) nor on a paid summary CBP returned (ESF-176). */
export const PAYMENT_FIELDS = ['paymentType', 'statementPrintDate', 'periodicStatementMonth', 'statementClientBranch'] as const;
/** How far ahead a daily statement's print date may be (ESF-174..175: "not exceed 90-days"). */
const PRINT_DATE_MAX_DAYS = 90;
/** A periodic statement month is this month or one of the next two (ESF-175..176). */
const PERIODIC_MONTHS_AHEAD = 2;
const SATURDAY = 6;
const SUNDAY = 0;

/**
 * The statement fields of the 10 record, as usage note (y) asks them of each payment type
 * (ESF-174..176):
 * - single payment (1) names no print date (199) and no periodic month (200);
 * - a statement payment type needs a print date (202) that is a weekday (204; CBP's holidays are
 *   not known to ace-mock), after today (205) and at most 90 days ahead (206), today being the
 *   session clock's UTC day. The text sets the future and 90-day limits for daily statements
 *   (2, 3, 5); ace-mock applies them to periodic ones (6, 7, 8) too. A print date that is no date
 *   is the layout's 203;
 * - a daily statement names no periodic month (200); a periodic one needs it (211), 01..12 (212),
 *   this month or one of the next two (213).
 * Not checked, for want of the filer's and importer's CBP profiles: statement authorization (207),
 * ACE and periodic accounts (209, 210), client branches (201, 219), the periodic statement day (215).
 * A PSC carries none of these fields (the PSC rule's 217); nor does the correction of a paid summary
 * CBP returned to the filer (ESF-176): 217 here. Another filing of a paid summary is refused whole (B29).
 */
export const statementFields: Rule = (tx, ctx) => {
  if (!carriesSummary(tx) || value(tx.header, 'pscIndicator') === 'Y') return [];
  const at = (field: string) => ({ ref: SUMMARY, record: tx.header, field });
  const existing = ctx.existing?.lifecycle;
  if (existing?.paid) {
    // ESF-176: a paid summary returned by CBP is corrected without payment intent.
    const sent = PAYMENT_FIELDS.find((f) => value(tx.header, f) !== '');
    return existing.cbpRejected && sent ? [{ code: '217', ...at(sent) }] : [];
  }
  const type = value(tx.header, 'paymentType');
  const printDate = value(tx.header, 'statementPrintDate');
  const month = value(tx.header, 'periodicStatementMonth');
  const statement = ctx.catalog.codes('statement-payment-types').get(type);
  const found: EsCondition[] = [];
  if (type === INDIVIDUAL_PAYMENT) {
    // ESF-174: single payment, no statement fields.
    if (printDate !== '') found.push({ code: '199', ...at('statementPrintDate') });
    if (month !== '') found.push({ code: '200', ...at('periodicStatementMonth') });
    return found;
  }
  // A blank or unknown payment type is 263 or 197 alone.
  if (!statement) return found;
  // ESF-174..175: every statement payment type reports its print date.
  if (printDate === '') found.push({ code: '202', ...at('statementPrintDate') });
  const day = isoDay(printDate);
  if (day !== undefined) found.push(...printDateConditions(day, ctx.now).map((code) => ({ code, ...at('statementPrintDate') })));
  if (statement['periodic'] !== true) {
    // ESF-174..175: no periodic month on a daily statement.
    if (month !== '') found.push({ code: '200', ...at('periodicStatementMonth') });
  } else {
    const code = periodicMonthCondition(month, ctx.now);
    if (code) found.push({ code, ...at('periodicStatementMonth') });
  }
  return found;
};

/** 204 on a weekend; 205 unless after today; 206 beyond 90 days from today (ESF-174..175). */
function printDateConditions(isoPrintDate: string, now: Date): string[] {
  const print = new Date(`${isoPrintDate}T00:00:00.000Z`);
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
  const codes: string[] = [];
  // ESF-174..176: never a weekend day; daily statements: in the future, at most 90 days ahead.
  if ([SATURDAY, SUNDAY].includes(print.getUTCDay())) codes.push('204');
  if (print <= today) codes.push('205');
  else if (print.getTime() - today.getTime() > PRINT_DATE_MAX_DAYS * DAY_MS) codes.push('206');
  return codes;
}

/** 211 blank, 212 not a month, 213 more than two months ahead, an earlier month number being next year's (ESF-175..176). */
function periodicMonthCondition(month: string, now: Date): string | undefined {
  if (month === '') return '211';
  if (!/^\d\d$/.test(month) || Number(month) < 1 || Number(month) > 12) return '212';
  // ESF-175..176: the current month, the next or the one after.
  const ahead = (Number(month) - 1 - now.getUTCMonth() + 12) % 12;
  if (ahead > PERIODIC_MONTHS_AHEAD) return '213';
  return undefined;
}
