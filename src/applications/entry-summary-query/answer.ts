import type { Catalog } from '../../catair/catalog.js';
import type { Severity } from '../../catair/dictionary.js';
import { writeRecord } from '../../catair/record.js';
import type { ConditionReport } from '../application.js';
import { wording } from '../shared/scripting.js';
import { type TxRecord, value } from '../shared/record.js';
import { detailRecords } from './detail.js';
import type { QueriedEntry } from './request.js';
import { type SummaryFacts, summaryRecords } from './summary.js';

/** One part of an ER answer, in answer order: a summary's records, or a JZ condition. */
export type AnswerRow =
  | { readonly kind: 'summary'; readonly facts: SummaryFacts; readonly detail: boolean }
  | {
      readonly kind: 'condition';
      readonly code: string;
      /** The entry it concerns, echoed in the JZ. */
      readonly entry?: QueriedEntry;
      /** The input record and field it was found at. */
      readonly record?: TxRecord;
      readonly field?: string;
      /** A scenario's own wording of its code (a custom code, or another severity). */
      readonly narrative?: string;
      readonly severity?: Severity;
    };

/**
 * The JZ's port: a JZ is about the query or an entry ace-mock does not answer for (not found, not
 * the filer's), so no port is known; 0000, as ace-mock's CL answer writes an unknown port.
 */
const UNKNOWN_PORT = '0000';

/**
 * The ER records answering one query, and its conditions as reports for the journal: the JA echo
 * of a J2 first (ESQ-24), then the rows in order, each summary's status records followed by its
 * detail when asked for (ESQ-52), each condition a JZ (ESQ-50). `response` is the output
 * application (ER), whose own codes the dictionary looks up first.
 */
export function writeAnswer(
  catalog: Catalog,
  response: string,
  criteria: TxRecord | undefined,
  collectionBill: string | undefined,
  rows: readonly AnswerRow[],
): { records: string[]; reports: ConditionReport[] } {
  const records: string[] = [];
  const reports: ConditionReport[] = [];
  if (criteria) {
    records.push(
      writeRecord(catalog.layout('JA'), {
        criteriaType: value(criteria, 'criteriaType'),
        fromDateTime: value(criteria, 'fromDateTime'),
        toDateTime: value(criteria, 'toDateTime'),
      }),
    );
  }
  const requested = collectionBill === undefined ? undefined : catalog.codes('es-query-collection-bill-codes').get(collectionBill);
  for (const row of rows) {
    if (row.kind === 'summary') {
      records.push(...summaryRecords(catalog, row.facts, requested));
      if (row.detail && row.facts.filing) records.push(...detailRecords(row.facts.filing.records, catalog));
      continue;
    }
    const { severity, narrative } = wording(catalog, response, row);
    records.push(
      writeRecord(catalog.layout('JZ'), {
        condition: row.code,
        narrative,
        entryFiler: row.entry?.filer,
        entryNumber: row.entry?.entryNumber,
        port: UNKNOWN_PORT,
      }),
    );
    reports.push({
      code: row.code,
      severity,
      narrative,
      reference: row.entry === undefined ? 'QUERY' : `ENTRY ${row.entry.filer} ${row.entry.entryNumber}`,
      ...(row.record !== undefined && { position: row.record.position }),
      ...(row.field !== undefined && { field: row.field }),
    });
  }
  return { records, reports };
}
