import { setTimeout as sleep } from 'node:timers/promises';
import type * as IbmMq from 'ibmmq';
import {
  type GetOptions,
  type InquireSelector,
  type InquireValues,
  effectiveMatch,
  isCharacterSelector,
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
  OPEN_OPTIONS,
  type OpenPurpose,
  type PutOptions,
  type QueueAddress,
  selectorOf,
} from './client.js';
import { MQC } from './constants.js';

type Ibmmq = typeof IbmMq;

/** The MQ C client (libmqm_r.so) could not be loaded, so no IBM MQ connection is possible here. */
export class MqClientUnavailable extends Error {
  override readonly name = 'MqClientUnavailable';
}

/** The channel's default MAXMSGL: room for any message the channel can carry. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** Idle polling starts quick and backs off, so an empty queue costs a round trip a second at most. */
const FIRST_POLL_MS = 50;
const LONGEST_POLL_MS = 1000;
/** Room for one property value; ace-mock's are short, and a longer one only fails its own reading. */
const PROPERTY_VALUE_BYTES = 4096;

/**
 * Loading ibmmq dlopens libmqm_r.so, and where that is missing it throws a plain object rather than
 * an Error and prints to stderr on every attempt. So it is loaded on first use only, and the
 * outcome, good or bad, is kept for the life of the process.
 */
let library: Promise<Ibmmq> | undefined;

function ibmmq(): Promise<Ibmmq> {
  library ??= import('ibmmq').then(
    (loaded) => (loaded as Ibmmq & { default?: Ibmmq }).default ?? loaded,
    (thrown: unknown) => {
      const text = typeof thrown === 'object' && thrown !== null && 'message' in thrown ? String(thrown.message) : String(thrown);
      throw new MqClientUnavailable(`IBM MQ client library unavailable: ${text}`, { cause: thrown });
    },
  );
  return library;
}

class IbmMqConnection implements MqConnection {
  /** One get at a time per connection (the listener is serial), so one buffer serves them all. */
  readonly buffer = Buffer.alloc(MAX_MESSAGE_BYTES);

  constructor(
    readonly queueManager: string,
    readonly hConn: IbmMq.MQQueueManager,
  ) {}
}

class IbmMqQueue implements MqQueue {
  constructor(
    readonly connection: IbmMqConnection,
    readonly name: string,
    readonly purpose: OpenPurpose,
    readonly hObj: IbmMq.MQObject,
  ) {}
}

/**
 * `MqClient` over the `ibmmq` package, as an MQ client over a SVRCONN channel. Thin on purpose:
 * MQ decides the semantics, this only translates. It is the one module that imports `ibmmq`.
 */
export class IbmMqClient implements MqClient {
  async connect(options: MqConnectOptions): Promise<MqConnection> {
    const o = MqConnectOptions.parse(options);
    const mq = await ibmmq();
    const cno = new mq.MQCNO();
    cno.Options = MQC.MQCNO_CLIENT_BINDING;
    const cd = new mq.MQCD();
    cd.ConnectionName = `${o.host}(${o.port})`;
    cd.ChannelName = o.channel;
    if (o.cipher) {
      cd.SSLCipherSpec = o.cipher;
      const sco = new mq.MQSCO();
      if (o.keyRepository) sco.KeyRepository = o.keyRepository;
      cno.SSLConfig = sco;
    }
    cno.ClientConn = cd;
    if (o.user) {
      const csp = new mq.MQCSP();
      csp.UserId = o.user;
      csp.Password = o.password ?? '';
      cno.SecurityParms = csp;
    }
    return new IbmMqConnection(o.queueManager, await mqCall('connect', () => mq.ConnxPromise(o.queueManager, cno)));
  }

  async open(connection: MqConnection, queue: string, purpose: OpenPurpose): Promise<MqQueue> {
    const mq = await ibmmq();
    const c = connectionOf('open', connection);
    const od = new mq.MQOD();
    od.ObjectName = queue;
    od.ObjectType = MQC.MQOT_Q;
    return new IbmMqQueue(c, queue, purpose, await mqCall('open', () => mq.OpenPromise(c.hConn, od, OPEN_OPTIONS[purpose])));
  }

  /**
   * Polls with MQGMO_NO_WAIT until `waitMs` has passed: MQGMO_WAIT in GetSync would block the
   * event loop for the whole wait, and the callback-style Get can deliver the next message inside
   * the unit of work of one still being processed. Properties come in a message handle; without
   * one they are left out (MQGMO_NO_PROPERTIES) rather than arriving as an MQRFH2 in the body.
   */
  async get(queue: MqQueue, options: GetOptions): Promise<MqMessage | null> {
    const mq = await ibmmq();
    const q = queueOf('get', queue);
    const match = effectiveMatch(options.match);
    const handle = createMessageHandle(mq, q.connection);
    try {
      const deadline = Date.now() + options.waitMs;
      for (let pause = FIRST_POLL_MS; ; pause = Math.min(pause * 2, LONGEST_POLL_MS)) {
        // A fresh MQMD each poll: a failed get may leave output in it, and MsgId/CorrelId are the match.
        const md = new mq.MQMD();
        md.CodedCharSetId = 1208 as IbmMq.MQC_MQCCSI; // with MQGMO_CONVERT: string data arrives as UTF-8
        if (match.msgId) md.MsgId = Buffer.from(match.msgId);
        if (match.correlId) md.CorrelId = Buffer.from(match.correlId);
        const gmo = new mq.MQGMO();
        gmo.Options =
          MQC.MQGMO_NO_WAIT |
          (options.syncpoint ? MQC.MQGMO_SYNCPOINT : MQC.MQGMO_NO_SYNCPOINT) |
          MQC.MQGMO_CONVERT |
          MQC.MQGMO_FAIL_IF_QUIESCING |
          (handle === undefined ? MQC.MQGMO_NO_PROPERTIES : MQC.MQGMO_PROPERTIES_IN_HANDLE);
        // ibmmq always passes an MQGMO_VERSION_4, so MatchOptions and MsgHandle are honoured.
        gmo.MatchOptions = (match.msgId ? MQC.MQMO_MATCH_MSG_ID : 0) | (match.correlId ? MQC.MQMO_MATCH_CORREL_ID : 0);
        if (handle !== undefined) gmo.MsgHandle = handle;
        try {
          const length = mq.GetSync(q.hObj, md, gmo, q.connection.buffer) ?? 0;
          const properties = handle === undefined ? undefined : readProperties(mq, q.connection, handle);
          return { md: fromIbmMd(md), body: Buffer.from(q.connection.buffer.subarray(0, length)), ...(properties && { properties }) };
        } catch (err) {
          if (reasonOf(err) !== MQC.MQRC_NO_MSG_AVAILABLE) throw asMqError('get', err);
        }
        const left = deadline - Date.now();
        if (left <= 0) return null;
        await sleep(Math.min(pause, left));
      }
    } finally {
      if (handle !== undefined) deleteMessageHandle(mq, q.connection, handle);
    }
  }

  async put(queue: MqQueue, md: MqmdInput, body: Buffer, options: PutOptions): Promise<Mqmd> {
    const mq = await ibmmq();
    const q = queueOf('put', queue);
    const mqmd = toIbmMd(mq, md);
    await withPutOptions(mq, 'put', q.connection, options, (pmo) => mq.PutPromise(q.hObj, mqmd, pmo, body));
    return fromIbmMd(mqmd);
  }

  async put1(connection: MqConnection, target: QueueAddress, md: MqmdInput, body: Buffer, options: PutOptions): Promise<Mqmd> {
    const mq = await ibmmq();
    const c = connectionOf('put1', connection);
    const od = new mq.MQOD();
    od.ObjectName = target.queue;
    od.ObjectQMgrName = target.queueManager ?? '';
    const mqmd = toIbmMd(mq, md);
    await withPutOptions(mq, 'put1', c, options, (pmo) => mq.Put1Promise(c.hConn, od, mqmd, pmo, body));
    return fromIbmMd(mqmd);
  }

  async commit(connection: MqConnection): Promise<void> {
    const mq = await ibmmq();
    const c = connectionOf('commit', connection);
    await mqCall('commit', () => mq.Cmit(c.hConn));
  }

  async backout(connection: MqConnection): Promise<void> {
    const mq = await ibmmq();
    const c = connectionOf('backout', connection);
    await mqCall('backout', () => mq.Back(c.hConn));
  }

  async inquire<const S extends readonly InquireSelector[]>(target: MqQueue | MqConnection, selectors: S): Promise<InquireValues<S>> {
    const mq = await ibmmq();
    const attrs = selectors.map((s) => new mq.MQAttr(selectorOf(s) as IbmMq.MQC_MQIA));
    if ('purpose' in target) {
      const q = queueOf('inquire', target);
      await mqCall('inquire', () => mq.Inq(q.hObj, attrs));
    } else {
      // The queue manager's attributes (DEADQ) need the queue manager object opened for inquiry.
      const c = connectionOf('inquire', target);
      const od = new mq.MQOD();
      od.ObjectType = MQC.MQOT_Q_MGR;
      const hObj = await mqCall('inquire', () => mq.OpenPromise(c.hConn, od, MQC.MQOO_INQUIRE));
      try {
        await mqCall('inquire', () => mq.Inq(hObj, attrs));
      } finally {
        await mqCall('close', () => mq.ClosePromise(hObj, MQC.MQCO_NONE));
      }
    }
    return attrs.map((a) => (isCharacterSelector(a.selector) ? String(a.value).trim() : Number(a.value))) as InquireValues<S>;
  }

  async close(queue: MqQueue): Promise<void> {
    const mq = await ibmmq();
    const q = queueOf('close', queue);
    await mqCall('close', () => mq.ClosePromise(q.hObj, MQC.MQCO_NONE));
  }

  async disconnect(connection: MqConnection): Promise<void> {
    const mq = await ibmmq();
    const c = connectionOf('disconnect', connection);
    await mqCall('disconnect', () => mq.DiscPromise(c.hConn));
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

/**
 * Runs a put with its MQPMO, the properties set on a message handle (pmo.OriginalMsgHandle) when
 * there are any. A property MQ refuses fails the put: a request without its scenario would be
 * answered, wrongly, rather than refused.
 */
async function withPutOptions(mq: Ibmmq, verb: 'put' | 'put1', connection: IbmMqConnection, options: PutOptions, put: (pmo: IbmMq.MQPMO) => Promise<unknown>): Promise<void> {
  const pmo = new mq.MQPMO();
  pmo.Options = (options.syncpoint ? MQC.MQPMO_SYNCPOINT : MQC.MQPMO_NO_SYNCPOINT) | MQC.MQPMO_FAIL_IF_QUIESCING;
  const properties = Object.entries(options.properties ?? {});
  if (properties.length === 0) {
    await mqCall(verb, () => put(pmo));
    return;
  }
  const handle = await mqCall(verb, () => mq.CrtMh(connection.hConn, new mq.MQCMHO()) as IbmMq.HMSG);
  try {
    for (const [name, value] of properties) await mqCall(verb, () => mq.SetMp(connection.hConn, handle, new mq.MQSMPO(), name, new mq.MQPD(), value));
    pmo.OriginalMsgHandle = handle;
    await mqCall(verb, () => put(pmo));
  } finally {
    deleteMessageHandle(mq, connection, handle);
  }
}

/** A handle for a get's properties, or undefined when MQ will not give one: the message matters more. */
function createMessageHandle(mq: Ibmmq, connection: IbmMqConnection): IbmMq.HMSG | undefined {
  try {
    return mq.CrtMh(connection.hConn, new mq.MQCMHO()) as IbmMq.HMSG;
  } catch {
    return undefined;
  }
}

/** A handle that cannot be deleted is freed at disconnect anyway, so a failure here must not hide the call's outcome. */
function deleteMessageHandle(mq: Ibmmq, connection: IbmMqConnection, handle: IbmMq.HMSG): void {
  try {
    mq.DltMh(connection.hConn, handle, new mq.MQDMHO());
  } catch {
    // deliberately ignored, as above
  }
}

/**
 * Every property on a gotten message's handle (MQINQMP of "%", first then next until
 * MQRC_PROPERTY_NOT_AVAILABLE), numbers and booleans as text, byte strings skipped; undefined when
 * reading fails, so the message is still delivered.
 */
function readProperties(mq: Ibmmq, connection: IbmMqConnection, handle: IbmMq.HMSG): MessageProperties | undefined {
  const properties: Record<string, string> = {};
  const impo = new mq.MQIMPO();
  const pd = new mq.MQPD();
  const value = Buffer.alloc(PROPERTY_VALUE_BYTES);
  let failed = false;
  try {
    for (let position = MQC.MQIMPO_INQ_FIRST, more = true; more; position = MQC.MQIMPO_INQ_NEXT) {
      impo.Options = position | MQC.MQIMPO_CONVERT_VALUE;
      // The callback runs before InqMp returns; until it says otherwise, there is nothing more to read.
      more = false;
      mq.InqMp(connection.hConn, handle, impo, pd, '%', value, (err, name, got) => {
        if (err) {
          failed = reasonOf(err) !== MQC.MQRC_PROPERTY_NOT_AVAILABLE;
          return;
        }
        more = true;
        if (typeof got === 'string' || typeof got === 'number' || typeof got === 'boolean') properties[name] = String(got);
      });
    }
  } catch {
    failed = true;
  }
  return failed ? undefined : properties;
}

/** Runs an ibmmq verb (sync or promise), turning its MQError into ours. */
async function mqCall<T>(verb: MqVerb, call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw asMqError(verb, err);
  }
}

function reasonOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'mqrc' in err && typeof err.mqrc === 'number' ? err.mqrc : undefined;
}

function asMqError(verb: MqVerb, err: unknown): unknown {
  const mqrc = reasonOf(err);
  if (mqrc === undefined) return err;
  const mqcc = (err as { mqcc?: unknown }).mqcc;
  return new MqError(verb, mqrc, typeof mqcc === 'number' ? mqcc : MQC.MQCC_FAILED);
}

function toIbmMd(mq: Ibmmq, input: MqmdInput): IbmMq.MQMD {
  const md = mqmdToPut(input);
  const mqmd = new mq.MQMD();
  mqmd.MsgId = Buffer.from(md.MsgId);
  mqmd.CorrelId = Buffer.from(md.CorrelId);
  mqmd.MsgType = md.MsgType as IbmMq.MQC_MQMT;
  mqmd.Report = md.Report;
  mqmd.Feedback = md.Feedback;
  mqmd.ReplyToQ = md.ReplyToQ;
  mqmd.ReplyToQMgr = md.ReplyToQMgr;
  mqmd.Expiry = md.Expiry as IbmMq.MQC_MQEI;
  mqmd.Format = md.Format as IbmMq.MQFMT;
  mqmd.CodedCharSetId = md.CodedCharSetId as IbmMq.MQC_MQCCSI;
  mqmd.Encoding = md.Encoding as IbmMq.MQC_MQENC;
  mqmd.Persistence = md.Persistence as IbmMq.MQC_MQPER;
  mqmd.Priority = md.Priority as IbmMq.MQC_MQPRI;
  return mqmd;
}

function fromIbmMd(md: IbmMq.MQMD): Mqmd {
  return {
    MsgId: Buffer.from(md.MsgId),
    CorrelId: Buffer.from(md.CorrelId),
    MsgType: Number(md.MsgType),
    Report: Number(md.Report),
    ReplyToQ: (md.ReplyToQ ?? '').trim(),
    ReplyToQMgr: (md.ReplyToQMgr ?? '').trim(),
    Expiry: Number(md.Expiry),
    BackoutCount: md.BackoutCount,
    Format: String(md.Format ?? '').trim(),
    CodedCharSetId: Number(md.CodedCharSetId),
    Encoding: Number(md.Encoding),
    Persistence: Number(md.Persistence),
    Priority: Number(md.Priority),
    Feedback: Number(md.Feedback),
    UserIdentifier: (md.UserIdentifier ?? '').trim(),
    AccountingToken: Buffer.from(md.AccountingToken),
    ApplIdentityData: (md.ApplIdentityData ?? '').trim(),
    PutApplType: Number(md.PutApplType),
    PutApplName: (md.PutApplName ?? '').trim(),
    ApplOriginData: (md.ApplOriginData ?? '').trim(),
    PutDateTime: putDateTime(md.PutDate, md.PutTime),
  };
}

/** MQ stamps PutDate YYYYMMDD and PutTime HHMMSSTH, both GMT. */
export function putDateTime(date: string | null, time: string | null): Date | undefined {
  const d = /^(\d{4})(\d{2})(\d{2})$/.exec(date?.trim() ?? '');
  const t = /^(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(time?.trim() ?? '');
  if (!d || !t) return undefined;
  const [, year, month, day] = d.map(Number) as [number, number, number, number];
  const [, hours, minutes, seconds, hundredths] = t.map(Number) as [number, number, number, number, number];
  return new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds, hundredths * 10));
}
