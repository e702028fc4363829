import { DAY_MS } from '../clock/duration.js';

/** The month (0-based, October) in which the US federal fiscal year begins. */
const FISCAL_YEAR_START_MONTH = 9;
/** Three characters of sequence number (p. 8). */
const MAX_SEQUENCE = 999;

/**
 * A daily statement number, DDFYJJJXXX (Daily Statement p. 8): the district (the first two digits of
 * the processing port), the fiscal year and Julian day of the print date (a YYYY-MM-DD day), and the
 * statement's sequence number (1-999) among that port's statements of the day.
 *
 * The text names the parts only. ace-mock reads FY as the federal fiscal year, which begins on
 * 1 October (the print date 2026-10-01 is FY 27), and JJJ as the day of the calendar year (001-366),
 * the usual meaning of a Julian date. The text lets the sequence turn alphanumeric in large ports
 * (p. 28) without saying how, so beyond 999 this refuses rather than invents.
 */
export function statementNumber(processingPort: string, printDate: string, sequence: number): string {
  if (!/^\d{4}$/.test(processingPort)) throw new RangeError(`processing port "${processingPort}" is not four digits`);
  const day = new Date(`${printDate}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== printDate) throw new RangeError(`print date "${printDate}" is not a YYYY-MM-DD day`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) throw new RangeError(`statement sequence ${sequence} is not 1-${MAX_SEQUENCE}`);
  const year = day.getUTCFullYear();
  const fiscalYear = day.getUTCMonth() >= FISCAL_YEAR_START_MONTH ? year + 1 : year;
  const julianDay = (day.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1;
  return `${processingPort.slice(0, 2)}${two(fiscalYear % 100)}${String(julianDay).padStart(3, '0')}${String(sequence).padStart(3, '0')}`;
}

const two = (n: number): string => String(n).padStart(2, '0');
