import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  allows,
  type GetOptions,
  type InquireSelector,
  type InquireValues,
  effectiveMatch,
  type MessageMatch,
  type MessageProperties,
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
import { MQC, MQFMT_STRING } from './constants.js';

/** A local queue's attributes, by their MQSC meaning (MAXDEPTH, BOTHRESH, BOQNAME, DEFPSIST). */
export const QueueAttributes = z
  .object({
    maxDepth: z.number().int().min(0).default(5000),
    backoutThreshold: z.number().int().min(0).default(0),
    backoutQueue: z.string().max(48).default(''),
    persistentByDefault: z.boolean().default(false),
  })
  .strict();
export type QueueAttributes = z.output<typeof QueueAttributes>;

/** By default the developer container's objects (icr.io/ibm-messaging/mq with MQ_DEV=true). */
export const FakeQueueManagerOptions = z
  .object({
    name: z.string().min(1).max(48).default('QM1'),
    deadLetterQueue: z.string().max(48).default('DEV.DEAD.LETTER.QUEUE'),
    queues: z
      .record(z.string().min(1).max(48), QueueAttributes.partial())
      .default({ 'DEV.QUEUE.1': {}, 'DEV.QUEUE.2': {}, 'DEV.QUEUE.3': {}, 'DEV.DEAD.LETTER.QUEUE': {} }),
  })
  .strict();

/** What a test may look at of a queue. */
export interface QueueView {
  readonly name: string;
  readonly attributes: QueueAttributes;
  /** CURDEPTH: as in MQ, it counts uncommitted puts and messages gotten in a unit not yet committed. */
  readonly depth: number;
}

/** The text MQ converts a string message from when a getter asks for UTF-8 (MQGMO_CONVERT, CCSID 1208). */
const CONVERTIBLE: Readonly<Record<number, BufferEncoding>> = { 819: 'latin1', 1208: 'utf8' };
const UTF8 = 1208;

interface StoredMessage {
  readonly queue: FakeQueue;
  readonly md: Omit<Mqmd, 'BackoutCount' | 'Expiry'>;
  readonly body: Buffer;
  readonly properties: MessageProperties;
  /** Epoch milliseconds after which MQ discards it; undefined for MQEI_UNLIMITED. */
  readonly expiresAt: number | undefined;
  backoutCount: number;
  /** 'put' and 'got' belong to an open unit of work and are invisible to every getter. */
  state: 'ready' | 'put' | 'got';
}

class FakeQueue implements QueueView {
  /** In arrival order; a message gotten under syncpoint keeps its place until commit. */
  readonly messages: StoredMessage[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly name: string,
    public attributes: QueueAttributes,
  ) {}

  get depth(): number {
    this.discardExpired();
    return this.messages.length;
  }

  /**
   * The message MQ would deliver next: highest priority first, then first in (MSGDLVSQ(PRIORITY));
   * of those matching `match` when given.
   */
  next(match: MessageMatch = {}): StoredMessage | undefined {
    this.discardExpired();
    let best: StoredMessage | undefined;
    for (const m of this.messages) {
      if (m.state === 'ready' && matches(m, match) && (!best || m.md.Priority > best.md.Priority)) best = m;
    }
    return best;
  }

  ready(): StoredMessage[] {
    this.discardExpired();
    return this.messages.filter((m) => m.state === 'ready').sort((a, b) => b.md.Priority - a.md.Priority);
  }

  remove(message: StoredMessage): void {
    this.messages.splice(this.messages.indexOf(message), 1);
  }

  /** Resolves at the next change a getter could care about, or after `ms`. */
  changeWithin(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waiters.add(wake);
    });
  }

  changed(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private discardExpired(): void {
    const now = Date.now();
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i]!;
      if (m.state === 'ready' && m.expiresAt !== undefined && m.expiresAt <= now) this.messages.splice(i, 1);
    }
  }
}

function matches(message: StoredMessage, match: MessageMatch): boolean {
  return (!match.correlId || message.md.CorrelId.equals(match.correlId)) && (!match.msgId || message.md.MsgId.equals(match.msgId));
}

/**
 * MQ's rule for property names: Java identifiers joined by dots (ASCII here, which is all ace-mock
 * uses). A hyphen, as in the HTTP header names, is MQRC_PROPERTY_NAME_ERROR on a real queue manager.
 */
const PROPERTY_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

class FakeConnection implements MqConnection {
  state: 'open' | 'broken' | 'closed' = 'open';
  readonly unitOfWork = new Set<StoredMessage>();

  constructor(readonly queueManager: string) {}
}

class FakeQueueHandle implements MqQueue {
  open = true;

  constructor(
    readonly connection: FakeConnection,
    readonly queue: FakeQueue,
    readonly purpose: OpenPurpose,
  ) {}

  get name(): string {
    return this.queue.name;
  }
}

interface Fault {
  readonly mqrc: number;
  remaining: number;
}

/**
 * An in-memory queue manager with the MQ semantics ace-mock's listener relies on: per-connection
 * units of work, backout that returns messages in place with BackoutCount + 1, MQDISC committing,
 * expiry, waiting gets, queue attributes, and MQ's reason codes. It is the `MqClient` of the tests
 * (and a dev transport); `failNext` injects the failures a real queue manager produces.
 */
export class FakeQueueManager implements MqClient {
  readonly name: string;
  readonly deadLetterQueue: string;
  private readonly queues = new Map<string, FakeQueue>();
  /** Connections this queue manager made: a handle from another one is MQRC_HCONN_ERROR here. */
  private readonly issued = new WeakSet<FakeConnection>();
  private readonly faults = new Map<MqVerb, Fault[]>();
  /**
   * MQ's MsgId is "AMQ " + queue manager name + a unique 8-byte tail. A random start keeps runs
   * apart; halved, it leaves the counter room never to overflow 64 bits.
   */
  private nextId = randomBytes(8).readBigUInt64BE() >> 1n;

  constructor(options: z.input<typeof FakeQueueManagerOptions> = {}) {
    const o = FakeQueueManagerOptions.parse(options);
    this.name = o.name;
    this.deadLetterQueue = o.deadLetterQueue;
    for (const [name, attributes] of Object.entries(o.queues)) this.defineQueue(name, attributes);
    if (o.deadLetterQueue && !this.queues.has(o.deadLetterQueue)) this.defineQueue(o.deadLetterQueue);
  }

  // ---- test and dev helpers, outside any connection ----

  /** DEFINE QLOCAL … REPLACE: new attributes, messages kept. */
  defineQueue(name: string, attributes: Partial<QueueAttributes> = {}): void {
    const parsed = QueueAttributes.parse(attributes);
    const existing = this.queues.get(name);
    if (existing) existing.attributes = parsed;
    else this.queues.set(name, new FakeQueue(name, parsed));
  }

  queue(name: string): QueueView {
    return this.defined(name);
  }

  /** The committed messages a browse would see, in delivery order, without taking them. */
  browse(name: string): MqMessage[] {
    const now = Date.now();
    return this.defined(name)
      .ready()
      .map((m) => this.delivered(m, now));
  }

  /**
   * What the queue manager does when a client dies without a word (a killed process, a pulled
   * cable): the channel ends, the connection's unit of work is backed out and its handles are gone.
   */
  abandon(connection: MqConnection): void {
    if (!(connection instanceof FakeConnection) || !this.issued.has(connection)) throw new Error(`not a connection of fake queue manager ${this.name}`);
    if (connection.state === 'open') this.breakConnection(connection);
  }

  /** The next `times` calls of `verb` fail with `mqrc`; 2009 also breaks the connection they were made on. */
  failNext(verb: MqVerb, mqrc: number, times = 1): void {
    this.faults.set(verb, [...(this.faults.get(verb) ?? []), { mqrc, remaining: times }]);
  }

  // ---- MqClient ----

  async connect(options: MqConnectOptions): Promise<MqConnection> {
    const o = MqConnectOptions.parse(options);
    this.injectedFault('connect');
    if (o.queueManager !== this.name) throw new MqError('connect', MQC.MQRC_Q_MGR_NAME_ERROR);
    const connection = new FakeConnection(this.name);
    this.issued.add(connection);
    return connection;
  }

  async open(connection: MqConnection, queue: string, purpose: OpenPurpose): Promise<MqQueue> {
    const c = this.live('open', connection);
    this.injectedFault('open', c);
    return new FakeQueueHandle(c, this.resolve('open', queue, ''), purpose);
  }

  async get(queue: MqQueue, options: GetOptions): Promise<MqMessage | null> {
    const h = this.openHandle('get', queue);
    this.injectedFault('get', h.connection);
    if (!allows(h.purpose, MQC.MQOO_INPUT_AS_Q_DEF)) throw new MqError('get', MQC.MQRC_NOT_OPEN_FOR_INPUT);
    const match = effectiveMatch(options.match);
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      const message = h.queue.next(match);
      if (message) return this.take(h.connection, message, options.syncpoint);
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await h.queue.changeWithin(left);
      this.openHandle('get', queue);
    }
  }

  /**
   * MQPUT on an output handle; or, given a queue name, a put from outside (a filer's own
   * application): immediate, outside any unit of work, never faulted.
   */
  put(queue: MqQueue, md: MqmdInput, body: Buffer, options: PutOptions): Promise<Mqmd>;
  put(queue: string, md: MqmdInput, body: Buffer, options?: Pick<PutOptions, 'properties'>): Mqmd;
  put(target: MqQueue | string, md: MqmdInput, body: Buffer, options: PutOptions = { syncpoint: false }): Mqmd | Promise<Mqmd> {
    if (typeof target === 'string') return this.store('put', this.resolve('put', target, ''), md, body, options.properties, undefined);
    return this.putOnHandle(target, md, body, options);
  }

  async put1(connection: MqConnection, target: QueueAddress, md: MqmdInput, body: Buffer, options: PutOptions): Promise<Mqmd> {
    const c = this.live('put1', connection);
    this.injectedFault('put1', c);
    const queue = this.resolve('put1', target.queue, target.queueManager ?? '');
    return this.store('put1', queue, md, body, options.properties, options.syncpoint ? c : undefined);
  }

  async commit(connection: MqConnection): Promise<void> {
    const c = this.live('commit', connection);
    this.injectedFault('commit', c);
    this.settle(c, 'commit');
  }

  async backout(connection: MqConnection): Promise<void> {
    const c = this.live('backout', connection);
    this.injectedFault('backout', c);
    this.settle(c, 'backout');
  }

  async inquire<const S extends readonly InquireSelector[]>(target: MqQueue | MqConnection, selectors: S): Promise<InquireValues<S>> {
    const attributeOf = 'purpose' in target ? this.queueInquiry(target) : this.managerInquiry(target);
    return selectors.map((s) => attributeOf(selectorOf(s))) as InquireValues<S>;
  }

  async close(queue: MqQueue): Promise<void> {
    const h = this.openHandle('close', queue);
    this.injectedFault('close', h.connection);
    h.open = false;
  }

  async disconnect(connection: MqConnection): Promise<void> {
    const c = this.live('disconnect', connection);
    this.injectedFault('disconnect', c);
    this.settle(c, 'commit');
    c.state = 'closed';
  }

  // ---- internals ----

  private async putOnHandle(queue: MqQueue, md: MqmdInput, body: Buffer, options: PutOptions): Promise<Mqmd> {
    const h = this.openHandle('put', queue);
    this.injectedFault('put', h.connection);
    if (!allows(h.purpose, MQC.MQOO_OUTPUT)) throw new MqError('put', MQC.MQRC_NOT_OPEN_FOR_OUTPUT);
    return this.store('put', h.queue, md, body, options.properties, options.syncpoint ? h.connection : undefined);
  }

  private defined(name: string): FakeQueue {
    const q = this.queues.get(name);
    if (!q) throw new Error(`no queue ${name} on fake queue manager ${this.name}`);
    return q;
  }

  private resolve(verb: MqVerb, name: string, queueManager: string): FakeQueue {
    // A remote queue manager would need a transmission queue, and the fake has none.
    if (queueManager !== '' && queueManager !== this.name) throw new MqError(verb, MQC.MQRC_UNKNOWN_REMOTE_Q_MGR);
    const q = this.queues.get(name);
    if (!q) throw new MqError(verb, MQC.MQRC_UNKNOWN_OBJECT_NAME);
    return q;
  }

  /** Puts as MQ does: fills MsgId, ReplyToQMgr, CCSID, persistence and priority the putter left to it. */
  private store(verb: MqVerb, queue: FakeQueue, input: MqmdInput, body: Buffer, properties: MessageProperties | undefined, unit: FakeConnection | undefined): Mqmd {
    if (Object.keys(properties ?? {}).some((name) => !PROPERTY_NAME.test(name))) throw new MqError(verb, MQC.MQRC_PROPERTY_NAME_ERROR);
    if (queue.depth >= queue.attributes.maxDepth) throw new MqError(verb, MQC.MQRC_Q_FULL);
    const given = mqmdToPut(input);
    const now = Date.now();
    const md: StoredMessage['md'] = {
      ...given,
      MsgId: given.MsgId.some((b) => b !== 0) ? Buffer.from(given.MsgId) : this.newMsgId(),
      CorrelId: Buffer.from(given.CorrelId),
      ReplyToQMgr: given.ReplyToQ !== '' && given.ReplyToQMgr === '' ? this.name : given.ReplyToQMgr,
      CodedCharSetId: given.CodedCharSetId === MQC.MQCCSI_Q_MGR ? UTF8 : given.CodedCharSetId,
      Persistence:
        given.Persistence === MQC.MQPER_PERSISTENCE_AS_Q_DEF
          ? queue.attributes.persistentByDefault
            ? MQC.MQPER_PERSISTENT
            : MQC.MQPER_NOT_PERSISTENT
          : given.Persistence,
      Priority: given.Priority === MQC.MQPRI_PRIORITY_AS_Q_DEF ? 0 : given.Priority,
      // MQPMO_DEFAULT_CONTEXT: the queue manager fills identity and origin context for the putter.
      UserIdentifier: 'app',
      AccountingToken: Buffer.alloc(32),
      ApplIdentityData: '',
      PutApplType: 6, // MQAT_UNIX
      PutApplName: 'node',
      ApplOriginData: '',
      PutDateTime: new Date(Math.floor(now / 10) * 10),
    };
    const expiresAt = given.Expiry > 0 ? now + given.Expiry * 100 : undefined;
    const message: StoredMessage = { queue, md, body: Buffer.from(body), properties: { ...properties }, expiresAt, backoutCount: 0, state: unit ? 'put' : 'ready' };
    queue.messages.push(message);
    if (unit) unit.unitOfWork.add(message);
    else queue.changed();
    return { ...md, MsgId: Buffer.from(md.MsgId), CorrelId: Buffer.from(md.CorrelId), Expiry: given.Expiry, BackoutCount: 0 };
  }

  private take(connection: FakeConnection, message: StoredMessage, syncpoint: boolean): MqMessage {
    const delivered = this.delivered(message, Date.now());
    if (syncpoint) {
      message.state = 'got';
      connection.unitOfWork.add(message);
    } else {
      message.queue.remove(message);
    }
    return delivered;
  }

  /** What a getter receives: copies, the remaining expiry, and string data converted to UTF-8. */
  private delivered(message: StoredMessage, now: number): MqMessage {
    const { md } = message;
    const encoding = CONVERTIBLE[md.CodedCharSetId];
    const convert = md.Format === MQFMT_STRING && encoding !== undefined;
    return {
      md: {
        ...md,
        MsgId: Buffer.from(md.MsgId),
        CorrelId: Buffer.from(md.CorrelId),
        Expiry: message.expiresAt === undefined ? MQC.MQEI_UNLIMITED : Math.max(1, Math.ceil((message.expiresAt - now) / 100)),
        BackoutCount: message.backoutCount,
        CodedCharSetId: convert ? UTF8 : md.CodedCharSetId,
      },
      body: convert ? Buffer.from(message.body.toString(encoding), 'utf8') : Buffer.from(message.body),
      properties: { ...message.properties },
    };
  }

  /** Ends a unit of work: commit makes puts visible and gets final; backout the reverse, BackoutCount + 1. */
  private settle(connection: FakeConnection, outcome: 'commit' | 'backout'): void {
    const touched = new Set<FakeQueue>();
    for (const m of connection.unitOfWork) {
      touched.add(m.queue);
      if (m.state === 'put') {
        if (outcome === 'commit') m.state = 'ready';
        else m.queue.remove(m);
      } else if (m.state === 'got') {
        if (outcome === 'commit') m.queue.remove(m);
        else {
          m.state = 'ready';
          m.backoutCount += 1;
        }
      }
    }
    connection.unitOfWork.clear();
    for (const q of touched) q.changed();
  }

  /** A broken connection loses its unit of work (backed out) and its handles, as with a real one. */
  private breakConnection(connection: FakeConnection): void {
    this.settle(connection, 'backout');
    connection.state = 'broken';
    for (const q of this.queues.values()) q.changed();
  }

  private injectedFault(verb: MqVerb, connection?: FakeConnection): void {
    const pending = this.faults.get(verb);
    const fault = pending?.[0];
    if (!pending || !fault) return;
    fault.remaining -= 1;
    if (fault.remaining <= 0) pending.shift();
    if (fault.mqrc === MQC.MQRC_CONNECTION_BROKEN && connection) this.breakConnection(connection);
    throw new MqError(verb, fault.mqrc);
  }

  private live(verb: MqVerb, connection: MqConnection): FakeConnection {
    if (!(connection instanceof FakeConnection) || !this.issued.has(connection) || connection.state === 'closed') {
      throw new MqError(verb, MQC.MQRC_HCONN_ERROR);
    }
    if (connection.state === 'broken') throw new MqError(verb, MQC.MQRC_CONNECTION_BROKEN);
    return connection;
  }

  private openHandle(verb: MqVerb, queue: MqQueue): FakeQueueHandle {
    if (!(queue instanceof FakeQueueHandle)) throw new MqError(verb, MQC.MQRC_HOBJ_ERROR);
    this.live(verb, queue.connection);
    if (!queue.open) throw new MqError(verb, MQC.MQRC_HOBJ_ERROR);
    return queue;
  }

  private queueInquiry(queue: MqQueue): (selector: number) => number | string {
    const h = this.openHandle('inquire', queue);
    this.injectedFault('inquire', h.connection);
    if (!allows(h.purpose, MQC.MQOO_INQUIRE)) throw new MqError('inquire', MQC.MQRC_NOT_OPEN_FOR_INQUIRE);
    return (selector) => this.queueAttribute(h.queue, selector);
  }

  private managerInquiry(connection: MqConnection): (selector: number) => number | string {
    this.injectedFault('inquire', this.live('inquire', connection));
    return (selector) => this.managerAttribute(selector);
  }

  private queueAttribute(queue: FakeQueue, selector: number): number | string {
    switch (selector) {
      case MQC.MQIA_BACKOUT_THRESHOLD:
        return queue.attributes.backoutThreshold;
      case MQC.MQCA_BACKOUT_REQ_Q_NAME:
        return queue.attributes.backoutQueue;
      case MQC.MQIA_CURRENT_Q_DEPTH:
        return queue.depth;
      case MQC.MQIA_MAX_Q_DEPTH:
        return queue.attributes.maxDepth;
      case MQC.MQCA_Q_NAME:
        return queue.name;
      case MQC.MQCA_DEAD_LETTER_Q_NAME:
        throw new MqError('inquire', MQC.MQRC_SELECTOR_NOT_FOR_TYPE, MQC.MQCC_WARNING);
      default:
        throw new MqError('inquire', MQC.MQRC_SELECTOR_ERROR);
    }
  }

  private managerAttribute(selector: number): number | string {
    if (selector === MQC.MQCA_DEAD_LETTER_Q_NAME) return this.deadLetterQueue;
    const known = [MQC.MQIA_BACKOUT_THRESHOLD, MQC.MQCA_BACKOUT_REQ_Q_NAME, MQC.MQIA_CURRENT_Q_DEPTH, MQC.MQIA_MAX_Q_DEPTH, MQC.MQCA_Q_NAME];
    if (known.includes(selector)) throw new MqError('inquire', MQC.MQRC_SELECTOR_NOT_FOR_TYPE, MQC.MQCC_WARNING);
    throw new MqError('inquire', MQC.MQRC_SELECTOR_ERROR);
  }

  private newMsgId(): Buffer {
    const id = Buffer.alloc(MQC.MQ_MSG_ID_LENGTH);
    id.write(`AMQ ${this.name.padEnd(12).slice(0, 12)}`, 'latin1');
    id.writeBigUInt64BE(this.nextId++, 16);
    return id;
  }
}
