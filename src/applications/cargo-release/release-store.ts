import type { EntryEvent } from '../entry-summary/entry-store.js';
import type { EntryKey } from '../shared/entry-key.js';

/**
 * What ace-mock keeps of an entry's cargo release: the SE side of the entry, whose AE side is the
 * entry summary state (entry-summary/entry-store.ts). One entry number, two filings: the store
 * keeps both on the entry's one row, so each application sees what the other filed.
 */
export interface ReleaseState {
  /** A cancelled entry stays on file as cancelled, its number never used again (SE-17). */
  readonly status: 'accepted' | 'cancelled';
  /** Filed in SE, or created from an entry summary certified for cargo release (ESF-35 note 5, ESF-180 (ee)). */
  readonly origin: 'SE' | 'AE';
  readonly entryType: string;
  readonly filed: FiledRelease;
  readonly firstAcceptedAt: string;
  readonly lifecycle: ReleaseLifecycle;
}

/** Facts of the release on file that later filings are checked against. */
export interface FiledRelease {
  /** Planned port of entry (SE10 50-54; the 10 record port when certified from a summary). */
  readonly port: string;
  readonly importer: string;
  readonly modeOfTransport: string;
  readonly bondType: string;
  /** Immediate delivery asked for (SE11 position 80): it cannot be taken back once released or summarised (SE-41 note 9). */
  readonly immediateDelivery: boolean;
  /** A type 06 weekly entry (SE11 election W): only it may be cancelled with reason 12 (SE-42). */
  readonly weeklyEntry: boolean;
  /** The bill and in-bond numbers of its SE15 records. */
  readonly bills: readonly string[];
  /**
   * The 80-column records of the SE add or replace on file, in input order: what a release
   * notification about a later cancel (SE10 and SE13 only, SE-24) repeats of the entry. None for a
   * release certified from an entry summary.
   */
  readonly records?: readonly string[];
}

/**
 * Where the release stands on CBP's side: bill match, arrival, review and release come from CBP's
 * data, not from the filing, so only scenarios, notifications and tests set them. A replace or
 * cancel that CBP staff must decide leaves a pending request (SE-23, SE-24).
 */
export interface ReleaseLifecycle {
  /** Pending a CBP review, e.g. documents requested or an intensive exam (SE-23, SE-24). */
  readonly underReview: boolean;
  /** At least one bill of the entry matched to a manifest (SE-24). */
  readonly billMatched: boolean;
  /** The shipment arrived (SE-23). */
  readonly arrived: boolean;
  /** When CBP released the entry, ISO time (SE-23, SE-25: updates for 15 days after). */
  readonly releasedAt?: string;
  /** A replace or cancel referred to CBP staff and not yet decided (SE-23, SE-24; CSMS #15-000938). */
  readonly pendingRequest?: 'correction' | 'cancellation';
}

export const NOT_PROCESSED: ReleaseLifecycle = { underReview: false, billMatched: false, arrived: false };

/** The release port the Cargo Release application declares (and the Entry Summary application reads); SQLite implements it. */
export interface CargoReleaseStore {
  release(key: EntryKey): ReleaseState | undefined;
  putRelease(key: EntryKey, state: ReleaseState, event: EntryEvent): void;
}
