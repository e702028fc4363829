import type { Db } from './database.js';

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
});

/**
 * Follow-up messages (UC status notifications) in SQLite: written with the exchange that caused them,
 * delivered from `deliverAt` on. Consumers read by sequence number, so nothing is lost or repeated.
 */
export class Outbox {
  private readonly insert;
  private readonly due;
  private readonly nextDue;
  private readonly toPush;
  private readonly pushed;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO outbox (session, filer, exchange_id, transport, deliver_at, records, summary) VALUES (@session, @filer, @exchangeId, @transport, @deliverAt, @records, @summary)',
    );
    this.due = db.prepare<[string, number, string, number], OutboxRow>(
      'SELECT * FROM outbox WHERE session = ? AND seq > ? AND deliver_at <= ? ORDER BY seq LIMIT ?',
    );
    this.toPush = db.prepare<[string, string, number], OutboxRow>(
      'SELECT * FROM outbox WHERE transport = ? AND pushed_at IS NULL AND deliver_at <= ? ORDER BY seq LIMIT ?',
    );
    this.pushed = db.prepare('UPDATE outbox SET pushed_at = ? WHERE seq = ?');
    this.nextDue = db.prepare<[string, number], { deliver_at: string }>(
      'SELECT deliver_at FROM outbox WHERE session = ? AND seq > ? ORDER BY deliver_at LIMIT 1',
    );
  }

  add(message: Omit<OutboxMessage, 'seq'>): void {
    this.insert.run({ ...message, records: JSON.stringify(message.records) });
  }

  /** Messages of a session after `afterSeq` that are due at `now`, oldest first. */
  dueFor(session: string, afterSeq: number, now: Date, limit: number): OutboxMessage[] {
    return this.due.all(session, afterSeq, now.toISOString(), limit).map(fromRow);
  }

  /** Due messages a pushing transport (MQ) has not delivered yet, oldest first. */
  duePush(transport: string, now: Date, limit: number): OutboxMessage[] {
    return this.toPush.all(transport, now.toISOString(), limit).map(fromRow);
  }

  markPushed(seq: number, at: Date): void {
    this.pushed.run(at.toISOString(), seq);
  }

  /** When the next message after `afterSeq` becomes due, if one is waiting. */
  nextDueAt(session: string, afterSeq: number): Date | undefined {
    const row = this.nextDue.get(session, afterSeq);
    return row ? new Date(row.deliver_at) : undefined;
  }
}
