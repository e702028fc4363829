import type { Db } from './database.js';

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Group commit: the units of work that arrive in one turn of the event loop share one SQLite
 * transaction, committed before any of their callers is answered. Each unit runs in its own
 * savepoint, so one that throws is rolled back alone; a failed commit fails every waiter, and none of
 * them is answered as if journaled. This amortises the commit, by far the dearest part of an exchange.
 */
export class GroupCommit {
  private waiters: Waiter[] = [];
  private open = false;
  /** Inside an open transaction, better-sqlite3 runs a transaction function as a savepoint. */
  private readonly unit: <T>(work: () => T) => T;

  constructor(private readonly db: Db) {
    this.unit = db.transaction((work: () => unknown) => work()) as <T>(work: () => T) => T;
  }

  /** Runs `work` inside the current group's transaction; resolves once that transaction is committed. */
  run<T>(work: () => T): Promise<T> {
    if (!this.open) {
      this.db.exec('BEGIN IMMEDIATE');
      this.open = true;
      setImmediate(() => this.commit());
    }
    const result = this.unit(work);
    return new Promise<T>((resolve, reject) => {
      this.waiters.push({ resolve: () => resolve(result), reject });
    });
  }

  /** Commits now (used on shutdown so nothing waits for the next turn). */
  commit(): void {
    if (!this.open) return;
    const waiters = this.waiters;
    this.waiters = [];
    this.open = false;
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const w of waiters) w.reject(err);
      return;
    }
    for (const w of waiters) w.resolve();
  }
}
