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
  contextOf,
  type MessageContext,
} from './client.js';
import { decode, UTF8_CCSID } from './code-pages.js';
import { mqPutTime } from './mq-date-time.js';
import { MQC, MQFMT_NONE, MQFMT_STRING } from './constants.js';

/** MQ's default MAXMSGL, of queues and of the queue manager: 4 MB. */
const DEFAULT_MAX_MESSAGE_LENGTH = 4 * 1024 * 1024;

/**
 * A local queue's attributes, by their MQSC meaning (MAXDEPTH, BOTHRESH, BOQNAME, DEFPSIST,
 * MAXMSGL, GET(DISABLED), PUT(DISABLED), HARDENBO).
 */
export const QueueAttributes = z
  .object({
    maxDepth: z.number().int().min(0).default(5000),
    backoutThreshold: z.number().int().min(0).default(0),
    backoutQueue: z.string().max(48).default(''),
    persistentByDefault: z.boolean().default(false),
    maxMessageLength: z.number().int().min(0).default(DEFAULT_MAX_MESSAGE_LENGTH),
    getInhibited: z.boolean().default(false),
    putInhibited: z.boolean().default(false),
    /** Only a z/OS queue manager ('zos' platform) honours it; see FakeQueueManager.restart. */
    hardenBackout: z.boolean().default(false),
  })
  .strict();
export type QueueAttributes = z.output<typeof QueueAttributes>;

/** By default the developer container's objects (icr.io/ibm-messaging/mq with MQ_DEV=true). */
export const FakeQueueManagerOptions = z
  .object({
    name: z.string().min(1).max(48).default('QM1'),
    deadLetterQueue: z.string().max(48).default('DEV.DEAD.LETTER.QUEUE'),
    /** MAXUMSGS: the most messages one unit of work may hold (gets, puts and the reports they cause). */
    maxUncommittedMessages: z.number().int().min(1).default(10_000),
    /**
     * What a restart does to backout counts: 'unix' (like the developer container) keeps every
     * count; 'zos' keeps them only on queues with HARDENBO.
     */
    platform: z.enum(['unix', 'zos']).default('unix'),
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


/** The identity and origin context MQ keeps with a message (MQPMO_DEFAULT_CONTEXT or passed on). */
/** The report options of one kind: the bare option, and the two that add data (first 100 bytes, all). */
interface ReportKind {
  readonly feedback: number;
  readonly plain: number;
  readonly withData: number;
  readonly withFullData: number;
}

const COA: ReportKind = { feedback: MQC.MQFB_COA, plain: MQC.MQRO_COA, withData: MQC.MQRO_COA_WITH_DATA, withFullData: MQC.MQRO_COA_WITH_FULL_DATA };
const COD: ReportKind = { feedback: MQC.MQFB_COD, plain: MQC.MQRO_COD, withData: MQC.MQRO_COD_WITH_DATA, withFullData: MQC.MQRO_COD_WITH_FULL_DATA };

/** Any of these asks for a report, so the message needs a ReplyToQ (MQRC_MISSING_REPLY_TO_Q otherwise). */
const ANY_REPORT = MQC.MQRO_EXCEPTION | MQC.MQRO_EXPIRATION | MQC.MQRO_COA | MQC.MQRO_COD | MQC.MQRO_PAN | MQC.MQRO_NAN;

/** How much of the original a report with data carries (MQRO_*_WITH_DATA). */
const REPORT_DATA_BYTES = 100;

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
  /**
   * In delivery order (MSGDLVSQ(PRIORITY)): highest priority first, then first in. A message
   * gotten under syncpoint keeps its place until commit, so a backout returns it where it was.
   */
  readonly messages: StoredMessage[] = [];
  private readonly waiters = new Set<() => void>();
  /** How many messages have an expiry: without any, nothing needs discarding (the usual case). */
  private expiring = 0;

  constructor(
    readonly name: string,
    public attributes: QueueAttributes,
  ) {}

  get depth(): number {
    this.discardExpired();
    return this.messages.length;
  }

  /** Places a new message after every message of its priority or higher. */
  enqueue(message: StoredMessage): void {
    let at = this.messages.length;
    while (at > 0 && (this.messages[at - 1] as StoredMessage).md.Priority < message.md.Priority) at--;
    this.messages.splice(at, 0, message);
    if (message.expiresAt !== undefined) this.expiring++;
  }

  /** The message MQ would deliver next, of those matching `match` when given. */
  next(match: MessageMatch = {}): StoredMessage | undefined {
    this.discardExpired();
    return this.messages.find((m) => m.state === 'ready' && matches(m, match));
  }

  ready(): StoredMessage[] {
    this.discardExpired();
    return this.messages.filter((m) => m.state === 'ready');
  }

  remove(message: StoredMessage): void {
    this.messages.splice(this.messages.indexOf(message), 1);
    if (message.expiresAt !== undefined) this.expiring--;
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
    if (this.expiring === 0) return;
    const now = Date.now();
    for (let i = this.messages.length - 1; i >= 0; i--) {
      const m = this.messages[i] as StoredMessage;
      if (m.state === 'ready' && m.expiresAt !== undefined && m.expiresAt <= now) this.remove(m);
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
  /** Every message the unit holds: gets, puts and the reports they caused (what MAXUMSGS counts). */
  readonly unitOfWork = new Set<StoredMessage>();
  /** The unit met an error (MQRC_BACKED_OUT on a get or put): it can only be backed out now. */
  doomed = false;

  constructor(
    readonly queueManager: string,
    /** Who the queue manager puts this connection's messages as (UserIdentifier). */
    readonly user: string,
  ) {}
}

class FakeQueueHandle implements MqQueue {
  open = true;
  /** MQOO_SAVE_ALL_CONTEXT: the context of the message last gotten through this handle. */
  savedContext: MessageContext | undefined;

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

/** Uses up one of the first pending fault (or warning): its reason code, or undefined when none is pending. */
function nextOf(pending: Fault[] | undefined): number | undefined {
  const fault = pending?.[0];
  if (!pending || !fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) pending.shift();
  return fault.mqrc;
}

interface StoreOptions {
  readonly properties: MessageProperties | undefined;
  /** The unit of work the put joins (under syncpoint), or none. */
  readonly unit: FakeConnection | undefined;
  readonly context: MessageContext;
  /** A report the queue manager generates: its MAXUMSGS share was reserved with the call that caused it. */
  readonly generated?: boolean;
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
  private readonly warnings: Fault[] = [];
  /** Connections not yet disconnected or broken: the ones a restart breaks. */
  private readonly connections = new Set<FakeConnection>();
  private readonly maxUncommittedMessages: number;
  private readonly platform: 'unix' | 'zos';
  /**
   * MQ's MsgId is "AMQ " + queue manager name + a unique 8-byte tail. A random start keeps runs
   * apart; halved, it leaves the counter room never to overflow 64 bits.
   */
  private nextId = randomBytes(8).readBigUInt64BE() >> 1n;

  constructor(options: z.input<typeof FakeQueueManagerOptions> = {}) {
    const o = FakeQueueManagerOptions.parse(options);
    this.name = o.name;
    this.deadLetterQueue = o.deadLetterQueue;
    this.maxUncommittedMessages = o.maxUncommittedMessages;
    this.platform = o.platform;
    for (const [name, attributes] of Object.entries(o.queues)) this.defineQueue(name, attributes);
    if (o.deadLetterQueue && !this.queues.has(o.deadLetterQueue)) this.defineQueue(o.deadLetterQueue);
  }

  // ---- test and dev helpers, outside any connection ----

  /** DEFINE QLOCAL … REPLACE: new attributes, messages kept. */
  defineQueue(name: string, attributes: Partial<QueueAttributes> = {}): void {
    const parsed = QueueAttributes.parse(attributes);
    const existing = this.queues.get(name);
    if (existing) {
      existing.attributes = parsed;
      existing.changed(); // a get waiting on a queue just made GET(DISABLED) fails
    } else this.queues.set(name, new FakeQueue(name, parsed));
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

  /**
   * The next `times` calls of `verb` fail with `mqrc`, with what MQ does besides: 2009 breaks the
   * connection the call was made on; 2003 on commit or disconnect backs the unit of work out (and
   * completes with MQCC_WARNING, as MQ does), on a get or put dooms the unit to be backed out.
   */
  failNext(verb: MqVerb, mqrc: number, times = 1): void {
    this.faults.set(verb, [...(this.faults.get(verb) ?? []), { mqrc, remaining: times }]);
  }

  /**
   * The next `times` gets that find a message take it as usual (into the unit of work under
   * syncpoint) and complete with MQCC_WARNING and `mqrc`, e.g. 2119 MQRC_NOT_CONVERTED.
   */
  warnNext(mqrc: number, times = 1): void {
    this.warnings.push({ mqrc, remaining: times });
  }

  /**
   * A queue manager restart (endmqm -i, strmqm): every connection breaks (2009 on its next call)
   * and its unit of work is backed out; nonpersistent messages are gone (NPMCLASS(NORMAL): "limited
   * to the lifetime of the queue manager session", IBM MQ "NonPersistentMessageClass"). Backout
   * counts: on UNIX, Linux and Windows "the backout count always survives restarts of the queue
   * manager" and HARDENBO is ignored; on z/OS only HARDENBO queues keep an accurate count (IBM MQ
   * "Messages that are backed out"). For 'zos' the fake takes the worst case and sets the others to 0.
   */
  restart(): void {
    for (const connection of [...this.connections]) this.breakConnection(connection);
    for (const queue of this.queues.values()) {
      for (const m of [...queue.messages]) {
        if (m.md.Persistence !== MQC.MQPER_PERSISTENT) queue.remove(m);
        else if (this.platform === 'zos' && !queue.attributes.hardenBackout) m.backoutCount = 0;
      }
    }
  }

  // ---- MqClient ----

  async connect(options: MqConnectOptions): Promise<MqConnection> {
    const o = MqConnectOptions.parse(options);
    this.injectedFault('connect');
    if (o.queueManager !== this.name) throw new MqError('connect', MQC.MQRC_Q_MGR_NAME_ERROR);
    // The developer container's channel runs as the authenticated user; `app` is its application user.
    const connection = new FakeConnection(this.name, o.user ?? 'app');
    this.issued.add(connection);
    this.connections.add(connection);
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
      if (h.queue.attributes.getInhibited) throw new MqError('get', MQC.MQRC_GET_INHIBITED);
      const message = h.queue.next(match);
      if (message) return this.take(h, message, options.syncpoint);
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
    if (typeof target === 'string') {
      const context = this.defaultContext('app');
      return this.store('put', this.resolve('put', target, ''), md, body, { properties: options.properties, unit: undefined, context });
    }
    return this.putOnHandle(target, md, body, options);
  }

  async put1(connection: MqConnection, target: QueueAddress, md: MqmdInput, body: Buffer, options: PutOptions): Promise<Mqmd> {
    const c = this.live('put1', connection);
    this.injectedFault('put1', c);
    const queue = this.resolve('put1', target.queue, target.queueManager ?? '');
    const context = this.putContext('put1', c, options);
    return this.store('put1', queue, md, body, { properties: options.properties, unit: options.syncpoint ? c : undefined, context });
  }

  async commit(connection: MqConnection): Promise<void> {
    const c = this.live('commit', connection);
    this.injectedFault('commit', c);
    if (c.doomed) this.backOutDoomed('commit', c);
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
    try {
      this.injectedFault('disconnect', c);
      if (c.doomed) this.backOutDoomed('disconnect', c);
    } catch (err) {
      // MQDISC that backed the unit out (MQCC_WARNING, 2003) has still disconnected.
      if (err instanceof MqError && err.mqrc === MQC.MQRC_BACKED_OUT) this.closeConnection(c);
      throw err;
    }
    this.settle(c, 'commit');
    this.closeConnection(c);
  }

  // ---- internals ----

  private async putOnHandle(queue: MqQueue, md: MqmdInput, body: Buffer, options: PutOptions): Promise<Mqmd> {
    const h = this.openHandle('put', queue);
    this.injectedFault('put', h.connection);
    if (!allows(h.purpose, MQC.MQOO_OUTPUT)) throw new MqError('put', MQC.MQRC_NOT_OPEN_FOR_OUTPUT);
    // MQPUT (unlike MQPUT1) may pass context only through a handle opened with MQOO_PASS_ALL_CONTEXT.
    if (options.passContextFrom && !allows(h.purpose, MQC.MQOO_PASS_ALL_CONTEXT)) throw new MqError('put', MQC.MQRC_NOT_OPEN_FOR_PASS_ALL);
    const context = this.putContext('put', h.connection, options);
    return this.store('put', h.queue, md, body, { properties: options.properties, unit: options.syncpoint ? h.connection : undefined, context });
  }

  /**
   * MQPMO_DEFAULT_CONTEXT: the queue manager's own view of the putter; MQPMO_PASS_ALL_CONTEXT: the
   * context saved on the input handle named, which needs MQOO_SAVE_ALL_CONTEXT (else 2097
   * MQRC_CONTEXT_HANDLE_ERROR) and a message gotten through it (else 2098 MQRC_CONTEXT_NOT_AVAILABLE).
   */
  private putContext(verb: MqVerb, connection: FakeConnection, options: PutOptions): MessageContext {
    const from = options.passContextFrom;
    if (from === undefined) return this.defaultContext(connection.user);
    if (!(from instanceof FakeQueueHandle) || !from.open || from.connection !== connection || !allows(from.purpose, MQC.MQOO_SAVE_ALL_CONTEXT)) {
      throw new MqError(verb, MQC.MQRC_CONTEXT_HANDLE_ERROR);
    }
    if (from.savedContext === undefined) throw new MqError(verb, MQC.MQRC_CONTEXT_NOT_AVAILABLE);
    return contextOf(from.savedContext);
  }

  /**
   * What a queue manager on Linux records for a Node.js client: the user the channel runs as, a
   * UNIX application (MQAT_UNIX) named after its process ("node"), the time of the put. The
   * accounting token is left all zeros (a real one encodes the user's id).
   */
  private defaultContext(user: string): MessageContext {
    return {
      UserIdentifier: user,
      AccountingToken: Buffer.alloc(MQC.MQ_ACCOUNTING_TOKEN_LENGTH),
      ApplIdentityData: '',
      PutApplType: MQC.MQAT_UNIX,
      PutApplName: 'node',
      ApplOriginData: '',
      PutDateTime: mqPutTime(),
    };
  }

  /**
   * Context of a report the queue manager generates: the original's identity (user, accounting
   * token; an assumption the docs read did not settle), the queue manager as origin (MQAT_QMGR, its name).
   */
  private managerContext(original: MessageContext): MessageContext {
    return {
      ...contextOf(original),
      PutApplType: MQC.MQAT_QMGR,
      PutApplName: this.name.slice(0, MQC.MQ_PUT_APPL_NAME_LENGTH),
      PutDateTime: mqPutTime(),
    };
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

  /**
   * Puts as MQ does: checks the queue's PUT, MAXMSGL and MAXDEPTH, the unit's MAXUMSGS and the
   * ReplyToQ reports need; fills MsgId, ReplyToQMgr, CCSID, persistence, priority and context;
   * and sends the confirm-on-arrival report asked for, in the same unit of work.
   */
  private store(verb: MqVerb, queue: FakeQueue, input: MqmdInput, body: Buffer, how: StoreOptions): Mqmd {
    const { properties, unit, context } = how;
    if (Object.keys(properties ?? {}).some((name) => !PROPERTY_NAME.test(name))) throw new MqError(verb, MQC.MQRC_PROPERTY_NAME_ERROR);
    if (queue.attributes.putInhibited) throw new MqError(verb, MQC.MQRC_PUT_INHIBITED);
    if (body.length > queue.attributes.maxMessageLength) throw new MqError(verb, MQC.MQRC_MSG_TOO_BIG_FOR_Q);
    if (queue.depth >= queue.attributes.maxDepth) throw new MqError(verb, MQC.MQRC_Q_FULL);
    const given = mqmdToPut(input);
    // "This field must not be blank … if any report messages are requested" (IBM MQ, ReplyToQ in MQMD).
    if ((given.Report & ANY_REPORT) !== 0 && given.ReplyToQ === '') throw new MqError(verb, MQC.MQRC_MISSING_REPLY_TO_Q);
    if (unit && !how.generated) this.reserve(verb, unit, 1 + (given.Report & COA.plain ? 1 : 0));
    const now = Date.now();
    const md: StoredMessage['md'] = {
      ...given,
      MsgId: given.MsgId.some((b) => b !== 0) ? Buffer.from(given.MsgId) : this.newMsgId(),
      CorrelId: Buffer.from(given.CorrelId),
      ReplyToQMgr: given.ReplyToQ !== '' && given.ReplyToQMgr === '' ? this.name : given.ReplyToQMgr,
      CodedCharSetId: given.CodedCharSetId === MQC.MQCCSI_Q_MGR ? UTF8_CCSID : given.CodedCharSetId,
      Persistence:
        given.Persistence === MQC.MQPER_PERSISTENCE_AS_Q_DEF
          ? queue.attributes.persistentByDefault
            ? MQC.MQPER_PERSISTENT
            : MQC.MQPER_NOT_PERSISTENT
          : given.Persistence,
      Priority: given.Priority === MQC.MQPRI_PRIORITY_AS_Q_DEF ? 0 : given.Priority,
      ...context,
    };
    const expiresAt = given.Expiry > 0 ? now + given.Expiry * 100 : undefined;
    const message: StoredMessage = { queue, md, body: Buffer.from(body), properties: { ...properties }, expiresAt, backoutCount: 0, state: unit ? 'put' : 'ready' };
    queue.enqueue(message);
    if (unit) unit.unitOfWork.add(message);
    else queue.changed();
    this.report(COA, message, unit);
    return { ...md, MsgId: Buffer.from(md.MsgId), CorrelId: Buffer.from(md.CorrelId), AccountingToken: Buffer.from(md.AccountingToken), Expiry: given.Expiry, BackoutCount: 0 };
  }

  /** MAXUMSGS: the unit may not grow past it (2024), counting the reports its calls generate. */
  private reserve(verb: MqVerb, unit: FakeConnection, messages: number): void {
    if (unit.unitOfWork.size + messages > this.maxUncommittedMessages) throw new MqError(verb, MQC.MQRC_SYNCPOINT_LIMIT_REACHED);
  }

  /**
   * A COA or COD report, when the message asks for one (IBM MQ "Report (MQLONG)"): put by the queue
   * manager to the message's ReplyToQ as MQMT_REPORT with Feedback MQFB_COA / MQFB_COD; MsgId new
   * unless MQRO_PASS_MSG_ID; CorrelId the original's MsgId unless MQRO_PASS_CORREL_ID, then its
   * CorrelId; no data, the first 100 bytes (_WITH_DATA) or all of it (_WITH_FULL_DATA); priority and
   * persistence of the original; expiry and MQRO_DISCARD_MSG passed on only with
   * MQRO_PASS_DISCARD_AND_EXPIRY. Under syncpoint it joins the unit of work, so it appears only if
   * the unit commits. MQ would put a report it cannot deliver on the dead-letter queue behind an
   * MQDLH; the fake drops it.
   */
  private report(kind: ReportKind, original: StoredMessage, unit: FakeConnection | undefined): void {
    const { md } = original;
    if ((md.Report & kind.plain) === 0) return;
    const data =
      (md.Report & kind.withFullData) === kind.withFullData
        ? original.body
        : (md.Report & kind.withData) === kind.withData
          ? original.body.subarray(0, REPORT_DATA_BYTES)
          : undefined;
    const passDiscardAndExpiry = (md.Report & MQC.MQRO_PASS_DISCARD_AND_EXPIRY) !== 0;
    const target = md.ReplyToQMgr === this.name ? this.queues.get(md.ReplyToQ) : undefined;
    if (!target) return;
    const report: MqmdInput = {
      MsgType: MQC.MQMT_REPORT,
      Feedback: kind.feedback,
      MsgId: md.Report & MQC.MQRO_PASS_MSG_ID ? md.MsgId : undefined,
      CorrelId: md.Report & MQC.MQRO_PASS_CORREL_ID ? md.CorrelId : md.MsgId,
      Report: passDiscardAndExpiry && md.Report & MQC.MQRO_DISCARD_MSG ? MQC.MQRO_DISCARD_MSG : MQC.MQRO_NONE,
      Expiry: passDiscardAndExpiry ? this.remainingExpiry(original, Date.now()) : MQC.MQEI_UNLIMITED,
      Priority: md.Priority,
      Persistence: md.Persistence,
      ...(data === undefined ? { Format: MQFMT_NONE } : { Format: md.Format, CodedCharSetId: md.CodedCharSetId, Encoding: md.Encoding }),
    };
    const defined = Object.fromEntries(Object.entries(report).filter(([, v]) => v !== undefined)) as MqmdInput;
    try {
      this.store('put', target, defined, data ?? Buffer.alloc(0), { properties: undefined, unit, context: this.managerContext(md), generated: true });
    } catch (err) {
      if (!(err instanceof MqError)) throw err;
    }
  }

  /** A get as MQ does it: MAXUMSGS first, then the message is the unit's (or gone), its context saved, its COD sent. */
  private take(handle: FakeQueueHandle, message: StoredMessage, syncpoint: boolean): MqMessage {
    const connection = handle.connection;
    if (syncpoint) this.reserve('get', connection, 1 + (message.md.Report & COD.plain ? 1 : 0));
    const delivered = this.delivered(message, Date.now());
    const warning = this.injectedWarning() ?? delivered.warning;
    if (syncpoint) {
      message.state = 'got';
      connection.unitOfWork.add(message);
    } else {
      message.queue.remove(message);
    }
    if (allows(handle.purpose, MQC.MQOO_SAVE_ALL_CONTEXT)) handle.savedContext = contextOf(message.md);
    this.report(COD, message, syncpoint ? connection : undefined);
    return { ...delivered, ...(warning !== undefined && { warning }) };
  }

  /**
   * What a getter receives with MQGMO_CONVERT to CCSID 1208: copies, the remaining expiry, and
   * string data converted to UTF-8. As MQ, a conversion that cannot be done returns the data as it
   * is with its own CCSID and a warning (IBM MQ "Conversion processing"): 2111
   * MQRC_SOURCE_CCSID_ERROR for a CCSID the converter does not support (a real queue manager knows
   * many more than the fake's 1208, 819, 37 and 500), 2110 MQRC_FORMAT_ERROR for data of no format
   * (MQFMT_NONE) in another CCSID.
   */
  private delivered(message: StoredMessage, now: number): MqMessage {
    const { md } = message;
    const conversion = this.conversion(md, message.body);
    return {
      md: {
        ...md,
        MsgId: Buffer.from(md.MsgId),
        CorrelId: Buffer.from(md.CorrelId),
        AccountingToken: Buffer.from(md.AccountingToken),
        Expiry: this.remainingExpiry(message, now),
        BackoutCount: message.backoutCount,
        CodedCharSetId: conversion.body ? UTF8_CCSID : md.CodedCharSetId,
      },
      body: conversion.body ?? Buffer.from(message.body),
      properties: { ...message.properties },
      ...(conversion.warning !== undefined && { warning: conversion.warning }),
    };
  }

  private conversion(md: StoredMessage['md'], body: Buffer): { body?: Buffer; warning?: number } {
    if (md.CodedCharSetId === UTF8_CCSID || body.length === 0) return {};
    if (md.Format !== MQFMT_STRING) return md.Format === MQFMT_NONE ? { warning: MQC.MQRC_FORMAT_ERROR } : {};
    const text = decode(md.CodedCharSetId, body);
    return text === undefined ? { warning: MQC.MQRC_SOURCE_CCSID_ERROR } : { body: Buffer.from(text, 'utf8') };
  }

  /** Expiry as a getter sees it: tenths of a second left, at least 1; MQEI_UNLIMITED for none. */
  private remainingExpiry(message: StoredMessage, now: number): number {
    return message.expiresAt === undefined ? MQC.MQEI_UNLIMITED : Math.max(1, Math.ceil((message.expiresAt - now) / 100));
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
    connection.doomed = false;
    for (const q of touched) q.changed();
  }

  /** A broken connection loses its unit of work (backed out) and its handles, as with a real one. */
  private breakConnection(connection: FakeConnection): void {
    this.settle(connection, 'backout');
    connection.state = 'broken';
    this.connections.delete(connection);
    for (const q of this.queues.values()) q.changed();
  }

  private closeConnection(connection: FakeConnection): void {
    connection.state = 'closed';
    this.connections.delete(connection);
  }

  /** MQCMIT or MQDISC of a unit that cannot commit: it is backed out, and the call warns 2003 (MQRC_BACKED_OUT). */
  private backOutDoomed(verb: MqVerb, connection: FakeConnection): never {
    this.settle(connection, 'backout');
    throw new MqError(verb, MQC.MQRC_BACKED_OUT, MQC.MQCC_WARNING);
  }

  private injectedFault(verb: MqVerb, connection?: FakeConnection): void {
    const fault = nextOf(this.faults.get(verb));
    if (fault === undefined) return;
    if (fault === MQC.MQRC_CONNECTION_BROKEN && connection) this.breakConnection(connection);
    if (fault === MQC.MQRC_BACKED_OUT && connection) {
      if (verb === 'commit' || verb === 'disconnect') this.backOutDoomed(verb, connection);
      connection.doomed = true;
    }
    throw new MqError(verb, fault);
  }

  private injectedWarning(): number | undefined {
    return nextOf(this.warnings);
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
      case MQC.MQIA_MAX_MSG_LENGTH:
        return queue.attributes.maxMessageLength;
      case MQC.MQIA_HARDEN_GET_BACKOUT:
        return queue.attributes.hardenBackout ? MQC.MQQA_BACKOUT_HARDENED : MQC.MQQA_BACKOUT_NOT_HARDENED;
      case MQC.MQCA_Q_NAME:
        return queue.name;
      case MQC.MQCA_DEAD_LETTER_Q_NAME:
      case MQC.MQIA_MAX_UNCOMMITTED_MSGS:
        throw new MqError('inquire', MQC.MQRC_SELECTOR_NOT_FOR_TYPE, MQC.MQCC_WARNING);
      default:
        throw new MqError('inquire', MQC.MQRC_SELECTOR_ERROR);
    }
  }

  private managerAttribute(selector: number): number | string {
    if (selector === MQC.MQCA_DEAD_LETTER_Q_NAME) return this.deadLetterQueue;
    if (selector === MQC.MQIA_MAX_UNCOMMITTED_MSGS) return this.maxUncommittedMessages;
    // The queue manager's own MAXMSGL, at MQ's default; the fake checks only each queue's.
    if (selector === MQC.MQIA_MAX_MSG_LENGTH) return DEFAULT_MAX_MESSAGE_LENGTH;
    const known = [MQC.MQIA_BACKOUT_THRESHOLD, MQC.MQCA_BACKOUT_REQ_Q_NAME, MQC.MQIA_CURRENT_Q_DEPTH, MQC.MQIA_MAX_Q_DEPTH, MQC.MQCA_Q_NAME, MQC.MQIA_HARDEN_GET_BACKOUT];
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
