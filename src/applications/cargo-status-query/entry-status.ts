import type { Catalog } from '../../catair/catalog.js';
import { type ReleaseFiling, readReleaseFiling, recordsOnFile } from '../cargo-release/release-filing.js';
import type { ReleaseState } from '../cargo-release/release-store.js';
import { headerOfFiling, type ProcessingResult, type ReleaseStatus, type StatusHeader } from '../cargo-release/status-records.js';
import type { EntryKey } from '../shared/entry-key.js';

/** The entry a WO answer is about: its header fields, and the filing its other records repeat when ace-mock keeps it. */
export interface QueriedEntry {
  readonly header: StatusHeader;
  readonly filing?: ReleaseFiling;
}

/** How far back a query by entry number reaches: entries up to six months old (ACMQ-12, ACMQ-13). */
const MAX_AGE_MONTHS = 6;
/** Bill match codes (ACMQ-53 note 1) and processing results (ACMQ-54..55) ace-mock reads from the release's lifecycle. */
const NO_BILL_MATCH = '91';
const BILL_ON_FILE = '93';
const BILL_ARRIVED = '95';
const UNDER_REVIEW = '90';
const RELEASED = '98';
const CANCELLED = '23';

/**
 * Whether a query by entry number finds the release: on file (accepted or cancelled: a cancelled
 * entry stays on file, SE-17) and first accepted no more than six months before `now`. ace-mock
 * keeps no entry date for a release; the day it was first accepted stands for it.
 */
export function withinQueryReach(release: ReleaseState, now: Date): boolean {
  const oldest = new Date(now);
  oldest.setUTCMonth(oldest.getUTCMonth() - MAX_AGE_MONTHS);
  return new Date(release.firstAcceptedAt) >= oldest;
}

/**
 * The entry as a WO answer names it: from the SE filing kept on file (its SE10, SE11, SE15/SE16,
 * SE20, SE40/SE60, as release notifications repeat it), the port an update (U) moved it to winning;
 * for a release certified from an entry summary, which keeps no records, the facts the release
 * keeps (port, importer, entry type). Carrier, vessel, voyage and arrival date stay blank there:
 * the summary's transport data (its 20 record) is not kept with the release. Without a release on
 * file (a scripted status), only the filer and entry number queried.
 */
export function queriedEntry(catalog: Catalog, key: EntryKey, release: ReleaseState | undefined): QueriedEntry {
  const ids = { entryFiler: key.filer, entryNumber: key.entryNumber };
  if (!release) return { header: ids };
  const { filed } = release;
  const port: StatusHeader = /^\d{4}$/.test(filed.port) ? { port: filed.port } : {};
  if (!filed.records) return { header: { ...ids, ...port, entryType: release.entryType, importerNumber: filed.importer } };
  const filing = readReleaseFiling(recordsOnFile(catalog, filed.records));
  return { header: { ...headerOfFiling(filing), ...port }, filing };
}

/**
 * Where the release stands, from its lifecycle (release-store.ts): each bill 95 BILL ARRIVED once
 * the shipment arrived, else 93 BILL ON FILE once a bill matched, else 91 NO BILLMATCH; then the
 * processing results 90 UNDER CBP REVIEW, 98 RELEASED (with the release date) and 23 ENTRY
 * CANCELLED, as they apply. Dates and times are those the release keeps: the first acceptance for
 * 91 (the match CBP tried when the filing came), the release time for 98. The lifecycle does not
 * keep when a bill matched, the shipment arrived, the review began or the entry was cancelled, so
 * those records leave their date and time blank. ace-mock keeps no release origin (the text marks
 * the codes for future use, ACMQ-56 note 2), no PGA reviews and no decided requests: none are written.
 */
export function statusOnFile(release: ReleaseState): ReleaseStatus {
  const l = release.lifecycle;
  const bill = l.arrived ? { code: BILL_ARRIVED } : l.billMatched ? { code: BILL_ON_FILE } : { code: NO_BILL_MATCH, at: new Date(release.firstAcceptedAt) };
  const results: ProcessingResult[] = [
    ...(l.underReview ? [{ code: UNDER_REVIEW }] : []),
    ...(l.releasedAt !== undefined ? [{ code: RELEASED, at: new Date(l.releasedAt) }] : []),
    ...(release.status === 'cancelled' ? [{ code: CANCELLED }] : []),
  ];
  return { bill, results, pga: [] };
}
