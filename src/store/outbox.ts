import type { Db } from './database.js';
import { DAY_MS } from '../clock/duration.js';

/** An unsolicited message waiting for, or ready for, its filer. */
export interface OutboxMessage {
  readonly seq: number;
  readonly session: string;
  readonly filer: string;
  readonly exchangeId: string;
  /** The door the causing exchange came through; MQ pushes its own, HTTP clients poll. */
  readonly transport: string;
  readonly deliverAt: string;
  readonly records: readonly string[];
  readonly summary: string;
  /** The causing batch's A record sender/receiver site and id; absent for bare blocks (no A record). */
  readonly site?: string;
  readonly sender?: string;
}

interface OutboxRow {
  seq: number;
  session: string;
  filer: string;
  exchange_id: string;
  transport: string;
  deliver_at: string;
  records: string;
  summary: string;
  site: string | null;
  sender: string | null;
}

/** What a retention pass dropped from one session's outbox to bring it back to its limit. */
export interface OutboxTrim {
  readonly session: string;
  readonly dropped: number;
  /** Of those, how many were not due yet: their consumer can never have seen them. */
  readonly notYetDue: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
}

export interface OutboxPruned {
  /** Messages dropped because they were due longer ago than the age limit. */
  readonly expired: number;
  readonly trimmed: readonly OutboxTrim[];
}

const fromRow = (r: OutboxRow): OutboxMessage => ({
  seq: r.seq,
  session: r.session,
  filer: r.filer,
  exchangeId: r.exchange_id,
  transport: r.transport,
  deliverAt: r.deliver_at,
  records: JSON.parse(r.records) as string[],
  summary: r.summary,
  ...(r.site !== null && { site: r.site }),
  ...(r.sender !== null && { sender: r.sender }),
});

/**
 * Follow-up messages (UC status notifications) in SQLite: written with the exchange that caused them,
 * delivered from `deliverAt` on. Consumers read by sequence number, so nothing is lost or repeated.
 */
export class Outbox {
  private readonly insert;
  private readonly due;
  private readonly nextDue;
  private readonly pushSessions;
  private readonly toPush;
  private readonly pushed;
  private readonly byExchange;
  private readonly numbered;
  private readonly expire;
  private readonly overLimit;
  private readonly trimStats;
  private readonly trim;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO outbox (session, filer, exchange_id, transport, deliver_at, records, summary, site, sender) VALUES (@session, @filer, @exchangeId, @transport, @deliverAt, @records, @summary, @site, @sender)',
    );
    this.due = db.prepare<[string, number, string, number], OutboxRow>(
      'SELECT * FROM outbox WHERE session = ? AND seq > ? AND deliver_at <= ? ORDER BY seq LIMIT ?',
    );
    this.pushSessions = db.prepare<[string], { session: string }>('SELECT DISTINCT session FROM outbox WHERE transport = ? AND pushed_at IS NULL');
    this.toPush = db.prepare<[string, string, string, number], OutboxRow>(
      'SELECT * FROM outbox WHERE transport = ? AND pushed_at IS NULL AND session = ? AND deliver_at <= ? ORDER BY seq LIMIT ?',
    );
    this.pushed = db.prepare('UPDATE outbox SET pushed_at = ? WHERE seq = ?');
    this.byExchange = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE exchange_id = ? ORDER BY seq');
    this.nextDue = db.prepare<[string, number], { deliver_at: string }>(
      'SELECT deliver_at FROM outbox WHERE session = ? AND seq > ? ORDER BY deliver_at LIMIT 1',
    );
    this.expire = db.prepare('DELETE FROM outbox WHERE deliver_at < ?');
    this.numbered = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'");
    this.overLimit = db.prepare<[number], { session: string; n: number }>('SELECT session, count(*) AS n FROM outbox GROUP BY session HAVING count(*) > ?');
    // The messages a session gives up first: those its consumer has had (pushed) or could have had
    // (due), oldest first; only then, if the session is still over its limit, those not due yet.
    const victims = `SELECT seq, deliver_at FROM outbox WHERE session = @session
      ORDER BY (pushed_at IS NOT NULL OR deliver_at <= @now) DESC, seq LIMIT @excess`;
    this.trimStats = db.prepare<{ session: string; now: string; excess: number }, { dropped: number; notYetDue: number; firstSeq: number; lastSeq: number }>(
      `SELECT count(*) AS dropped, coalesce(sum(deliver_at > @now), 0) AS notYetDue, min(seq) AS firstSeq, max(seq) AS lastSeq FROM (${victims})`,
    );
    this.trim = db.prepare(`DELETE FROM outbox WHERE seq IN (SELECT seq FROM (${victims}))`);
  }

  add(message: Omit<OutboxMessage, 'seq'>): void {
    this.insert.run({ ...message, records: JSON.stringify(message.records), site: message.site ?? null, sender: message.sender ?? null });
  }

  /** Messages of a session after `afterSeq` that are due at `now`, oldest first. */
  dueFor(session: string, afterSeq: number, now: Date, limit: number): OutboxMessage[] {
    return this.due.all(session, afterSeq, now.toISOString(), limit).map(fromRow);
  }

  /**
   * Due messages a pushing transport (MQ) has not delivered yet, oldest first within each session.
   * Each session's messages are due by its own clock (`nowOf`, the mock clock).
   */
  duePush(transport: string, nowOf: (session: string) => Date, limit: number): OutboxMessage[] {
    const due: OutboxMessage[] = [];
    for (const { session } of this.pushSessions.all(transport)) {
      if (due.length >= limit) break;
      for (const row of this.toPush.all(transport, session, nowOf(session).toISOString(), limit - due.length)) due.push(fromRow(row));
    }
    return due;
  }

  markPushed(seq: number, at: Date): void {
    this.pushed.run(at.toISOString(), seq);
  }

  /**
   * Applies the retention policy (0 = no limit for either): drops messages that became due more than
   * `maxAgeDays` ago, then brings every session down to `maxPerSession` messages. Call it inside a
   * transaction, like any write.
   */
  prune(policy: { maxPerSession: number; maxAgeDays: number }, now: Date): OutboxPruned {
    let expired = 0;
    if (policy.maxAgeDays > 0) expired = this.expire.run(new Date(now.getTime() - policy.maxAgeDays * DAY_MS).toISOString()).changes;
    const trimmed: OutboxTrim[] = [];
    if (policy.maxPerSession > 0) {
      for (const { session, n } of this.overLimit.all(policy.maxPerSession)) {
        const params = { session, now: now.toISOString(), excess: n - policy.maxPerSession };
        const stats = this.trimStats.get(params);
        this.trim.run(params);
        if (stats) trimmed.push({ session, ...stats });
      }
    }
    return { expired, trimmed };
  }

  /** The messages an exchange queued, due or not, oldest first (what the console shows under it). */
  /** The highest sequence number ever given (0 before the first message): numbers are never reused, so a cursor above it names nothing. */
  lastNumbered(): number {
    return this.numbered.get()?.seq ?? 0;
  }

  ofExchange(exchangeId: string): OutboxMessage[] {
    return this.byExchange.all(exchangeId).map(fromRow);
  }

  /** When the next message after `afterSeq` becomes due, if one is waiting. */
  nextDueAt(session: string, afterSeq: number): Date | undefined {
    const row = this.nextDue.get(session, afterSeq);
    return row ? new Date(row.deliver_at) : undefined;
  }
}
