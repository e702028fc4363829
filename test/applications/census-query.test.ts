import t from 'tap';
import { writeRecord } from '../../src/catair/record.js';
import type { AceMock } from '../../src/server.js';
import { aeClean, aeDelete, aeWithWarning, answerOf, batch, entry, fields, put } from '../helpers/census.js';
import { send, TEST_NOW, testMock } from '../helpers/mock.js';

const CJ2 = ['port', 'acceptedDate', 'entryFiler', 'entryNumber', 'lineNumber', 'hts', 'warning', 'condition', 'narrative'];

/** A CJ1 query: entry filer, optional entry numbers (slots 1-5 from the left) and date range. */
function cj1(mock: AceMock, q: { filer?: string; entries?: string[]; from?: string; to?: string; port?: string }): string {
  const values: Record<string, string | undefined> = { entryFiler: q.filer ?? 'B76', fromDate: q.from, toDate: q.to, port: q.port };
  (q.entries ?? []).forEach((n, i) => {
    values[`entryNumber${i + 1}`] = n;
  });
  return writeRecord(mock.catalog.layout('CJ1'), values);
}

const rows = (mock: AceMock, records: string[]) => fields(mock, 'CJ2', records, CJ2);
const TODAY = '112526'; // TEST_NOW as MMDDYY

t.test('lists each outstanding warning per line, 007 for an entry without one, 006 for one not on file', async (t) => {
  t.equal(TEST_NOW.toISOString().slice(0, 10), '2026-11-25', 'the test clock is the day TODAY names');
  const mock = testMock();
  t.teardown(() => mock.close());
  const [warned, clean, unknown] = [entry(6100001), entry(6100002), entry(6100003)];
  await answerOf(mock, aeWithWarning(warned), { 'x-ace-scenario': 'census-warning-standalone-cw' });
  await answerOf(mock, aeClean(clean));
  const res = await send(mock, batch('CJ', [cj1(mock, { entries: [warned, clean, unknown] })]), { accept: 'application/json' });
  const exchange = res.json() as { outcome: string; output: string[]; transactions: { disposition: string; outcome: string; entryNumber: string }[] };
  t.match(exchange.output[0], /^A2704B76      112526     CL/, 'answered as CL');
  t.match(exchange.output[1], /^B  2704B76CL/);
  const answer = exchange.output.filter((r) => r.startsWith('CJ2'));
  t.same(rows(mock, answer), [
    { port: '0000', acceptedDate: TODAY, entryFiler: 'B76', entryNumber: warned, lineNumber: '001', hts: '', warning: '27C', condition: '', narrative: '' },
    { port: '0000', acceptedDate: TODAY, entryFiler: 'B76', entryNumber: warned, lineNumber: '001', hts: '', warning: '27B', condition: '', narrative: '' },
    { port: '0000', acceptedDate: TODAY, entryFiler: 'B76', entryNumber: clean, lineNumber: '', hts: '', warning: '', condition: '007', narrative: 'NO UNRSLVED WARNINGS FOUND FOR' },
    { port: '0000', acceptedDate: '', entryFiler: 'B76', entryNumber: unknown, lineNumber: '', hts: '', warning: '', condition: '006', narrative: 'ENTRY SUMMARY NOT FOUND FOR QU' },
  ]);
  t.match(exchange.output.at(-2), /^Y  2704B76CL00004/);
  t.match(exchange.transactions, [{ disposition: '006', outcome: 'rejected', entryNumber: warned }], 'an entry not found fails the query');
});

t.test('after a CW override the query no longer lists the warning; a deleted entry is not on file', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(6100010);
  await answerOf(mock, aeWithWarning(n));
  const before = await answerOf(mock, batch('CJ', [cj1(mock, { entries: [n] })]));
  t.same(rows(mock, before).map((r) => r['warning']), ['27C']);
  const cw = [writeRecord(mock.catalog.layout('CW01'), { entryFiler: 'B76', entryNumber: n }), writeRecord(mock.catalog.layout('CW02.override'), { lineNumber: '001', warning1: '27C', override1: '50' })];
  await answerOf(mock, batch('CW', cw));
  const after = await answerOf(mock, batch('CJ', [cj1(mock, { entries: [n] })]));
  t.same(rows(mock, after).map((r) => r['condition']), ['007']);
  await answerOf(mock, aeDelete(n));
  const deleted = await answerOf(mock, batch('CJ', [cj1(mock, { entries: [n] })]));
  t.same(rows(mock, deleted).map((r) => r['condition']), ['006']);
});

t.test('a date range finds the entries first accepted in it, oldest first; none → 016', async (t) => {
  let now = new Date('2026-11-20T23:59:00.000Z');
  const mock = testMock({}, () => now);
  t.teardown(() => mock.close());
  const [a, b] = [entry(6100020), entry(6100021)];
  await answerOf(mock, aeClean(b));
  now = TEST_NOW;
  await answerOf(mock, aeWithWarning(a));
  const both = await answerOf(mock, batch('CJ', [cj1(mock, { from: '111026', to: TODAY })]));
  t.same(rows(mock, both).map((r) => [r['entryNumber'], r['acceptedDate'], r['warning'], r['condition']]), [
    [b, '112026', '', '007'],
    [a, TODAY, '27C', ''],
  ]);
  const one = await answerOf(mock, batch('CJ', [cj1(mock, { from: '112126', to: TODAY })]));
  t.same(rows(mock, one).map((r) => r['entryNumber']), [a], 'the from day bounds the search');
  const first = await answerOf(mock, batch('CJ', [cj1(mock, { from: '112026', to: '112026' })]));
  t.same(rows(mock, first).map((r) => r['entryNumber']), [b], 'from and to days are included');
  const none = await answerOf(mock, batch('CJ', [cj1(mock, { from: '112626', to: '120126' })]));
  t.same(rows(mock, none), [
    { port: '0000', acceptedDate: '', entryFiler: 'B76', entryNumber: '', lineNumber: '', hts: '', warning: '', condition: '016', narrative: 'QUERY COMPLETE - NO SUMMARIES' },
  ]);
  const otherFiler = await answerOf(mock, batch('CJ', [cj1(mock, { filer: 'XYZ', from: TODAY, to: TODAY })]));
  t.same(rows(mock, otherFiler).map((r) => r['condition']), ['016'], "another filer's query does not see B76's entries");
});

t.test('query checks: 003, 004, 009-015, one CJ2 per refused query', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(6100030);
  const cases: [string, Parameters<typeof cj1>[1], string][] = [
    ['entry filer missing', { filer: '', entries: [n] }, '003'],
    ['no range and no entry number', {}, '004'],
    ['to without from', { to: TODAY }, '009'],
    ['from is no date', { from: '133126', to: TODAY }, '010'],
    ['from without to', { from: TODAY }, '011'],
    ['to is no date', { from: TODAY, to: '022926' }, '012'],
    ['to before from', { from: TODAY, to: '112426' }, '013'],
    ['32 days', { from: '100126', to: '110226' }, '014'],
    ['port not a port code', { port: 'AB12', entries: [n] }, '015'],
  ];
  const answer = await answerOf(mock, batch('CJ', cases.map(([, q]) => cj1(mock, q))));
  t.same(rows(mock, answer).map((r) => r['condition']), cases.map(([, , code]) => code));
  t.equal(rows(mock, answer)[0]?.['entryFiler'], '', '003 echoes the blank filer');
  t.equal(rows(mock, answer)[2]?.['entryFiler'], 'B76', 'other refusals echo the filer');
  t.equal(rows(mock, answer)[7]?.['narrative'], 'DATE RANGE EXCEEDS QUERY LIMIT', 'narratives are cut to 30 characters');

  const limit = await answerOf(mock, batch('CJ', [cj1(mock, { from: '100126', to: '110126' })]));
  t.same(rows(mock, limit).map((r) => r['condition']), ['016'], 'exactly 31 days is allowed');
});

t.test('syntax: a gap in the entry numbers is X35, another record X34, a bad character X40', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(6100040);
  const gap = writeRecord(mock.catalog.layout('CJ1'), { entryFiler: 'B76', entryNumber1: n, entryNumber3: n });
  const cases: [string, string[], string][] = [
    ['gap', [gap], 'X35'],
    ['stray record', [cj1(mock, { entries: [n] }), 'CJ2'], 'X34'],
    ['lower case', [put(cj1(mock, { entries: [n] }), mock.catalog.layout('CJ1').byName.get('entryFiler')?.start ?? 0, 'b76')], 'X40'],
  ];
  for (const [what, details, code] of cases) {
    const res = await send(mock, batch('CJ', details), { accept: 'application/json' });
    const exchange = res.json() as { outcome: string; batchConditions: { code: string }[] };
    t.equal(exchange.outcome, 'batch-rejected', what);
    t.same(exchange.batchConditions.map((c) => c.code), [code], `${what}: ${code}`);
  }
});
