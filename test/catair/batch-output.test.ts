import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { applicationIds } from '../../src/applications/registry.js';
import {
  writeBatchRejection,
  writeOutputA,
  writeOutputB,
  writeOutputY,
  writeOutputZ,
  wrapUnsolicited,
} from '../../src/catair/batch-output.js';
import { loadCatalog } from '../../src/catair/catalog.js';
import { type BatchCondition, readEnvelope } from '../../src/catair/envelope.js';
import { frameRecords } from '../../src/catair/framing.js';

const catalog = loadCatalog();
const SAMPLE = fileURLToPath(new URL('../../scenarios/samples/ae-add-1-line.txt', import.meta.url));
const sample = (): string[] => readFileSync(SAMPLE, 'utf8').split('\n').filter((l) => l !== '');
/** Indexes of the sample's Y and Z (A is 0, B 1), counted from the file so that the sample may grow. */
const [Y_, Z_] = [sample().length - 2, sample().length - 1];
/** Records of the sample's block (B to Y) and of its one transaction (10 to 90). */
const [BLOCK_SIZE, TX_SIZE] = [Z_ - 1, Y_ - 2];
/** A record's position as an X0 TRNACT prints it (B&B-30 table 1). */
const ref = (position: number): string => String(position).padStart(7, '0');

const put = (record: string, col: number, text: string): string =>
  record.slice(0, col - 1) + text + record.slice(col - 1 + text.length);
const col = (record: string | undefined, from: number, to: number): string => (record ?? '').slice(from - 1, to);
const sp = (n: number): string => ' '.repeat(n);

/** The sample with an A office code and user text, and a B office code and preparer fields. */
function input(preparer = '2704C11ABX'): string[] {
  const s = sample();
  s[0] = put(put(s[0] as string, 38, 'XY'), 60, 'MY A TEXT');
  s[1] = put(put(s[1] as string, 45, 'OF'), 47, preparer);
  return s;
}

function batchOf(records: string[]) {
  const framed = frameRecords(records.join('\n'), false);
  return readEnvelope(framed.records, framed.problems, catalog, applicationIds());
}

const FALLBACK_B = `B${sp(78)}B`;
const FALLBACK_Z = `Z${sp(78)}Z`;
const REJECTED = 'X1RF999   BATCH REJECTED'.padEnd(80);
const x1 = (code: string, narrative: string): string => `X1 F${code}   ${narrative}`.padEnd(80);
const fallbackY = (count: number): string => `Y${sp(11)}${String(count).padStart(5, '0')}${sp(62)}Y`;
const pointAt = (code: string, block: number, position: number, column: number): BatchCondition => ({
  code,
  pointer: { kind: 'record', block, position, column },
});

/**
 * The sample with a valid preparer and its block repeated: block k from position 2 + (k - 1) *
 * BLOCK_SIZE (its B) to 1 + k * BLOCK_SIZE (its Y).
 */
function blocks(n: number, edit: (block: string[], number: number) => string[] = (b) => b): string[] {
  const s = input('2704B76AB1');
  const body: string[] = [];
  for (let i = 1; i <= n; i++) body.push(...edit(s.slice(1, Z_), i));
  return [s[0] as string, ...body, s[Z_] as string];
}

t.test('batch level (B&B-34): X1 records alone after the ACE-generated B, no X0', async (t) => {
  const batch = batchOf(blocks(1).map((r, i) => (i === 0 ? put(r, 26, 'EI') : r)));
  const out = writeBatchRejection(catalog, batch, batch.conditions);
  t.ok(out.every((r) => r.length === 80), 'every record is 80 long');
  t.same(out.slice(1), [FALLBACK_B, x1('X12', 'NOT A KNOWN ACE APPLICATION ID CODE'), REJECTED, fallbackY(2), FALLBACK_Z]);

  const a = out[0] as string;
  t.equal(a, `A2704B76${sp(6)}112526${sp(5)}${sp(2)}${sp(10)}XY${sp(20)}${'MY A TEXT'.padEnd(21)}`);
  t.equal(col(a, 9, 14), sp(6), 'password blanked');
  t.equal(col(a, 26, 27), sp(2), 'application id blank');
  t.equal(col(a, 60, 80), 'MY A TEXT'.padEnd(21), 'user text echoed');

  const several: BatchCondition[] = [
    { code: 'X14', pointer: { kind: 'batch', position: Z_ + 1, column: 0 } },
    { code: 'X39', pointer: { kind: 'batch', position: 1, column: 22 } },
  ];
  t.same(
    writeBatchRejection(catalog, batchOf(input()), several).slice(2, -2),
    [x1('X14', 'Z-REC DOES NOT MATCH A-REC'), x1('X39', 'DATA FOUND IN FILLER'), REJECTED],
    'one X1 each, in the order given',
  );
});

t.test('block level (B&B-35): X0 BLOCK once per rejected block, then all of its X1s', async (t) => {
  // Block 1: preparer indicator X (X21). Block 2: good. Block 3: application EI on the B (X12,
  // X19) and a Y for another port (X32).
  const batch = batchOf(
    blocks(3, (b, n) => {
      if (n === 2) return b;
      if (n === 1) return [put(b[0] as string, 56, 'X'), ...b.slice(1)];
      return [put(b[0] as string, 11, 'EI'), ...b.slice(1, -1), put(b.at(-1) as string, 4, '2705')];
    }),
  );
  const out = writeBatchRejection(catalog, batch, batch.conditions);
  t.same(out.slice(1), [
    FALLBACK_B,
    `X0 BLOCK  000001 REF ID: 2704 B76 OF AE ${'SAMPLE ADD'.padEnd(21)} 2704B76ABX${sp(8)}`,
    x1('X21', 'PREPARER INDICATOR UNKNOWN'),
    `X0 BLOCK  000003 REF ID: 2704 B76 OF EI ${'SAMPLE ADD'.padEnd(21)} 2704B76AB1${sp(8)}`,
    x1('X12', 'NOT A KNOWN ACE APPLICATION ID CODE'),
    x1('X19', 'BLOCK APP ID / BATCH APP ID CONFLICT'),
    x1('X32', 'Y-REC DOES NOT MATCH B-REC'),
    REJECTED,
    fallbackY(7),
    FALLBACK_Z,
  ]);
  t.notOk(out.some((r) => r.startsWith('X0 TRNACT')), 'no transaction is pointed at');

  const x0block = out[2] as string;
  const x0 = catalog.layout('X0.BLOCK');
  const at = (name: string): string => {
    const f = x0.byName.get(name);
    return f ? x0block.slice(f.offset, f.end) : `no field ${name}`;
  };
  t.equal(at('occurrence'), '000001', 'the block\'s place in the batch');
  t.equal(at('port'), '2704');
  t.equal(at('filer'), 'B76');
  t.equal(at('officeCode'), 'OF');
  t.equal(at('applicationId'), 'AE');
  t.equal(at('userText'), 'SAMPLE ADD'.padEnd(21));
  t.equal(at('preparerPort'), '2704');
  t.equal(at('preparerFiler'), 'B76');
  t.equal(at('preparerOffice'), 'AB');
  t.equal(at('preparerIndicator'), 'X');
});

t.test('transaction level (B&B-36): X0 BLOCK, then X0 TRNACT and X1 for each condition', async (t) => {
  const batch = batchOf(blocks(2, (b) => [put(b[0] as string, 47, '          '), ...b.slice(1)]));
  t.same(batch.conditions, []);
  // Records 5 and 7 of block 1, and the fourth record of block 2 (its third transaction record).
  const inSecond = 2 + BLOCK_SIZE + 3;
  const out = writeBatchRejection(catalog, batch, [pointAt('X34', 1, 5, 0), pointAt('X39', 1, 7, 75), pointAt('X35', 2, inSecond, 0)]);
  t.same(out.slice(1), [
    FALLBACK_B,
    `X0 BLOCK  000001 REF ID: 2704 B76 OF AE ${'SAMPLE ADD'.padEnd(21)}${sp(19)}`,
    'X0 TRNACT 000001 REF ID: 0000005 00'.padEnd(80),
    x1('X34', 'UNKNOWN RECORD ID FOUND IN GROUPING'),
    'X0 TRNACT 000001 REF ID: 0000007 75'.padEnd(80),
    x1('X39', 'DATA FOUND IN FILLER'),
    `X0 BLOCK  000002 REF ID: 2704 B76 OF AE ${'SAMPLE ADD'.padEnd(21)}${sp(19)}`,
    `X0 TRNACT 000001 REF ID: ${ref(inSecond)} 00`.padEnd(80),
    x1('X35', 'OUT OF SEQUENCE RECORD FOUND IN GROUPING'),
    REJECTED,
    fallbackY(9),
    FALLBACK_Z,
  ]);
});

t.test('X0 TRNACT numbers the transaction within its block (B&B-30 table 1)', async (t) => {
  // One block holding the sample's entry summary twice: records 3 to 2 + TX_SIZE, then the next
  // TX_SIZE records, then the Y.
  const s = input();
  const two = [...s.slice(0, Y_), ...s.slice(2, Y_), ...s.slice(Y_)];
  const occurrence = (records: string[], position: number): string =>
    col(writeBatchRejection(catalog, batchOf(records), [pointAt('X35', 1, position, 0)])[3], 11, 16);
  t.equal(occurrence(two, 2 + TX_SIZE), '000001', 'the first 90 record');
  t.equal(occurrence(two, 3 + TX_SIZE), '000002', 'the second 10 record');
  t.equal(occurrence(two, 2 + 2 * TX_SIZE), '000002', 'the second 90 record');
  const headless = [...s.slice(0, 2), ...s.slice(3, Y_), ...s.slice(2, Y_), ...s.slice(Y_)];
  t.equal(occurrence(headless, 3), '000001', 'records before the first 10 are a first transaction');
  t.equal(occurrence(headless, 2 + TX_SIZE), '000002', 'the 10 after them opens the second');
});

t.test('writeBatchRejection with no conditions still ends X1RF999', async (t) => {
  const out = writeBatchRejection(catalog, batchOf(sample()), []);
  t.same(out.slice(1), [FALLBACK_B, REJECTED, fallbackY(1), FALLBACK_Z]);
});

t.test('writeBatchRejection without an A starts with the fallback B', async (t) => {
  const batch = batchOf(input().slice(1, Z_));
  t.notOk(batch.header);
  const out = writeBatchRejection(catalog, batch, batch.conditions);
  t.equal(out[0], FALLBACK_B);
  t.equal(col(out[1], 1, 17), 'X0 BLOCK  000001 ');
  t.equal(out.at(-1), FALLBACK_Z);
});

t.test('a condition pointing at a block the batch does not have is a programming error', async (t) => {
  t.throws(() => writeBatchRejection(catalog, batchOf(sample()), [pointAt('X34', 2, 5, 0)]), /block 2/);
});

t.test('writeOutputA blanks the password and sets the response application id', async (t) => {
  const a = input()[0] as string;
  t.equal(writeOutputA(catalog, a, 'AX'), `A2704B76${sp(6)}112526${sp(5)}AX${sp(10)}XY${sp(20)}${'MY A TEXT'.padEnd(21)}`);
});

t.test('writeOutputB echoes preparer fields and user text with the response app id', async (t) => {
  const b = put(input('2704B76AB1')[1] as string, 2, '01');
  const out = writeOutputB(catalog, b, 'AX');
  t.equal(out, `B  2704B76AX${sp(32)}OF2704B76AB1${sp(3)}${'SAMPLE ADD'.padEnd(21)}`);
  t.equal(col(out, 2, 3), '  ', 'control flags blanked');
  t.equal(col(out, 11, 12), 'AX');
  t.equal(col(out, 47, 56), '2704B76AB1');
  t.equal(col(out, 60, 80), 'SAMPLE ADD'.padEnd(21));
});

t.test('writeOutputY carries the count at 13-17', async (t) => {
  const b = input('2704B76AB1')[1] as string;
  t.equal(writeOutputY(catalog, b, 'AX', 12), `Y  2704B76AX00012${sp(27)}OF${sp(34)}`);
});

t.test('writeOutputZ mirrors the Z, or the A without one', async (t) => {
  const s = input();
  s[Z_] = put(s[Z_] as string, 15, '112626');
  t.equal(writeOutputZ(catalog, batchOf(s)), `Z2704B76${sp(6)}112626${sp(17)}${sp(43)}`);
  t.equal(writeOutputZ(catalog, batchOf(s.slice(0, Z_))), `Z2704B76${sp(6)}112526${sp(17)}XY${sp(41)}`);
});

t.test('a CBP notification is its own batch, addressed to the sender of the transmission that caused it (B&B-38)', async (t) => {
  // B&B-38: A1234N01 … 010109 UC / B  1201N01UC / E1… / Y  1201N01UC00001 / Z1234N01 … 010109
  const block = ['B  1201N01UC'.padEnd(80), 'E121694   010109'.padEnd(80), 'Y  1201N01UC00001'.padEnd(80)];
  const at = new Date('2009-01-01T12:00:00Z');
  const batch = wrapUnsolicited(catalog, block, at, { site: '1234', sender: 'N01' });
  t.equal(batch[0], 'A1234N01      010109     UC'.padEnd(80));
  t.same(batch.slice(1, 4), block);
  t.equal(batch[4], 'Z1234N01      010109'.padEnd(80));
  t.equal(wrapUnsolicited(catalog, block, at)[0], 'A1201N01      010109     UC'.padEnd(80), 'bare blocks have no A record: the block\u2019s port and filer');
});
