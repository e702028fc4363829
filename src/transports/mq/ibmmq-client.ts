import {
  type GetOptions,
  type InquireSelector,
  type InquireValues,
  effectiveMatch,
  type MqClient,
  MqConnectOptions,
  type MqConnection,
  MqError,
  type MqMessage,
  type Mqmd,
  type MqmdInput,
  mqmdToPut,
  type MqQueue,
  type MqVerb,
  type OpenPurpose,
  type PutOptions,
  type QueueAddress,
  selectorOf,
} from './client.js';
import { MQC } from './constants.js';
import { mqmdFromWire, wireFromPutMd } from './ibmmq-descriptor.js';
import type { WireMessage, WireMqmd, WirePutOptions } from './ibmmq-protocol.js';
import { MqThread } from './ibmmq-thread.js';

export { MqClientUnavailable } from './ibmmq-thread.js';

export interface IbmMqClientOptions {
  /** The module the MQ thread loads as `ibmmq`; tests give a scripted stand-in, since libmqm is absent there. */
  readonly binding?: string | URL;
}

/** Handles are numbers the MQ thread knows its hConns and hObjs by; unique in the process. */
let nextHandle = 1;

class IbmMqConnection implements MqConnection {
  constructor(
    readonly queueManager: string,
    readonly thread: MqThread,
    readonly id: number,
  ) {}
}

class IbmMqQueue implements MqQueue {
  constructor(
    readonly connection: IbmMqConnection,
    readonly name: string,
    readonly purpose: OpenPurpose,
    readonly id: number,
  ) {}
}

/**
 * `MqClient` over the `ibmmq` package, as an MQ client over a SVRCONN channel. Every MQI call runs
 * on the MQ thread (ibmmq-worker.ts), so a get that waits for a message blocks that thread, not
 * this one; here each verb only becomes a message and its answer a result or an MqError. Thin on
 * purpose: MQ decides the semantics. ibmmq itself is imported by the MQ thread only.
 */
export class IbmMqClient implements MqClient {
  private readonly binding: string;

  constructor(options: IbmMqClientOptions = {}) {
    this.binding = String(options.binding ?? 'ibmmq');
  }

  async connect(options: MqConnectOptions): Promise<MqConnection> {
    const o = MqConnectOptions.parse(options);
    const thread = MqThread.for(this.binding);
    const id = nextHandle++;
    thread.hold(id);
    try {
      await thread.call({ verb: 'connect', connection: id, options: o });
    } catch (err) {
      thread.release(id);
      throw err;
    }
    return new IbmMqConnection(o.queueManager, thread, id);
  }

  async open(connection: MqConnection, queue: string, purpose: OpenPurpose): Promise<MqQueue> {
    const c = connectionOf('open', connection);
    const id = nextHandle++;
    await c.thread.call({ verb: 'open', connection: c.id, queue: id, name: queue, purpose });
    return new IbmMqQueue(c, queue, purpose, id);
  }

  async get(queue: MqQueue, options: GetOptions): Promise<MqMessage | null> {
    const q = queueOf('get', queue);
    const match = effectiveMatch(options.match);
    const wire = await q.connection.thread.call<WireMessage | null>({
      verb: 'get',
      connection: q.connection.id,
      queue: q.id,
      options: {
        syncpoint: options.syncpoint,
        waitMs: options.waitMs,
        match: { ...(match.msgId && { msgId: new Uint8Array(match.msgId) }), ...(match.correlId && { correlId: new Uint8Array(match.correlId) }) },
      },
    });
    if (!wire) return null;
    return {
      md: mqmdFromWire(wire.md),
      body: Buffer.from(wire.body.buffer, wire.body.byteOffset, wire.body.byteLength),
      ...(wire.warning !== undefined && { warning: wire.warning }),
      ...(wire.properties && { properties: wire.properties }),
    };
  }

  async put(queue: MqQueue, md: MqmdInput, body: Buffer, options: PutOptions): Promise<Mqmd> {
    const q = queueOf('put', queue);
    const copy = new Uint8Array(body);
    const put = await q.connection.thread.call<WireMqmd>(
      { verb: 'put', connection: q.connection.id, queue: q.id, md: wireFromPutMd(mqmdToPut(md)), body: copy, options: wirePutOptions('put', options) },
      [copy.buffer],
    );
    return mqmdFromWire(put);
  }

  async put1(connection: MqConnection, target: QueueAddress, md: MqmdInput, body: Buffer, options: PutOptions): Promise<Mqmd> {
    const c = connectionOf('put1', connection);
    const copy = new Uint8Array(body);
    const put = await c.thread.call<WireMqmd>(
      { verb: 'put1', connection: c.id, target: { ...target }, md: wireFromPutMd(mqmdToPut(md)), body: copy, options: wirePutOptions('put1', options) },
      [copy.buffer],
    );
    return mqmdFromWire(put);
  }

  async commit(connection: MqConnection): Promise<void> {
    const c = connectionOf('commit', connection);
    await c.thread.call({ verb: 'commit', connection: c.id });
  }

  async backout(connection: MqConnection): Promise<void> {
    const c = connectionOf('backout', connection);
    await c.thread.call({ verb: 'backout', connection: c.id });
  }

  async inquire<const S extends readonly InquireSelector[]>(target: MqQueue | MqConnection, selectors: S): Promise<InquireValues<S>> {
    const numbers = selectors.map(selectorOf);
    if ('purpose' in target) {
      const q = queueOf('inquire', target);
      return q.connection.thread.call<InquireValues<S>>({ verb: 'inquire', connection: q.connection.id, queue: q.id, selectors: numbers });
    }
    const c = connectionOf('inquire', target);
    return c.thread.call<InquireValues<S>>({ verb: 'inquire', connection: c.id, selectors: numbers });
  }

  async close(queue: MqQueue): Promise<void> {
    const q = queueOf('close', queue);
    await q.connection.thread.call({ verb: 'close', connection: q.connection.id, queue: q.id });
  }

  async disconnect(connection: MqConnection): Promise<void> {
    const c = connectionOf('disconnect', connection);
    try {
      await c.thread.call({ verb: 'disconnect', connection: c.id });
    } finally {
      c.thread.release(c.id);
    }
  }
}

function connectionOf(verb: MqVerb, connection: MqConnection): IbmMqConnection {
  if (!(connection instanceof IbmMqConnection)) throw new MqError(verb, MQC.MQRC_HCONN_ERROR);
  return connection;
}

function queueOf(verb: MqVerb, queue: MqQueue): IbmMqQueue {
  if (!(queue instanceof IbmMqQueue)) throw new MqError(verb, MQC.MQRC_HOBJ_ERROR);
  return queue;
}

/** The context source must be a queue of this client (the MQ thread checks it is on the same connection); MQ checks the rest (2097, 2098). */
function wirePutOptions(verb: 'put' | 'put1', options: PutOptions): WirePutOptions {
  return {
    syncpoint: options.syncpoint,
    ...(options.properties && { properties: { ...options.properties } }),
    ...(options.passContextFrom && { passContextFrom: queueOf(verb, options.passContextFrom).id }),
  };
}
