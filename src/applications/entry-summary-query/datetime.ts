import { hhmm, mmddyy } from '../../catair/batch-output.js';

/**
 * The query's date/time form, MMDDYYHHMMSSXX with XX = AM or PM (ESQ-19..20, ESQ-25). Read and
 * written in UTC, as ace-mock writes every CATAIR date (batch-output.ts mmddyy); years are 20YY.
 */
const FORM = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(AM|PM)$/;

/** The moment a date/time names, or undefined when it names none (008, 010). */
export function readDateTime(text: string): Date | undefined {
  const m = FORM.exec(text);
  if (!m) return undefined;
  const [month, day, year, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (hour < 1 || hour > 12 || minute > 59 || second > 59) return undefined;
  // 12 AM is midnight, 12 PM noon (ESQ-20 note 2: a whole day runs from 120000AM to 115959PM).
  const hours = (hour % 12) + (m[7] === 'PM' ? 12 : 0);
  const date = new Date(Date.UTC(2000 + year, month - 1, day, hours, minute, second));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

/** A moment as MMDDYYHHMMSSXX. */
export function writeDateTime(date: Date): string {
  const hours = date.getUTCHours();
  const twelve = String(hours % 12 === 0 ? 12 : hours % 12).padStart(2, '0');
  return `${mmddyy(date)}${twelve}${hhmm(date, true).slice(2)}${hours < 12 ? 'AM' : 'PM'}`;
}
