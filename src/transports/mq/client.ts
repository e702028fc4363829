import { z } from 'zod';
import { MQC, MQFMT_NONE, noId, reasonName } from './constants.js';

/**
 * The port between ace-mock's MQ listener and IBM MQ, cut at the MQI: the verbs the listener uses,
 * with MQ's own semantics (units of work, backout counts, reason codes). Two implementations honour
 * it: `IbmMqClient` over the real `ibmmq` package, and `FakeQueueManager` in memory. One contract
 * suite (test/mq/contract.test.ts) holds both to the same behaviour.
 */
export interface MqClient {
  /** MQCONNX as a client: a connection with its own unit of work. */
  connect(options: MqConnectOptions): Promise<MqConnection>;
  /** MQOPEN of a local queue, for getting ('input'), putting ('output') or reading attributes ('inquire'). */
  open(connection: MqConnection, queue: string, purpose: OpenPurpose): Promise<MqQueue>;
  /**
   * MQGET, waiting up to `waitMs`; null when no message came (MQRC_NO_MSG_AVAILABLE, 2033). A get
   * that completes with a warning (MQCC_WARNING, e.g. 2119 not converted) still took the message:
   * it is returned with `warning` set, never thrown, so it can be answered or backed out.
   */
  get(queue: MqQueue, options: GetOptions): Promise<MqMessage | null>;
  /** MQPUT on a queue opened for output; resolves to the descriptor as put (with its MsgId). */
  put(queue: MqQueue, md: MqmdInput, body: Buffer, options: PutOptions): Promise<Mqmd>;
  /** MQPUT1: open, put, close in one call, the way replies go to a request's ReplyToQ. */
  put1(connection: MqConnection, target: QueueAddress, md: MqmdInput, body: Buffer, options: PutOptions): Promise<Mqmd>;
  /** MQCMIT: makes the unit's puts visible and its gets final. */
  commit(connection: MqConnection): Promise<void>;
  /** MQBACK: drops the unit's puts and returns its gets to their queues, BackoutCount + 1. */
  backout(connection: MqConnection): Promise<void>;
  /** MQINQ of a queue (opened for input or inquire) or, given the connection, of the queue manager. */
  inquire<const S extends readonly InquireSelector[]>(target: MqQueue | MqConnection, selectors: S): Promise<InquireValues<S>>;
  /** MQCLOSE. */
  close(queue: MqQueue): Promise<void>;
  /** MQDISC: a normal disconnect commits the open unit of work, as MQ does; back out first if that is not wanted. */
  disconnect(connection: MqConnection): Promise<void>;
}

/** The MQI verbs, as named in errors and in the fake's fault injection. */
export type MqVerb = 'connect' | 'open' | 'get' | 'put' | 'put1' | 'commit' | 'backout' | 'inquire' | 'close' | 'disconnect';

/** How to reach a queue manager as an MQ client (MQCNO, MQCD, MQCSP, MQSCO). */
export const MqConnectOptions = z
  .object({
    queueManager: z.string().min(1).max(48),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    channel: z.string().min(1).max(20),
    user: z.string().min(1).optional(),
    password: z.string().optional(),
    cipher: z.string().min(1).optional().describe('TLS CipherSpec, e.g. ANY_TLS12_OR_HIGHER'),
    keyRepository: z.string().min(1).optional().describe('TLS key repository stem, e.g. /etc/mqm/key for key.kdb'),
  })
  .strict();
export type MqConnectOptions = z.infer<typeof MqConnectOptions>;

export interface MqConnection {
  readonly queueManager: string;
}

export type OpenPurpose = 'input' | 'output' | 'inquire';

export interface MqQueue {
  readonly connection: MqConnection;
  readonly name: string;
  readonly purpose: OpenPurpose;
}

/**
 * The MQOO options behind each purpose; 'input' also inquires, so the listener can read BOTHRESH
 * once, and saves each message's context, so a message moved elsewhere keeps who sent it and when.
 */
export const OPEN_OPTIONS: Readonly<Record<OpenPurpose, number>> = {
  input: MQC.MQOO_INPUT_AS_Q_DEF | MQC.MQOO_INQUIRE | MQC.MQOO_SAVE_ALL_CONTEXT | MQC.MQOO_FAIL_IF_QUIESCING,
  output: MQC.MQOO_OUTPUT | MQC.MQOO_FAIL_IF_QUIESCING,
  inquire: MQC.MQOO_INQUIRE | MQC.MQOO_FAIL_IF_QUIESCING,
};

export const allows = (purpose: OpenPurpose, option: number): boolean => (OPEN_OPTIONS[purpose] & option) !== 0;

export interface GetOptions {
  /** Under syncpoint the message stays hidden, not gone, until commit; backout returns it. */
  readonly syncpoint: boolean;
  readonly waitMs: number;
  /** Take only a message with these identifiers (MQMO_MATCH_CORREL_ID / MQMO_MATCH_MSG_ID); others stay, in order. */
  readonly match?: MessageMatch;
}

export interface MessageMatch {
  readonly correlId?: Buffer;
  readonly msgId?: Buffer;
}

export interface PutOptions {
  readonly syncpoint: boolean;
  /** Message properties to put with the message (MQSETMP on a message handle). */
  readonly properties?: MessageProperties;
  /**
   * MQPMO_PASS_ALL_CONTEXT from this input handle: the put carries the identity and origin context
   * (user, application, put date and time) of the message last gotten through it, not its own.
   */
  readonly passContextFrom?: MqQueue;
}

/** Message properties by name, as strings: all ace-mock exchanges through them. */
export type MessageProperties = Readonly<Record<string, string>>;

/*
 * The MQ message properties that carry what HTTP's X-ACE-Scenario and X-ACE-Session headers carry.
 * MQ property names follow Java identifier rules (plus '.'), so the headers' hyphens are refused
 * (MQRC_PROPERTY_NAME_ERROR, 2442); without a dot the names stay valid JMS property names too, and
 * neither starts with a prefix MQ reserves (JMS, usr.JMS, mq, Body, Root).
 */
export const SCENARIO_PROPERTY = 'XACEScenario';
export const SESSION_PROPERTY = 'XACESession';

/** An MQOD for MQPUT1: a queue, on another queue manager when `queueManager` is set. */
export interface QueueAddress {
  readonly queue: string;
  readonly queueManager?: string;
}

/**
 * The MQMD fields request/reply needs, named as in MQ. Character fields are trimmed of MQ's blank
 * padding (as ibmmq presents them); MsgId and CorrelId are 24-byte Buffers; Expiry is in tenths
 * of a second, MQEI_UNLIMITED (-1) for none, and on a gotten message is the time it has left.
 */
export interface Mqmd {
  readonly MsgId: Buffer;
  readonly CorrelId: Buffer;
  readonly MsgType: number;
  readonly Report: number;
  readonly ReplyToQ: string;
  readonly ReplyToQMgr: string;
  readonly Expiry: number;
  readonly BackoutCount: number;
  readonly Format: string;
  readonly CodedCharSetId: number;
  readonly Encoding: number;
  readonly Persistence: number;
  readonly Priority: number;
  /** MQFB_*: why a report message was sent (MQFB_COA, MQFB_COD, …); MQFB_NONE (0) otherwise. */
  readonly Feedback: number;
  /** Identity context, set by the queue manager on a put unless passed on from another message. */
  readonly UserIdentifier: string;
  readonly AccountingToken: Buffer;
  readonly ApplIdentityData: string;
  /** Origin context: the putting application's type (MQAT_*) and name, as the queue manager saw it. */
  readonly PutApplType: number;
  readonly PutApplName: string;
  readonly ApplOriginData: string;
  /** From PutDate and PutTime (GMT, to the hundredth of a second); undefined when the queue manager set none. */
  readonly PutDateTime: Date | undefined;
}

/** The context fields: the queue manager sets them on a put (MQPMO_DEFAULT_CONTEXT) or passes them on. */
export const CONTEXT_FIELDS = ['UserIdentifier', 'AccountingToken', 'ApplIdentityData', 'PutApplType', 'PutApplName', 'ApplOriginData', 'PutDateTime'] as const;
export type ContextField = (typeof CONTEXT_FIELDS)[number];
export type MessageContext = Pick<Mqmd, ContextField>;

/** A message's context on its own, the accounting token copied: what a put passes on. */
export function contextOf(md: MessageContext): MessageContext {
  return { ...(Object.fromEntries(CONTEXT_FIELDS.map((field) => [field, md[field]])) as MessageContext), AccountingToken: Buffer.from(md.AccountingToken) };
}

/** A message to put again elsewhere: its descriptor less what the queue manager sets on a put. */
export function resendable(md: Mqmd): MqmdInput {
  const input: Record<string, unknown> = { ...md };
  delete input.BackoutCount;
  for (const field of CONTEXT_FIELDS) delete input[field];
  return input as MqmdInput;
}

/** What a putter supplies: the rest comes from MQ's MQMD defaults or from the queue manager. */
export type MqmdInput = Partial<Omit<Mqmd, 'BackoutCount' | ContextField>>;

export interface MqMessage {
  readonly md: Mqmd;
  readonly body: Buffer;
  /** The reason code when the get completed with MQCC_WARNING (2110, 2111, 2119, 2120, …): the message was taken all the same. */
  readonly warning?: number;
  /** The message's properties; absent when they could not be read (the message itself is never lost for that). */
  readonly properties?: MessageProperties;
}

/** A descriptor to put: the input over MQ's MQMD defaults (those of ibmmq's `new MQMD()`). */
export function mqmdToPut(input: MqmdInput): Omit<Mqmd, 'BackoutCount' | ContextField> {
  const md = {
    MsgId: noId(),
    CorrelId: noId(),
    MsgType: MQC.MQMT_DATAGRAM,
    Report: MQC.MQRO_NONE,
    Feedback: MQC.MQFB_NONE,
    ReplyToQ: '',
    ReplyToQMgr: '',
    Expiry: MQC.MQEI_UNLIMITED,
    Format: MQFMT_NONE,
    CodedCharSetId: MQC.MQCCSI_Q_MGR,
    Encoding: MQC.MQENC_NATIVE,
    Persistence: MQC.MQPER_PERSISTENCE_AS_Q_DEF,
    Priority: MQC.MQPRI_PRIORITY_AS_Q_DEF,
    ...input,
  };
  for (const field of ['MsgId', 'CorrelId'] as const) checkIdLength(field, md[field]);
  return md;
}

/** MQ would silently pad or cut an identifier of the wrong size; here that is a caller's bug. */
function checkIdLength(field: string, id: Buffer): void {
  if (id.length !== MQC.MQ_MSG_ID_LENGTH) throw new RangeError(`${field} must be ${MQC.MQ_MSG_ID_LENGTH} bytes, not ${id.length}`);
}

/** The identifiers a get really matches on: as in MQ, MQMI_NONE / MQCI_NONE (all zeros) match any message. */
export function effectiveMatch(match: MessageMatch | undefined): MessageMatch {
  const effective: { correlId?: Buffer; msgId?: Buffer } = {};
  for (const [field, id] of [['correlId', match?.correlId], ['msgId', match?.msgId]] as const) {
    if (id === undefined) continue;
    checkIdLength(field, id);
    if (id.some((b) => b !== 0)) effective[field] = Buffer.from(id);
  }
  return effective;
}

/** Attributes by their MQSC names, for readable calls; any MQIA_/MQCA_ selector number works too. */
export const NAMED_SELECTORS = {
  BOTHRESH: MQC.MQIA_BACKOUT_THRESHOLD,
  BOQNAME: MQC.MQCA_BACKOUT_REQ_Q_NAME,
  /** 1 (MQQA_BACKOUT_HARDENED) when BackoutCount survives a queue manager restart. */
  HARDENBO: MQC.MQIA_HARDEN_GET_BACKOUT,
  MAXMSGL: MQC.MQIA_MAX_MSG_LENGTH,
  CURDEPTH: MQC.MQIA_CURRENT_Q_DEPTH,
  MAXDEPTH: MQC.MQIA_MAX_Q_DEPTH,
  /** Of the queue manager: inquire with the connection. */
  DEADQ: MQC.MQCA_DEAD_LETTER_Q_NAME,
  /** Of the queue manager: the most messages one unit of work may hold. */
  MAXUMSGS: MQC.MQIA_MAX_UNCOMMITTED_MSGS,
} as const;
export type NamedSelector = keyof typeof NAMED_SELECTORS;
export type InquireSelector = NamedSelector | number;

type InquireValue<S> = S extends 'BOQNAME' | 'DEADQ' ? string : S extends NamedSelector ? number : number | string;
/** One value per selector, in order: numbers for MQIA_ selectors, trimmed strings for MQCA_ ones. */
export type InquireValues<S extends readonly InquireSelector[]> = { -readonly [K in keyof S]: InquireValue<S[K]> };

export const selectorOf = (selector: InquireSelector): number => (typeof selector === 'number' ? selector : NAMED_SELECTORS[selector]);

/** MQCA_ selectors answer with text, MQIA_ ones with integers. */
export const isCharacterSelector = (selector: number): boolean => selector >= MQC.MQCA_FIRST && selector <= MQC.MQCA_LAST;

/** An MQI call that failed (MQCC_FAILED) or warned (MQCC_WARNING), with MQ's reason code. */
export class MqError extends Error {
  override readonly name = 'MqError';

  constructor(
    readonly verb: MqVerb,
    readonly mqrc: number,
    readonly mqcc: number = MQC.MQCC_FAILED,
  ) {
    super(`${verb}: MQCC=${mqcc} ${reasonName(mqrc)} [${mqrc}]`);
  }
}
