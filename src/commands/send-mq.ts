import { readFileSync } from 'node:fs';
import { frameRecords } from '../catair/framing.js';
import { type MqConnection, MqError, SCENARIO_PROPERTY, SESSION_PROPERTY } from '../transports/mq/client.js';
import { MQC, MQFMT_STRING } from '../transports/mq/constants.js';
import { IbmMqClient, MqClientUnavailable } from '../transports/mq/ibmmq-client.js';
import { outcomeOfReply } from './reply-outcome.js';
import type { MqSendOptions, SendIo, SendOptions } from './send.js';
import { SendStatus } from './send.js';

/**
 * ISO 8859-1. ace-mock reads a transmission one byte per character (latin1), as its 80-column
 * records require; declaring 819 says exactly that, so a getter converting to UTF-8 gets the same
 * characters. Declared as 1208, a byte such as 0xE9 (é in a latin1 file) is not UTF-8, and
 * conversion would fail or replace it.
 */
const LATIN1_CCSID = 819;

/** CBP's MQ form of a transmission: the file's records back to back, line ends removed. */
export function mqBody(file: Buffer): Buffer {
  return Buffer.from(file.toString('latin1').replace(/\r?\n/g, ''), 'latin1');
}

/**
 * Puts the file as one request message (no syncpoint, so it is visible at once) with ReplyToQ set,
 * then waits for the reply whose CorrelId is the request's MsgId, which is what ace-mock answers
 * under the default report options. Prints the reply's records, one per line.
 */
export async function sendOverMq(file: Buffer, mq: MqSendOptions, options: SendOptions, io: SendIo): Promise<number> {
  const client = options.mqClient ?? new IbmMqClient();
  const password = mq.passwordFile === undefined ? undefined : readFileSync(mq.passwordFile, 'utf8').trim();
  const where = `queue manager ${mq.queueManager} at ${mq.host}(${mq.port}) on channel ${mq.channel}`;
  let connection: MqConnection | undefined;
  try {
    connection = await client.connect({
      queueManager: mq.queueManager,
      host: mq.host,
      port: mq.port,
      channel: mq.channel,
      ...(mq.user !== undefined && { user: mq.user }),
      ...(password !== undefined && { password }),
    });
    // Opened before the put, so a missing reply queue fails before a request is left unanswerable.
    const replies = await client.open(connection, mq.replyQueue, 'input');
    const request = await client.put1(
      connection,
      { queue: mq.requestQueue },
      { MsgType: MQC.MQMT_REQUEST, Format: MQFMT_STRING, CodedCharSetId: LATIN1_CCSID, ReplyToQ: mq.replyQueue },
      mqBody(file),
      {
        syncpoint: false,
        properties: {
          ...(options.scenario !== undefined && { [SCENARIO_PROPERTY]: options.scenario }),
          ...(options.session !== undefined && { [SESSION_PROPERTY]: options.session }),
        },
      },
    );
    const reply = await client.get(replies, { syncpoint: false, waitMs: options.timeoutMs, match: { correlId: request.MsgId } });
    if (reply === null) {
      io.err(
        `ace-mock send: no reply on ${mq.replyQueue} within ${options.timeoutMs} ms to request ${request.MsgId.toString('hex')} put on ${mq.requestQueue}; ` +
          `check that ace-mock runs with its MQ listener on (ACE_MOCK_MQ_ENABLED=1) against ${where}, reading ${mq.requestQueue}\n`,
      );
      return SendStatus.transportFailure;
    }
    // The port delivers string messages converted to UTF-8; lines or back to back, the records come out the same.
    const records = frameRecords(reply.body.toString('utf8'), true).records;
    const outcome = outcomeOfReply(records);
    io.out(options.json ? `${JSON.stringify({ outcome, msgId: request.MsgId.toString('hex'), records }, null, 2)}\n` : records.map((r) => `${r}\n`).join(''));
    io.err(`outcome: ${outcome}\n`);
    return outcome === 'accepted' ? SendStatus.accepted : SendStatus.rejected;
  } catch (error) {
    if (!(error instanceof MqError || error instanceof MqClientUnavailable)) throw error;
    io.err(`ace-mock send: ${error.message} (${where}, request queue ${mq.requestQueue}, reply queue ${mq.replyQueue})\n`);
    return SendStatus.transportFailure;
  } finally {
    // MQDISC also closes the reply queue; by now the outcome is decided, and a failed disconnect does not change it.
    if (connection !== undefined) await client.disconnect(connection).catch(() => undefined);
  }
}
