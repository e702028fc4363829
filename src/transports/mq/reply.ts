import type { Mqmd, MqmdInput, QueueAddress } from './client.js';
import { UTF8_CCSID } from './code-pages.js';
import { MQC, MQFMT_STRING, noId } from './constants.js';

/**
 * The reply's descriptor, following the request's report options as MQ applications do: CorrelId
 * is the request's MsgId unless MQRO_PASS_CORREL_ID asks for its CorrelId; the MsgId is new unless
 * MQRO_PASS_MSG_ID asks for the request's; with MQRO_PASS_DISCARD_AND_EXPIRY the remaining expiry
 * and MQRO_DISCARD_MSG pass on, so an undeliverable reply is then discarded rather than
 * dead-lettered. The body is text (MQSTR) in UTF-8, persistence as the request's.
 */
export function replyDescriptor(request: Mqmd): MqmdInput {
  const passCorrelId = (request.Report & MQC.MQRO_PASS_CORREL_ID) !== 0;
  const passMsgId = (request.Report & MQC.MQRO_PASS_MSG_ID) !== 0;
  const passDiscardAndExpiry = (request.Report & MQC.MQRO_PASS_DISCARD_AND_EXPIRY) !== 0;
  return {
    MsgType: MQC.MQMT_REPLY,
    Format: MQFMT_STRING,
    CodedCharSetId: UTF8_CCSID,
    CorrelId: passCorrelId ? request.CorrelId : request.MsgId,
    MsgId: passMsgId ? request.MsgId : noId(),
    Expiry: passDiscardAndExpiry ? request.Expiry : MQC.MQEI_UNLIMITED,
    Report: passDiscardAndExpiry ? request.Report & MQC.MQRO_DISCARD_MSG : MQC.MQRO_NONE,
    Persistence: request.Persistence,
  };
}

/** Where the reply goes: the request's ReplyToQ (and ReplyToQMgr), else the configured default queue. */
export function replyAddress(request: Mqmd, defaultQueue: string): QueueAddress {
  if (request.ReplyToQ === '') return { queue: defaultQueue };
  return request.ReplyToQMgr === '' ? { queue: request.ReplyToQ } : { queue: request.ReplyToQ, queueManager: request.ReplyToQMgr };
}

/**
 * Output records as one UTF-8 message body (the CCSID the descriptor declares): back to back like
 * CBP's (default), or one per line. Records are ASCII but for a character a filer sent outside it,
 * which comes back as the same character.
 */
export function replyBody(records: readonly string[], framing: 'concatenated' | 'lines'): Buffer {
  return Buffer.from(framing === 'lines' ? `${records.join('\n')}\n` : records.join(''), 'utf8');
}
