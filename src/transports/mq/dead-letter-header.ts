import { fromMqDateTime, toMqDateTime } from './mq-date-time.js';

/**
 * MQDLH, the dead-letter header (version 1, 172 bytes): it goes in front of a message put to the
 * dead-letter queue and says why it is there and where it was going, so a dead-letter handler
 * (runmqdlq) or an operator can act on it. The message descriptor then names the header
 * (Format MQDEAD) and the header names what follows (the original Format, CCSID and Encoding).
 *
 * Written with little-endian integers (Encoding 546, what MQENC_NATIVE is on x86 and ARM Linux)
 * and ASCII text (CCSID 1208), declared so in the descriptor that carries it.
 */

/** MQFMT_DEAD_LETTER_HEADER, trimmed as every MQCHAR field is here. */
export const DEAD_LETTER_FORMAT = 'MQDEAD';
/** MQENC_INTEGER_REVERSED | MQENC_DECIMAL_REVERSED | MQENC_FLOAT_IEEE_REVERSED: how the header's integers are written. */
export const DEAD_LETTER_ENCODING = 546;
export const DEAD_LETTER_HEADER_LENGTH = 172;

const STRUC_ID = 'DLH ';
const VERSION = 1;

export interface DeadLetterHeader {
  /** MQRC_ or MQFB_ code: why the message was dead-lettered (e.g. 2362 backout threshold reached). */
  readonly reason: number;
  /** Where the message was going. */
  readonly destQueue: string;
  readonly destQueueManager: string;
  /** Of the message data after the header (the original descriptor's). */
  readonly encoding: number;
  readonly codedCharSetId: number;
  readonly format: string;
  /** The application that put it to the dead-letter queue. */
  readonly putApplType: number;
  readonly putApplName: string;
  /** When it was put there; undefined only when a header read back carries none. */
  readonly putDateTime: Date | undefined;
}

/** Field order and sizes of MQDLH version 1: text fields blank-padded, integers 4 bytes. */
const LAYOUT = [
  ['strucId', 4],
  ['version', -4],
  ['reason', -4],
  ['destQueue', 48],
  ['destQueueManager', 48],
  ['encoding', -4],
  ['codedCharSetId', -4],
  ['format', 8],
  ['putApplType', -4],
  ['putApplName', 28],
  ['putDate', 8],
  ['putTime', 8],
] as const;

/** The header, then the data it precedes. */
export function withDeadLetterHeader(header: DeadLetterHeader, data: Buffer): Buffer {
  const { putDateTime, ...rest } = header;
  const { date: putDate, time: putTime } = putDateTime ? toMqDateTime(putDateTime) : { date: '', time: '' };
  const values: Record<string, string | number> = { ...rest, strucId: STRUC_ID, version: VERSION, putDate, putTime };
  const out = Buffer.alloc(DEAD_LETTER_HEADER_LENGTH + data.length, ' ');
  let at = 0;
  for (const [field, size] of LAYOUT) {
    if (size < 0) out.writeInt32LE(Number(values[field]), at);
    else out.write(String(values[field]).padEnd(size).slice(0, size), at, size, 'latin1');
    at += Math.abs(size);
  }
  data.copy(out, DEAD_LETTER_HEADER_LENGTH);
  return out;
}

/** Reads a message body that starts with an MQDLH written as above; throws when it does not. */
export function readDeadLetterHeader(body: Buffer): { header: DeadLetterHeader; data: Buffer } {
  if (body.length < DEAD_LETTER_HEADER_LENGTH || body.toString('latin1', 0, 4) !== STRUC_ID) throw new Error('not a dead-letter header: no "DLH " at the start');
  const fields: Record<string, string | number> = {};
  let at = 0;
  for (const [field, size] of LAYOUT) {
    fields[field] = size < 0 ? body.readInt32LE(at) : body.toString('latin1', at, at + size).trimEnd();
    at += Math.abs(size);
  }
  const putDateTime = fromMqDateTime(String(fields.putDate), String(fields.putTime));
  return {
    header: {
      reason: Number(fields.reason),
      destQueue: String(fields.destQueue),
      destQueueManager: String(fields.destQueueManager),
      encoding: Number(fields.encoding),
      codedCharSetId: Number(fields.codedCharSetId),
      format: String(fields.format),
      putApplType: Number(fields.putApplType),
      putApplName: String(fields.putApplName),
      putDateTime,
    },
    data: body.subarray(DEAD_LETTER_HEADER_LENGTH),
  };
}
