import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadCatalog } from '../../src/catair/catalog.js';
import { decodeRecords, identifyLayout } from '../../src/catair/decode.js';
import { sniffTransmission } from '../../src/catair/sniff.js';

const catalog = loadCatalog();
const SAMPLE = fileURLToPath(new URL('../../scenarios/samples/ae-add-1-line.txt', import.meta.url));
const sp = (n: number): string => ' '.repeat(n);

const E0_SUMMRY = 'E0 SUMMRY 000001 REF ID: B76 03245278 REF000001'.padEnd(80);
const E0_LINITM = 'E0 LINITM 000001 REF ID: 001'.padEnd(80);
const Y_OUT = `Y  2704B76AX00007${sp(63)}`;
const Y_IN = 'Y  2704B76AE'.padEnd(80);
const B_FALLBACK = `B${sp(78)}B`;
const Y_FALLBACK = `Y${sp(11)}00005${sp(62)}Y`;
const Z_FALLBACK = `Z${sp(78)}Z`;

t.test('identifyLayout', async (t) => {
  const name = (record: string, direction: 'in' | 'out') => identifyLayout(catalog, record, direction)?.name;

  t.test('E0 records by the reference type literal', async (t) => {
    t.equal(name(E0_SUMMRY, 'out'), 'E0.SUMMRY');
    t.equal(name(E0_LINITM, 'out'), 'E0.LINITM');
    t.equal(name(E0_LINITM.replace('LINITM', 'TOTALS'), 'out'), 'E0.TOTALS');
    t.equal(name(E0_LINITM.replace('LINITM', 'NOSUCH'), 'out'), 'E0', 'an unknown type falls back to the generic E0');
    t.equal(name(E0_LINITM.replace('REF ID:', 'REF NO:'), 'out'), undefined, 'no layout whose literals all match');
  });

  t.test('Y.out on output, Y on input', async (t) => {
    t.equal(name(Y_OUT, 'out'), 'Y.out');
    t.equal(name(Y_OUT, 'in'), 'Y');
    t.equal(name(Y_IN, 'in'), 'Y');
  });

  t.test('B.fallback on output, B on input and for an ordinary output B', async (t) => {
    t.equal(name(B_FALLBACK, 'out'), 'B.fallback');
    t.equal(name(B_FALLBACK, 'in'), 'B');
    t.equal(name('B  2704B76AX'.padEnd(80), 'out'), 'B');
    t.equal(name(Z_FALLBACK, 'out'), 'Z.fallback');
    t.equal(name(Z_FALLBACK, 'in'), 'Z');
  });

  t.test('the ACE-generated Y of a batch rejection is Y.fallback on output', async (t) => {
    // Y.out has no column-80 literal, so it also matches the fallback Y and is tried first.
    t.equal(name(Y_FALLBACK, 'out'), 'Y.fallback');
  });

  t.test('input records and unknown ids', async (t) => {
    t.equal(name('A2704B76PASSWD112526     AE'.padEnd(80), 'in'), 'A');
    t.equal(name('10AB76  03245278 2704REF000001   0140 X'.padEnd(80), 'in'), '10');
    t.equal(name('SE30IM ACME'.padEnd(80), 'in'), 'SE30');
    t.equal(name('QQ'.padEnd(80), 'in'), undefined);
  });
});

t.test('decodeRecords', async (t) => {
  const records = readFileSync(SAMPLE, 'utf8').split('\n').filter((l) => l !== '');
  const decoded = decodeRecords(catalog, records, 'in');
  // The sample's records: an air (MOT 40) type 01 add with its cargo manifest, article parties and line MPF.
  t.same(
    decoded.map((d) => d.layout),
    ['A', 'B', '10', '11', '20', '22', '23', '31', '40', '47', '47', '50', '62', '89', '90', 'Y', 'Z'],
  );
  t.same(
    decoded.map((d) => d.position),
    records.map((_, i) => i + 1),
  );
  t.equal(decoded[0]?.title, 'Batch Control Header');
  const unknown = decodeRecords(catalog, ['QQ'.padEnd(80)], 'in');
  t.same(unknown, [{ position: 1, record: 'QQ'.padEnd(80), fields: [] }]);
});

t.test('decodeRecords: cargo release answers and notifications', async (t) => {
  const se13 = 'SE13JANE DOE                                3105550100     01'.padEnd(80);
  // An SX answer echoes SE records (SE-18, SE-26..27): SE13..SE61 also have AE layouts, and the
  // block's application (SX, the answer to SE) picks the cargo release ones.
  const sx = [
    'B  2704B76SX'.padEnd(80),
    'SE10DB76  04900095 01EI 12-3456789AB11800000120002704'.padEnd(80),
    se13,
    'SE6073181580690000012000'.padEnd(80),
    'SE9011214LINE SUBJ TO QUOTA - CARGO RLSE CERT REQ'.padEnd(80),
    'SE9001   SE DATA REJECTED'.padEnd(80),
  ];
  t.same(
    decodeRecords(catalog, sx, 'out').map((d) => d.layout),
    ['B', 'SE.SE10', 'SE.SE13', 'SE.SE60', 'SX.SE90', 'SX.SE90'],
  );
  t.equal(decodeRecords(catalog, ['B  2704B76AE'.padEnd(80), se13], 'in')[1]?.layout, 'SE13', 'an AE block keeps the AE layout of SE13');
  // An SO notification (ACMQ-45: its records are those the WO records mimic), codes with their meanings.
  const so = decodeRecords(
    catalog,
    [
      'B  2704B76SO'.padEnd(80),
      'SO102704B76  04900012 0112-3456789ABMAEU'.padEnd(80),
      'SO50112526150095BILL ARRIVED                            N'.padEnd(80),
      'SO60112526150098RELEASED                                112526'.padEnd(80),
    ],
    'out',
  );
  t.same(so.map((d) => d.layout), ['B', 'SO10', 'SO50', 'SO60']);
  t.equal(so[3]?.fields.find((f) => f.name === 'dispositionCode')?.meaning, 'RELEASED');
  t.equal(so[3]?.fields.find((f) => f.name === 'releaseDate')?.value, '112526');
});

t.test('sniffTransmission', async (t) => {
  const sniff = (body: string | Buffer) => sniffTransmission(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));

  t.test('empty or blank', async (t) => {
    t.equal(sniff('')?.title, 'Empty transmission');
    t.equal(sniff('   \r\n\t  \n')?.title, 'Empty transmission');
    t.match(sniff('')?.detail, /^The body is empty or blank\./);
  });

  t.test('a NUL byte is binary', async (t) => {
    const body = Buffer.from('A2704B76\0PASSWD', 'latin1');
    t.same(sniff(body), {
      title: 'Binary content',
      detail: 'byte 9 is NUL: a CATAIR transmission is text, 80-character records of ASCII.',
    });
    t.equal(sniff(Buffer.from([0]))?.title, 'Binary content', 'even a body that is only NUL');
  });

  t.test('mostly non-text bytes are binary', async (t) => {
    const bytes = Buffer.alloc(200);
    for (let i = 0; i < bytes.length; i++) bytes[i] = 0x80 + (i % 0x7f);
    t.same(sniff(bytes), {
      title: 'Binary content',
      detail: 'Most of the body is not text. A CATAIR transmission is 80-character ASCII records.',
    });
  });

  t.test('the 95% text threshold', async (t) => {
    const body = (nonText: number) => Buffer.concat([Buffer.from('A'.repeat(100 - nonText)), Buffer.alloc(nonText, 0xff)]);
    t.equal(sniff(body(5)), undefined, '95 of 100 bytes text: CATAIR');
    t.equal(sniff(body(6))?.title, 'Binary content', '94 of 100 bytes text: binary');
  });

  t.test('JSON or XML is not CATAIR', async (t) => {
    t.same(sniff('{"records":[]}'), {
      title: 'Not a CATAIR transmission',
      detail: 'The body starts with "{", like JSON or XML. ace-mock takes CATAIR fixed-width records (A…Z) as text/plain.',
    });
    t.match(sniff('  \n[1, 2]')?.detail, 'starts with "["', 'after leading blanks');
    t.equal(sniff('<?xml version="1.0"?><a/>')?.title, 'Not a CATAIR transmission');
  });

  t.test('a CATAIR sample is CATAIR', async (t) => {
    const bytes = readFileSync(SAMPLE);
    t.equal(sniff(bytes), undefined);
    t.equal(sniff(bytes.toString('utf8').replace(/\n/g, '')), undefined, 'concatenated');
  });

  t.test('one non-ASCII byte in CATAIR is still CATAIR (answered with X40)', async (t) => {
    const text = readFileSync(SAMPLE, 'utf8').replace('SAMPLE ADD', 'SAMPLE ADé');
    t.equal(sniff(Buffer.from(text, 'utf8')), undefined, 'UTF-8 é');
    t.equal(sniff(Buffer.from(text, 'latin1')), undefined, 'latin-1 é');
  });
});
