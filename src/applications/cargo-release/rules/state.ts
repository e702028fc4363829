import { SX } from '../conditions.js';
import type { ReleaseState } from '../release-store.js';
import type { CrCondition } from '../transaction.js';
import { actionOf, entryTypeOf, on, type Rule } from './rule.js';
import { DAY_MS } from '../../../clock/duration.js';

/** An update may correct bill, manifest and port data up to 15 calendar days after release (SE-23, SE-25). */
const UPDATE_DAYS_AFTER_RELEASE = 15;

/**
 * The action against the entry on file (SE-17, SE-23..25, SE-32): an add needs a number never used,
 * not even by a cancelled entry or an entry summary certified for cargo release (007); a replace,
 * update or cancel needs the entry (008), not cancelled (M15), with no replace or cancel waiting for
 * CBP's decision (M18, CSMS #15-000938); a replace is refused once the shipment arrived and was
 * released (M16), an update more than 15 days after release (M17); neither changes the entry type
 * (210). Whether an accepted replace or cancel is approved at once or referred to CBP staff is the
 * outcome's business (action.ts), not a condition.
 */
export const actionOnFile: Rule = (tx, ctx) => {
  const action = actionOf(tx);
  const release = ctx.release;
  const number = (code: string): CrCondition[] => [on(code, tx.header, 'entryNumber')];
  if (action === 'A') return release ? number(SX.onFile) : [];
  if (!['R', 'U', 'D'].includes(action)) return [];
  if (!release) return number(SX.notOnFile);
  if (release.status === 'cancelled') return number(SX.cancelled);
  const found: CrCondition[] = [];
  if (release.lifecycle.pendingRequest && action !== 'U') found.push(on(SX.requestPending, tx.header, 'actionCode'));
  if (action === 'R' && releasedAfterArrival(release)) found.push(on(SX.released, tx.header, 'actionCode'));
  if (action === 'U' && releasedDaysAgo(release, ctx.now) > UPDATE_DAYS_AFTER_RELEASE) found.push(on(SX.updateWindow, tx.header, 'actionCode'));
  const type = entryTypeOf(tx);
  if (action !== 'D' && type !== '' && type !== release.entryType) found.push(on(SX.typeChange, tx.header, 'entryType'));
  return found;
};

function releasedAfterArrival(release: ReleaseState): boolean {
  return release.lifecycle.arrived && release.lifecycle.releasedAt !== undefined;
}

/** Whole days since release; minus infinity when not released. */
function releasedDaysAgo(release: ReleaseState, now: Date): number {
  const at = release.lifecycle.releasedAt;
  return at === undefined ? Number.NEGATIVE_INFINITY : (now.getTime() - Date.parse(at)) / DAY_MS;
}
