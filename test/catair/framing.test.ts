import t from 'tap';
import { frameRecords } from '../../src/catair/framing.js';

const r1 = 'A2704B76PASSWD112526     AE'.padEnd(80);
const r2 = 'B  2704B76AE'.padEnd(59) + 'USER TEXT'.padEnd(21);
const r3 = 'Z2704B76      112526'.padEnd(80);

t.test('LF-separated records', async (t) => {
  const f = frameRecords(`${r1}\n${r2}\n${r3}`, false);
  t.same(f.records, [r1, r2, r3]);
  t.same(f.problems, []);
  t.equal(f.separated, true);
});

t.test('CRLF-separated records lose the CR', async (t) => {
  const f = frameRecords(`${r1}\r\n${r2}\r\n${r3}\r\n`, false);
  t.same(f.records, [r1, r2, r3]);
  t.same(f.problems, []);
  t.equal(f.separated, true);
});

t.test('concatenated records (no separator) are cut every 80 characters', async (t) => {
  const f = frameRecords(r1 + r2 + r3, false);
  t.same(f.records, [r1, r2, r3]);
  t.same(f.problems, []);
  t.equal(f.separated, false);
});

t.test('trailing newlines are not records', async (t) => {
  t.same(frameRecords(`${r1}\n${r3}\n`, false), { records: [r1, r3], problems: [], separated: true });
  t.same(frameRecords(`${r1}\n${r3}\n\n\n`, false), { records: [r1, r3], problems: [], separated: true });
  t.same(frameRecords(`${r1}\r\n${r3}\r\n\r\n`, false), { records: [r1, r3], problems: [], separated: true });
});

t.test('strict: a short last record is X42 at its first missing column, and padded', async (t) => {
  const f = frameRecords(`${r1}\n${r2}\nZ2704B76`, false);
  t.same(f.problems, [{ code: 'X42', position: 3, column: 9 }]);
  t.equal(f.records[2], 'Z2704B76'.padEnd(80));
  t.equal(f.records.length, 3);
});

t.test('strict: a short last record after a final newline is still X42', async (t) => {
  const f = frameRecords(`${r1}\n${r3.trimEnd()}\n`, false);
  t.same(f.problems, [{ code: 'X42', position: 2, column: 21 }]);
});

t.test('strict: a short concatenated tail is X42', async (t) => {
  const f = frameRecords(`${r1}${r2}Z2704`, false);
  t.same(f.records.length, 3);
  t.same(f.problems, [{ code: 'X42', position: 3, column: 6 }]);
});

t.test('strict: a short record in the middle is X40', async (t) => {
  const f = frameRecords(`${r1}\n${r2.slice(0, 70)}\n${r3}`, false);
  t.same(f.problems, [{ code: 'X40', position: 2, column: 71 }]);
  t.equal(f.records[1], r2.slice(0, 70).padEnd(80));
});

t.test('strict: an empty line in the middle is a record with nothing in it', async (t) => {
  const f = frameRecords(`${r1}\n\n${r3}`, false);
  t.same(f.problems, [{ code: 'X40', position: 2, column: 1 }]);
  t.equal(f.records[1], ' '.repeat(80));
});

t.test('strict: a long record is X40 at column 81 and cut to 80', async (t) => {
  const f = frameRecords(`${r1}\n${r2}EXTRA\n${r3}`, false);
  t.same(f.problems, [{ code: 'X40', position: 2, column: 81 }]);
  t.equal(f.records[1], r2);
  const blanks = frameRecords(`${r1}   \n${r3}`, false);
  t.same(blanks.problems, [{ code: 'X40', position: 1, column: 81 }], 'trailing blanks past 80 count in strict mode');
});

t.test('strict: several problems, one per record', async (t) => {
  const f = frameRecords(`${r1.slice(0, 79)}\n${r2} \n${r3.slice(0, 30)}`, false);
  t.same(f.problems, [
    { code: 'X40', position: 1, column: 80 },
    { code: 'X40', position: 2, column: 81 },
    { code: 'X42', position: 3, column: 31 },
  ]);
});

t.test('lenient: short records are padded, trailing blanks past 80 dropped', async (t) => {
  const f = frameRecords(`${r1.trimEnd()}\n${r2}    \r\n${r3.trimEnd()}\n`, true);
  t.same(f.records, [r1, r2, r3]);
  t.same(f.problems, []);
});

t.test('lenient: real data past 80 is still X40 at column 81', async (t) => {
  const f = frameRecords(`${r1.trimEnd()}\n${r2}   X\n${r3.trimEnd()}`, true);
  t.same(f.problems, [{ code: 'X40', position: 2, column: 81 }]);
  t.equal(f.records[1], r2);
});
