import { type MqConnection, type MqMessage, type MqmdInput, type MqQueue, resendable, SCENARIO_PROPERTY, SESSION_PROPERTY } from './client.js';
import { type ConnectionKeeper, describe } from './connection-keeper.js';
import { MQC, reasonName } from './constants.js';
import { isConnectionLost, isRefusal, type Putter, putLetter, putReply, putterOn, putToDeadLetterQueue, undelivered } from './delivery.js';
import type { MqListenerOptions } from './listener.js';
import type { LoopControl } from './mq-counters.js';
import { replyAddress, replyBody, replyDescriptor } from './reply.js';
import { requestBytes } from './request-body.js';

export type RequestLoopOptions = Pick<MqListenerOptions, 'client' | 'config' | 'pipeline' | 'journal' | 'deferred' | 'commits' | 'logger' | 'clock'> & LoopControl;

/** Where a request that keeps failing goes, read from the request queue on connecting (and again while stuck). */
interface PoisonPolicy {
  readonly threshold: number;
  /** BOQNAME, or the configured override; '' for none (then the dead-letter queue). */
  readonly backoutQueue: string;
}

/** A request at its backout threshold that neither the backout queue nor the dead-letter queue would take. */
class Unmovable extends Error {
  override readonly name = 'Unmovable';
}

const FIRST_STUCK_PAUSE_MS = 1000;
const LONGEST_STUCK_PAUSE_MS = 60_000;

/**
 * The request side of the MQ door: a serial get loop under syncpoint. Each message is one
 * transmission, answered in one unit of work (get → pipeline → reply → commit) or backed out as a
 * whole, so a reply is never committed without its request being consumed. A redelivered request
 * whose answer is already journaled gets that answer again instead of being processed twice. A
 * request backed out BOTHRESH times is set aside: to the backout queue; failing that, discarded
 * when it asked for MQRO_DISCARD_MSG, else to the dead-letter queue behind an MQDLH. If nothing
 * will take it, the loop waits before trying again (doubling to a minute) rather than spinning on it.
 */
export class RequestLoop {
  private stuckPauseMs = 0;

  constructor(private readonly opts: RequestLoopOptions) {}

  async serve(connection: MqConnection, keeper: ConnectionKeeper): Promise<void> {
    const { client, config, logger, clock } = this.opts;
    const queue = await client.open(connection, config.requestQueue, 'input');
    try {
      let policy = await this.policyOf(queue);
      let putter = await putterOn(client, connection, config.queueManager, clock);
      keeper.connected();
      logger.info(
        `MQ: listening on ${config.requestQueue} at ${config.queueManager} (${config.host}:${config.port}); after ${policy.threshold} backouts a request goes to ${policy.backoutQueue || putter.deadLetterQueue || 'nowhere'}`,
      );
      await this.warnIfBackoutCountsAreNotHardened(queue);
      while (!this.opts.stopping()) {
        const message = await client.get(queue, { syncpoint: true, waitMs: config.pollMs });
        keeper.healthy();
        if (message) await this.handle(putter, queue, message, policy);
        if (this.stuckPauseMs > 0) {
          // Stuck on a request nothing takes: read the queues again, an operator may have defined one meanwhile.
          policy = await this.policyOf(queue);
          putter = await putterOn(client, connection, config.queueManager, clock);
        }
      }
    } finally {
      await client.close(queue).catch(() => undefined);
    }
  }

  private async policyOf(queue: MqQueue): Promise<PoisonPolicy> {
    const { client, config } = this.opts;
    const [threshold, backoutQueue] = await client.inquire(queue, ['BOTHRESH', 'BOQNAME'] as const);
    return { threshold: threshold > 0 ? threshold : config.backoutThreshold, backoutQueue: config.backoutQueue ?? backoutQueue };
  }

  /** One request in one unit of work: committed when answered or set aside, backed out otherwise. */
  private async handle(putter: Putter, queue: MqQueue, message: MqMessage, policy: PoisonPolicy): Promise<void> {
    const { client, logger, counters } = this.opts;
    const { md } = message;
    const msgId = md.MsgId.toString('hex');
    try {
      if (message.warning !== undefined) {
        logger.warn({ msgId, warning: `${reasonName(message.warning)} [${message.warning}]`, ccsid: md.CodedCharSetId }, 'MQ: the request came with a warning; answering it as it arrived');
      }
      if (md.BackoutCount >= policy.threshold) {
        await this.setAside(putter, queue, message, policy);
        await client.commit(putter.connection).catch((err: unknown) => {
          throw isConnectionLost(err) ? err : new Unmovable(`setting it aside could not be committed (${describe(err)})`);
        });
        this.unblocked();
        return;
      }
      const answered = await this.answer(putter, message);
      await client.commit(putter.connection);
      this.unblocked();
      if (answered.heldReply === undefined) counters.answered += 1;
      else {
        // Consumed: only now may its held-back reply go (deferred-replies.ts).
        const exchangeId = answered.heldReply;
        await this.opts.commits.run(() => this.opts.deferred.release(exchangeId));
        if (answered.fresh) counters.deferred += 1;
      }
    } catch (err) {
      await client.backout(putter.connection).catch(() => undefined);
      counters.backedOut += 1;
      if (isConnectionLost(err)) throw err;
      if (err instanceof Unmovable) return this.waitOnPoison(msgId, err);
      logger.error({ msgId, backoutCount: md.BackoutCount }, `MQ: request backed out: ${describe(err)}`);
    }
  }

  /**
   * Answers a request, or replays its journaled answer. When the reply is held back for later
   * (a scripted delay, now or when the request was first answered), says for which exchange.
   */
  private async answer(putter: Putter, message: MqMessage): Promise<{ heldReply?: string; fresh?: boolean }> {
    const { config, pipeline, journal, deferred, commits, logger, clock } = this.opts;
    const { md } = message;
    const msgId = md.MsgId.toString('hex');
    const earlier = md.BackoutCount > 0 ? journal.byTransportRef('mq', msgId) : undefined;
    let records: readonly string[];
    if (earlier) {
      if (deferred.has(earlier.id)) {
        logger.info({ exchange: earlier.id, msgId }, 'MQ: redelivered request already answered with a delayed reply: consumed, the reply goes once');
        return { heldReply: earlier.id };
      }
      records = (earlier.output ?? '').split('\n').filter((r) => r !== '');
      logger.info({ exchange: earlier.id, msgId }, 'MQ: redelivered request already answered: replying with the journaled answer');
    } else {
      const properties = message.properties ?? {};
      const session = properties[SESSION_PROPERTY];
      const scenario = properties[SCENARIO_PROPERTY];
      const exchange = await pipeline.process({
        bytes: requestBytes(message),
        transport: 'mq',
        reference: msgId,
        ...(session !== undefined && session !== '' && { session }),
        ...(scenario !== undefined && scenario !== '' && { scenario }),
      });
      records = exchange.output;
      logger.info(
        { exchange: exchange.id, msgId, outcome: exchange.outcome, transactions: exchange.transactions.map((t) => `${t.filer}-${t.entryNumber} ${t.action} → ${t.disposition}`) },
        `MQ ${exchange.application || '??'} from ${exchange.filer || '???'}: ${exchange.outcome}`,
      );
      if (exchange.delayMs > 0) {
        const reply = { requestRef: msgId, exchangeId: exchange.id, dueAt: clock().getTime() + exchange.delayMs, target: replyAddress(md, config.replyQueue), md: heldBack(replyDescriptor(md), exchange.delayMs), body: replyBody(records, config.framing) };
        await commits.run(() => deferred.add(reply));
        logger.info({ exchange: exchange.id, msgId, delayMs: exchange.delayMs }, `MQ: the scenario holds the reply back ${exchange.delayMs} ms`);
        return { heldReply: exchange.id, fresh: true };
      }
    }
    const target = replyAddress(md, config.replyQueue);
    const fate = undelivered(await putReply(putter, target, replyDescriptor(md), replyBody(records, config.framing)), target);
    if (fate) logger.warn({ msgId }, `MQ: ${fate}`);
    return {};
  }

  /** A request at its backout threshold leaves the request queue, in the same unit of work as its get. */
  private async setAside(putter: Putter, queue: MqQueue, message: MqMessage, policy: PoisonPolicy): Promise<void> {
    const { client, config, logger, counters } = this.opts;
    const { md } = message;
    const log = { msgId: md.MsgId.toString('hex'), backoutCount: md.BackoutCount };
    const letter = { md: resendable(md), body: message.body, ...(message.properties && { properties: message.properties }), passContextFrom: queue };
    if (policy.backoutQueue !== '') {
      try {
        await putLetter(putter, { queue: policy.backoutQueue }, letter);
        counters.movedToBackoutQueue += 1;
        logger.warn({ ...log, queue: policy.backoutQueue }, `MQ: request backed out ${md.BackoutCount} times: moved to ${policy.backoutQueue}`);
        return;
      } catch (err) {
        if (!isRefusal(err)) throw err;
        logger.warn({ ...log, queue: policy.backoutQueue }, `MQ: the backout queue refused the request (${err.message})`);
      }
    }
    // Without a backout queue that takes it, the report options decide, as for any message MQ
    // cannot deliver: discarded when it asked for that, else to the dead-letter queue.
    if ((md.Report & MQC.MQRO_DISCARD_MSG) !== 0) {
      counters.discarded += 1;
      logger.warn(log, `MQ: request backed out ${md.BackoutCount} times and no backout queue took it: discarded, as it asked (MQRO_DISCARD_MSG)`);
      return;
    }
    try {
      await putToDeadLetterQueue(putter, letter, MQC.MQRC_BACKOUT_THRESHOLD_REACHED, { queue: config.requestQueue });
    } catch (err) {
      if (isConnectionLost(err)) throw err;
      throw new Unmovable(`no backout or dead-letter queue would take it (${describe(err)})`);
    }
    counters.deadLettered += 1;
    logger.warn({ ...log, queue: putter.deadLetterQueue }, `MQ: request backed out ${md.BackoutCount} times: put to the dead-letter queue ${putter.deadLetterQueue} with an MQDLH`);
  }

  /** The queue moves again (the stuck request was set aside, or someone removed it): `/health` stops naming it. */
  private unblocked(): void {
    this.stuckPauseMs = 0;
    this.opts.counters.poison = undefined;
  }

  /** Leaves an unmovable request where it is and waits before the next get, longer each time. */
  private async waitOnPoison(msgId: string, err: Unmovable): Promise<void> {
    const { logger, counters, clock } = this.opts;
    this.stuckPauseMs = Math.min(Math.max(FIRST_STUCK_PAUSE_MS, this.stuckPauseMs * 2), LONGEST_STUCK_PAUSE_MS);
    counters.poison = { msgId, reason: err.message, since: counters.poison?.msgId === msgId ? counters.poison.since : clock().toISOString(), retryInMs: this.stuckPauseMs };
    logger.error(
      { msgId, retryInMs: this.stuckPauseMs },
      `MQ: a request reached its backout threshold but ${err.message}: it stays on ${this.opts.config.requestQueue}, blocking the queue; define a backout queue (BOQNAME) or a dead-letter queue`,
    );
    await this.opts.pause(this.stuckPauseMs);
  }

  /**
   * A redelivered request is recognised by BackoutCount > 0. UNIX, Linux and Windows queue managers
   * keep the count across a restart regardless; z/OS keeps it accurately only with HARDENBO. Said
   * once, quietly, since on most queue managers it does not matter.
   */
  private async warnIfBackoutCountsAreNotHardened(queue: MqQueue): Promise<void> {
    const { client, config, logger } = this.opts;
    const hardened = await client.inquire(queue, ['HARDENBO'] as const).then(
      ([value]) => value,
      () => undefined,
    );
    if (hardened === 0) {
      logger.info(`MQ: ${config.requestQueue} has NOHARDENBO: on z/OS a restart can reset BackoutCount, and a request in hand would then be processed twice; ALTER QLOCAL('${config.requestQueue}') HARDENBO`);
    }
  }
}

/** A reply put `delayMs` later: a passed-on expiry has that much less to run (tenths of a second). */
function heldBack(md: MqmdInput, delayMs: number): MqmdInput {
  const expiry = md.Expiry ?? MQC.MQEI_UNLIMITED;
  return expiry > 0 ? { ...md, Expiry: Math.max(1, expiry - Math.ceil(delayMs / 100)) } : md;
}
