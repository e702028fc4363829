import t from 'tap';
import { decode, encode } from '../../src/transports/mq/code-pages.js';

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));

for (const ccsid of [37, 500]) {
  t.test(`CCSID ${ccsid}: every byte decodes to its own character and encodes back`, async (t) => {
    const text = decode(ccsid, ALL_BYTES);
    t.equal(text?.length, 256);
    t.equal(new Set(text).size, 256, 'no two bytes share a character');
    t.same(encode(ccsid, text!), ALL_BYTES);
  });

  t.test(`CCSID ${ccsid}: the letters, digits and space every EBCDIC code page shares`, async (t) => {
    const cases: [number, string][] = [
      [0xc1, 'A'],
      [0xc9, 'I'],
      [0xd1, 'J'],
      [0xe2, 'S'],
      [0xe9, 'Z'],
      [0x81, 'a'],
      [0xa9, 'z'],
      [0x40, ' '],
      [0xf0, '0'],
      [0xf9, '9'],
      [0x4b, '.'],
      [0x6b, ','],
      [0x7d, "'"],
      [0x25, '\n'],
    ];
    for (const [byte, ch] of cases) t.equal(decode(ccsid, Buffer.from([byte])), ch, `0x${byte.toString(16)} is ${JSON.stringify(ch)}`);
    t.same(encode(ccsid, 'ACE 2704'), Buffer.from([0xc1, 0xc3, 0xc5, 0x40, 0xf2, 0xf7, 0xf0, 0xf4]));
  });
}

t.test('where 037 and 500 differ: brackets, exclamation mark, vertical bar, circumflex', async (t) => {
  const differ: [string, number, number][] = [
    ['[', 0xba, 0x4a],
    [']', 0xbb, 0x5a],
    ['!', 0x5a, 0x4f],
    ['|', 0x4f, 0xbb],
    ['^', 0xb0, 0x5f],
    ['¢', 0x4a, 0xb0],
    ['¬', 0x5f, 0xba],
  ];
  for (const [ch, in037, in500] of differ) {
    t.same(encode(37, ch), Buffer.from([in037]), `${ch} in 037`);
    t.same(encode(500, ch), Buffer.from([in500]), `${ch} in 500`);
    t.equal(decode(37, Buffer.from([in037])), ch);
    t.equal(decode(500, Buffer.from([in500])), ch);
  }
  t.not(decode(37, Buffer.from([0x4a])), decode(500, Buffer.from([0x4a])), 'the same byte reads differently');
});

t.test('UTF-8 and ISO 8859-1', async (t) => {
  t.equal(decode(1208, Buffer.from('café', 'utf8')), 'café');
  t.equal(decode(819, Buffer.from([0x63, 0xe9])), 'cé');
  t.same(encode(819, 'cé'), Buffer.from([0x63, 0xe9]));
});

t.test('what the code pages cannot do is said, not guessed', async (t) => {
  t.equal(decode(1252, Buffer.from('x')), undefined, 'an unknown CCSID decodes to nothing');
  t.equal(decode(500, Buffer.of(0xc1)), 'A', 'a known one is');
  t.throws(() => encode(500, '€'), { name: 'RangeError', message: /U\+20AC/ });
  t.throws(() => encode(819, 'ā'), RangeError, 'Latin-1 refuses rather than cutting a wider character');
  t.throws(() => encode(1252, 'x'), { name: 'RangeError', message: /1252/ });
});
