import type { FiledSummary } from './entry-store.js';
import { headerRecord } from './rules/rule.js';
import type { EntrySummaryTx } from './transaction.js';
import { type TxRecord, value } from '../shared/record.js';

/**
 * Header data elements left out when telling whether a PSC changed the header (283): those that
 * identify the summary or the filing, those with their own PSC check (entry type: 281/282; port:
 * B44; importer: 286) and those a PSC may not carry at all (ESF-184: cargo release, consolidation,
 * live, reconciliation, payment and statement fields, location of goods). ESF-185 counts none of
 * them as a header change.
 */
const NOT_HEADER_CHANGES: Readonly<Record<string, readonly string[]>> = {
  '10': [
    'actionCode', 'entryFiler', 'entryNumber', 'port', 'brokerReference', 'entryType', 'cargoReleaseCertification',
    'consolidatedSummary', 'liveEntry', 'reconciliationFlag', 'reconciliationIssue', 'paymentType', 'statementPrintDate',
    'periodicStatementMonth', 'statementClientBranch', 'pscIndicator', 'acceleratedLiquidation',
  ],
  '11': ['importerNumber'],
  '20': ['locationOfGoods'],
};
/** Header records that are the PSC's own (35 reasons, 36 explanation) or not allowed on one (32). */
const NOT_COMPARED_RECORDS = new Set(['32', '35', '36']);

/** What the accepted filing leaves on file for later filings to be checked against. */
export function filedSummary(tx: EntrySummaryTx, acceptedAt: string): FiledSummary {
  return {
    port: value(tx.header, 'port'),
    importer: value(headerRecord(tx, '11'), 'importerNumber'),
    entryDate: entryDate(tx) ?? acceptedAt.slice(0, 10),
    reconciliation: value(tx.header, 'reconciliationFlag') !== '' || value(tx.header, 'reconciliationIssue') !== '',
    header: headerElements(tx),
  };
}

/**
 * The entry date CBP would count B48 from. CBP determines it; the filing carries the estimated entry
 * date (11 record 42-47), which ace-mock takes, else the day the summary was first accepted.
 */
function entryDate(tx: EntrySummaryTx): string | undefined {
  const mmddyy = value(headerRecord(tx, '11'), 'estimatedEntryDate');
  if (!/^\d{6}$/.test(mmddyy)) return undefined;
  return `20${mmddyy.slice(4, 6)}-${mmddyy.slice(0, 2)}-${mmddyy.slice(2, 4)}`;
}

/** The header data elements a PSC may change, as one text that differs when any of them does. */
export function headerElements(tx: EntrySummaryTx): string {
  const records = [tx.header, ...tx.headerRecords.filter((r) => !NOT_COMPARED_RECORDS.has(r.id))];
  return records.map(elementsOf).join('\n');
}

function elementsOf(record: TxRecord): string {
  if (!record.layout) return record.text.trimEnd();
  const skip = NOT_HEADER_CHANGES[record.id] ?? [];
  const fields = record.layout.fields.filter((f) => f.class !== 'S' && !f.name.startsWith('filler') && f.literal === undefined && !skip.includes(f.name));
  return `${record.id}:${fields.map((f) => `${f.name}=${value(record, f.name)}`).join('|')}`;
}
