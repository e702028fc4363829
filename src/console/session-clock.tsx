import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SessionClockView } from './api';
import { utcDay, utcMinute } from './format';

/** A change to a session's clock, as `POST /v1/admin/sessions/:session/clock` takes it. */
export type ClockChange = { readonly advance: string } | { readonly set: string };

export interface SessionClockProps {
  readonly clock: SessionClockView;
  /** The controls that move the clock are offered; false in presenter mode. */
  readonly admin: boolean;
  readonly busy: boolean;
  readonly onChange: (change: ClockChange, what: string) => void;
}

const QUICK: readonly [string, string][] = [
  ['P1D', '1 day'],
  ['P30D', '30 days'],
  ['P314D', '314 days'],
];

/** `+6 d 21 h`: how far a moved clock is from real time. */
function offsetText(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m || (!d && !h) ? `${m} min` : ''].filter((p) => p !== '');
  return `${parts.join(' ')} ${ms > 0 ? 'ahead of' : 'behind'} real time`;
}

/** Ticks every few seconds so a clock left on screen keeps time. */
function useTick(ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

/**
 * The session's mock clock: what time it is for the session, whether it was moved, and (admin) buttons
 * to move it on and a date to set it to. What falls due in between happens when it moves.
 */
export function SessionClock(props: SessionClockProps) {
  const { clock } = props;
  const readAt = useMemo(() => performance.now(), [clock]);
  const [date, setDate] = useState('');
  // A typed date is for the clock it was typed against: once the clock moves, the field follows it again.
  useEffect(() => setDate(''), [clock.offsetMs]);
  useTick(5000);
  const now = new Date(Date.parse(clock.now) + performance.now() - readAt).toISOString();
  const day = date || utcDay(now);
  return (
    <section class="session-clock" aria-labelledby="clock-title">
      <h3 id="clock-title">Session clock</h3>
      <p class="clock-reading">
        <time dateTime={now}>{utcMinute(now)}</time>{' '}
        <span class={`badge ${clock.moved ? 'moved' : 'real'}`}>{clock.moved ? `moved: ${offsetText(clock.offsetMs)}` : 'real time'}</span>
      </p>
      {props.admin && (
        <div class="clock-controls admin">
          {QUICK.map(([duration, label]) => (
            <button type="button" disabled={props.busy} aria-label={`Move the session clock on ${label}`} onClick={() => props.onChange({ advance: duration }, `Clock +${label}`)}>
              +{label}
            </button>
          ))}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              // The chosen day at the clock's time of day: the day's scheduled work falls due either way.
              props.onChange({ set: `${day}T${now.slice(11, 19)}Z` }, `Clock set to ${day}`);
            }}
          >
            <label>
              Set date <input type="date" value={day} onInput={(e) => setDate((e.target as HTMLInputElement).value)} />
            </label>{' '}
            <button type="submit" disabled={props.busy}>
              Set
            </button>
          </form>
        </div>
      )}
    </section>
  );
}
