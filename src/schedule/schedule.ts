import type { Db } from '../store/database.js';

/** Work that falls due at a time of a session's clock: a statement to print, an entry to liquidate. */
export interface Job {
  readonly id: number;
  readonly session: string;
  /** ISO time on the session's clock. */
  readonly dueAt: string;
  /** Which handler runs it, e.g. `preliminary-statement`. */
  readonly kind: string;
  /** What it is about, unique among a session's pending jobs of its kind (e.g. the statement or the entry). */
  readonly key: string;
  readonly payload: unknown;
}

/**
 * Runs a due job. `at` is when it fell due: a clock moved on by a month runs a month of jobs at once,
 * each dated as if it had run on time. It may change state, queue messages and schedule more jobs.
 */
export type JobHandler = (job: Job, at: Date) => void;

interface JobRow {
  id: number;
  session: string;
  due_at: string;
  kind: string;
  key: string;
  payload: string;
}

const fromRow = (r: JobRow): Job => ({ id: r.id, session: r.session, dueAt: r.due_at, kind: r.kind, key: r.key, payload: JSON.parse(r.payload) as unknown });

/** Handlers may schedule jobs that are due at once; a chain longer than this is a bug, not work. */
const MAX_JOBS_PER_RUN = 10_000;

/**
 * The one scheduler of time-driven work, a table in the journal's database: a job is written with the
 * change that causes it and deleted in the transaction that does it, so a restart neither loses nor
 * repeats one, and the table holds only what is still to do (and failed jobs, with their error). Jobs fall due by their session's mock clock; whoever is about to read or change a
 * session's state first runs what is due (`runDue`), and a timer (scheduler-timer.ts) does it for
 * sessions nobody is talking to.
 */
export class Schedule {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly upsert;
  private readonly drop;
  private readonly due;
  private readonly anyDue;
  private readonly done;
  private readonly failed;
  private readonly sessions;
  private readonly ofSession;
  /** Runs one job in a savepoint, so a failing handler leaves nothing half done. */
  private readonly inSavepoint: (work: () => void) => void;

  constructor(
    private readonly db: Db,
    private readonly nowOf: (session: string) => Date,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO schedule (session, due_at, kind, key, payload) VALUES (@session, @dueAt, @kind, @key, @payload)
       ON CONFLICT (session, kind, key) WHERE done_at IS NULL DO UPDATE SET due_at = excluded.due_at, payload = excluded.payload`,
    );
    this.drop = db.prepare('DELETE FROM schedule WHERE session = ? AND kind = ? AND key = ? AND done_at IS NULL');
    this.due = db.prepare<[string, string], JobRow>('SELECT * FROM schedule WHERE session = ? AND done_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT 1');
    this.anyDue = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM schedule WHERE session = ? AND done_at IS NULL AND due_at <= ?');
    this.done = db.prepare('DELETE FROM schedule WHERE id = ?');
    this.failed = db.prepare('UPDATE schedule SET done_at = ?, error = ? WHERE id = ?');
    this.sessions = db.prepare<[], { session: string }>('SELECT DISTINCT session FROM schedule WHERE done_at IS NULL');
    this.ofSession = db.prepare<[string], JobRow>('SELECT * FROM schedule WHERE session = ? AND done_at IS NULL ORDER BY due_at, id');
    this.inSavepoint = db.transaction((work: () => void) => work()) as (work: () => void) => void;
  }

  /** Gives a kind of job its handler (each application registers its own kinds once, at start-up). */
  handle(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} has two handlers`);
    this.handlers.set(kind, handler);
  }

  /** Schedules a job, or moves the pending one of the same kind and key to the new time and payload. Call it inside a transaction. */
  at(session: string, dueAt: Date, kind: string, key: string, payload: unknown): void {
    this.upsert.run({ session, dueAt: dueAt.toISOString(), kind, key, payload: JSON.stringify(payload) });
  }

  /** Drops a pending job (the entry was deleted, the statement moved …). */
  cancel(session: string, kind: string, key: string): void {
    this.drop.run(session, kind, key);
  }

  /** Whether a session has a job due by its clock (cheap: decides whether to open a transaction at all). */
  hasDue(session: string): boolean {
    return (this.anyDue.get(session, this.nowOf(session).toISOString())?.n ?? 0) > 0;
  }

  /**
   * Runs every job of the session due by its clock, oldest first, including those the handlers
   * schedule for now. Call it inside a transaction. A handler that throws has its work rolled back
   * and its job marked failed with the error (returned), so one bad job does not come back every second.
   */
  runDue(session: string): { ran: number; failures: { job: Job; error: string }[] } {
    const failures: { job: Job; error: string }[] = [];
    let ran = 0;
    for (; ran < MAX_JOBS_PER_RUN; ran++) {
      const now = this.nowOf(session);
      const row = this.due.get(session, now.toISOString());
      if (!row) break;
      const job = fromRow(row);
      try {
        this.inSavepoint(() => {
          const handler = this.handlers.get(job.kind);
          if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
          handler(job, new Date(job.dueAt));
          this.done.run(job.id);
        });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        this.failed.run(now.toISOString(), error, job.id);
        failures.push({ job, error });
      }
    }
    return { ran, failures };
  }

  /** Sessions with pending jobs (due or not). */
  pendingSessions(): string[] {
    return this.sessions.all().map((r) => r.session);
  }

  /** A session's pending jobs, soonest first. */
  pending(session: string): Job[] {
    return this.ofSession.all(session).map(fromRow);
  }
}
