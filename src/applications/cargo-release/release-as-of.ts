import type { NoticeEffect, ReleaseLifecycle, ReleaseState, ScheduledChange } from './release-store.js';

/**
 * The release as it stands at `now`: the changes its SO notices make (ReleaseState.scheduled) that
 * are due by then applied in due order, the others still scheduled. Readers ask for the state as of
 * their own clock (ctx.now), so a notice queued for later changes nothing until it is due, and
 * nothing needs to run when it falls due.
 */
export function releaseAsOf(state: ReleaseState, now: Date): ReleaseState {
  const scheduled = state.scheduled ?? [];
  const due = scheduled.filter((c) => Date.parse(c.at) <= now.getTime());
  if (due.length === 0) return state;
  const later = scheduled.filter((c) => !due.includes(c));
  const { scheduled: _scheduled, ...rest } = state;
  const applied = due.reduce<ReleaseState>(applyChange, rest);
  return later.length > 0 ? { ...applied, scheduled: later } : applied;
}

/** The state with the notices' changes scheduled, in due order (a stable sort keeps the order they were queued in). */
export function schedule(state: ReleaseState, changes: readonly ScheduledChange[]): ReleaseState {
  if (changes.length === 0) return state;
  const scheduled = [...(state.scheduled ?? []), ...changes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { ...state, scheduled };
}

/** One notice's change, at its due time. */
function applyChange(state: ReleaseState, change: ScheduledChange): ReleaseState {
  return change.effects.reduce((s, effect) => applyEffect(s, effect, change.at), state);
}

function applyEffect(state: ReleaseState, e: NoticeEffect, at: string): ReleaseState {
  const l = state.lifecycle;
  const lifecycle = (next: Partial<ReleaseLifecycle>): ReleaseState => ({ ...state, lifecycle: { ...l, ...next } });
  const decided = (next: ReleaseState): ReleaseState => ({ ...next, lifecycle: { ...next.lifecycle, pendingRequest: undefined }, requested: undefined });
  switch (e.effect) {
    case 'released':
      return lifecycle({ releasedAt: at });
    case 'releaseWithdrawn':
      return lifecycle({ releasedAt: undefined });
    case 'cancelled':
      return decided({ ...state, status: 'cancelled' });
    case 'underReview':
      return lifecycle({ underReview: true });
    case 'reviewEnded':
      return lifecycle({ underReview: false });
    case 'billMatched':
      return lifecycle({ billMatched: true });
    case 'billUnmatched':
      return lifecycle({ billMatched: false });
    case 'arrived':
      return lifecycle({ arrived: true });
    case 'hold':
      return lifecycle({ holds: l.holds.includes(e.by) ? l.holds : [...l.holds, e.by] });
    case 'holdLifted':
      return lifecycle({ holds: l.holds.filter((h) => h !== e.by) });
    case 'holdsLifted':
      return lifecycle({ holds: [] });
    case 'correctionRequested':
      return lifecycle({ pendingRequest: 'correction' });
    case 'cancellationRequested':
      return lifecycle({ pendingRequest: 'cancellation' });
    case 'requestRejected':
      return decided(state);
    case 'replaced':
      return decided(state.requested ? { ...state, filed: state.requested } : state);
  }
}
