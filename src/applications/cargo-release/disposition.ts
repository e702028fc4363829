import { value } from '../shared/record.js';
import type { MessageType } from './answer.js';
import { filedFrom, updatedFiling } from './filed.js';
import { NOT_PROCESSED, type ReleaseLifecycle, type ReleaseState } from './release-store.js';
import type { CargoReleaseTx } from './transaction.js';

/** What an accepted transaction does: its message-level SE90 type and the release it leaves on file (none: unchanged). */
export interface Disposition {
  readonly messageType: MessageType;
  readonly next?: ReleaseState;
}

/** Lifecycle marks a scenario sets on the release (e.g. under CBP review, so that a later replace is referred). */
export type LifecycleMarks = Partial<Pick<ReleaseLifecycle, 'underReview'>>;

/** What besides the rules decides a transaction's disposition. */
export interface DisposeOptions {
  /** Accepted with a warning (03 rather than 02). */
  readonly warnings: boolean;
  /** ISO time of the answer. */
  readonly at: string;
  readonly marks?: LifecycleMarks;
  /** Referred to CBP staff by a scenario (`outcome: review`): 04, a replace or cancel becoming a request. */
  readonly review?: boolean;
}

/**
 * The actions table (SE-23..25, SE-32..33) for a transaction with no fatal condition:
 * - A adds the entry;
 * - R replaces it at once before any bill match, arrival or release and with no CBP review or hold
 *   pending; otherwise it becomes a correction request decided by CBP staff (04, the release
 *   unchanged, the request pending with the filing it asks for, which an SO 88 ENTRY REPLACED puts
 *   on file). The text names review and "arrived, not released" as making a request;
 *   ace-mock also counts a bill match or a release before arrival, since approval at once is only
 *   promised "prior to any bill match" (docs/conformance.md);
 * - D cancels it at once before any bill match and with no review or hold pending, unreleased; otherwise it
 *   becomes a cancellation request (04). A cancelled entry stays on file, cancelled (SE-17);
 * - U changes the port of entry, bill and transport data and the location of goods at once (SE-25;
 *   filed.ts).
 * Accepted with a warning is 03, else 02. A scenario's `review` refers the transaction to CBP staff
 * (04, SE-83): an add or update is taken on file under review, a replace or cancel becomes a request.
 */
export function dispose(tx: CargoReleaseTx, onFile: ReleaseState | undefined, options: DisposeOptions): Disposition {
  const { at, marks = {}, review = false } = options;
  const action = value(tx.header, 'actionCode');
  const accepted: MessageType = review ? '04' : options.warnings ? '03' : '02';
  const mark = (lifecycle: ReleaseLifecycle): ReleaseLifecycle => ({ ...lifecycle, ...(review && { underReview: true }), ...marks });
  if (!onFile || onFile.status === 'cancelled') {
    // Only an add (or a scenario forcing acceptance) gets here without an entry to act on.
    if (action !== 'A' && action !== 'R') return { messageType: accepted };
    return { messageType: accepted, next: { status: 'accepted', origin: 'SE', entryType: value(tx.header, 'entryType'), filed: filedFrom(tx), firstAcceptedAt: at, lifecycle: mark(NOT_PROCESSED) } };
  }
  const l = onFile.lifecycle;
  // A hold by CBP or an agency is a review pending (SE-23..24 name Document Requested and Intensive).
  const untouched = !review && !l.billMatched && !l.underReview && l.holds.length === 0 && !l.arrived && l.releasedAt === undefined;
  switch (action) {
    case 'A':
    case 'R':
      if (action === 'R' && !untouched) return { messageType: '04', next: { ...onFile, requested: filedFrom(tx), lifecycle: mark({ ...l, pendingRequest: 'correction' }) } };
      return { messageType: accepted, next: { ...onFile, entryType: value(tx.header, 'entryType'), filed: filedFrom(tx), lifecycle: mark(l) } };
    case 'D':
      if (!untouched) return { messageType: '04', next: { ...onFile, lifecycle: mark({ ...l, pendingRequest: 'cancellation' }) } };
      return { messageType: accepted, next: { ...onFile, status: 'cancelled', lifecycle: mark(l) } };
    case 'U':
      return { messageType: accepted, next: { ...onFile, filed: updatedFiling(onFile.filed, tx), lifecycle: mark(l) } };
    default:
      return { messageType: accepted };
  }
}
