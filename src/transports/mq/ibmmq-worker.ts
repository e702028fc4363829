import { setImmediate as yieldTurn } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type * as IbmMq from 'ibmmq';
import { isCharacterSelector, type MessageProperties, MqError, OPEN_OPTIONS, type MqVerb, type OpenPurpose } from './client.js';
import { UTF8_CCSID } from './code-pages.js';
import { MQC } from './constants.js';
import { toIbmMd, wireFromIbmMd } from './ibmmq-descriptor.js';
import { copyPmoContext } from './ibmmq-pmo-context.js';
import type { MqAnswer, MqRequest, MqThreadData, MqThreadStatus, WireError, WireGetOptions, WireMessage, WirePutOptions } from './ibmmq-protocol.js';

/*
 * The MQ thread: it owns every hConn and hObj and makes each MQI call synchronously, so an MQGET
 * that waits blocks this thread, never the main one that Fastify shares. One thread serves all the
 * connections of the process because ibmmq's native add-on keeps process-wide state that the
 * loading thread sets (the no-op callback every synchronous verb uses), so a second thread loading
 * it would leave the first one calling into the other's JavaScript engine.
 */

type Ibmmq = typeof IbmMq;

/** The longest single MQGET wait: a disconnect or a thread shutdown waits at most this long for it. */
const LONGEST_WAIT_MS = 1000;
/** The first get buffer of a connection; a longer message makes it grow (see `getOnce`). */
const FIRST_BUFFER_BYTES = 1024 * 1024;
/** MQ's largest message (MAXMSGL's upper bound), so a message's length alone cannot demand more. */
const LARGEST_MESSAGE_BYTES = 100 * 1024 * 1024;
/** Room for one property value; ace-mock's are short, and a longer one only fails its own reading. */
const PROPERTY_VALUE_BYTES = 4096;

interface Connection {
  readonly hConn: IbmMq.MQQueueManager;
  buffer: Buffer;
  /** Set as soon as a disconnect is asked for, so a waiting get ends at its next MQGET. */
  closing: boolean;
}

interface Queue {
  readonly connection: number;
  readonly hObj: IbmMq.MQObject;
  readonly purpose: OpenPurpose;
}

const port = parentPort;
if (!port) throw new Error('ibmmq-worker runs as a worker thread: IbmMqClient starts it');
const { binding } = workerData as MqThreadData;

const loaded = await import(binding).then(
  (module: Ibmmq & { default?: Ibmmq }) => module.default ?? module,
  // Without libmqm_r.so ibmmq throws a plain object with a message, not an Error.
  (thrown: unknown) => (typeof thrown === 'object' && thrown !== null && 'message' in thrown ? String(thrown.message) : String(thrown)),
);
if (typeof loaded === 'string') {
  port.postMessage({ status: 'unavailable', message: loaded } satisfies MqThreadStatus);
} else {
  if (binding === 'ibmmq') copyPmoContext();
  serve(loaded, port);
  port.postMessage({ status: 'ready' } satisfies MqThreadStatus);
}

function serve(mq: Ibmmq, port: NonNullable<typeof parentPort>): void {
  const connections = new Map<number, Connection>();
  const queues = new Map<number, Queue>();
  /** Each connection's calls run one after another, as MQ would block them on a shared hConn. */
  const lanes = new Map<number, Promise<unknown>>();

  port.on('message', (request: MqRequest) => {
    if (request.verb === 'disconnect') {
      const c = connections.get(request.connection);
      if (c) c.closing = true;
    }
    const run = (lanes.get(request.connection) ?? Promise.resolve()).then(() => perform(request));
    lanes.set(request.connection, run.catch(() => undefined));
    run.then(
      ({ value, transfer }) => port.postMessage({ call: request.call, ok: true, value } satisfies MqAnswer, transfer),
      (err: unknown) => port.postMessage({ call: request.call, ok: false, error: wireError(request.verb, err) } satisfies MqAnswer),
    );
  });

  async function perform(request: MqRequest): Promise<{ value: Extract<MqAnswer, { ok: true }>['value']; transfer: ArrayBuffer[] }> {
    const done = (value: Extract<MqAnswer, { ok: true }>['value'] = null, transfer: ArrayBuffer[] = []) => ({ value, transfer });
    switch (request.verb) {
      case 'connect':
        connections.set(request.connection, { hConn: await mq.ConnxPromise(request.options.queueManager, connectOptions(request.options)), buffer: Buffer.alloc(FIRST_BUFFER_BYTES), closing: false });
        return done();
      case 'open': {
        const c = connectionOf('open', request.connection);
        const od = new mq.MQOD();
        od.ObjectName = request.name;
        od.ObjectType = MQC.MQOT_Q;
        queues.set(request.queue, { connection: request.connection, hObj: await mq.OpenPromise(c.hConn, od, OPEN_OPTIONS[request.purpose]), purpose: request.purpose });
        return done();
      }
      case 'get': {
        const message = await get(request.connection, queueOf('get', request.queue), request.options);
        return done(message, message ? [message.body.buffer as ArrayBuffer] : []);
      }
      case 'put': {
        const q = queueOf('put', request.queue);
        const mqmd = toIbmMd(mq, request.md);
        await withPutOptions('put', request.connection, request.options, (pmo) => mq.PutPromise(q.hObj, mqmd, pmo, Buffer.from(request.body)));
        return done(wireFromIbmMd(mqmd));
      }
      case 'put1': {
        const c = connectionOf('put1', request.connection);
        const od = new mq.MQOD();
        od.ObjectName = request.target.queue;
        od.ObjectQMgrName = request.target.queueManager ?? '';
        const mqmd = toIbmMd(mq, request.md);
        await withPutOptions('put1', request.connection, request.options, (pmo) => mq.Put1Promise(c.hConn, od, mqmd, pmo, Buffer.from(request.body)));
        return done(wireFromIbmMd(mqmd));
      }
      case 'commit':
        mq.Cmit(connectionOf('commit', request.connection).hConn);
        return done();
      case 'backout':
        mq.Back(connectionOf('backout', request.connection).hConn);
        return done();
      case 'inquire':
        return done(await inquire(request.connection, request.queue, request.selectors));
      case 'close':
        await mq.ClosePromise(queueOf('close', request.queue).hObj, MQC.MQCO_NONE);
        queues.delete(request.queue);
        return done();
      case 'disconnect': {
        const c = connectionOf('disconnect', request.connection);
        await mq.DiscPromise(c.hConn);
        connections.delete(request.connection);
        for (const [id, q] of queues) if (q.connection === request.connection) queues.delete(id);
        lanes.delete(request.connection);
        return done();
      }
    }
  }

  function connectionOf(verb: MqVerb, id: number): Connection {
    const c = connections.get(id);
    if (!c) throw new MqError(verb, MQC.MQRC_HCONN_ERROR);
    return c;
  }

  function queueOf(verb: MqVerb, id: number): Queue {
    const q = queues.get(id);
    if (!q) throw new MqError(verb, MQC.MQRC_HOBJ_ERROR);
    return q;
  }

  function connectOptions(o: Extract<MqRequest, { verb: 'connect' }>['options']): IbmMq.MQCNO {
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
    return cno;
  }

  /**
   * MQGET with MQGMO_WAIT in slices of at most LONGEST_WAIT_MS until `waitMs` has passed, a message
   * comes, or the connection is being disconnected. Between slices the thread turns once, so other
   * connections' calls are not held up longer than a slice. Properties come in a message handle;
   * without one they are left out (MQGMO_NO_PROPERTIES) rather than arriving as an MQRFH2 in the body.
   */
  async function get(connectionId: number, q: Queue, options: WireGetOptions): Promise<WireMessage | null> {
    const c = connectionOf('get', connectionId);
    const handle = createMessageHandle(c);
    try {
      const deadline = Date.now() + options.waitMs;
      for (;;) {
        const message = getOnce(c, q, options, Math.max(0, Math.min(deadline - Date.now(), LONGEST_WAIT_MS)), handle);
        if (message || Date.now() >= deadline || c.closing) return message;
        await yieldTurn();
      }
    } finally {
      if (handle !== undefined) deleteMessageHandle(c, handle);
    }
  }

  /**
   * One MQGET. GetSync's callback form hands over the completion whatever it is, with the data
   * length: MQCC_WARNING means MQ took the message (2110, 2119, 2120: unconverted or with a format
   * problem) and it is returned with `warning`, since under syncpoint throwing it away would leave it
   * in a unit of work no one answers. The exception is MQRC_TRUNCATED_MSG_FAILED (2080, also a
   * warning): the message did not fit and stays on the queue, so the buffer grows to its length and
   * the get is made again. Everything else MQCC_FAILED throws, bar 2033, which is null.
   */
  function getOnce(c: Connection, q: Queue, options: WireGetOptions, waitMs: number, handle: IbmMq.HMSG | undefined): WireMessage | null {
    for (let attempt = 0; ; attempt++) {
      // A fresh MQMD each call: a get writes its output there, and MsgId/CorrelId are the match.
      const md = new mq.MQMD();
      md.CodedCharSetId = UTF8_CCSID as IbmMq.MQC_MQCCSI; // with MQGMO_CONVERT: string data arrives as UTF-8
      if (options.match.msgId) md.MsgId = Buffer.from(options.match.msgId);
      if (options.match.correlId) md.CorrelId = Buffer.from(options.match.correlId);
      const gmo = new mq.MQGMO();
      gmo.Options =
        MQC.MQGMO_WAIT |
        (options.syncpoint ? MQC.MQGMO_SYNCPOINT : MQC.MQGMO_NO_SYNCPOINT) |
        MQC.MQGMO_CONVERT |
        MQC.MQGMO_FAIL_IF_QUIESCING |
        (handle === undefined ? MQC.MQGMO_NO_PROPERTIES : MQC.MQGMO_PROPERTIES_IN_HANDLE);
      gmo.WaitInterval = waitMs;
      // ibmmq always passes an MQGMO_VERSION_4, so MatchOptions and MsgHandle are honoured.
      gmo.MatchOptions = (options.match.msgId ? MQC.MQMO_MATCH_MSG_ID : 0) | (options.match.correlId ? MQC.MQMO_MATCH_CORREL_ID : 0);
      if (handle !== undefined) gmo.MsgHandle = handle;

      let completion: { err: unknown; length: number } | undefined;
      mq.GetSync(q.hObj, md, gmo, c.buffer, (err, length) => {
        completion = { err, length };
      });
      if (!completion) throw new Error('ibmmq GetSync returned without calling back');
      const { err, length } = completion;
      const reason = reasonOf(err);
      if (reason === MQC.MQRC_NO_MSG_AVAILABLE) return null;
      if (reason === MQC.MQRC_TRUNCATED_MSG_FAILED && length > c.buffer.length && length <= LARGEST_MESSAGE_BYTES && attempt < 3) {
        c.buffer = Buffer.alloc(length);
        continue;
      }
      if (err && (reason === MQC.MQRC_TRUNCATED_MSG_FAILED || completionOf(err) !== MQC.MQCC_WARNING)) throw asMqError('get', err);
      const body = new Uint8Array(Math.min(length, c.buffer.length));
      body.set(c.buffer.subarray(0, body.length));
      const properties = handle === undefined ? undefined : readProperties(c, handle);
      return { md: wireFromIbmMd(md), body, ...(err ? { warning: reason } : {}), ...(properties && { properties }) };
    }
  }

  async function inquire(connectionId: number, queueId: number | undefined, selectors: readonly number[]): Promise<(number | string)[]> {
    const attrs = selectors.map((s) => new mq.MQAttr(s as IbmMq.MQC_MQIA));
    if (queueId !== undefined) {
      mq.Inq(queueOf('inquire', queueId).hObj, attrs);
    } else {
      // The queue manager's attributes (DEADQ) need the queue manager object opened for inquiry.
      const c = connectionOf('inquire', connectionId);
      const od = new mq.MQOD();
      od.ObjectType = MQC.MQOT_Q_MGR;
      const hObj = await mq.OpenPromise(c.hConn, od, MQC.MQOO_INQUIRE);
      try {
        mq.Inq(hObj, attrs);
      } finally {
        await mq.ClosePromise(hObj, MQC.MQCO_NONE).catch((err: unknown) => {
          throw asMqError('close', err);
        });
      }
    }
    return attrs.map((a) => (isCharacterSelector(a.selector) ? String(a.value).trim() : Number(a.value)));
  }

  /**
   * Runs a put with its MQPMO: the properties set on a message handle (pmo.OriginalMsgHandle) when
   * there are any, and the context of an input queue's last message passed on when asked. A
   * property MQ refuses fails the put: a request without its scenario would be answered, wrongly,
   * rather than refused.
   */
  async function withPutOptions(verb: 'put' | 'put1', connectionId: number, options: WirePutOptions, put: (pmo: IbmMq.MQPMO) => Promise<unknown>): Promise<void> {
    const c = connectionOf(verb, connectionId);
    const pmo = new mq.MQPMO();
    pmo.Options = (options.syncpoint ? MQC.MQPMO_SYNCPOINT : MQC.MQPMO_NO_SYNCPOINT) | MQC.MQPMO_FAIL_IF_QUIESCING;
    if (options.passContextFrom !== undefined) {
      const from = queues.get(options.passContextFrom);
      if (!from || from.connection !== connectionId) throw new MqError(verb, MQC.MQRC_CONTEXT_HANDLE_ERROR);
      pmo.Options |= MQC.MQPMO_PASS_ALL_CONTEXT;
      // ibmmq types Context as a string, but it takes the MQObject (see ibmmq-pmo-context.ts).
      (pmo as { Context: unknown }).Context = from.hObj;
    }
    const properties = Object.entries(options.properties ?? {});
    if (properties.length === 0) {
      await put(pmo);
      return;
    }
    const handle = mq.CrtMh(c.hConn, new mq.MQCMHO()) as IbmMq.HMSG;
    try {
      for (const [name, value] of properties) mq.SetMp(c.hConn, handle, new mq.MQSMPO(), name, new mq.MQPD(), value);
      pmo.OriginalMsgHandle = handle;
      await put(pmo);
    } finally {
      deleteMessageHandle(c, handle);
    }
  }

  /** A handle for a get's properties, or undefined when MQ will not give one: the message matters more. */
  function createMessageHandle(c: Connection): IbmMq.HMSG | undefined {
    try {
      return mq.CrtMh(c.hConn, new mq.MQCMHO()) as IbmMq.HMSG;
    } catch {
      return undefined;
    }
  }

  /** A handle that cannot be deleted is freed at disconnect anyway, so a failure here must not hide the call's outcome. */
  function deleteMessageHandle(c: Connection, handle: IbmMq.HMSG): void {
    try {
      mq.DltMh(c.hConn, handle, new mq.MQDMHO());
    } catch {
      // deliberately ignored, as above
    }
  }

  /**
   * Every property on a gotten message's handle (MQINQMP of "%", first then next until
   * MQRC_PROPERTY_NOT_AVAILABLE), numbers and booleans as text, byte strings skipped; undefined when
   * reading fails, so the message is still delivered.
   */
  function readProperties(c: Connection, handle: IbmMq.HMSG): MessageProperties | undefined {
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
        mq.InqMp(c.hConn, handle, impo, pd, '%', value, (err, name, got) => {
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
}

function reasonOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'mqrc' in err && typeof err.mqrc === 'number' ? err.mqrc : undefined;
}

function completionOf(err: unknown): number {
  return typeof err === 'object' && err !== null && 'mqcc' in err && typeof err.mqcc === 'number' ? err.mqcc : MQC.MQCC_FAILED;
}

function asMqError(verb: MqVerb, err: unknown): unknown {
  const mqrc = reasonOf(err);
  return mqrc === undefined || err instanceof MqError ? err : new MqError(verb, mqrc, completionOf(err));
}

/** An MqError keeps its own verb (a close inside an inquire); ibmmq's MQError takes the call's. */
function wireError(verb: MqVerb, err: unknown): WireError {
  if (err instanceof MqError) return { verb: err.verb, mqrc: err.mqrc, mqcc: err.mqcc };
  const mqrc = reasonOf(err);
  if (mqrc !== undefined) return { verb, mqrc, mqcc: completionOf(err) };
  return err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };
}
