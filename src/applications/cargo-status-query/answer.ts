import type { Catalog } from '../../catair/catalog.js';
import type { Severity } from '../../catair/dictionary.js';
import { writeRecord } from '../../catair/record.js';
import type { ConditionReport } from '../application.js';
import { wording } from '../shared/scripting.js';
import type { TxRecord } from '../shared/record.js';
import type { StatusQuery } from './request.js';

/** A condition that refuses a query: a built-in one, or one a scenario lists (with its own wording, if it gives one). */
export interface QueryCondition {
  readonly code: string;
  readonly field?: string;
  readonly narrative?: string;
  readonly severity?: Severity;
}

/** The entry number fields of WR1 and WR0 are 9 positions, the number right-justified (ACMQ-13). */
const ENTRY_NUMBER_WIDTH = 9;

/**
 * The error records of a refused query, one per condition, and the same as condition reports for
 * the journal: WR0 for an entry query (ACMQ-21), WSA for an in-bond or ocean/rail/truck bill query
 * (ACMQ-22), WSB for an air waybill query (ACMQ-23), each echoing what the query named. The
 * narratives are C1's (the dictionary looks up the output application's own codes first), cut to
 * the 40 positions of the narrative field.
 */
export function writeQueryErrors(
  catalog: Catalog,
  response: string,
  record: TxRecord,
  query: StatusQuery,
  conditions: readonly QueryCondition[],
): { records: string[]; reports: ConditionReport[] } {
  const records: string[] = [];
  const reports: ConditionReport[] = [];
  for (const c of conditions) {
    const { narrative, severity } = wording(catalog, response, c);
    records.push(errorRecord(catalog, query, c.code, narrative));
    reports.push({ code: c.code, severity, narrative, reference: referenceOf(query), position: record.position, ...(c.field !== undefined && { field: c.field }) });
  }
  return { records, reports };
}

function errorRecord(catalog: Catalog, query: StatusQuery, errorCode: string, narrative: string): string {
  switch (query.kind) {
    case 'entry':
      return writeRecord(catalog.layout('WR0'), {
        entryFiler: query.filer,
        entryNumber: query.entryNumber === '' ? '' : query.entryNumber.padStart(ENTRY_NUMBER_WIDTH),
        errorCode,
        narrative,
      });
    case 'in-bond':
    case 'bill':
      return writeRecord(catalog.layout('WSA'), { inBondNumber: query.inBondNumber, issuerCode: query.issuer, billNumber: query.billNumber, errorCode, narrative });
    case 'air-waybill':
      return writeRecord(catalog.layout('WSB'), { airWaybill: query.airWaybill, houseAirWaybill: query.houseAirWaybill, errorCode, narrative });
  }
}

/** What the journal names as the condition's object: the entry, in-bond, bill or air waybill queried. */
export function referenceOf(query: StatusQuery): string {
  switch (query.kind) {
    case 'entry':
      return `ENTRY ${query.filer}-${query.entryNumber}`;
    case 'in-bond':
      return `IN-BOND ${query.inBondNumber}`;
    case 'bill':
      return `BILL ${query.issuer} ${query.billNumber}`;
    case 'air-waybill':
      return `AWB ${query.airWaybill}${query.houseAirWaybill === '' ? '' : ` HOUSE ${query.houseAirWaybill}`}`;
  }
}
