import { type MessageProperties, type MqClient, type MqConnection, MqError, type MqmdInput, mqmdToPut, type MqQueue, type QueueAddress } from './client.js';
import { MQC } from './constants.js';
import { UTF8_CCSID } from './code-pages.js';
import { DEAD_LETTER_ENCODING, DEAD_LETTER_FORMAT, withDeadLetterHeader } from './dead-letter-header.js';

/** Reason codes after which the connection is gone and its loop must connect again. */
const CONNECTION_LOST = new Set([
  MQC.MQRC_CONNECTION_BROKEN,
  MQC.MQRC_HCONN_ERROR,
  MQC.MQRC_HOST_NOT_AVAILABLE,
  MQC.MQRC_Q_MGR_NOT_AVAILABLE,
  MQC.MQRC_Q_MGR_QUIESCING,
  MQC.MQRC_Q_MGR_STOPPING,
  MQC.MQRC_CONNECTION_QUIESCING,
  MQC.MQRC_CONNECTION_STOPPING,
  MQC.MQRC_RECONNECT_FAILED,
]);

export const isConnectionLost = (err: unknown): boolean => err instanceof MqError && CONNECTION_LOST.has(err.mqrc);

/**
 * The reasons with which MQ refuses a put for the target queue's sake (unknown, deleted, not a
 * queue one can put to, full, inhibited, too big, not authorized): the message may go elsewhere.
 * Anything else (a resource problem, the syncpoint limit, an unexpected error) is about the queue
 * manager or the moment: backed out and tried again, never dead-lettered.
 */
const TARGET_REFUSALS = new Set([
  MQC.MQRC_UNKNOWN_OBJECT_NAME,
  MQC.MQRC_UNKNOWN_REMOTE_Q_MGR,
  MQC.MQRC_UNKNOWN_ALIAS_BASE_Q,
  MQC.MQRC_Q_DELETED,
  MQC.MQRC_Q_TYPE_ERROR,
  MQC.MQRC_Q_FULL,
  MQC.MQRC_PUT_INHIBITED,
  MQC.MQRC_MSG_TOO_BIG_FOR_Q,
  MQC.MQRC_MSG_TOO_BIG_FOR_Q_MGR,
  MQC.MQRC_NOT_AUTHORIZED,
]);

export const isRefusal = (err: unknown): err is MqError => err instanceof MqError && TARGET_REFUSALS.has(err.mqrc);

/** MQPUT's application type and name in a dead-letter header: ace-mock as a UNIX application. */
const PUT_APPL_TYPE = 6; // MQAT_UNIX
const PUT_APPL_NAME = 'ace-mock';

/** What a loop needs to put on one connection: the client, the connection, where dead letters go. */
export interface Putter {
  readonly client: MqClient;
  readonly connection: MqConnection;
  /** The queue manager's DEADQ, '' when it has none. */
  readonly deadLetterQueue: string;
  readonly queueManager: string;
  readonly now: () => Date;
}

/** A Putter for a new connection: asks the queue manager for its dead-letter queue once. */
export async function putterOn(client: MqClient, connection: MqConnection, queueManager: string, now: () => Date): Promise<Putter> {
  const deadLetterQueue = await client.inquire(connection, ['DEADQ'] as const).then(
    ([dlq]) => dlq,
    () => '', // none, or the queue manager will not say: dead letters then have nowhere to go
  );
  return { client, connection, deadLetterQueue, queueManager, now };
}

export interface Letter {
  readonly md: MqmdInput;
  readonly body: Buffer;
  readonly properties?: MessageProperties;
  /** The input handle the message was gotten through: its context (who sent it, when) goes along. */
  readonly passContextFrom?: MqQueue;
}

/** Puts a message, with its properties and passed-on context, to `target` under syncpoint. */
export async function putLetter(putter: Putter, target: QueueAddress, letter: Letter): Promise<void> {
  await putter.client.put1(putter.connection, target, letter.md, letter.body, {
    syncpoint: true,
    ...(letter.properties && { properties: letter.properties }),
    ...(letter.passContextFrom && { passContextFrom: letter.passContextFrom }),
  });
}

/**
 * Puts a message to the dead-letter queue behind an MQDLH that says why (`reason`, an MQRC_ or MQFB_
 * code) and where it was going, under syncpoint. Throws when there is no dead-letter queue or it
 * refuses the message too.
 */
export async function putToDeadLetterQueue(putter: Putter, letter: Letter, reason: number, destination: QueueAddress): Promise<void> {
  if (putter.deadLetterQueue === '') throw new Error('the queue manager has no dead-letter queue (DEADQ)');
  const original = mqmdToPut(letter.md);
  const body = withDeadLetterHeader(
    {
      reason,
      destQueue: destination.queue,
      destQueueManager: destination.queueManager || putter.queueManager,
      encoding: original.Encoding,
      codedCharSetId: original.CodedCharSetId,
      format: original.Format,
      putApplType: PUT_APPL_TYPE,
      putApplName: PUT_APPL_NAME,
      putDateTime: putter.now(),
    },
    letter.body,
  );
  const md = { ...letter.md, Format: DEAD_LETTER_FORMAT, CodedCharSetId: UTF8_CCSID, Encoding: DEAD_LETTER_ENCODING };
  await putLetter(putter, { queue: putter.deadLetterQueue }, { ...letter, md, body });
}

export type Delivery = { readonly to: 'target' } | { readonly to: 'dead-letter-queue' | 'nowhere'; readonly refusal: MqError };

/**
 * Puts a reply to where its request asked, under syncpoint. When MQ refuses that queue, the reply
 * goes to the dead-letter queue behind an MQDLH giving the refusal, or nowhere when it carries
 * MQRO_DISCARD_MSG (passed on from the request). Connection losses, and a dead-letter queue that
 * is missing or refuses too, are thrown: the caller backs out and the request comes back.
 */
export async function putReply(putter: Putter, target: QueueAddress, md: MqmdInput, body: Buffer): Promise<Delivery> {
  try {
    await putLetter(putter, target, { md, body });
    return { to: 'target' };
  } catch (err) {
    if (!isRefusal(err)) throw err;
    if (((md.Report ?? 0) & MQC.MQRO_DISCARD_MSG) !== 0) return { to: 'nowhere', refusal: err };
    await putToDeadLetterQueue(putter, { md, body }, err.mqrc, target);
    return { to: 'dead-letter-queue', refusal: err };
  }
}

/** What became of a reply that did not reach its queue, for the log; undefined when it did. */
export function undelivered(delivery: Delivery, target: QueueAddress): string | undefined {
  if (delivery.to === 'target') return undefined;
  const fate = delivery.to === 'nowhere' ? 'discarded (MQRO_DISCARD_MSG)' : 'put to the dead-letter queue';
  return `the reply could not go to ${target.queue} (${delivery.refusal.message}): ${fate}`;
}
