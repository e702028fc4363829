import type { EsCondition } from '../transaction.js';
import { type TxRecord, value } from '../../shared/record.js';
import { carriesSummary, headerRecord, type Rule, SUMMARY } from './rule.js';

/** A data element ESF-134..135 makes mandatory (M) for some entry types, and its dictionary code. */
interface Requirement {
  readonly record: '10' | '11' | '40';
  readonly field: string;
  readonly code: string;
  readonly types: ReadonlySet<string>;
}

const ENTRY_SUMMARY_TYPES = ['01', '02', '03', '06', '07', '11', '12', '21', '22', '23', '31', '32', '34', '38', '51', '52'];
const allBut = (...excluded: string[]): ReadonlySet<string> => new Set(ENTRY_SUMMARY_TYPES.filter((t) => !excluded.includes(t)));

/**
 * The M cells of ESF-134..135 (usage note e) for single fields with a "missing" code. The table's
 * columns are the entry summary types in the order above (the headings did not survive in our copy
 * of the text; the MOT row matches the dictionary's 164 list exactly). Where the dictionary says
 * more or less than the table, ace-mock follows the table:
 * - 124: dictionary "31-38"; ESF-134 also makes the estimated entry date M for 22 (re-warehouse).
 * - 127: dictionary "21 and 23, and NAFTA reconciliation claims"; the reconciliation case is a C
 *   cell (ESF-134 note 4, usage note aa) left to a later rule.
 * - 132: dictionary "if left blank"; ESF-134 gives A for the informal types 11 and 12.
 * - 410, 418: the dictionary gives no entry type; ESF-135 gives A for 06 (FTZ). (The dictionary's
 *   418 names positions 11-12; the export date is 13-18 on ESF-66.)
 * C cells are not checked here; the parties of the table (consignee, 47 article parties) are
 * data of their own, checked by parties.ts.
 */
const REQUIREMENTS: readonly Requirement[] = [
  { record: '10', field: 'modeOfTransport', code: '164', types: new Set(['01', '02', '03', '07', '21', '23', '51', '52']) },
  { record: '11', field: 'estimatedEntryDate', code: '124', types: new Set(['22', '31', '32', '34', '38']) },
  { record: '11', field: 'importDate', code: '127', types: new Set(['21', '23']) },
  { record: '11', field: 'stateOfDestination', code: '132', types: allBut('11', '12') },
  { record: '40', field: 'countryOfExport', code: '410', types: allBut('06') },
  { record: '40', field: 'exportDate', code: '418', types: allBut('06') },
];

/** Fields an add or replace must report for its entry type (ESF-134..135): blank ones get their code. */
export const entryTypeRequirements: Rule = (tx) => {
  if (!carriesSummary(tx)) return [];
  const type = value(tx.header, 'entryType');
  const found: EsCondition[] = [];
  for (const { record, field, code, types } of REQUIREMENTS) {
    if (!types.has(type)) continue;
    if (record === '40') {
      for (const line of tx.lines) {
        if (value(line.record, field) === '') found.push({ code, ref: { kind: 'line', line }, record: line.record, field });
      }
      continue;
    }
    const r: TxRecord | undefined = record === '10' ? tx.header : headerRecord(tx, record);
    if (r && value(r, field) === '') found.push({ code, ref: SUMMARY, record: r, field });
  }
  return found;
};
