import type { Catalog } from '../catair/catalog.js';
import type { StatementEntry, StatementGrouping } from './statement.js';

/** The two characters after an IRS number (NN-NNNNNNN): its suffix (ESF-136). */
const SUFFIX_LENGTH = 2;

/**
 * The statement a summary goes on, as the fields that set it apart: summaries with equal groupings
 * share a statement. The processing port, print date and payment type always count, and the filer
 * (ESF-31: every statement payment type batches by filer code); importer statements also count the
 * importer of record, with or without its suffix as the payment type says (ESF-31,
 * schemas/codes/statement-payment-types.yaml); a client branch, when used, splits further (ESF-32,
 * Daily Statement p. 11).
 */
export function statementGrouping(catalog: Catalog, entry: StatementEntry): StatementGrouping {
  const byImporter = catalog.codes('statement-payment-types').get(entry.paymentType)?.['importer'];
  return {
    processingPort: entry.processingPort,
    filer: entry.filer,
    printDate: entry.printDate,
    paymentType: entry.paymentType,
    importer: byImporter === 'full' ? entry.importer : byImporter === 'withoutSuffix' ? withoutSuffix(catalog, entry.importer) : '',
    clientBranch: entry.clientBranch,
  };
}

/** An importer of record number without the suffix of an IRS number; other formats have none (ESF-136). */
function withoutSuffix(catalog: Catalog, importer: string): string {
  const irsNumber = catalog.codes('importer-number-formats').get('EIN')?.['pattern'];
  return typeof irsNumber === 'string' && new RegExp(irsNumber).test(importer) ? importer.slice(0, -SUFFIX_LENGTH) : importer;
}
