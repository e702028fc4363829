import { type FiledRelease, NOT_PROCESSED, type ReleaseState } from '../cargo-release/release-store.js';
import { value } from '../shared/record.js';
import type { EntrySummaryTx } from './transaction.js';

/** Whether the summary asks CBP to process it for cargo release: 10 record position 40 = A (ESF-35, ESF-180 (ee)). */
export const certifiesForRelease = (tx: EntrySummaryTx): boolean => value(tx.header, 'cargoReleaseCertification') === 'A';

/**
 * The cargo release an accepted summary certified for cargo release puts on file: CBP creates the
 * entry for the release of the cargo from the summary's data (ESF-35 note 5, ESF-180 (ee)), so the
 * entry number is then an entry on file for SE (an SE add of it is 007, SE-17). A certifying replace
 * of an entry whose release is on file replaces the release's data (ESF-41), keeping where CBP's
 * processing stands; a cancelled release stays cancelled (SE-17). Undefined: nothing to file.
 */
export function certifiedRelease(tx: EntrySummaryTx, onFile: ReleaseState | undefined, at: string): ReleaseState | undefined {
  if (!certifiesForRelease(tx) || onFile?.status === 'cancelled') return undefined;
  const entryType = value(tx.header, 'entryType');
  const filed = filedFromSummary(tx);
  if (onFile) return { ...onFile, entryType, filed: { ...filed, immediateDelivery: onFile.filed.immediateDelivery, weeklyEntry: onFile.filed.weeklyEntry } };
  return { status: 'accepted', origin: 'AE', entryType, filed, firstAcceptedAt: at, lifecycle: NOT_PROCESSED };
}

function filedFromSummary(tx: EntrySummaryTx): FiledRelease {
  const record = (id: string) => tx.headerRecords.find((r) => r.id === id);
  return {
    port: value(tx.header, 'port'),
    importer: value(record('11'), 'importerNumber'),
    modeOfTransport: value(tx.header, 'modeOfTransport'),
    bondType: value(record('31'), 'bondType'),
    immediateDelivery: false,
    weeklyEntry: false,
    bills: tx.headerRecords.filter((r) => r.id === '23').map((r) => value(r, 'componentId')),
  };
}
