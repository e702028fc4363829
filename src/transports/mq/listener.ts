import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Catalog } from '../../catair/catalog.js';
import { wrapUnsolicited } from '../../catair/batch-output.js';
import type { MqConfig } from '../../config.js';
import type { Pipeline } from '../../pipeline.js';
import type { Journal } from '../../store/journal.js';
import type { Outbox } from '../../store/outbox.js';
import { type MqClient, type MqConnection, MqError, type MqMessage, SCENARIO_PROPERTY, SESSION_PROPERTY } from './client.js';
import { MQC, MQFMT_STRING, reasonName } from './constants.js';
import { MqClientUnavailable } from './ibmmq-client.js';
import { replyAddress, replyBody, replyDescriptor } from './reply.js';

export type MqStatus = 'disabled' | 'connecting' | 'connected' | 'reconnecting' | 'client-library-missing' | 'stopped';

/** What `/health` says of the MQ door. */
export interface MqHealth {
  readonly status: MqStatus;
  readonly queueManager?: string;
  readonly requestQueue?: string;
  readonly since: string;
  /** The last MQ reason code that interrupted the listener, e.g. `MQRC_CONNECTION_BROKEN [2009]`. */
  readonly lastReason?: string;
  readonly lastError?: string;
  readonly answered: number;
  readonly backedOut: number;
  readonly movedToBackoutQueue: number;
}

export interface MqListenerOptions {
  readonly client: MqClient;
  readonly config: MqConfig;
  /** Read from `passwordFile` by the caller; never logged. */
  readonly password?: string;
  readonly pipeline: Pipeline;
  readonly journal: Journal;
  readonly outbox: Outbox;
  readonly catalog: Catalog;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** A session's time (the mock clock): when its notifications fall due and the date they carry. */
  readonly sessionNow: (session: string) => Date;
}

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 30_000;
const PUSH_BATCH = 50;

/** Reason codes after which the connection is gone and the listener must connect again. */
const CONNECTION_LOST = new Set([
  MQC.MQRC_CONNECTION_BROKEN,
  MQC.MQRC_HCONN_ERROR,
  MQC.MQRC_HOST_NOT_AVAILABLE,
  MQC.MQRC_Q_MGR_NOT_AVAILABLE,
  MQC.MQRC_Q_MGR_QUIESCING,
  MQC.MQRC_Q_MGR_STOPPING,
  MQC.MQRC_CONNECTION_QUIESCING,
  MQC.MQRC_CONNECTION_STOPPING,
]);

const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The MQ door: a serial get loop under syncpoint on the request queue. Each message is one
 * transmission: get → pipeline → put the reply → commit, or back out on failure, so a reply is
 * never committed without its request being consumed. A redelivered message whose answer is
 * already journaled gets that answer again instead of being processed twice. A message backed out
 * BOTHRESH times moves to the backout queue. Connection loss reconnects with exponential backoff.
 * Due UC notifications of MQ exchanges are put to the notification queue between messages.
 */
export class MqListener {
  private stopping = false;
  private running: Promise<void> | undefined;
  private wake: AbortController = new AbortController();
  private state: MqHealth;

  constructor(private readonly opts: MqListenerOptions) {
    this.state = this.fresh('connecting');
  }

  get health(): MqHealth {
    return this.state;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Finishes or backs out the message in hand, then disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.abort();
    await this.running;
  }

  private fresh(status: MqStatus, extra: Partial<MqHealth> = {}): MqHealth {
    const { config } = this.opts;
    return {
      status,
      queueManager: config.queueManager,
      requestQueue: config.requestQueue,
      since: this.opts.clock().toISOString(),
      answered: this.state?.answered ?? 0,
      backedOut: this.state?.backedOut ?? 0,
      movedToBackoutQueue: this.state?.movedToBackoutQueue ?? 0,
      ...extra,
    };
  }

  private count(field: 'answered' | 'backedOut' | 'movedToBackoutQueue'): void {
    this.state = { ...this.state, [field]: this.state[field] + 1 };
  }

  private async run(): Promise<void> {
    const { logger } = this.opts;
    let retryMs = FIRST_RETRY_MS;
    while (!this.stopping) {
      try {
        await this.connected(() => {
          retryMs = FIRST_RETRY_MS;
        });
      } catch (err) {
        if (err instanceof MqClientUnavailable) {
          this.state = this.fresh('client-library-missing', { lastError: err.message });
          logger.error(`MQ listener off: the IBM MQ client library cannot be loaded (${err.message}); HTTP still answers`);
          return;
        }
        const reason = err instanceof MqError ? `${reasonName(err.mqrc)} [${err.mqrc}]` : undefined;
        this.state = this.fresh('reconnecting', { ...(reason && { lastReason: reason }), lastError: describe(err) });
        logger.warn(`MQ: ${describe(err)}; connecting again in ${retryMs} ms`);
        await this.pause(retryMs);
        retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
      }
    }
    this.state = this.fresh('stopped');
  }

  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.wake.signal }).catch(() => undefined);
  }

  /** One connection's life: open the request queue, then answer messages until stopped or broken. */
  private async connected(onConnected: () => void): Promise<void> {
    const { client, config, logger } = this.opts;
    this.state = this.fresh('connecting');
    const connection = await client.connect({
      queueManager: config.queueManager,
      host: config.host,
      port: config.port,
      channel: config.channel,
      ...(config.user !== undefined && { user: config.user }),
      ...(this.opts.password !== undefined && { password: this.opts.password }),
      ...(config.cipher !== undefined && { cipher: config.cipher }),
      ...(config.keyRepository !== undefined && { keyRepository: config.keyRepository }),
    });
    try {
      const queue = await client.open(connection, config.requestQueue, 'input');
      const [threshold, backoutQueue] = await client.inquire(queue, ['BOTHRESH', 'BOQNAME'] as const);
      const poison = {
        threshold: threshold > 0 ? threshold : config.backoutThreshold,
        queue: config.backoutQueue ?? (backoutQueue || (await this.deadLetterQueue(connection))),
      };
      this.state = this.fresh('connected');
      onConnected();
      logger.info(`MQ: listening on ${config.requestQueue} at ${config.queueManager} (${config.host}:${config.port}); backout after ${poison.threshold} to ${poison.queue || 'nowhere'}`);
      while (!this.stopping) {
        const message = await client.get(queue, { syncpoint: true, waitMs: config.pollMs });
        if (message) await this.answer(connection, message, poison);
        await this.pushNotifications(connection);
      }
      await client.close(queue);
    } finally {
      await client.disconnect(connection).catch(() => undefined);
    }
  }

  private async deadLetterQueue(connection: MqConnection): Promise<string> {
    try {
      const [dlq] = await this.opts.client.inquire(connection, ['DEADQ'] as const);
      return dlq;
    } catch {
      return '';
    }
  }

  /** One request in one unit of work. */
  private async answer(connection: MqConnection, message: MqMessage, poison: { threshold: number; queue: string }): Promise<void> {
    const { client, config, pipeline, journal, logger } = this.opts;
    const { md } = message;
    const reference = md.MsgId.toString('hex');
    try {
      if (md.BackoutCount >= poison.threshold) {
        await this.moveToBackoutQueue(connection, message, poison.queue);
        return;
      }
      const earlier = md.BackoutCount > 0 ? journal.byTransportRef('mq', reference) : undefined;
      let records: readonly string[];
      if (earlier) {
        records = (earlier.output ?? '').split('\n').filter((r) => r !== '');
        logger.info({ exchange: earlier.id, msgId: reference }, 'MQ: redelivered request already answered: replying with the journaled answer');
      } else {
        const properties = message.properties ?? {};
        const session = properties[SESSION_PROPERTY];
        const scenario = properties[SCENARIO_PROPERTY];
        const exchange = await pipeline.process({
          // The get converts text to UTF-8; CATAIR is read a byte per character, so a non-ASCII
          // character becomes one (non-standard) byte again and the columns stay where they were.
          bytes: Buffer.from(message.body.toString('utf8'), 'latin1'),
          transport: 'mq',
          reference,
          ...(session !== undefined && session !== '' && { session }),
          ...(scenario !== undefined && scenario !== '' && { scenario }),
        });
        records = exchange.output;
        logger.info(
          { exchange: exchange.id, msgId: reference, outcome: exchange.outcome, transactions: exchange.transactions.map((t) => `${t.filer}-${t.entryNumber} ${t.action} → ${t.disposition}`) },
          `MQ ${exchange.application || '??'} from ${exchange.filer || '???'}: ${exchange.outcome}`,
        );
        if (exchange.delayMs > 0) await sleep(exchange.delayMs);
      }
      const target = replyAddress(md, config.replyQueue);
      await client.put1(connection, target, replyDescriptor(md), replyBody(records, config.framing), { syncpoint: true });
      await client.commit(connection);
      this.count('answered');
    } catch (err) {
      await client.backout(connection).catch(() => undefined);
      this.count('backedOut');
      if (err instanceof MqError && CONNECTION_LOST.has(err.mqrc)) throw err;
      logger.error({ msgId: reference, backoutCount: md.BackoutCount }, `MQ: request backed out: ${describe(err)}`);
    }
  }

  /** A message that keeps failing goes, descriptor and all, to the backout (or dead-letter) queue. */
  private async moveToBackoutQueue(connection: MqConnection, message: MqMessage, queue: string): Promise<void> {
    const { client, logger } = this.opts;
    const { md } = message;
    if (queue === '') {
      logger.error({ msgId: md.MsgId.toString('hex') }, 'MQ: a request failed BOTHRESH times but there is no backout or dead-letter queue: left on the queue');
      throw new Error('no backout queue');
    }
    await client.put1(connection, { queue }, { ...md }, message.body, { syncpoint: true });
    await client.commit(connection);
    this.count('movedToBackoutQueue');
    logger.warn({ msgId: md.MsgId.toString('hex'), backoutCount: md.BackoutCount, queue }, `MQ: request backed out ${md.BackoutCount} times: moved to ${queue}`);
  }

  /** Due UC notifications of MQ exchanges, each as its own A…Z batch on the notification queue. */
  private async pushNotifications(connection: MqConnection): Promise<void> {
    const { client, config, outbox, catalog, clock, sessionNow } = this.opts;
    const now = clock();
    for (const message of outbox.duePush('mq', sessionNow, PUSH_BATCH)) {
      const body = replyBody(wrapUnsolicited(catalog, message.records, sessionNow(message.session), message), config.framing);
      await client.put1(connection, { queue: config.notificationQueue }, { Format: MQFMT_STRING, CodedCharSetId: 1208 }, body, { syncpoint: true });
      await client.commit(connection);
      outbox.markPushed(message.seq, now);
    }
  }
}
