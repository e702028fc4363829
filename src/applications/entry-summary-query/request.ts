import type { Catalog } from '../../catair/catalog.js';
import { type TxRecord, value } from '../shared/record.js';
import { ER } from './conditions.js';
import { readDateTime } from './datetime.js';
import { entrySlots, type EsQuery } from './transaction.js';
import { DAY_MS } from '../../clock/duration.js';

/** An entry a J1 names. */
export interface QueriedEntry {
  readonly filer: string;
  readonly entryNumber: string;
}

/** A condition that refuses the query, with the record and field it was found at. */
export interface Refusal {
  readonly code: string;
  readonly record?: TxRecord;
  readonly field?: string;
  /** The J1 slot it concerns, echoed in the JZ. */
  readonly entry?: QueriedEntry;
}

/** What a J2 asks for (ESQ-19..22). */
export interface Criteria {
  readonly type: string;
  /** The range of last acceptances, both ends included (ESQ-20 note 1). */
  readonly from: Date;
  readonly to: Date;
  /** The summaries flags set to Y, by J2 field name (schemas/codes/es-query-summary-flags.yaml). */
  readonly flags: readonly string[];
  /** The Collection/Bill Information Code, when given (ESQ-22 note 5). */
  readonly collectionBill?: string;
}

export type EsQueryRequest =
  | { readonly kind: 'refused'; readonly refusals: readonly Refusal[] }
  /** Each entry with the J1 record that names it. */
  | { readonly kind: 'entries'; readonly detail: boolean; readonly entries: readonly (QueriedEntry & { readonly record: TxRecord })[] }
  | { readonly kind: 'criteria'; readonly detail: boolean; readonly criteria: Criteria };

/** CBP's limit on a criteria query's range (ESQ-20 note 1, 012). */
const MAX_RANGE_DAYS = 31;

/**
 * Reads a query in the order its parts are checked: the J0's indicator (001), a query after it
 * (002), then every entry slot of the J1 records (003, 004, each echoing its slot) or the J2's
 * fields one after the other, the first problem refusing it (005..012, 017). `now` is the day the
 * query is sent (017).
 */
export function readRequest(query: EsQuery, catalog: Catalog, now: Date): EsQueryRequest {
  const refused = (...refusals: Refusal[]): EsQueryRequest => ({ kind: 'refused', refusals });
  // ESQ-17: Y or no J0 (001); ESQ-16: a query after it (002).
  if (query.detail && value(query.detail, 'returnDetail') !== 'Y') return refused({ code: ER.returnDetailNotY, record: query.detail, field: 'returnDetail' });
  const detail = query.detail !== undefined;
  if (query.criteria) {
    const criteria = readCriteria(query.criteria, catalog, now);
    return 'code' in criteria ? refused(criteria) : { kind: 'criteria', detail, criteria };
  }
  if (query.entryNumbers.length === 0) return refused({ code: ER.queryMissing, ...(query.detail && { record: query.detail }) });
  const entries: (QueriedEntry & { record: TxRecord })[] = [];
  const refusals: Refusal[] = [];
  for (const record of query.entryNumbers) {
    entrySlots(record).forEach((slot, i) => {
      const entry = { filer: value(record, slot.filer), entryNumber: value(record, slot.number) };
      // Slot 1 is mandatory; a later one is used when either of its fields is filled (ESQ-18).
      if (i > 0 && entry.filer === '' && entry.entryNumber === '') return;
      if (entry.filer === '') refusals.push({ code: ER.filerMissing, record, field: slot.filer, entry });
      else if (entry.entryNumber === '') refusals.push({ code: ER.entryNumberMissing, record, field: slot.number, entry });
      else entries.push({ ...entry, record });
    });
  }
  return refusals.length > 0 ? refused(...refusals) : { kind: 'entries', detail, entries };
}

function readCriteria(record: TxRecord, catalog: Catalog, now: Date): Criteria | Refusal {
  const refusal = (code: string, field: string): Refusal => ({ code, record, field });
  // The type of ESQ-19's list (005, 006 on ESQ-51).
  const type = value(record, 'criteriaType');
  if (type === '') return refusal(ER.typeMissing, 'criteriaType');
  if (!catalog.codes('es-query-criteria-types').has(type)) return refusal(ER.typeUnknown, 'criteriaType');
  // Both ends, MMDDYYHHMMSSXX (ESQ-19..20; 007..010 on ESQ-51).
  const fromText = value(record, 'fromDateTime');
  if (fromText === '') return refusal(ER.fromMissing, 'fromDateTime');
  const from = readDateTime(fromText);
  if (!from) return refusal(ER.fromUnknown, 'fromDateTime');
  const toText = value(record, 'toDateTime');
  if (toText === '') return refusal(ER.toMissing, 'toDateTime');
  const to = readDateTime(toText);
  if (!to) return refusal(ER.toUnknown, 'toDateTime');
  // ESQ-20 note 1: from before to, at most 31 days; dictionary 017: not after the query's day.
  if (to < from) return refusal(ER.toBeforeFrom, 'toDateTime');
  // The days the range names, both ends counted: 120000AM on the 1st to 115959PM on the 31st is 31.
  if ((utcDay(to) - utcDay(from)) / DAY_MS + 1 > MAX_RANGE_DAYS) return refusal(ER.rangeTooLong, 'toDateTime');
  if (utcDay(to) > utcDay(now)) return refusal(ER.futureTo, 'toDateTime');
  const flags = catalog.codes('es-query-summary-flags').codes.filter((flag) => value(record, flag) === 'Y');
  const collectionBill = value(record, 'collectionBill');
  return { type, from, to, flags, ...(collectionBill !== '' && { collectionBill }) };
}

/** Midnight UTC of a moment's day, in milliseconds. */
const utcDay = (date: Date): number => Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
