import { BroadcastChannel } from 'node:worker_threads';
import { createRequire } from 'node:module';

/*
 * A stand-in for the `ibmmq` package, loaded by IbmMqClient's MQ thread in place of the real one
 * (which needs libmqm_r.so). It mimics the subset of ibmmq's API the adapter uses, with the
 * completion semantics of ibmmq's lib/mqi.js: GetSync calls back (err, datalen) or throws on any
 * completion other than MQCC_OK, warnings included; the *Promise verbs reject with an MQError. Its
 * script comes in its own module URL (?script=JSON, see scripted-ibmmq-control.ts), and it answers
 * "which calls were made" on a BroadcastChannel, since it lives on another thread than the test.
 */

const MQC = createRequire(import.meta.url)('ibmmq/lib/mqidefs.js') as Record<string, number>;
const C = (name: string): number => {
  const value = MQC[name];
  if (typeof value !== 'number') throw new Error(`no ${name} in mqidefs`);
  return value;
};

export interface ScriptedMessage {
  readonly body: string;
  /** Completes the get with MQCC_WARNING and this reason (2119, 2110, …): taken all the same. */
  readonly warning?: number;
  readonly md?: Readonly<Record<string, string | number>>;
  readonly properties?: Readonly<Record<string, string>>;
}

export interface IbmmqScript {
  readonly channel: string;
  /** The one queue every hObj opened for input reads from, in order. */
  readonly messages?: readonly ScriptedMessage[];
  /** The next call of this verb (ibmmq's name: GetSync, Put1Promise, Cmit, …) fails with this reason, MQCC_FAILED. */
  readonly failures?: Readonly<Record<string, number>>;
  /** The call of this verb ends the thread, as a crash in the native add-on would. */
  readonly crashOn?: string;
  readonly attributes?: Readonly<Record<number, number | string>>;
}

export interface ScriptedCall {
  readonly verb: string;
  readonly [detail: string]: unknown;
}

const script = JSON.parse(new URL(import.meta.url).searchParams.get('script') ?? '{"channel":"unused"}') as IbmmqScript;
const calls: ScriptedCall[] = [];
const channel = new BroadcastChannel(script.channel);
channel.unref();
channel.onmessage = () => channel.postMessage({ calls });

const failures = new Map(Object.entries(script.failures ?? {}));

function enter(verb: string, details: Record<string, unknown> = {}): void {
  calls.push({ verb, ...details });
  if (script.crashOn === verb) process.exit(70);
  const mqrc = failures.get(verb);
  if (mqrc !== undefined) {
    failures.delete(verb);
    throw new MQError(C('MQCC_FAILED'), mqrc, verb);
  }
}

export class MQError extends Error {
  constructor(
    readonly mqcc: number,
    readonly mqrc: number,
    readonly verb: string,
  ) {
    super(`${verb}: MQCC = ${mqcc} MQRC = ${mqrc}`);
    this.name = 'MQError';
  }
}

export class MQMD {
  Report = C('MQRO_NONE');
  MsgType = C('MQMT_DATAGRAM');
  Expiry = C('MQEI_UNLIMITED');
  Feedback = C('MQFB_NONE');
  Encoding = C('MQENC_NATIVE');
  CodedCharSetId = C('MQCCSI_Q_MGR');
  Format: string | null = null;
  Priority = C('MQPRI_PRIORITY_AS_Q_DEF');
  Persistence = C('MQPER_PERSISTENCE_AS_Q_DEF');
  MsgId = Buffer.alloc(24);
  CorrelId = Buffer.alloc(24);
  BackoutCount = 0;
  ReplyToQ: string | null = null;
  ReplyToQMgr: string | null = null;
  UserIdentifier: string | null = null;
  AccountingToken = Buffer.alloc(32);
  ApplIdentityData: string | null = null;
  PutApplType = C('MQAT_NO_CONTEXT');
  PutApplName: string | null = null;
  PutDate: string | null = null;
  PutTime: string | null = null;
  ApplOriginData: string | null = null;
}

export class MQGMO {
  Options = C('MQGMO_NO_WAIT');
  WaitInterval = C('MQWI_UNLIMITED');
  MatchOptions = C('MQMO_MATCH_MSG_ID') | C('MQMO_MATCH_CORREL_ID');
  MsgHandle = BigInt(C('MQHM_NONE'));
}

export class MQPMO {
  Options = C('MQPMO_FAIL_IF_QUIESCING');
  Context: unknown = null;
  OriginalMsgHandle = BigInt(C('MQHM_NONE'));
}

export class MQOD {
  ObjectName = '';
  ObjectQMgrName = '';
  ObjectType = C('MQOT_Q');
}

export class MQCNO {
  Options = 0;
  ClientConn: MQCD | null = null;
  SecurityParms: MQCSP | null = null;
  SSLConfig: MQSCO | null = null;
}
export class MQCD {
  ConnectionName = '';
  ChannelName = '';
  SSLCipherSpec = '';
}
export class MQCSP {
  UserId = '';
  Password = '';
}
export class MQSCO {
  KeyRepository = '';
}
export class MQCMHO {}
export class MQDMHO {}
export class MQSMPO {}
export class MQPD {}
export class MQIMPO {
  Options = 0;
}
export class MQAttr {
  value: number | string | null = null;
  constructor(readonly selector: number) {}
}

interface QueueManager {
  readonly _hConn: number;
}
interface MQObject {
  readonly _hObj: number;
  readonly _mqQueueManager: QueueManager;
  readonly _name: string;
}

const queue: ScriptedMessage[] = [...(script.messages ?? [])];
const uncommitted: ScriptedMessage[] = [];
const backouts = new Map<ScriptedMessage, number>();
const handles = new Map<bigint, { properties: Record<string, string>; read: number }>();
let nextHandle = 1;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export async function ConnxPromise(queueManager: string, cno: MQCNO): Promise<QueueManager> {
  enter('ConnxPromise', { queueManager, connectionName: cno.ClientConn?.ConnectionName, channel: cno.ClientConn?.ChannelName });
  return { _hConn: nextHandle++ };
}

export async function DiscPromise(hConn: QueueManager): Promise<void> {
  enter('DiscPromise', { hConn: hConn._hConn });
}

export async function OpenPromise(hConn: QueueManager, od: MQOD, options: number): Promise<MQObject> {
  const hObj = nextHandle++;
  enter('OpenPromise', { name: od.ObjectName, type: od.ObjectType, options, hObj });
  return { _hObj: hObj, _mqQueueManager: hConn, _name: od.ObjectName };
}

export async function ClosePromise(object: MQObject): Promise<void> {
  enter('ClosePromise', { hObj: object._hObj });
}

/** As ibmmq's GetSync: with a callback, every completion goes to it with the data length; without, anything but MQCC_OK throws. */
export function GetSync(object: MQObject, md: MQMD, gmo: MQGMO, buffer: Buffer, cb?: (err: MQError | null, datalen: number) => void): number | undefined {
  const outcome = get(object, md, gmo, buffer);
  const err = outcome.mqcc === C('MQCC_OK') ? null : new MQError(outcome.mqcc, outcome.mqrc, 'GET');
  if (cb) {
    cb(err, outcome.datalen);
    return undefined;
  }
  if (err) throw err;
  return outcome.datalen;
}

function get(object: MQObject, md: MQMD, gmo: MQGMO, buffer: Buffer): { mqcc: number; mqrc: number; datalen: number } {
  calls.push({ verb: 'GetSync', hObj: object._hObj, options: gmo.Options, waitInterval: gmo.WaitInterval, bufferLength: buffer.length });
  if (script.crashOn === 'GetSync') process.exit(70);
  const failure = failures.get('GetSync');
  if (failure !== undefined) {
    failures.delete('GetSync');
    return { mqcc: C('MQCC_FAILED'), mqrc: failure, datalen: 0 };
  }
  const message = queue[0];
  if (!message) {
    if (gmo.Options & C('MQGMO_WAIT')) Atomics.wait(sleeper, 0, 0, gmo.WaitInterval);
    return { mqcc: C('MQCC_FAILED'), mqrc: C('MQRC_NO_MSG_AVAILABLE'), datalen: 0 };
  }
  const body = Buffer.from(message.body);
  // Too long for the buffer, without MQGMO_ACCEPT_TRUNCATED_MSG: a warning, and the message stays.
  if (body.length > buffer.length) return { mqcc: C('MQCC_WARNING'), mqrc: C('MQRC_TRUNCATED_MSG_FAILED'), datalen: body.length };
  queue.shift();
  if (gmo.Options & C('MQGMO_SYNCPOINT')) uncommitted.push(message);
  body.copy(buffer);
  Object.assign(md, { Format: 'MQSTR   ', ...message.md, BackoutCount: backouts.get(message) ?? 0 });
  const handle = handles.get(gmo.MsgHandle);
  if (handle) Object.assign(handle, { properties: { ...message.properties }, read: 0 });
  return message.warning === undefined
    ? { mqcc: C('MQCC_OK'), mqrc: C('MQRC_NONE'), datalen: body.length }
    : { mqcc: C('MQCC_WARNING'), mqrc: message.warning, datalen: body.length };
}

function putCall(verb: string, md: MQMD, pmo: MQPMO, body: Buffer, target: Record<string, unknown>): void {
  const context = pmo.Context as MQObject | null;
  enter(verb, {
    ...target,
    options: pmo.Options,
    context: context?._hObj ?? null,
    md: { Feedback: md.Feedback, Format: md.Format, MsgType: md.MsgType, Report: md.Report },
    body: body.toString(),
    properties: handles.get(pmo.OriginalMsgHandle)?.properties ?? null,
  });
  if (md.MsgId.every((b) => b === 0)) md.MsgId = Buffer.alloc(24, calls.length);
}

export async function PutPromise(object: MQObject, md: MQMD, pmo: MQPMO, body: Buffer): Promise<void> {
  putCall('PutPromise', md, pmo, body, { hObj: object._hObj });
}

export async function Put1Promise(hConn: QueueManager, od: MQOD, md: MQMD, pmo: MQPMO, body: Buffer): Promise<void> {
  putCall('Put1Promise', md, pmo, body, { queue: od.ObjectName, queueManager: od.ObjectQMgrName });
}

export function Cmit(hConn: QueueManager): void {
  enter('Cmit', { hConn: hConn._hConn });
  uncommitted.length = 0;
}

export function Back(hConn: QueueManager): void {
  enter('Back', { hConn: hConn._hConn });
  for (const message of uncommitted) backouts.set(message, (backouts.get(message) ?? 0) + 1);
  queue.unshift(...uncommitted.splice(0));
}

export function Inq(object: MQObject, attrs: MQAttr[]): void {
  enter('Inq', { hObj: object._hObj, selectors: attrs.map((a) => a.selector) });
  for (const attr of attrs) attr.value = script.attributes?.[attr.selector] ?? 0;
}

export function CrtMh(): bigint {
  enter('CrtMh');
  const handle = BigInt(nextHandle++);
  handles.set(handle, { properties: {}, read: 0 });
  return handle;
}

export function DltMh(hConn: QueueManager, handle: bigint): void {
  handles.delete(handle);
}

export function SetMp(hConn: QueueManager, handle: bigint, smpo: MQSMPO, name: string, pd: MQPD, value: string): void {
  enter('SetMp', { name, value });
  const h = handles.get(handle);
  if (h) h.properties[name] = value;
}

/** As ibmmq's InqMp with a callback: (err) at the end of the properties, else (null, name, value). */
export function InqMp(hConn: QueueManager, handle: bigint, impo: MQIMPO, pd: MQPD, name: string, value: Buffer, cb: (err: MQError | null, name: string, value: unknown) => void): void {
  const h = handles.get(handle);
  const entries = Object.entries(h?.properties ?? {});
  const index = impo.Options & C('MQIMPO_INQ_NEXT') ? (h?.read ?? 0) : 0;
  const entry = entries[index];
  if (!h || !entry) {
    cb(new MQError(C('MQCC_FAILED'), C('MQRC_PROPERTY_NOT_AVAILABLE'), 'INQMP'), '', null);
    return;
  }
  h.read = index + 1;
  cb(null, entry[0], entry[1]);
}
