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
  /** The filing a pending correction request asks for (a replace referred to CBP): CBP's approval, SO 88 ENTRY REPLACED, puts it on file (SE-23). */
  readonly requested?: FiledRelease;
  /**
   * What the SO notices queued for the entry change once they are due, in due order (release-as-of.ts):
   * the state on file is the state as of the last transaction, and a reader asks for it as of its
   * own time, so no scheduler is needed and a later clock sees the notices that have come.
   */
  readonly scheduled?: readonly ScheduledChange[];
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
 * Where the release stands on CBP's side: bill match, arrival, review, holds and release come from
 * CBP's data, not from the filing, so only scenarios, the SO notices they queue and tests set them.
 * A replace or cancel that CBP staff must decide leaves a pending request (SE-23, SE-24).
 */
export interface ReleaseLifecycle {
  /** Pending a CBP review, e.g. documents requested or an intensive exam (SE-23, SE-24). */
  readonly underReview: boolean;
  /** At least one bill of the entry matched to a manifest (SE-24). */
  readonly billMatched: boolean;
  /** The shipment arrived (SE-23). */
  readonly arrived: boolean;
  /**
   * Who holds the goods: CBP by the hold its SO50 bill code names (`holder` in
   * cargo-release-bill-dispositions.yaml), an agency by its code (SO70). A hold is a review pending.
   */
  readonly holds: readonly string[];
  /** When CBP released the entry, ISO time (SE-23, SE-25: updates for 15 days after). */
  readonly releasedAt?: string;
  /** A replace or cancel referred to CBP staff and not yet decided (SE-23, SE-24; CSMS #15-000938). */
  readonly pendingRequest?: 'correction' | 'cancellation';
}

export const NOT_PROCESSED: ReleaseLifecycle = { underReview: false, billMatched: false, arrived: false, holds: [] };

/**
 * What an SO notice says happened to the release (the `lifecycle` attribute of its codes in
 * cargo-release-dispositions, -bill-dispositions, -release-origins and pga-review-statuses):
 * - released: released at the notice's time (releasedAt); releaseWithdrawn: no longer released;
 * - cancelled: the entry cancelled, any request with it;
 * - underReview / reviewEnded: a CBP review (documents, exam) pending or over;
 * - billMatched / billUnmatched / arrived: the bills matched to a manifest, not (any longer), arrived;
 * - hold / holdLifted: a hold by `by` set or lifted; holdsLifted: every hold lifted;
 * - correctionRequested / cancellationRequested: a request pending with CBP; requestRejected: it is
 *   refused; replaced: the correction requested is put on file.
 */
export type NoticeEffect =
  | { readonly effect: Exclude<NoticeEffectName, 'hold' | 'holdLifted'> }
  | { readonly effect: 'hold' | 'holdLifted'; readonly by: string };

export const NOTICE_EFFECTS = [
  'released',
  'releaseWithdrawn',
  'cancelled',
  'underReview',
  'reviewEnded',
  'billMatched',
  'billUnmatched',
  'arrived',
  'hold',
  'holdLifted',
  'holdsLifted',
  'correctionRequested',
  'cancellationRequested',
  'requestRejected',
  'replaced',
] as const;
export type NoticeEffectName = (typeof NOTICE_EFFECTS)[number];

/** One notice's change to the release, from its due time (ISO) on. */
export interface ScheduledChange {
  readonly at: string;
  readonly effects: readonly NoticeEffect[];
}

/** The release port the Cargo Release application declares (and the Entry Summary application reads); SQLite implements it. */
export interface CargoReleaseStore {
  /** The entry's release as it stands at `asOf`: with the scheduled changes due by then applied (releaseAsOf). */
  release(key: EntryKey, asOf: Date): ReleaseState | undefined;
  putRelease(key: EntryKey, state: ReleaseState, event: EntryEvent): void;
}
