import type { Db } from '../../store/database.js';
import type { MqmdInput, QueueAddress } from './client.js';

/**
 * MQ replies a scenario holds back (`delay`), kept in the journal's database until they are due.
 * The request is committed at once and its reply put later by the push loop, so a delay of minutes
 * neither holds a unit of work open nor blocks the serial listener or its stop, and a restart in
 * between still sends the reply.
 */
export interface DeferredReply {
  readonly id: number;
  /** The request's MsgId (hex), as journaled: a redelivered request finds its reply already waiting. */
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
  private readonly byRef;
  private readonly remove;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO mq_deferred_replies (request_ref, exchange_id, due_at, queue, queue_manager, descriptor, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.due = db.prepare<[number, number], Row>('SELECT * FROM mq_deferred_replies WHERE due_at <= ? ORDER BY due_at, id LIMIT ?');
    this.byRef = db.prepare<[string], { id: number }>('SELECT id FROM mq_deferred_replies WHERE request_ref = ?');
    this.remove = db.prepare('DELETE FROM mq_deferred_replies WHERE id = ?');
  }

  add(reply: Omit<DeferredReply, 'id'>): void {
    this.insert.run(reply.requestRef, reply.exchangeId, reply.dueAt, reply.target.queue, reply.target.queueManager ?? '', toJson(reply.md), reply.body);
  }

  dueAt(now: number, limit: number): DeferredReply[] {
    return this.due.all(now, limit).map(fromRow);
  }

  waitingFor(requestRef: string): boolean {
    return this.byRef.get(requestRef) !== undefined;
  }

  delivered(id: number): void {
    this.remove.run(id);
  }
}
