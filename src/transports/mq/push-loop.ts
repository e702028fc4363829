import { wrapUnsolicited } from '../../catair/batch-output.js';
import type { MqConnection } from './client.js';
import { type ConnectionKeeper, describe } from './connection-keeper.js';
import { MQFMT_STRING } from './constants.js';
import { isConnectionLost, type Putter, putReply, putterOn, undelivered } from './delivery.js';
import type { MqListenerOptions } from './listener.js';
import type { LoopControl } from './mq-counters.js';
import { UTF8_CCSID } from './code-pages.js';
import { replyBody } from './reply.js';

export type PushLoopOptions = Pick<MqListenerOptions, 'client' | 'config' | 'outbox' | 'deferred' | 'commits' | 'catalog' | 'logger' | 'clock' | 'sessionNow'> & LoopControl;

const PUSH_BATCH = 50;
const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 60_000;

/** A message MQ refused: when to try it again, and why it failed (logged once per new reason). */
interface Retry {
  readonly at: number;
  readonly delayMs: number;
  readonly reason: string;
}

/**
 * What ace-mock puts on its own initiative: due notifications (UC, SO, statements) of MQ exchanges
 * on the notification queue, and replies a scenario held back, each in its own unit of work. It
 * has its own connection: a notification queue that refuses messages delays only the refused
 * message (retried after 1 s, doubling to a minute), never a request.
 */
export class PushLoop {
  private readonly retries = new Map<string, Retry>();

  constructor(private readonly opts: PushLoopOptions) {}

  /** The failing messages, for `/health`. */
  get failing(): number {
    return this.retries.size;
  }

  async serve(connection: MqConnection, keeper: ConnectionKeeper): Promise<void> {
    const { client, config, clock } = this.opts;
    const putter = await putterOn(client, connection, config.queueManager, clock);
    keeper.connected();
    while (!this.opts.stopping()) {
      await this.pushNotifications(putter);
      await this.putDeferredReplies(putter);
      keeper.healthy();
      await this.opts.pause(config.pollMs);
    }
  }

  private async pushNotifications(putter: Putter): Promise<void> {
    const { client, config, outbox, catalog, sessionNow, clock, commits, counters } = this.opts;
    const due = outbox.duePush('mq', sessionNow, PUSH_BATCH);
    // A notice retention dropped, or pushed since, has no retry to keep (seen whole, the list says which are left).
    if (due.length < PUSH_BATCH) this.forgetRetriesBut('notice:', new Set(due.map((m) => `notice:${m.seq}`)));
    for (const message of due) {
      if (this.opts.stopping()) return;
      const key = `notice:${message.seq}`;
      if (!this.due(key)) continue;
      const pushed = await this.attempt(putter, key, `notification ${message.seq} to ${config.notificationQueue}`, async () => {
        const body = replyBody(wrapUnsolicited(catalog, message.records, sessionNow(message.session), message), config.framing);
        await client.put1(putter.connection, { queue: config.notificationQueue }, { Format: MQFMT_STRING, CodedCharSetId: UTF8_CCSID }, body, { syncpoint: true });
      });
      if (!pushed) continue;
      await commits.run(() => outbox.markPushed(message.seq, clock()));
      counters.notificationsPushed += 1;
    }
  }

  private async putDeferredReplies(putter: Putter): Promise<void> {
    const { deferred, commits, counters, clock, logger } = this.opts;
    for (const reply of deferred.dueAt(clock().getTime(), PUSH_BATCH)) {
      if (this.opts.stopping()) return;
      const key = `reply:${reply.id}`;
      if (!this.due(key)) continue;
      const put = await this.attempt(putter, key, `delayed reply to ${reply.target.queue}`, async () => {
        const fate = undelivered(await putReply(putter, reply.target, reply.md, reply.body), reply.target);
        if (fate) logger.warn({ msgId: reply.requestRef }, `MQ: delayed: ${fate}`);
      });
      if (!put) continue;
      await commits.run(() => deferred.sent(reply.id, clock().getTime()));
      counters.answered += 1;
    }
  }

  private forgetRetriesBut(prefix: string, keep: ReadonlySet<string>): void {
    for (const key of this.retries.keys()) if (key.startsWith(prefix) && !keep.has(key)) this.retries.delete(key);
  }

  private due(key: string): boolean {
    const retry = this.retries.get(key);
    return retry === undefined || retry.at <= this.opts.clock().getTime();
  }

  /**
   * Puts and commits one message in its own unit of work; true when committed. A refusal is backed
   * out and the message tried again later; a lost connection is thrown for a reconnect.
   */
  private async attempt(putter: Putter, key: string, what: string, put: () => Promise<void>): Promise<boolean> {
    const { client, logger, clock } = this.opts;
    try {
      await put();
      await client.commit(putter.connection);
      this.retries.delete(key);
      return true;
    } catch (err) {
      await client.backout(putter.connection).catch(() => undefined);
      if (isConnectionLost(err)) throw err;
      const previous = this.retries.get(key);
      const delayMs = previous ? Math.min(previous.delayMs * 2, LONGEST_RETRY_MS) : FIRST_RETRY_MS;
      const reason = describe(err);
      this.retries.set(key, { at: clock().getTime() + delayMs, delayMs, reason });
      if (previous?.reason !== reason) logger.error(`MQ: ${what} failed (${reason}); trying again in ${delayMs} ms, and later ones meanwhile`);
      return false;
    }
  }
}
