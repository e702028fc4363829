import type { Catalog } from '../../catair/catalog.js';
import { writeRecord } from '../../catair/record.js';
import type { Severity } from '../../catair/dictionary.js';
import type { ConditionReport } from '../application.js';
import { wording } from '../shared/scripting.js';
import { mmddyy } from '../../catair/batch-output.js';
import type { TxRecord } from '../shared/record.js';

/** One CJ2 row to write: an outstanding warning of an entry's line, or a CL condition. */
export type QueryRow =
  | { readonly kind: 'warning'; readonly entryNumber: string; readonly acceptedAt: string; readonly line: string; readonly warning: string }
  | {
      readonly kind: 'condition';
      readonly code: string;
      readonly field?: string;
      readonly entryNumber?: string;
      readonly acceptedAt?: string;
      /** A scenario's own wording of its code (a custom code, or another severity). */
      readonly narrative?: string;
      readonly severity?: Severity;
    };

/**
 * The entry's port: ace-mock's entry state does not keep it, and CBP writes 0000 when the port is
 * unknown or was not sent (as in real CL output).
 */
const UNKNOWN_PORT = '0000';

/**
 * The CJ2 records answering one query, and the same answers as condition reports for the journal
 * (a warning row reports the warning with severity W). `filer` is the CJ1's entry filer, echoed on
 * every row (blank when it was missing: 003). `response` is the output application (CL), whose own
 * codes the dictionary looks up first: CL's 006 is not EQ's 006.
 */
export function writeQueryAnswer(
  catalog: Catalog,
  response: string,
  query: TxRecord,
  filer: string,
  rows: readonly QueryRow[],
): { records: string[]; reports: ConditionReport[] } {
  const layout = catalog.layout('CJ2');
  const warnings = catalog.codes('census-warnings');
  const records: string[] = [];
  const reports: ConditionReport[] = [];
  for (const row of rows) {
    const common = {
      port: UNKNOWN_PORT,
      // Brief's choice: the day the entry was first accepted (the state keeps no "last accepted"
      // day apart from updated_at, which a CW override also moves).
      acceptedDate: row.acceptedAt === undefined ? undefined : mmddyy(new Date(row.acceptedAt)),
      entryFiler: filer,
      entryNumber: row.entryNumber,
    };
    if (row.kind === 'warning') {
      // The HTS number stays blank: the entry state keeps a warning's line, not its tariff, and CBP
      // leaves it blank too for warnings not tied to an HTS (27H).
      records.push(writeRecord(layout, { ...common, lineNumber: row.line, warning: row.warning }));
      reports.push({
        code: row.warning,
        severity: 'W',
        narrative: warnings.get(row.warning)?.title ?? '',
        reference: `ENTRY ${row.entryNumber} LINITM ${row.line}`,
        position: query.position,
      });
      continue;
    }
    const { severity, narrative } = wording(catalog, response, row);
    // The CJ2 narrative field is 30 characters: writeRecord cuts the dictionary text to it, as CBP does.
    records.push(writeRecord(layout, { ...common, condition: row.code, narrative }));
    reports.push({
      code: row.code,
      severity,
      narrative,
      reference: row.entryNumber === undefined ? 'QUERY' : `ENTRY ${row.entryNumber}`,
      position: query.position,
      ...(row.field !== undefined && { field: row.field }),
    });
  }
  return { records, reports };
}
