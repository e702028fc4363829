import type { Mqmd, MqmdInput, QueueAddress } from './client.js';
import { MQC, MQFMT_STRING, noId } from './constants.js';

/**
 * The reply's descriptor, following the request's report options as MQ applications do: CorrelId
 * is the request's MsgId unless MQRO_PASS_CORREL_ID asks for its CorrelId; the MsgId is new unless
 * MQRO_PASS_MSG_ID asks for the request's; the remaining expiry passes on with
 * MQRO_PASS_DISCARD_AND_EXPIRY. The body is text (MQSTR) in UTF-8 (CCSID 1208), persistence as the request's.
 */
export function replyDescriptor(request: Mqmd): MqmdInput {
  const passCorrelId = (request.Report & MQC.MQRO_PASS_CORREL_ID) !== 0;
  const passMsgId = (request.Report & MQC.MQRO_PASS_MSG_ID) !== 0;
  const passExpiry = (request.Report & MQC.MQRO_PASS_DISCARD_AND_EXPIRY) !== 0;
  return {
    MsgType: MQC.MQMT_REPLY,
    Format: MQFMT_STRING,
    CodedCharSetId: 1208,
    CorrelId: passCorrelId ? request.CorrelId : request.MsgId,
    MsgId: passMsgId ? request.MsgId : noId(),
    Expiry: passExpiry ? request.Expiry : MQC.MQEI_UNLIMITED,
    Persistence: request.Persistence,
  };
}

/** Where the reply goes: the request's ReplyToQ (and ReplyToQMgr), else the configured default queue. */
export function replyAddress(request: Mqmd, defaultQueue: string): QueueAddress {
  if (request.ReplyToQ === '') return { queue: defaultQueue };
  return request.ReplyToQMgr === '' ? { queue: request.ReplyToQ } : { queue: request.ReplyToQ, queueManager: request.ReplyToQMgr };
}

/** Output records as one message body: back to back like CBP's (default), or one per line. */
export function replyBody(records: readonly string[], framing: 'concatenated' | 'lines'): Buffer {
  return Buffer.from(framing === 'lines' ? `${records.join('\n')}\n` : records.join(''), 'latin1');
}
