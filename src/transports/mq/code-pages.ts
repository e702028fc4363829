/**
 * The code pages a message's CodedCharSetId may name that ace-mock can read and write itself:
 * UTF-8 (1208), ISO 8859-1 (819) and the EBCDIC code pages of IBM mainframes, US (037) and
 * international (500). The fake queue manager converts with them as MQGMO_CONVERT would; the
 * listener can decode with them a message that MQ returned unconverted.
 *
 * Both EBCDIC code pages map each of their 256 bytes to one of the 256 Unicode code points
 * U+0000..U+00FF, so a table is a 256-character string indexed by byte (IBM-037 and IBM-500 as
 * IBM publishes them; the C1 controls follow the usual EBCDIC↔ISO 8859-1 control mapping).
 */

/** IBM-037 (CCSID 37), byte 0x00 first. */
const IBM_037 = [
  '\x00\x01\x02\x03\x9c\x09\x86\x7f\x97\x8d\x8e\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x9d\x85\x08\x87\x18\x19\x92\x8f\x1c\x1d\x1e\x1f',
  '\x80\x81\x82\x83\x84\x0a\x17\x1b\x88\x89\x8a\x8b\x8c\x05\x06\x07\x90\x91\x16\x93\x94\x95\x96\x04\x98\x99\x9a\x9b\x14\x15\x9e\x1a',
  ' \xa0\xe2\xe4\xe0\xe1\xe3\xe5\xe7\xf1\xa2.<(+|&\xe9\xea\xeb\xe8\xed\xee\xef\xec\xdf!$*);\xac',
  '-/\xc2\xc4\xc0\xc1\xc3\xc5\xc7\xd1\xa6,%_>?\xf8\xc9\xca\xcb\xc8\xcd\xce\xcf\xcc`:#@\'="',
  '\xd8abcdefghi\xab\xbb\xf0\xfd\xfe\xb1\xb0jklmnopqr\xaa\xba\xe6\xb8\xc6\xa4',
  '\xb5~stuvwxyz\xa1\xbf\xd0\xdd\xde\xae^\xa3\xa5\xb7\xa9\xa7\xb6\xbc\xbd\xbe[]\xaf\xa8\xb4\xd7',
  '{ABCDEFGHI\xad\xf4\xf6\xf2\xf3\xf5}JKLMNOPQR\xb9\xfb\xfc\xf9\xfa\xff',
  '\\\xf7STUVWXYZ\xb2\xd4\xd6\xd2\xd3\xd50123456789\xb3\xdb\xdc\xd9\xda\x9f',
].join('');

/** IBM-500 (CCSID 500) is IBM-037 with seven bytes moved: the brackets, '!', '|', '^', '¢' and '¬'. */
const IBM_500_CHANGES: Readonly<Record<number, string>> = {
  0x4a: '[',
  0x4f: '!',
  0x5a: ']',
  0x5f: '^',
  0xb0: '\xa2',
  0xba: '\xac',
  0xbb: '|',
};

const IBM_500 = [...IBM_037].map((ch, byte) => IBM_500_CHANGES[byte] ?? ch).join('');

/**
 * A code page of one byte per character, all in U+0000..U+00FF: as byte → Latin-1 byte and back,
 * so decoding is a byte translation followed by Node's own Latin-1 decoder.
 */
interface SingleByteCodePage {
  readonly toLatin1: Uint8Array;
  readonly fromLatin1: ReadonlyMap<string, number>;
}

function singleByte(table: string): SingleByteCodePage {
  const codes = [...table].map((ch) => ch.charCodeAt(0));
  if (codes.length !== 256 || codes.some((code) => code > 0xff)) throw new Error('a single-byte code page needs 256 characters in U+0000..U+00FF');
  return { toLatin1: Uint8Array.from(codes), fromLatin1: new Map([...table].map((ch, byte) => [ch, byte])) };
}

const ISO_8859_1 = String.fromCharCode(...Array.from({ length: 256 }, (_, byte) => byte));
const SINGLE_BYTE: Readonly<Record<number, SingleByteCodePage>> = { 819: singleByte(ISO_8859_1), 37: singleByte(IBM_037), 500: singleByte(IBM_500) };
/** UTF-8: what ace-mock asks MQ to convert text to, and writes its own text in. */
export const UTF8_CCSID = 1208;
const UTF8 = UTF8_CCSID;

/** The CCSIDs `decode` and `encode` know. */
const KNOWN_CCSIDS: readonly number[] = [UTF8, ...Object.keys(SINGLE_BYTE).map(Number)];

/** Text of `bytes` in code page `ccsid`; undefined for a CCSID not in KNOWN_CCSIDS. */
export function decode(ccsid: number, bytes: Buffer): string | undefined {
  if (ccsid === UTF8) return bytes.toString('utf8');
  const page = SINGLE_BYTE[ccsid];
  if (page === undefined) return undefined;
  return Buffer.from(bytes.map((byte) => page.toLatin1[byte]!)).toString('latin1');
}

/** `text` in code page `ccsid`; a RangeError names a character that code page cannot hold, or an unknown CCSID. */
export function encode(ccsid: number, text: string): Buffer {
  if (ccsid === UTF8) return Buffer.from(text, 'utf8');
  const page = SINGLE_BYTE[ccsid];
  if (page === undefined) throw new RangeError(`CCSID ${ccsid} is not one of ${KNOWN_CCSIDS.join(', ')}`);
  return Buffer.from(
    [...text].map((ch) => {
      const byte = page.fromLatin1.get(ch);
      if (byte === undefined) throw new RangeError(`CCSID ${ccsid} has no byte for ${JSON.stringify(ch)} (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`);
      return byte;
    }),
  );
}
