import { DAY_MS } from '../../clock/duration.js';
import type { Db } from '../../store/database.js';
import type { MqmdInput, QueueAddress } from './client.js';

/**
 * MQ replies a scenario holds back (`delay`), kept in the journal's database until they are due.
 * The request is committed at once and its reply put later by the push loop, so a delay of minutes
 * neither holds a unit of work open nor blocks the serial listener or its stop, and a restart in
 * between still sends the reply.
 *
 * A reply is written 'held', in the request's unit of work, and becomes 'due' only once that
 * request is consumed (its MQ commit succeeded): a request that is backed out, redelivered or in
 * the end set aside never has its reply sent early, or at all. A redelivered request whose
 * exchange already has a reply here is consumed without another. After a stop, held replies are
 * released: a request whose commit did not happen comes back and finds its reply already there.
 * A sent reply is kept a day, so a late redelivery still finds it.
 */
export interface DeferredReply {
  readonly id: number;
  /** The request's MsgId (hex), for the logs. */
  readonly requestRef: string;
  readonly exchangeId: string;
  /** Epoch milliseconds, real time: a scripted delay is a wall-clock wait, not mock-clock time. */
  readonly dueAt: number;
  readonly target: QueueAddress;
  readonly md: MqmdInput;
  readonly body: Buffer;
}

interface Row {
  id: number;
  request_ref: string;
  exchange_id: string;
  due_at: number;
  queue: string;
  queue_manager: string;
  descriptor: string;
  body: Buffer;
}

/** The descriptor as JSON: identifiers as hex, everything else as it is. */
const toJson = (md: MqmdInput): string =>
  JSON.stringify({ ...md, ...(md.MsgId && { MsgId: md.MsgId.toString('hex') }), ...(md.CorrelId && { CorrelId: md.CorrelId.toString('hex') }) });

function fromJson(text: string): MqmdInput {
  const md = JSON.parse(text) as Record<string, unknown>;
  return {
    ...md,
    ...(typeof md.MsgId === 'string' && { MsgId: Buffer.from(md.MsgId, 'hex') }),
    ...(typeof md.CorrelId === 'string' && { CorrelId: Buffer.from(md.CorrelId, 'hex') }),
  } as MqmdInput;
}

const fromRow = (r: Row): DeferredReply => ({
  id: r.id,
  requestRef: r.request_ref,
  exchangeId: r.exchange_id,
  dueAt: r.due_at,
  target: r.queue_manager === '' ? { queue: r.queue } : { queue: r.queue, queueManager: r.queue_manager },
  md: fromJson(r.descriptor),
  body: r.body,
});

export class DeferredReplies {
  private readonly insert;
  private readonly due;
  private readonly ofExchange;
  private readonly releaseOne;
  private readonly releaseEvery;
  private readonly markSent;
  private readonly forget;

  constructor(db: Db) {
    this.insert = db.prepare(
      "INSERT INTO mq_deferred_replies (request_ref, exchange_id, state, due_at, queue, queue_manager, descriptor, body) VALUES (?, ?, 'held', ?, ?, ?, ?, ?)",
    );
    this.due = db.prepare<[number, number], Row>("SELECT * FROM mq_deferred_replies WHERE state = 'due' AND due_at <= ? ORDER BY due_at, id LIMIT ?");
    this.ofExchange = db.prepare<[string], { id: number }>('SELECT id FROM mq_deferred_replies WHERE exchange_id = ?');
    this.releaseOne = db.prepare("UPDATE mq_deferred_replies SET state = 'due' WHERE exchange_id = ? AND state = 'held'");
    this.releaseEvery = db.prepare("UPDATE mq_deferred_replies SET state = 'due' WHERE state = 'held'");
    this.markSent = db.prepare("UPDATE mq_deferred_replies SET state = 'sent', sent_at = ? WHERE id = ?");
    this.forget = db.prepare("DELETE FROM mq_deferred_replies WHERE state = 'sent' AND sent_at < ?");
  }

  /** Holds a reply until its request is consumed. */
  add(reply: Omit<DeferredReply, 'id'>): void {
    this.insert.run(reply.requestRef, reply.exchangeId, reply.dueAt, reply.target.queue, reply.target.queueManager ?? '', toJson(reply.md), reply.body);
  }

  /** Whether this exchange's reply is held, due or sent here: its request is answered through this table. */
  has(exchangeId: string): boolean {
    return this.ofExchange.get(exchangeId) !== undefined;
  }

  /** The request is consumed: its reply may go when due. */
  release(exchangeId: string): void {
    this.releaseOne.run(exchangeId);
  }

  /** At start: every held reply may go (see the class comment). */
  releaseHeld(): void {
    this.releaseEvery.run();
  }

  dueAt(now: number, limit: number): DeferredReply[] {
    return this.due.all(now, limit).map(fromRow);
  }

  /** The reply is put; it is remembered a day for late redeliveries, then forgotten. */
  sent(id: number, now: number): void {
    this.markSent.run(now, id);
    this.forget.run(now - DAY_MS);
  }
}
