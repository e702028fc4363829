import { isoDay } from '../../catair/record.js';
import { value } from '../shared/record.js';
import type { TxRecord } from '../shared/record.js';
import { CL } from './conditions.js';
import { entrySlots } from './transaction.js';
import { DAY_MS } from '../../clock/duration.js';

/** What a CJ1 asks for, or the CL condition that answers it instead. */
export type QueryRequest =
  | { readonly kind: 'invalid'; readonly filer: string; readonly code: string; readonly field: string }
  | { readonly kind: 'entries'; readonly filer: string; readonly entryNumbers: readonly string[] }
  /** First-acceptance days from … to, both included, as YYYY-MM-DD (UTC). */
  | { readonly kind: 'range'; readonly filer: string; readonly from: string; readonly to: string };

/** CBP's limit on a query by date range (014 beyond it). */
const MAX_RANGE_DAYS = 31;
/**
 * Without CBP's port list (RDPL) ace-mock can only tell that a port is not a Schedule D code at all:
 * four digits.
 */
const PORT = /^\d{4}$/;

/**
 * Reads a CJ1 in the order its fields are checked: entry filer (003), port (015), then either the date
 * range (from and to go together: 009/011; real dates: 010/012; to not before from: 013; at most 31
 * days: 014) or, without one, at least one entry number (004). A query that has both a valid range
 * and entry numbers asks for those entries: the range is checked but does not filter them.
 */
export function readQuery(record: TxRecord): QueryRequest {
  const filer = value(record, 'entryFiler');
  const invalid = (code: string, field: string): QueryRequest => ({ kind: 'invalid', filer, code, field });
  if (filer === '') return invalid(CL.filerMissing, 'entryFiler');
  const port = value(record, 'port');
  if (port !== '' && !PORT.test(port)) return invalid(CL.portUnknown, 'port');
  const entryNumbers = entrySlots(record)
    .map((slot) => value(record, slot))
    .filter((n) => n !== '');
  const fromText = value(record, 'fromDate');
  const toText = value(record, 'toDate');
  if (fromText === '' && toText === '') {
    return entryNumbers.length > 0 ? { kind: 'entries', filer, entryNumbers } : invalid(CL.entryNumberMissing, 'entryNumber1');
  }
  if (fromText === '') return invalid(CL.fromMissing, 'fromDate');
  const from = isoDay(fromText);
  if (from === undefined) return invalid(CL.fromUnknown, 'fromDate');
  if (toText === '') return invalid(CL.toMissing, 'toDate');
  const to = isoDay(toText);
  if (to === undefined) return invalid(CL.toUnknown, 'toDate');
  if (to < from) return invalid(CL.toBeforeFrom, 'toDate');
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS > MAX_RANGE_DAYS) return invalid(CL.rangeTooLong, 'toDate');
  return entryNumbers.length > 0 ? { kind: 'entries', filer, entryNumbers } : { kind: 'range', filer, from, to };
}
