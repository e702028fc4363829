import type { Catalog } from '../../catair/catalog.js';
import { writeRecord } from '../../catair/record.js';
import type { ConditionReport } from '../application.js';
import { value } from '../shared/record.js';
import { wording } from '../shared/scripting.js';
import type { OverrideTx, PairDisposition } from './transaction.js';

/**
 * The CW03 records of one override request, one per pair (CBP echoes filer, entry, line, warning and
 * override with the pair's condition code), and the same answers as condition reports for the
 * journal. `response` is the output application (CO), whose own codes the dictionary looks up first.
 */
export function writeOverrideAnswer(
  catalog: Catalog,
  response: string,
  tx: OverrideTx,
  dispositions: readonly PairDisposition[],
): { records: string[]; reports: ConditionReport[] } {
  const layout = catalog.layout('CW03');
  const entryFiler = value(tx.header, 'entryFiler');
  const entryNumber = value(tx.header, 'entryNumber');
  const records: string[] = [];
  const reports: ConditionReport[] = [];
  for (const d of dispositions) {
    const { pair, code, field } = d;
    const { severity, narrative } = wording(catalog, response, d);
    records.push(
      writeRecord(layout, {
        entryFiler,
        entryNumber,
        lineNumber: pair.line,
        warning: pair.warning,
        override: pair.override,
        condition: code,
        narrative,
      }),
    );
    // Entry-level codes (C02-C04, B30) point at the CW01 field; the others at the pair in its CW02.
    const onHeader = field === 'entryFiler' || field === 'entryNumber';
    reports.push({
      code,
      severity,
      narrative,
      reference: `LINITM ${pair.line} CENWRN ${pair.warning} ${pair.override}`,
      position: onHeader ? tx.header.position : pair.record.position,
      field,
    });
  }
  return { records, reports };
}
