import type { MqMessage } from './client.js';
import { decode } from './code-pages.js';
import { MQC } from './constants.js';

/** The warnings with which MQ hands over a message's data as it was put, unconverted. */
const NOT_CONVERTED = new Set([MQC.MQRC_NOT_CONVERTED, MQC.MQRC_SOURCE_CCSID_ERROR, MQC.MQRC_FORMAT_ERROR, MQC.MQRC_CONVERTED_MSG_TOO_BIG]);

/**
 * A request's bytes for the pipeline, which reads CATAIR a byte per character. The get asks MQ
 * to convert text to UTF-8, so each character becomes one byte again (a non-ASCII one as its
 * Latin-1 byte) and the columns stay where they were. When MQ could not convert, the data is
 * decoded from its own CCSID where ace-mock knows it (UTF-8, ISO 8859-1, EBCDIC 037 and 500);
 * otherwise it goes in as it came, and the pipeline answers whatever it makes of it, as CBP
 * would answer unreadable data.
 */
export function requestBytes(message: MqMessage): Buffer {
  const unconverted = message.warning !== undefined && NOT_CONVERTED.has(message.warning);
  const text = unconverted ? decode(message.md.CodedCharSetId, message.body) : message.body.toString('utf8');
  return text === undefined ? message.body : Buffer.from(text, 'latin1');
}
