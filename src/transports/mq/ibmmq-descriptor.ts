import type * as IbmMq from 'ibmmq';
import type { Mqmd } from './client.js';
import type { WireMqmd, WirePutMd } from './ibmmq-protocol.js';
import { fromMqDateTime } from './mq-date-time.js';

type Ibmmq = typeof IbmMq;

/** An exact copy: a Buffer from Node's pool would drag its whole 8 KiB slab across the thread boundary. */
const own = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A descriptor as it goes to the MQ thread. */
export function wireFromPutMd(md: { readonly [K in keyof WirePutMd]: WirePutMd[K] extends Uint8Array ? Buffer : WirePutMd[K] }): WirePutMd {
  return { ...md, MsgId: own(md.MsgId), CorrelId: own(md.CorrelId) };
}

/** A descriptor as it comes back from the MQ thread. */
export function mqmdFromWire(md: WireMqmd): Mqmd {
  return { ...md, MsgId: asBuffer(md.MsgId), CorrelId: asBuffer(md.CorrelId), AccountingToken: asBuffer(md.AccountingToken) };
}

/** The MQMD to put: every field the port names; the context fields are left for MQ to set or pass on. */
export function toIbmMd(mq: Ibmmq, md: WirePutMd): IbmMq.MQMD {
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

/** The port's descriptor from ibmmq's MQMD (after a get or a put), character fields trimmed of MQ's padding. */
export function wireFromIbmMd(md: IbmMq.MQMD): WireMqmd {
  return {
    MsgId: own(md.MsgId),
    CorrelId: own(md.CorrelId),
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
    AccountingToken: own(md.AccountingToken),
    ApplIdentityData: (md.ApplIdentityData ?? '').trim(),
    PutApplType: Number(md.PutApplType),
    PutApplName: (md.PutApplName ?? '').trim(),
    ApplOriginData: (md.ApplOriginData ?? '').trim(),
    PutDateTime: fromMqDateTime(md.PutDate, md.PutTime),
  };
}
