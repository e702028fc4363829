import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { MqClient, MqConnectOptions, MqConnection } from './client.js';
import { MqError } from './client.js';
import { reasonName } from './constants.js';
import { MqClientUnavailable } from './ibmmq-client.js';

export type MqStatus = 'disabled' | 'connecting' | 'connected' | 'reconnecting' | 'client-library-missing' | 'stopped';

/** One connection's state, as `/health` shows it. */
export interface LinkState {
  readonly status: MqStatus;
  readonly since: string;
  /** The last MQ reason code that broke the connection, e.g. `MQRC_CONNECTION_BROKEN [2009]`. */
  readonly lastReason?: string;
  readonly lastError?: string;
}

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 30_000;

export const describe = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Keeps one MQ connection for one loop: connects, lends the connection to the loop until it
 * returns (stopping) or throws, then waits (doubling from 0.5 s to 30 s) and connects again. The
 * request loop and the push loop each have their own, so a failing notification queue never costs
 * a request a reconnect or a wait. Whatever the loop leaves in its unit of work is backed out
 * before disconnecting: a normal MQDISC would commit it.
 */
export class ConnectionKeeper {
  private current: LinkState;
  private retryMs = FIRST_RETRY_MS;

  constructor(
    private readonly name: string,
    private readonly opts: {
      readonly client: MqClient;
      readonly connectOptions: MqConnectOptions;
      readonly logger: Logger;
      readonly clock: () => Date;
      readonly stopping: () => boolean;
      /** Waits `ms`, or less when the listener stops. */
      readonly pause: (ms: number) => Promise<void>;
    },
  ) {
    this.current = this.at('connecting');
  }

  get state(): LinkState {
    return this.current;
  }

  /** Sets the state the loop reached once its queues are open. */
  connected(): void {
    this.current = this.at('connected');
  }

  /**
   * The loop did real work on the connection (a get, a round of puts): the next failure starts the
   * backoff afresh. Not at `connected()`, or a queue that fails every get (2016) would be reopened
   * every half second for ever.
   */
  healthy(): void {
    this.retryMs = FIRST_RETRY_MS;
  }

  async run(loop: (connection: MqConnection) => Promise<void>): Promise<void> {
    const { client, logger } = this.opts;
    while (!this.opts.stopping()) {
      try {
        this.current = { ...this.at('connecting'), ...this.lastFailure() };
        const connection = await client.connect(this.opts.connectOptions);
        try {
          await loop(connection);
        } finally {
          await client.backout(connection).catch(() => undefined);
          await client.disconnect(connection).catch(() => undefined);
        }
      } catch (err) {
        if (err instanceof MqClientUnavailable) {
          this.current = this.at('client-library-missing', { lastError: err.message });
          logger.error(`MQ ${this.name} off: the IBM MQ client library cannot be loaded (${err.message}); HTTP still answers`);
          return;
        }
        const reason = err instanceof MqError ? `${reasonName(err.mqrc)} [${err.mqrc}]` : undefined;
        this.current = this.at('reconnecting', { ...(reason && { lastReason: reason }), lastError: describe(err) });
        logger.warn(`MQ ${this.name}: ${describe(err)}; connecting again in ${this.retryMs} ms`);
        await this.opts.pause(this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, LONGEST_RETRY_MS);
      }
    }
    this.current = this.at('stopped');
  }

  private lastFailure(): Partial<LinkState> {
    const { lastReason, lastError } = this.current;
    return { ...(lastReason && { lastReason }), ...(lastError && { lastError }) };
  }

  private at(status: MqStatus, extra: Partial<LinkState> = {}): LinkState {
    return { status, since: this.opts.clock().toISOString(), ...extra };
  }
}

/** Sleeps `ms` unless `signal` aborts first. */
export const pauseUnless = (signal: AbortSignal) => (ms: number): Promise<void> => sleep(ms, undefined, { signal }).catch(() => undefined);
