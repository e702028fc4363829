import t from 'tap';
import { scenarioApplications } from '../../src/applications/registry.js';
import { DEFAULT_SCHEMA_DIR } from '../../src/catair/catalog.js';
import { formatScenarioError, loadScenarioFile } from '../../src/scenarios/load.js';
import type { ReleaseState } from '../../src/applications/cargo-release/release-store.js';
import type { AceMock } from '../../src/server.js';
import { filing, seBatch } from '../helpers/cargo-release.js';
import { aeClean, answerOf, batch, entry, put, rec } from '../helpers/census.js';
import { send, sharedCatalog, TEST_NOW, testMock } from '../helpers/mock.js';
import { scenarioDir } from '../helpers/scenario-dir.js';

/**
 * The Cargo Manifest/In-bond/Entry Status Query (CQ → C1) end to end: the WR1 query (ACMQ-13..14),
 * the error records WR0, WSA, WSB with the codes of ACMQ-65, and the WO records of an entry's
 * cargo release (ACMQ-45..56) read from what SE and AE left on file. Expected records are placed
 * at the text's columns here, not through ace-mock's layouts.
 */

const catalog = sharedCatalog(DEFAULT_SCHEMA_DIR);

type Test = Pick<typeof t, 'teardown'>;
function mock(t: Test, clock?: () => Date, env: Record<string, string> = {}): AceMock {
  const m = testMock(env, clock);
  t.teardown(() => m.close());
  return m;
}

/** An 80-column record: the record id, then each text at its 1-based start column. */
function at(id: string, fields: Readonly<Record<number, string | undefined>>): string {
  let out = rec(id);
  for (const [start, text] of Object.entries(fields)) if (text !== undefined) out = put(out, Number(start), text);
  return out;
}

/** A WR1 (ACMQ-13..14): filer 8-10, entry number 11-19 (right-justified), in-bond 20-31, issuer 32-35, bill 36-47, AWB 48-58, house 59-70, indicators 71, 72, 73. */
function wr1(q: { filer?: string; entry?: string; inBond?: string; issuer?: string; bill?: string; awb?: string; house?: string; related?: string; billAndEntry?: string; limit?: string }): string {
  return at('WR1', {
    8: q.filer,
    11: q.entry?.padStart(9),
    20: q.inBond,
    32: q.issuer,
    36: q.bill,
    48: q.awb,
    59: q.house,
    71: q.related,
    72: q.billAndEntry,
    73: q.limit,
  });
}
const cq = (...queries: string[]) => batch('CQ', queries);

// ACMQ-21: filer 4-6, entry number 7-15, code 30-32, narrative 33-72.
const wr0 = (filer: string, number: string, code: string, narrative: string) => at('WR0', { 4: filer, 7: number === '' ? '' : number.padStart(9), 30: code, 33: narrative });
// ACMQ-22: in-bond 4-15, issuer 16-19, master bill 20-31, code 32-34, narrative 35-74.
const wsa = (q: { inBond?: string; issuer?: string; bill?: string }, code: string, narrative: string) => at('WSA', { 4: q.inBond, 16: q.issuer, 20: q.bill, 32: code, 35: narrative });
// ACMQ-23: AWB 4-14, house 15-26, code 27-29, narrative 30-69.
const wsb = (awb: string, house: string, code: string, narrative: string) => at('WSB', { 4: awb, 15: house, 27: code, 30: narrative });

/** TEST_NOW, 25 November 2026 15:00 UTC, as MMDDYY and HHMM. */
const DATE = '112526';
const TIME = '1500';
// ACMQ-45: port 5-8, filer 9-11, entry 14-21, type 23-24, importer 25-36, carrier 37-40.
const wo10 = (n: string) => at('WO10', { 5: '2704', 9: 'B76', 14: n, 23: '01', 25: '12-3456789AB', 37: 'MAEU' });
// ACMQ-49: line 5-7, country 8-9, HTS 10-19.
const WO30 = at('WO30', { 5: '001', 8: 'CN', 10: '7318158069' });
// ACMQ-50: bill type 5, issuer 6-9, bill 10-59, quantity 60-67.
const WO40 = at('WO40', { 5: 'R', 6: 'MAEU', 10: '12345', 60: '00000100' });
// ACMQ-52..53: date 5-10, time 11-14, code 15-16, narrative 17-56, split indicator 57.
const wo50 = (code: string, narrative: string, when?: { date: string; time: string }) => at('WO50', { 5: when?.date, 11: when?.time, 15: code, 17: narrative, 57: 'N' });
// ACMQ-54: date 5-10, time 11-14, code 15-16, narrative 17-56, release date 57-62.
const wo60 = (code: string, narrative: string, when?: { date: string; time: string; release?: boolean }) =>
  at('WO60', { 5: when?.date, 11: when?.time, 15: code, 17: narrative, 57: when?.release ? when.date : undefined });

const key = (entryNumber: string) => ({ session: 'B76', filer: 'B76', entryNumber });
/** Marks the release on file as CBP's processing would. */
function mark(m: AceMock, entryNumber: string, lifecycle: Partial<ReleaseState['lifecycle']>, over: Partial<ReleaseState> = {}): void {
  const on = m.releases.release(key(entryNumber), TEST_NOW) as ReleaseState;
  m.releases.putRelease(key(entryNumber), { ...on, ...over, lifecycle: { ...on.lifecycle, ...lifecycle } }, { exchangeId: 'test', action: 'test', disposition: '', at: TEST_NOW.toISOString() });
}

t.test('an entry filed in SE: WO10, WO30 per tariff, WO40 and WO50 per bill; no bill match yet is 91, dated when the filing was accepted (ACMQ-18, ACMQ-45..53)', async (t) => {
  const m = mock(t);
  const n = entry(5210001);
  await answerOf(m, seBatch(filing(n)));
  const res = await send(m, cq(wr1({ filer: 'B76', entry: n })), { accept: 'application/json' });
  const exchange = res.json() as { output: string[]; outcome: string; transactions: { outcome: string; disposition: string; entryNumber: string; action: string; conditions: unknown[] }[] };
  t.match(exchange.output[0], /^A2704B76      112526     C1/, 'answered as C1');
  t.match(exchange.output[1], /^B  2704B76C1/);
  t.same(exchange.output.slice(2, -2), [wo10(n), WO30, WO40, wo50('91', 'NO BILLMATCH', { date: DATE, time: TIME })]);
  t.match(exchange.output.at(-2), /^Y  2704B76C100004/);
  t.match(exchange.transactions, [{ outcome: 'accepted', disposition: '91', entryNumber: n, action: 'CQ entry', conditions: [] }]);
});

t.test('what the release lifecycle holds: 93, 95, 90 UNDER CBP REVIEW, 98 RELEASED with its date, 23 ENTRY CANCELLED; times not kept stay blank', async (t) => {
  const m = mock(t);
  const n = entry(5210002);
  await answerOf(m, seBatch(filing(n)));
  const query = () => answerOf(m, cq(wr1({ filer: 'B76', entry: n })));
  mark(m, n, { billMatched: true });
  t.same((await query()).slice(3), [wo50('93', 'BILL ON FILE')], 'matched: when is not kept');
  const released = new Date(TEST_NOW.getTime() - 2 * 86_400_000 - 90 * 60_000).toISOString(); // 23 November 13:30
  mark(m, n, { arrived: true, underReview: true, releasedAt: released });
  t.same((await query()).slice(3), [
    wo50('95', 'BILL ARRIVED'),
    wo60('90', 'UNDER CBP REVIEW'),
    wo60('98', 'RELEASED', { date: '112326', time: '1330', release: true }),
  ]);
  mark(m, n, { underReview: false, releasedAt: undefined as unknown as string }, { status: 'cancelled' });
  t.same((await query()).slice(4), [wo60('23', 'ENTRY CANCELLED')], 'a cancelled entry stays on file (SE-17)');
});

t.test('a release certified from an entry summary: WO10 from the facts it keeps, nothing it does not', async (t) => {
  const m = mock(t);
  const n = entry(5210003);
  const certifying = aeClean(n)
    .split('\n')
    .map((l) => (l.startsWith('10') ? put(l, 40, 'A') : l))
    .join('\n');
  t.match((await answerOf(m, certifying)).at(-1), /^E1A 995/);
  t.same(await answerOf(m, cq(wr1({ filer: 'B76', entry: n }))), [at('WO10', { 5: '2704', 9: 'B76', 14: n, 23: '01', 25: '12-3456789AB' })]);
});

t.test('950 ENTRY RECORD NOT FOUND: no release on file, a summary alone, a release older than six months (ACMQ-12, ACMQ-18, ACMQ-65)', async (t) => {
  let now = new Date('2026-05-25T14:59:00.000Z');
  const m = mock(t, () => now);
  const [old, recent, summaryOnly, never] = [entry(5210004), entry(5210005), entry(5210006), entry(5210007)];
  await answerOf(m, seBatch(filing(old)));
  now = new Date('2026-05-25T15:00:00.000Z');
  await answerOf(m, seBatch(filing(recent)));
  now = TEST_NOW;
  await answerOf(m, aeClean(summaryOnly));
  const out = await answerOf(m, cq(...[old, recent, summaryOnly, never].map((n) => wr1({ filer: 'B76', entry: n }))));
  const notFound = (n: string) => wr0('B76', n, '950', 'ENTRY RECORD NOT FOUND');
  t.same(
    out.filter((r) => r.startsWith('WR0') || r.startsWith('WO10')),
    [notFound(old), wo10(recent), notFound(summaryOnly), notFound(never)],
    'six months to the minute; a summary that did not certify for release is no cargo release',
  );
});

t.test('entry queries refused by their fields: B05, B14, X17 another filer\'s entry (ACMQ-14 note 1)', async (t) => {
  const m = mock(t);
  const n = entry(5210008);
  await answerOf(m, seBatch(filing(n)));
  const res = await send(m, cq(wr1({ entry: n }), wr1({ filer: 'B76' }), wr1({ filer: 'XYZ', entry: n })), { accept: 'application/json' });
  const exchange = res.json() as { output: string[]; transactions: { outcome: string; disposition: string; conditions: { code: string; field?: string; position?: number }[] }[] };
  t.same(exchange.output.slice(2, -2), [
    wr0('', n, 'B05', 'ENTRY FILER MISSING'),
    wr0('B76', '', 'B14', 'ENTRY NUMBER MISSING'),
    wr0('XYZ', n, 'X17', 'FILER NOT AUTHORIZED'),
  ]);
  t.match(exchange.transactions, [
    { outcome: 'rejected', disposition: 'B05', conditions: [{ code: 'B05', field: 'entryFiler', position: 3 }] },
    { outcome: 'rejected', disposition: 'B14', conditions: [{ code: 'B14', field: 'entryNumber', position: 4 }] },
    { outcome: 'rejected', disposition: 'X17' },
  ]);
});

t.test('one kind of query per WR1: none or two is INE (ACMQ-14 note 1)', async (t) => {
  const m = mock(t);
  const out = await answerOf(m, cq(wr1({}), wr1({ filer: 'B76', entry: entry(5210009), bill: 'MAEU1' }), wr1({ inBond: '123456789', issuer: 'MAEU', bill: 'X1' })));
  t.same(out, [
    wr0('', '', 'INE', 'INSUFFICIENT DATA FOR QUERY'),
    wr0('B76', entry(5210009), 'INE', 'INSUFFICIENT DATA FOR QUERY'),
    wsa({ inBond: '123456789', issuer: 'MAEU', bill: 'X1' }, 'INE', 'INSUFFICIENT DATA FOR QUERY'),
  ]);
});

t.test('bills, air waybills and in-bonds: refused by their fields, else not on file (ACMQ-15..19, ACMQ-65)', async (t) => {
  const m = mock(t);
  const out = await answerOf(
    m,
    cq(
      wr1({ issuer: 'MAEU', bill: 'MAEU12345' }),
      wr1({ bill: 'MAEU12345' }),
      wr1({ issuer: 'MAEU' }),
      wr1({ issuer: 'MA3U', bill: 'X1' }),
      wr1({ inBond: 'V1234567890' }),
      wr1({ inBond: '12345678901', issuer: 'LH' }),
      wr1({ awb: '12345678901', house: 'HAWB1' }),
      wr1({ house: 'HAWB1' }),
      wr1({ awb: '1234567890A' }),
    ),
  );
  t.same(out, [
    wsa({ issuer: 'MAEU', bill: 'MAEU12345' }, '122', 'BILL NBR NOT ON FILE'),
    wsa({ bill: 'MAEU12345' }, '176', 'CARRIER CODE MISSING'),
    wsa({ issuer: 'MAEU' }, '185', 'BOL/IN-BOND NUMBER(S) MISSING'),
    wsa({ issuer: 'MA3U', bill: 'X1' }, '009', 'INVALID CARRIER CODE'),
    wsa({ inBond: 'V1234567890' }, '123', 'INBOND NBR NOT ON FILE'),
    wsa({ inBond: '12345678901', issuer: 'LH' }, '123', 'INBOND NBR NOT ON FILE'),
    wsb('12345678901', 'HAWB1', '122', 'BILL NBR NOT ON FILE'),
    wsb('', 'HAWB1', 'INE', 'INSUFFICIENT DATA FOR QUERY'),
    wsb('1234567890A', '', '297', 'INVALID AIRWAY BILL'),
  ]);
});

t.test('X39 and X40 answered in the query\'s error record, not as batch conditions (ACMQ-65)', async (t) => {
  const m = mock(t);
  const n = entry(5210010);
  await answerOf(m, seBatch(filing(n)));
  const filler = put(wr1({ filer: 'B76', entry: n }), 76, 'X');
  const lower = wr1({ issuer: 'maeu', bill: 'X1' });
  const option = wr1({ filer: 'B76', entry: n, limit: '3' });
  const indicator = wr1({ filer: 'B76', entry: n, billAndEntry: 'Y', limit: '1' });
  const out = await answerOf(m, cq(filler, lower, option, indicator));
  t.same(out.slice(0, 3), [wr0('B76', n, 'X39', 'DATA FOUND IN FILLER'), wsa({ issuer: 'maeu', bill: 'X1' }, 'X40', 'NON-STANDARD DATA FOUND'), wr0('B76', n, 'X40', 'NON-STANDARD DATA FOUND')]);
  t.same(out.slice(3), [wo10(n), WO30, WO40, wo50('91', 'NO BILLMATCH', { date: DATE, time: TIME })], 'Y and a limit option are taken; the answer is the same');
});

t.test('a record other than WR1 is X34, the whole batch rejected', async (t) => {
  const m = mock(t);
  const res = await send(m, cq(wr1({ filer: 'B76', entry: entry(5210011) }), rec('WR2')));
  t.match(res.body, /X1 FX34/);
});

const SCENARIOS = {
  'cq-released.yaml': 'id: cq-released\ntitle: CQ released\napplication: CQ\nsteps:\n  - answer:\n      releaseStatus: { disposition: "98", bill: "95" }\n',
  'cq-failure.yaml': 'id: cq-failure\ntitle: CQ failure\napplication: CQ\nsteps:\n  - answer:\n      conditions: [{ code: ZZZ }]\n',
  'cq-any.yaml': 'id: cq-any\ntitle: CQ status whatever the query\napplication: CQ\nsteps:\n  - answer:\n      builtInRules: false\n      releaseStatus: { disposition: "03" }\n',
};

t.test('scenarios: a scripted status in place of the state, dated when answered; a scripted condition refuses the query', async (t) => {
  const m = mock(t, undefined, { ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  const [filed, unknown] = [entry(5210012), entry(5210013)];
  await answerOf(m, seBatch(filing(filed)));
  const released = await answerOf(m, cq(wr1({ filer: 'B76', entry: filed }), wr1({ filer: 'B76', entry: unknown }), wr1({ issuer: 'MAEU', bill: 'X1' })), { 'x-ace-scenario': 'cq-released' });
  t.same(released, [
    wo10(filed),
    WO30,
    WO40,
    wo50('95', 'BILL ARRIVED', { date: DATE, time: TIME }),
    wo60('98', 'RELEASED', { date: DATE, time: TIME, release: true }),
    at('WO10', { 9: 'B76', 14: unknown }),
    wo60('98', 'RELEASED', { date: DATE, time: TIME, release: true }),
    wsa({ issuer: 'MAEU', bill: 'X1' }, '122', 'BILL NBR NOT ON FILE'),
  ], 'an entry ace-mock does not hold is answered with the filer and number alone; a bill query as without the scenario');
  const refused = await answerOf(m, cq(wr1({ filer: 'B76', entry: filed }), wr1({ entry: filed })), { 'x-ace-scenario': 'cq-failure' });
  t.same(refused, [wr0('B76', filed, 'ZZZ', '** ACE SYSTEM FAILURE **'), wr0('', filed, 'B05', 'ENTRY FILER MISSING'), wr0('', filed, 'ZZZ', '** ACE SYSTEM FAILURE **')]);
  const unchecked = await answerOf(m, cq(wr1({ filer: 'XYZ', entry: filed })), { 'x-ace-scenario': 'cq-any' });
  t.same(unchecked, [at('WO10', { 9: 'XYZ', 14: filed }), wo60('03', 'PENDING INTENSIVE EXAM', { date: DATE, time: TIME })], 'built-in rules off: no X17');
});

t.test('the scenario loader: releaseStatus is CQ\'s, checked like an SO follow-up; with the built-in rules off a CQ step must answer something', async (t) => {
  const errorsOf = (text: string) => {
    const r = loadScenarioFile('x.yaml', `id: demo\ntitle: Demo\n${text}`, catalog, scenarioApplications());
    return 'errors' in r ? r.errors.map(formatScenarioError) : [];
  };
  t.same(errorsOf('application: SE\nsteps:\n  - answer:\n      releaseStatus: { disposition: "98" }\n'), ['x.yaml:6:22: application SE reports no cargo release status']);
  t.same(errorsOf('application: CQ\nsteps:\n  - answer:\n      releaseStatus: { disposition: "98", bill: "95", releaseOrigin: "05" }\n'), []);
  t.same(errorsOf('application: CQ\nsteps:\n  - answer:\n      releaseStatus: { disposition: "19" }\n'), ['x.yaml:6:37: 19 is not a cargo release disposition code (schemas/codes/cargo-release-dispositions.yaml)']);
  t.same(errorsOf('application: CQ\nsteps:\n  - answer:\n      releaseStatus: {}\n'), ['x.yaml:6:22: a releaseStatus needs a disposition, a bill code or a PGA review']);
  t.same(errorsOf('application: CQ\nsteps:\n  - answer:\n      builtInRules: false\n'), ['x.yaml:6:7: with builtInRules false, a CQ answer must list a condition or give a releaseStatus: a query is always answered']);
  t.same(errorsOf('application: CQ\nsteps:\n  - answer:\n      conditions: [{ code: "950" }]\n'), [], '950 is a C1 code');
  t.same(errorsOf('application: CQ\nmatch:\n  bill: MAEU12345\n  "WR1.limitOutput": "1"\nsteps:\n  - answer:\n      conditions: [{ code: "122" }]\n'), []);
});

t.test('the WO layouts are the SO layouts under WO ids (ACMQ-45: WO10..WO72 mimic SO10..SO72)', async (t) => {
  for (const id of ['10', '20', '30', '40', '42', '50', '60', '70', '71', '72']) {
    const strip = (name: string) => catalog.layout(name).fields.map(({ name: field, start, length, class: c, usage, codes }) => ({ field, start, length, c, usage, codes }));
    t.same(strip(`WO${id}`).slice(1), strip(`SO${id}`).slice(1), `WO${id}`);
    t.equal(catalog.layout(`WO${id}`).fields[0]?.literal, `WO${id}`);
  }
});
