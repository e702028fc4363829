import { addDuration, type Duration } from './duration.js';

/** Where a session's clock stands: how far it runs ahead of (or behind) real time. */
export interface SessionClockReading {
  readonly session: string;
  readonly now: Date;
  /** The session's time minus real time, in milliseconds; 0 for a clock never set. */
  readonly offsetMs: number;
}

/** The table the offsets live in, so a restart keeps every session's time. */
export interface SessionClockStore {
  all(): { session: string; offsetMs: number }[];
  save(session: string, offsetMs: number, at: Date): void;
  remove(session: string): void;
}

/**
 * The mock clock: each session's time is real time plus an offset that QA and trainers move
 * (`set`, `advance`), so a year of an entry's life passes in a test. Every dated rule and schedule
 * asks `now(session)`. Offsets are read once and kept in memory: this process is the database's
 * only writer.
 */
export class SessionClocks {
  private readonly offsets = new Map<string, number>();

  constructor(
    private readonly store: SessionClockStore,
    /** Real time (tests pass a fixed one). */
    readonly real: () => Date,
  ) {
    for (const { session, offsetMs } of store.all()) this.offsets.set(session, offsetMs);
  }

  now(session: string): Date {
    const offset = this.offsets.get(session);
    const real = this.real();
    return offset === undefined ? real : new Date(real.getTime() + offset);
  }

  read(session: string): SessionClockReading {
    return { session, now: this.now(session), offsetMs: this.offsets.get(session) ?? 0 };
  }

  /** Sets the session's time; call it inside a transaction, like any write. */
  set(session: string, at: Date): SessionClockReading {
    const real = this.real();
    this.keep(session, at.getTime() - real.getTime(), real);
    return this.read(session);
  }

  /** Moves the session's time on by a duration; call it inside a transaction. */
  advance(session: string, by: Duration): SessionClockReading {
    const real = this.real();
    const from = this.now(session);
    this.keep(session, addDuration(from, by).getTime() - real.getTime(), real);
    return this.read(session);
  }

  /** Back to real time (a session reset). */
  reset(session: string): void {
    this.store.remove(session);
    this.offsets.delete(session);
  }

  private keep(session: string, offsetMs: number, at: Date): void {
    this.store.save(session, offsetMs, at);
    this.offsets.set(session, offsetMs);
  }
}
