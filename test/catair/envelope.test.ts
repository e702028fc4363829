import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { applicationIds } from '../../src/applications/registry.js';
import { loadCatalog } from '../../src/catair/catalog.js';
import { type BatchCondition, readEnvelope } from '../../src/catair/envelope.js';
import { frameRecords } from '../../src/catair/framing.js';

const catalog = loadCatalog();
const SAMPLE = fileURLToPath(new URL('../../scenarios/samples/ae-add-1-line.txt', import.meta.url));

/** The sample, one string per record: A, B, the records of its one transaction, Y, Z. */
const sample = (): string[] => readFileSync(SAMPLE, 'utf8').split('\n').filter((l) => l !== '');
/** Indexes of the envelope records, counted from the file so that the sample may grow. */
const COUNT = sample().length;
const [A_, B_, Y_, Z_] = [0, 1, COUNT - 2, COUNT - 1];
/** 1-based positions of the Y and the Z, and how many transaction records lie between B and Y. */
const [Y_AT, Z_AT, DETAILS] = [Y_ + 1, Z_ + 1, COUNT - 4];
/** The sample's block, B to Y. */
const block = (): string[] => sample().slice(B_, Z_);

/** Overwrites the record from 1-based column `col`. */
const put = (record: string, col: number, text: string): string =>
  record.slice(0, col - 1) + text + record.slice(col - 1 + text.length);

function editRecord(records: string[], index: number, col: number, text: string): string[] {
  const copy = [...records];
  copy[index] = put(copy[index] as string, col, text);
  return copy;
}

function envelope(records: string[]) {
  const framed = frameRecords(records.join('\n'), false);
  return readEnvelope(framed.records, framed.problems, catalog, applicationIds());
}

const conditions = (records: string[]): BatchCondition[] => envelope(records).conditions;
/** Conditions at each level (B&B-34..36): the batch (A/Z, control records), a block (B/Y), a transaction record. */
const bat = (code: string, position: number, column = 0): BatchCondition => ({ code, pointer: { kind: 'batch', position, column } });
const blk = (code: string, block = 1, position = 2, column = 0): BatchCondition => ({
  code,
  pointer: { kind: 'block', block, position, column },
});
const rec = (code: string, block: number, position: number, column = 0): BatchCondition => ({
  code,
  pointer: { kind: 'record', block, position, column },
});

/** Sets B 47-56 (preparer port, filer, office, indicator) of the sample. */
const preparer = (text: string): string[] => editRecord(sample(), B_, 47, text.padEnd(10));

t.test('the sample is A, B, its transaction records, Y and Z, each of 80 characters', async (t) => {
  const s = sample();
  t.same([s[A_]?.[0], s[B_]?.[0], s[Y_]?.[0], s[Z_]?.[0]], ['A', 'B', 'Y', 'Z']);
  t.ok(DETAILS > 0 && s.slice(B_ + 1, Y_).every((r) => /^[0-9]/.test(r)), 'transaction records between B and Y');
  t.ok(s.every((r) => r.length === 80));
});

t.test('a valid batch', async (t) => {
  const batch = envelope(sample());
  t.same(batch.conditions, []);
  t.equal(batch.header?.position, 1);
  t.equal(batch.trailer?.position, Z_AT);
  t.equal(batch.blocks.length, 1);
  const [first] = batch.blocks;
  t.equal(first?.number, 1);
  t.equal(first?.header.position, 2);
  t.equal(first?.trailer?.position, Y_AT);
  t.same(
    first?.details.map((d) => d.position),
    Array.from({ length: DETAILS }, (_, i) => i + 3),
  );
  t.equal(first?.details[0]?.text.slice(0, 2), '10');
});

t.test('two blocks are numbered 1 and 2', async (t) => {
  const s = sample();
  const batch = envelope([...s.slice(0, Z_), ...block(), s[Z_] as string]);
  t.same(batch.conditions, []);
  t.same(
    batch.blocks.map((b) => [b.number, b.header.position, b.trailer?.position]),
    [
      [1, 2, Y_AT],
      [2, Y_AT + 1, 2 * Y_AT - 1],
    ],
  );
});

t.test('a framing problem takes the level of the record it is found on', async (t) => {
  const s = sample();
  s[Z_] = (s[Z_] as string).trimEnd();
  t.same(conditions(s), [bat('X42', Z_AT, 21)], 'the Z: batch level');
  const shortB = sample();
  shortB[B_] = (shortB[B_] as string).slice(0, 70);
  t.same(conditions(shortB), [blk('X40', 1, 2, 71)], 'the B: block level');
  const shortDetail = sample();
  shortDetail[4] = (shortDetail[4] as string).slice(0, 8);
  t.same(conditions(shortDetail), [rec('X40', 1, 5, 9)], 'a transaction record of block 1');
  const stray = [...sample().slice(0, Z_), 'XX', sample()[Z_] as string];
  t.same(conditions(stray), [bat('X03', Z_AT), bat('X40', Z_AT, 3)], 'a record outside any block: batch level');
});

t.test('a batch-level problem leaves the blocks unexamined (B&B-34)', async (t) => {
  const s = editRecord(preparer('         X'), A_, 22, 'X');
  t.same(conditions(s), [bat('X39', 1, 22)], 'no X21 for the B');
  const noZ = preparer('         X').slice(0, Z_);
  t.same(conditions(noZ), [bat('X06', Y_AT)]);
});

t.test('a block-level problem leaves the transaction records unexamined (B&B-35)', async (t) => {
  const s = preparer('         X');
  s[4] = (s[4] as string).slice(0, 8);
  t.same(conditions(s), [blk('X21')], 'no X40 for the short transaction record');
});

t.test('block-level problems of every block are reported (B&B-35)', async (t) => {
  const s = sample();
  const second = editRecord(block(), 0, 56, 'X');
  const third = editRecord(block(), Y_ - B_, 4, '2705');
  const batch = envelope([...s.slice(0, Z_), ...second, ...third, s[Z_] as string]);
  // Blocks of Y_AT - 1 records from position 2: the second's B, the third's Y.
  t.same(batch.conditions, [blk('X21', 2, Y_AT + 1), blk('X32', 3, 3 * Y_AT - 2, 4)]);
});

t.test('missing Z: X06 pointing at the last record', async (t) => {
  t.same(conditions(sample().slice(0, Z_)), [bat('X06', Y_AT)]);
});

t.test('missing Y: X05, a missing control record, at batch level pointing at the B (B&B-34)', async (t) => {
  const s = sample();
  s.splice(Y_, 1);
  t.same(conditions(s), [bat('X05', 2)]);
  const noYnoZ = sample().slice(0, Y_);
  t.same(conditions(noYnoZ), [bat('X05', 2), bat('X06', Y_AT - 1)], 'X06 at the last transaction record');
});

t.test('a B while a block is open: X05 for the open block', async (t) => {
  const s = sample();
  const batch = envelope([...s.slice(0, Y_), ...block(), s[Z_] as string]);
  t.same(batch.conditions, [bat('X05', 2)]);
  t.equal(batch.blocks.length, 2);
  t.equal(batch.blocks[1]?.header.position, Y_AT, 'the second B where the first block\'s Y was');
});

t.test('Y does not match B: X32 at the first differing column', async (t) => {
  t.same(conditions(editRecord(sample(), Y_, 4, '2705')), [blk('X32', 1, Y_AT, 4)]);
  t.same(conditions(editRecord(sample(), Y_, 8, 'C11')), [blk('X32', 1, Y_AT, 8)]);
  t.same(conditions(editRecord(sample(), Y_, 11, 'SE')), [blk('X32', 1, Y_AT, 11)]);
  t.same(conditions(editRecord(editRecord(sample(), Y_, 4, '2705'), Y_, 11, 'SE')), [blk('X32', 1, Y_AT, 4)], 'reported once');
});

t.test('Z does not match A: X14 on the Z', async (t) => {
  t.same(conditions(editRecord(sample(), Z_, 2, '2705')), [bat('X14', Z_AT)]);
  t.same(conditions(editRecord(sample(), Z_, 6, 'C11')), [bat('X14', Z_AT)]);
  t.same(conditions(editRecord(sample(), Z_, 15, '112626')), [], 'the date need not match');
});

t.test('B application differs from A: X19 on the block', async (t) => {
  const s = editRecord(editRecord(sample(), B_, 11, 'SE'), Y_, 11, 'SE');
  t.same(conditions(s), [blk('X19')]);
});

t.test('unknown application: X12 on the A only, the blocks are not examined (B&B-34)', async (t) => {
  let s = editRecord(sample(), A_, 26, 'ZZ');
  s = editRecord(s, B_, 11, 'ZZ');
  s = editRecord(s, Y_, 11, 'ZZ');
  t.same(conditions(s), [bat('X12', 1, 26)]);
  t.same(conditions(editRecord(sample(), A_, 26, 'EI')), [bat('X12', 1, 26)], 'no X19 for the B that says AE');
  const onB = editRecord(editRecord(sample(), B_, 11, 'ZZ'), Y_, 11, 'ZZ');
  t.same(conditions(onB), [blk('X12', 1, 2, 11), blk('X19')], 'on the B alone: block level');
});

t.test('missing application on A: X11', async (t) => {
  t.same(conditions(editRecord(sample(), A_, 26, '  ')), [bat('X11', 1, 26)]);
});

t.test('known but unimplemented application (DE): X13 on A', async (t) => {
  let s = editRecord(sample(), A_, 26, 'DE');
  s = editRecord(s, B_, 11, 'DE');
  s = editRecord(s, Y_, 11, 'DE');
  t.same(conditions(s), [bat('X13', 1, 26)]);
});

t.test('known but unimplemented application in bare blocks: X13 on the block', async (t) => {
  const s = editRecord(editRecord(block(), 0, 11, 'DE'), Y_ - B_, 11, 'DE');
  t.same(conditions(s), [blk('X13', 1, 1)]);
});

t.test('empty block: X04', async (t) => {
  const s = sample();
  s.splice(2, DETAILS);
  t.same(conditions(s), [blk('X04')]);
});

t.test('records outside a block: X03 once', async (t) => {
  const s = sample();
  const before = [s[A_] as string, s[2] as string, s[3] as string, ...s.slice(1)];
  t.same(conditions(before), [bat('X03', 2)], 'between A and B');
  const after = [...s.slice(0, Z_), s[2] as string, s[Z_] as string];
  t.same(conditions(after), [bat('X03', Z_AT)], 'between Y and Z');
  t.same(conditions(s.slice(2)), [bat('X03', 1)], 'no A and no B');
});

t.test('no A record: X03 at record 1', async (t) => {
  const noA = sample().slice(1);
  noA.unshift('10'.padEnd(80));
  const batch = envelope(noA);
  t.notOk(batch.header);
  t.same(batch.conditions, [bat('X03', 1)]);
});

t.test('data after Z: X35', async (t) => {
  const s = sample();
  t.same(conditions([...s, s[A_] as string]), [bat('X35', Z_AT + 1)]);
  t.same(conditions([...s, s[B_] as string, ...s.slice(B_ + 1, Y_)]), [bat('X35', Z_AT + 1)], 'reported once');
});

t.test('preparer rules on B 47-56', async (t) => {
  t.same(conditions(preparer('2704B76  1')), [], 'indicator 1 with port and filer');
  t.same(conditions(preparer('2704B76AB1')), [], 'with an office');
  t.same(conditions(preparer('         X')), [blk('X21')], 'X21 indicator not blank or 1');
  t.same(conditions(preparer('2704B76   ')), [blk('X22')], 'X22 preparer data without the indicator');
  t.same(conditions(preparer('       AB ')), [blk('X22')], 'X22 office alone');
  t.same(conditions(preparer('    B76  1')), [blk('X24')], 'X24 no preparer port');
  t.same(conditions(preparer('2704     1')), [blk('X25')], 'X25 no preparer filer');
  t.same(conditions(preparer('2704C11  1')), [blk('X26')], 'X26 preparer filer is not the processing filer');
  t.same(conditions(preparer('AB12B76  1')), [blk('X28')], 'X28 preparer port not 4 digits');
  t.same(conditions(preparer('         1')), [blk('X24'), blk('X25')], 'X24 and X25 together');
  t.same(conditions(preparer('AB12C11  1')), [blk('X28'), blk('X26')], 'X28 and X26 together');
});

t.test('X23: preparer data for an application that does not allow it', async (t) => {
  const cw = (records: string[]): string[] => editRecord(editRecord(editRecord(records, A_, 26, 'CW'), B_, 11, 'CW'), Y_, 11, 'CW');
  t.same(conditions(cw(preparer('2704B76  1'))), [blk('X23')], 'CW is not in the B&B-14 note 4 list');
  t.same(conditions(cw(preparer('2704B76  X'))), [blk('X21')], 'X21 comes before X23');
  t.same(conditions(cw(sample())), [], 'no preparer data, no X23');
  const eq = editRecord(editRecord(editRecord(preparer('2704B76  1'), A_, 26, 'EQ'), B_, 11, 'EQ'), Y_, 11, 'EQ');
  t.same(conditions(eq), [blk('X23')], 'nor is EQ');
  const qp = editRecord(editRecord(editRecord(preparer('2704B76  1'), A_, 26, 'QP'), B_, 11, 'QP'), Y_, 11, 'QP');
  t.same(conditions(qp), [bat('X13', 1, 26)], 'an application not offered (X13 on the A) leaves the blocks unexamined');
  const unknownOnB = editRecord(editRecord(preparer('2704B76  1'), B_, 11, 'EI'), Y_, 11, 'EI');
  t.same(conditions(unknownOnB), [blk('X12', 1, 2, 11), blk('X19')], 'an unknown application on the B: no X23 (B&B-35, block 3)');
});

t.test('data in A/B filler: X39 at the column', async (t) => {
  t.same(conditions(editRecord(sample(), A_, 22, 'X')), [bat('X39', 1, 22)]);
  t.same(conditions(editRecord(sample(), A_, 45, 'X')), [bat('X39', 1, 45)]);
  t.same(conditions(editRecord(sample(), B_, 20, 'X')), [blk('X39', 1, 2, 20)]);
  t.same(conditions(editRecord(sample(), B_, 58, 'X')), [blk('X39', 1, 2, 58)]);
  t.same(conditions(editRecord(sample(), Y_, 50, 'X')), [blk('X39', 1, Y_AT, 50)]);
  t.same(conditions(editRecord(sample(), Z_, 60, 'X')), [bat('X39', Z_AT, 60)]);
});

t.test('non-standard data in the envelope: X40 at the column', async (t) => {
  t.same(conditions(editRecord(sample(), B_, 65, '\x01')), [blk('X40', 1, 2, 65)]);
});

t.test('missing envelope fields: their own conditions', async (t) => {
  t.same(conditions(editRecord(sample(), A_, 2, '    ')), [bat('X07', 1, 2), bat('X14', Z_AT)]);
  t.same(conditions(editRecord(sample(), A_, 6, '   ')), [bat('X08', 1, 6), bat('X14', Z_AT)]);
  t.same(conditions(editRecord(sample(), B_, 4, '    ')), [blk('X15', 1, 2, 4), blk('X32', 1, Y_AT, 4)]);
  t.same(conditions(editRecord(sample(), B_, 8, '   ')), [blk('X16', 1, 2, 8), blk('X32', 1, Y_AT, 8)]);
  t.same(conditions(editRecord(sample(), A_, 15, '023026')), [bat('X10', 1, 15)]);
});

t.test('bare B…Y blocks without A/Z: no condition', async (t) => {
  const batch = envelope(block());
  t.same(batch.conditions, []);
  t.notOk(batch.header);
  t.notOk(batch.trailer);
  t.equal(batch.blocks.length, 1);
  t.equal(batch.blocks[0]?.header.position, 1);
  t.equal(batch.blocks[0]?.trailer?.position, Y_AT - 1);
  t.equal(batch.blocks[0]?.details.length, DETAILS);
});
