import type { Logger } from 'pino';
import type { Catalog } from '../../catair/catalog.js';
import type { MqConfig } from '../../config.js';
import type { Pipeline } from '../../pipeline.js';
import type { GroupCommit } from '../../store/group-commit.js';
import type { Journal } from '../../store/journal.js';
import type { Outbox } from '../../store/outbox.js';
import type { MqClient, MqConnectOptions } from './client.js';
import { ConnectionKeeper, type LinkState, pauseUnless } from './connection-keeper.js';
import type { DeferredReplies } from './deferred-replies.js';
import { type MqCounters, noCounts } from './mq-counters.js';
import { PushLoop } from './push-loop.js';
import { RequestLoop } from './request-loop.js';

export type { MqStatus } from './connection-keeper.js';

/** What `/health` says of the MQ door: the request side's connection at the top, the push side's below. */
export interface MqHealth extends LinkState, Omit<MqCounters, 'poison'> {
  readonly queueManager: string;
  readonly requestQueue: string;
  readonly poison?: MqCounters['poison'];
  readonly notifications: LinkState & { readonly queue: string; readonly failing: number };
}

export interface MqListenerOptions {
  readonly client: MqClient;
  readonly config: MqConfig;
  /** Read from `passwordFile` by the caller; never logged. */
  readonly password?: string;
  readonly pipeline: Pipeline;
  readonly journal: Journal;
  readonly outbox: Outbox;
  readonly deferred: DeferredReplies;
  readonly commits: GroupCommit;
  readonly catalog: Catalog;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** A session's time (the mock clock): when its notifications fall due and the date they carry. */
  readonly sessionNow: (session: string) => Date;
}

/**
 * The MQ door: a request loop (get → pipeline → reply → commit) and a push loop (notifications and
 * held-back replies), each on its own connection kept by its own ConnectionKeeper, so that either
 * can fail and reconnect without holding up the other.
 */
export class MqListener {
  private stopping = false;
  private running: Promise<unknown> | undefined;
  private readonly wake = new AbortController();
  private readonly counters = noCounts();
  private readonly requestLink: ConnectionKeeper;
  private readonly pushLink: ConnectionKeeper;
  private readonly requests: RequestLoop;
  private readonly pushes: PushLoop;

  constructor(private readonly opts: MqListenerOptions) {
    const { client, config, logger, clock } = opts;
    const stopping = () => this.stopping;
    const pause = pauseUnless(this.wake.signal);
    const connectOptions: MqConnectOptions = {
      queueManager: config.queueManager,
      host: config.host,
      port: config.port,
      channel: config.channel,
      ...(config.user !== undefined && { user: config.user }),
      ...(opts.password !== undefined && { password: opts.password }),
      ...(config.cipher !== undefined && { cipher: config.cipher }),
      ...(config.keyRepository !== undefined && { keyRepository: config.keyRepository }),
    };
    const link = { client, connectOptions, logger, clock, stopping, pause };
    this.requestLink = new ConnectionKeeper('requests', link);
    this.pushLink = new ConnectionKeeper('notifications', link);
    const shared = { client, config, commits: opts.commits, deferred: opts.deferred, logger, clock, counters: this.counters, stopping, pause };
    this.requests = new RequestLoop({ ...shared, pipeline: opts.pipeline, journal: opts.journal });
    this.pushes = new PushLoop({ ...shared, outbox: opts.outbox, catalog: opts.catalog, sessionNow: opts.sessionNow });
  }

  get health(): MqHealth {
    const { config } = this.opts;
    const { poison, ...counts } = this.counters;
    return {
      ...this.requestLink.state,
      queueManager: config.queueManager,
      requestQueue: config.requestQueue,
      ...counts,
      ...(poison && { poison }),
      notifications: { ...this.pushLink.state, queue: config.notificationQueue, failing: this.pushes.failing },
    };
  }

  start(): void {
    if (this.running) return;
    // Replies held when the last process stopped: their requests were consumed, or come back and find them (deferred-replies.ts).
    this.opts.deferred.releaseHeld();
    this.running = Promise.all([
      this.requestLink.run((connection) => this.requests.serve(connection, this.requestLink)),
      this.pushLink.run((connection) => this.pushes.serve(connection, this.pushLink)),
    ]);
  }

  /** Finishes or backs out the message in hand on each connection, then disconnects. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake.abort();
    await this.running;
  }
}
