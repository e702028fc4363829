import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { entryCheckDigit } from '../../../src/catair/check-digit.js';
import type { Lifecycle } from '../../../src/applications/entry-summary/entry-store.js';
import type { EntryKey } from '../../../src/applications/shared/entry-key.js';
import type { Exchange } from '../../../src/pipeline.js';
import type { AceMock } from '../../../src/server.js';
import { TEST_NOW, testMock } from '../../helpers/mock.js';
import { scenarioDir } from '../../helpers/scenario-dir.js';

const samples = fileURLToPath(new URL('../../../scenarios/samples/', import.meta.url));
const sample = (file: string): string[] => readFileSync(samples + file, 'latin1').split('\n').filter((l) => l !== '');

const put = (record: string, col: number, text: string): string => record.slice(0, col - 1) + text + record.slice(col - 1 + text.length);
const col = (record: string, from: number, to: number): string => record.slice(from - 1, to);
const edit = (records: readonly string[], id: string, change: (r: string) => string): string[] =>
  records.map((r) => (r.startsWith(id) ? change(r) : r));

/** A valid entry number (7 digits + check digit) for filer B76. */
function entry(n: number): string {
  const seven = String(n).padStart(7, '0');
  return seven + String(entryCheckDigit('B76', seven));
}

/** A sample with its 10 record changed: entry number, action code and, optionally, more. */
function transmission(file: string, entryNumber: string, action?: string): string[] {
  return edit(sample(file), '10', (r) => {
    let out = put(r, 9, entryNumber);
    if (action) out = put(out, 3, action);
    return out;
  });
}

/** The sample line's records before its tariff: its 40 record (changed by `edit40`) and its 47 article parties. */
function lineHead(records: readonly string[], edit40: (r: string) => string = (r) => r): string[] {
  return records.filter((r) => /^4[07]/.test(r)).map((r) => (r.startsWith('40') ? edit40(r) : r));
}

/** A delete: only its 10 record (action D) inside the block, with only the elements ESF-133 (b) lists and the broker reference. */
function deletion(entryNumber: string): string[] {
  const records = transmission('ae-add-1-line.txt', entryNumber, 'D');
  return records.filter((r) => /^[ABYZ]/.test(r) || r.startsWith('10')).map((r) => (r.startsWith('10') ? r.slice(0, 35).padEnd(80) : r));
}

async function send(mock: AceMock, records: readonly string[], session?: string, scenario?: string): Promise<Exchange> {
  return await mock.pipeline.process({
    bytes: Buffer.from(records.join('\n') + '\n', 'latin1'),
    transport: 'test',
    ...(session !== undefined && { session }),
    ...(scenario !== undefined && { scenario }),
  });
}

/** The output records between B and Y. */
const answer = (x: Exchange): string[] => x.output.slice(x.output.findIndex((r) => r.startsWith('B')) + 1, x.output.findIndex((r) => r.startsWith('Y')));
const finalE1 = (x: Exchange): string => answer(x).filter((r) => r.startsWith('E1A') || r.startsWith('E1R')).at(-1) ?? '';

interface HistoryRow {
  exchange_id: string;
  action: string;
  disposition: string;
  status: string;
  version: number;
  at: string;
}
const history = (mock: AceMock, entryNumber: string, session = 'B76'): HistoryRow[] =>
  mock.db
    .prepare('SELECT exchange_id, action, disposition, status, version, at FROM entry_history WHERE session = ? AND filer = ? AND entry_number = ? ORDER BY id')
    .all(session, 'B76', entryNumber) as HistoryRow[];

/** Puts the entry's lifecycle where the payment lifecycle will put it (statements, payment, CBP rejection). */
function setLifecycle(mock: AceMock, key: EntryKey, over: Partial<Lifecycle>): void {
  const state = mock.entries.get(key)!;
  mock.entries.put(key, { ...state, lifecycle: { ...state.lifecycle, ...over } }, { exchangeId: 'test', action: '-', disposition: '-', at: TEST_NOW.toISOString() });
}

t.test('ESF-206 note 5: version 00100 through adds and replaces until the summary is on a statement', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(4100001);
  const key = { session: 'B76', filer: 'B76', entryNumber: n };
  const add = await send(mock, transmission('ae-add-1-line.txt', n));
  t.equal(add.outcome, 'accepted');
  t.match(add.transactions, [{ disposition: '995', version: '00100', outcome: 'accepted', action: 'A', entryNumber: n, filer: 'B76' }]);
  t.equal(col(finalE1(add), 1, 7), 'E1A 995');
  t.equal(col(finalE1(add), 64, 68), '00100');

  const r1 = await send(mock, transmission('ae-add-1-line.txt', n, 'R'));
  t.match(r1.transactions, [{ disposition: '996', version: '00100', action: 'R' }]);
  t.equal(col(finalE1(r1), 1, 7), 'E1A 996');
  t.equal(col(finalE1(r1), 64, 68), '00100');
  const a2 = await send(mock, transmission('ae-add-1-line.txt', n));
  t.match(a2.transactions, [{ disposition: '996', version: '00100' }], 'actionPolicy cbp: an add of an entry on file replaces it');

  setLifecycle(mock, key, { statement: 'on' });
  const onStatement = await send(mock, transmission('ae-add-1-line.txt', n, 'R'));
  t.same(onStatement.transactions[0]!.conditions.map((c) => c.code), ['B29'], 'on a statement: under CBP control');
  t.equal(mock.entries.get(key)?.status, 'accepted', 'that rejection deletes nothing (not in trade control)');

  setLifecycle(mock, key, { statement: 'removed' });
  const afterRemoval = await send(mock, transmission('ae-add-1-line.txt', n, 'R'));
  t.match(afterRemoval.transactions, [{ disposition: '996', version: '00200' }], 'taken off the statement, then replaced: next major version');
  t.equal(mock.entries.get(key)?.lifecycle.statement, 'none', 'back in trade control');
  const again = await send(mock, transmission('ae-add-1-line.txt', n, 'R'));
  t.match(again.transactions, [{ disposition: '996', version: '00200' }], 'later replaces keep it');

  setLifecycle(mock, key, { paid: true, cbpRejected: true });
  // Paid, then returned by CBP: the correction carries no payment type (ESF-176), else 217.
  const correction = edit(transmission('ae-add-1-line.txt', n, 'R'), '10', (r) => put(r, 51, ' '));
  const afterRejection = await send(mock, correction);
  t.match(afterRejection.transactions, [{ disposition: '996', version: '00300' }], 'replaced after a CBP rejection: next major version');

  t.same(history(mock, n).filter((h) => h.action !== '-').map((h) => [h.action, h.disposition, h.version]), [
    ['A', '995', 100],
    ['R', '996', 100],
    ['A', '996', 100],
    ['R', '996', 200],
    ['R', '996', 200],
    ['R', '996', 300],
  ]);
});

t.test('ESF-210 (c): a rejected add or replace deletes a summary in trade control', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(4100008);
  const key = { session: 'B76', filer: 'B76', entryNumber: n };
  await send(mock, transmission('ae-add-1-line.txt', n));
  const rejected = await send(mock, edit(transmission('ae-add-1-line.txt', n, 'R'), '10', (r) => put(r, 39, ' ')));
  t.match(rejected.transactions, [{ disposition: '998', outcome: 'rejected' }]);
  t.notOk('version' in rejected.transactions[0]!, 'no version on a rejection');
  t.equal(col(finalE1(rejected), 64, 68), '     ');
  t.equal(mock.entries.get(key)?.status, 'deleted', 'the implicit delete');
  t.same(history(mock, n).map((h) => [h.action, h.disposition, h.status]), [
    ['A', '995', 'accepted'],
    ['R', '998', 'deleted'],
  ]);
  const next = await send(mock, transmission('ae-add-1-line.txt', n, 'R'));
  t.match(next.transactions, [{ disposition: '995', version: '00100' }], 'the next good filing adds it afresh');

  const badDelete = await send(mock, edit(deletion(n), '10', (r) => put(r, 39, 'X')));
  t.same(badDelete.transactions[0]!.conditions.map((c) => c.code), ['B24']);
  t.equal(mock.entries.get(key)?.status, 'accepted', 'a rejected delete leaves the summary intact (ESF-211)');

  const failure = await send(mock, transmission('ae-add-1-line.txt', n, 'R'), undefined, 'ace-system-failure');
  t.same(failure.transactions[0]!.conditions.map((c) => c.code), ['ZZZ']);
  t.equal(mock.entries.get(key)?.status, 'accepted', 'ESF-211 (d): a system failure processed nothing, deletes nothing');

  setLifecycle(mock, key, { paid: true });
  await send(mock, edit(transmission('ae-add-1-line.txt', n, 'R'), '10', (r) => put(r, 39, ' ')));
  t.equal(mock.entries.get(key)?.status, 'accepted', 'a paid summary is in CBP control: left intact');
});

t.test('delete, then re-add', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(4100002);
  const key = { session: 'B76', filer: 'B76', entryNumber: n };
  await send(mock, transmission('ae-add-1-line.txt', n));
  await send(mock, transmission('ae-add-1-line.txt', n, 'R'));

  const del = await send(mock, deletion(n));
  t.match(del.transactions, [{ disposition: '997', outcome: 'accepted', action: 'D' }]);
  t.notOk('version' in del.transactions[0]!, 'no version on a delete');
  t.equal(col(finalE1(del), 1, 50), 'E1A 997   ENTRY SUMMARY DELETED'.padEnd(50), 'ESF-211 narrative');
  t.equal(col(finalE1(del), 64, 68), '     ');
  t.match(mock.entries.get(key), { status: 'deleted', version: 100 });

  const again = await send(mock, deletion(n));
  t.match(again.transactions, [{ disposition: '998', outcome: 'rejected' }], 'deleting twice');
  t.same(again.transactions[0]!.conditions.map((c) => c.code), ['B25']);

  const replace = await send(mock, transmission('ae-add-1-line.txt', n, 'R'));
  t.match(replace.transactions, [{ disposition: '995', version: '00100' }], 'cbp: a replace of a deleted entry adds it');

  const mock2 = testMock();
  t.teardown(() => mock2.close());
  await send(mock2, transmission('ae-add-1-line.txt', n));
  await send(mock2, deletion(n));
  const readd = await send(mock2, transmission('ae-add-1-line.txt', n));
  t.match(readd.transactions, [{ disposition: '995', version: '00100', outcome: 'accepted' }], 're-add after delete');
  t.match(mock2.entries.get(key), { status: 'accepted', version: 100 });
  t.same(history(mock2, n).map((h) => [h.action, h.disposition, h.status, h.version]), [
    ['A', '995', 'accepted', 100],
    ['D', '997', 'deleted', 100],
    ['A', '995', 'accepted', 100],
  ]);
});

t.test('a PSC needs a paid summary scheduled for liquidation; once accepted, a non-PSC replace is B54', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const key = { session: 'B76', filer: 'B76', entryNumber: '03245922' };
  const add = await send(mock, sample('ae-add-for-psc.txt'));
  t.match(add.transactions, [{ disposition: '995', version: '00100' }]);
  t.equal(mock.entries.get(key)?.pscOnFile, false);

  const early = await send(mock, sample('ae-psc-replace.txt'));
  t.same(early.transactions[0]!.conditions.map((c) => c.code), ['B47', 'B45'], 'ESF-183: not yet paid, not scheduled for liquidation');
  t.match(mock.entries.get(key), { status: 'accepted', version: 100 }, 'ESF-183: the summary on file stays unchanged');

  setLifecycle(mock, key, { paid: true, liquidationScheduled: true });
  const psc = await send(mock, sample('ae-psc-replace.txt'));
  t.match(psc.transactions, [{ disposition: '996', version: '00200', outcome: 'accepted' }]);
  t.same(psc.transactions[0]!.conditions, []);
  t.match(mock.entries.get(key), { status: 'accepted', version: 200, pscOnFile: true, firstAcceptedAt: TEST_NOW.toISOString() });
  t.equal((mock.db.prepare('SELECT psc_on_file FROM entries WHERE entry_number = ?').get('03245922') as { psc_on_file: number }).psc_on_file, 1);

  const plain = await send(mock, edit(sample('ae-add-for-psc.txt'), '10', (r) => put(r, 3, 'R')));
  t.match(plain.transactions, [{ disposition: '998', outcome: 'rejected' }]);
  t.same(plain.transactions[0]!.conditions.map((c) => c.code), ['B54']);

  const psc2 = await send(mock, sample('ae-psc-replace.txt'));
  t.match(psc2.transactions, [{ disposition: '996', version: '00300' }], 'a second PSC is allowed');
  t.equal(mock.entries.get(key)?.pscOnFile, true, 'pscOnFile stays set');
});

t.test('B48 counts from the entry date (269 days), B51/B50 from the liquidation date, with the clock moved on', async (t) => {
  let now = TEST_NOW;
  const mock = testMock({}, () => now);
  t.teardown(() => mock.close());
  const key = { session: 'B76', filer: 'B76', entryNumber: '03245922' };
  await send(mock, sample('ae-add-for-psc.txt'));
  setLifecycle(mock, key, { paid: true, liquidationScheduled: true });
  t.equal(mock.entries.get(key)?.filed.entryDate, '2026-11-25', 'the 11 record estimated entry date');
  now = new Date(TEST_NOW.getTime() + 270 * 86_400_000);
  const late = await send(mock, sample('ae-psc-replace.txt'));
  t.same(late.transactions[0]!.conditions.map((c) => c.code), ['B48']);
  now = new Date(TEST_NOW.getTime() + 269 * 86_400_000);
  const inTime = await send(mock, sample('ae-psc-replace.txt'));
  t.match(inTime.transactions, [{ disposition: '996', version: '00200' }]);

  setLifecycle(mock, key, { liquidationDate: '2027-08-30' });
  now = new Date('2027-08-15T12:00:00.000Z');
  t.same((await send(mock, sample('ae-psc-replace.txt'))).transactions[0]!.conditions.map((c) => c.code), ['B51'], '15 days before liquidation');
  now = new Date('2027-08-30T12:00:00.000Z');
  t.same((await send(mock, sample('ae-psc-replace.txt'))).transactions[0]!.conditions.map((c) => c.code), ['B50', 'B48'], 'on the liquidation date');
});

t.test('scenario entry flags: paid, and liquidation scheduled some days ahead (B51, then B50)', async (t) => {
  let now = TEST_NOW;
  const dir = scenarioDir({
    'liquidates-soon.yaml': [
      'id: liquidates-soon',
      'title: paid, liquidating in 20 days',
      'steps:',
      '  - when: { psc: false }',
      '    answer:',
      '      entry: { paid: true, liquidationInDays: 20 }',
      '  - when: { psc: true }',
      '    answer: {}',
    ].join('\n'),
  });
  const mock = testMock({ ACE_MOCK_SCENARIOS: dir }, () => now);
  t.teardown(() => mock.close());
  const key = { session: 'B76', filer: 'B76', entryNumber: '03245922' };
  await send(mock, sample('ae-add-for-psc.txt'), undefined, 'liquidates-soon');
  t.match(mock.entries.get(key)?.lifecycle, { paid: true, liquidationScheduled: true, liquidationDate: '2026-12-15' });
  const day = (n: number) => new Date(TEST_NOW.getTime() + n * 86_400_000);
  const psc = async () => (await send(mock, sample('ae-psc-replace.txt'), undefined, 'liquidates-soon')).transactions[0]!;
  now = day(4);
  t.match(await psc(), { disposition: '996', version: '00200' }, '16 days before: accepted');
  now = day(5);
  t.same((await psc()).conditions.map((c) => c.code), ['B51'], '15 days before the liquidation date');
  now = day(20);
  t.same((await psc()).conditions.map((c) => c.code), ['B50'], 'on the liquidation date');
  t.match(mock.entries.get(key), { liquidated: true, lifecycle: { liquidatedOn: '2026-12-15' } }, 'liquidated on its date by the schedule');
});

t.test('scenario entry flags: a suspension lifted, a TIB closing some days ahead, a duty added (B60, B69, B71)', async (t) => {
  const dir = scenarioDir({
    'cbp-actions.yaml': [
      'id: cbp-actions',
      'title: suspended, then lifted and a TIB close date and a duty added',
      'steps:',
      '  - when: { transmission: 1 }',
      '    answer:',
      '      entry: { paid: true, liquidationScheduled: true, suspension: "47", tibClosesInDays: 3 }',
      '  - when: { transmission: 2 }',
      '    answer:',
      '      outcome: accept',
      '      entry: { suspension: none, additionalDuty: true }',
      '  - answer: {}',
    ].join('\n'),
  });
  const mock = testMock({ ACE_MOCK_SCENARIOS: dir });
  t.teardown(() => mock.close());
  const key = { session: 'B76', filer: 'B76', entryNumber: '03245922' };
  await send(mock, sample('ae-add-for-psc.txt'), undefined, 'cbp-actions');
  t.match(mock.entries.get(key)?.lifecycle, { suspension: '47', tibCloseDate: '2026-11-28', additionalDuty: false });
  // The PSC would be refused (B60); the scenario accepts it to mark the entry again.
  t.match((await send(mock, sample('ae-psc-replace.txt'), undefined, 'cbp-actions')).transactions[0], { disposition: '996' });
  const lifecycle = mock.entries.get(key)?.lifecycle;
  t.equal(lifecycle?.suspension, undefined, 'none lifts the suspension');
  t.match(lifecycle, { tibCloseDate: '2026-11-28', additionalDuty: true }, 'the close date stays until an answer changes it');
});

t.test('entry state and entry_history rows in SQLite', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(4100003);
  const add = await send(mock, transmission('ae-add-1-line.txt', n));
  const rep = await send(mock, edit(transmission('ae-add-1-line.txt', n, 'R'), '10', (r) => put(put(r, 22, 'NEWREF001'), 34, '11')));
  const row = mock.db.prepare('SELECT * FROM entries WHERE session = ? AND filer = ? AND entry_number = ?').get('B76', 'B76', n) as Record<string, unknown>;
  const { filed, lifecycle, ...columns } = row;
  t.same(columns, {
    session: 'B76',
    filer: 'B76',
    entry_number: n,
    status: 'accepted',
    version: 100,
    broker_reference: 'REF000001',
    entry_type: '11',
    psc_on_file: 0,
    first_accepted_at: TEST_NOW.toISOString(),
    updated_at: TEST_NOW.toISOString(),
    warnings: '[]',
    liquidated: 0,
    under_review: 0,
    cargo_release: null,
  }, 'the broker reference of the initial filing is kept (ESF-132); no cargo release filed');
  t.match(JSON.parse(filed as string), { port: '2704', importer: '12-3456789AB', entryDate: '2026-11-25', reconciliation: false });
  t.match(JSON.parse(lifecycle as string), {
    paid: false,
    liquidationScheduled: false,
    statement: 'none',
    cbpRejected: false,
    additionalDuty: false,
    paymentType: '1',
    addressee: { transport: 'test', site: '2704', sender: 'B76', blockHeader: /^B  2704B76AE/ },
  }, 'in trade control, single pay, with where its later messages go');
  t.same(history(mock, n), [
    { exchange_id: add.id, action: 'A', disposition: '995', status: 'accepted', version: 100, at: TEST_NOW.toISOString() },
    { exchange_id: rep.id, action: 'R', disposition: '996', status: 'accepted', version: 100, at: TEST_NOW.toISOString() },
  ]);
  t.same(mock.entries.historyOf({ session: 'B76', filer: 'B76', entryNumber: n }).length, 2);

  const bad = await send(mock, transmission('ae-bad-check-digit.txt', '04100030'));
  t.equal(bad.outcome, 'rejected');
  t.equal(mock.db.prepare('SELECT count(*) AS n FROM entries WHERE entry_number = ?').pluck().get('04100030'), 0, 'a rejected add stores no state');
  t.equal(mock.db.prepare('SELECT count(*) AS n FROM entry_history').pluck().get(), 2);
});

t.test('sessions isolate state', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(4100004);
  const a = await send(mock, transmission('ae-add-1-line.txt', n), 'a');
  t.equal(a.session, 'a');
  t.match(a.transactions, [{ disposition: '995', version: '00100' }]);
  const b = await send(mock, transmission('ae-add-1-line.txt', n), 'b');
  t.equal(b.session, 'b');
  t.match(b.transactions, [{ disposition: '995', version: '00100' }], 'the same entry is new in session b');
  const a2 = await send(mock, transmission('ae-add-1-line.txt', n, 'R'), 'a');
  t.match(a2.transactions, [{ disposition: '996', version: '00100' }]);
  t.equal(mock.entries.get({ session: 'a', filer: 'B76', entryNumber: n })?.status, 'accepted');
  t.equal(mock.entries.get({ session: 'B76', filer: 'B76', entryNumber: n }), undefined, 'nothing in the default session');
  const del = await send(mock, deletion(n), 'b');
  t.match(del.transactions, [{ disposition: '997' }]);
  t.equal(mock.entries.get({ session: 'a', filer: 'B76', entryNumber: n })?.status, 'accepted', 'session a untouched');
  const dflt = await send(mock, deletion(n));
  t.equal(dflt.session, 'B76', 'the session defaults to the sender');
  t.same(dflt.transactions[0]!.conditions.map((c) => c.code), ['B25']);
  t.same(
    mock.db.prepare('SELECT session, disposition FROM entry_history WHERE entry_number = ? ORDER BY id').all(n),
    [
      { session: 'a', disposition: '995' },
      { session: 'b', disposition: '995' },
      { session: 'a', disposition: '996' },
      { session: 'b', disposition: '997' },
    ],
  );
});

t.test('E0 ordering: SUMMRY first, LINITM before TARIFF of the same line, TOTALS last', async (t) => {
  const mock = testMock({ ACE_MOCK_LINE_ORDER: 'ascending' });
  t.teardown(() => mock.close());
  let lines = 0;
  const records = sample('ae-add-1-line.txt');
  const tariff50 = records.find((r) => r.startsWith('50'))!;
  const body = records.flatMap((r) => {
    if (r.startsWith('10')) return [put(r, 9, '03245279')]; // check digit: B16 (summary, raised after the layout rule)
    if (/^4[07]/.test(r)) return [];
    if (r.startsWith('50')) {
      lines++;
      return [
        ...lineHead(records, (l) => put(put(l, 5, '002'), 9, 'QQ')), // line 1: country of origin unknown (408)
        tariff50,
        ...lineHead(records, (l) => put(l, 5, '001')), // line 2: goes down (M03 with lineOrder ascending, raised by lineItems)
        put(tariff50, 14, '00000000X0'), // its tariff: duty non-numeric (438, raised first, by the layout rule)
      ];
    }
    if (r.startsWith('90')) return [put(r, 15, '00000009999')]; // fee total mismatch (726)
    return [r];
  });
  t.equal(lines, 1);
  const x = await send(mock, body);
  t.equal(x.outcome, 'rejected');
  t.same(
    x.transactions[0]!.conditions.map((c) => [c.code, c.reference]),
    [
      ['B16', 'SUMMRY'],
      ['408', 'LINITM 002'],
      ['M03', 'LINITM 001'],
      ['438', 'LINITM 001 TARIFF 8471300100'],
      ['726', 'TOTALS'],
    ],
  );
  const out = answer(x);
  t.same(
    out.map((r) => (r.startsWith('E0') ? `${col(r, 1, 16)} ${col(r, 26, 35).trim()}` : col(r, 1, 7))),
    [
      'E0 SUMMRY 000001 B76 032452',
      'E1 FB16',
      'E0 LINITM 000001 002',
      'E1 F408',
      'E0 LINITM 000002 001',
      'E1 FM03',
      'E0 TARIFF 000001 8471300100',
      'E1 F438',
      'E0 TOTALS 000001 B76 032452',
      'E1 F726',
      'E1RF998',
    ],
  );
  t.ok(out.every((r) => r.length === 80));
});

t.test('each line with a condition gets its own E0, even when two lines share a line number', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const records = sample('ae-add-1-line.txt');
  const tariff50 = records.find((r) => r.startsWith('50'))!;
  const body = records.flatMap((r) => {
    if (/^4[07]/.test(r)) return [];
    if (r.startsWith('50')) return [...lineHead(records, (l) => put(l, 9, 'QQ')), tariff50, ...lineHead(records), tariff50]; // 001 (408), 001 again (518)
    return [r];
  });
  const x = await send(mock, body);
  t.same(x.transactions[0]!.conditions.map((c) => c.code), ['408', '518']);
  t.same(
    answer(x).map((r) => (r.startsWith('E0') ? col(r, 1, 16) : col(r, 1, 7))),
    ['E0 SUMMRY 000001', 'E0 LINITM 000001', 'E1 F408', 'E0 LINITM 000002', 'E1 F518', 'E1RF998'],
    'the 518 points at the second occurrence of line 001',
  );
});

t.test('each tariff with a condition gets its own E0, even when two tariffs of a line share an HTS number', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const records = sample('ae-add-1-line.txt');
  const badDuty = put(records.find((r) => r.startsWith('50'))!, 14, '00000000X0'); // 438
  const body = records.flatMap((r) => (r.startsWith('50') ? [badDuty, badDuty] : [r]));
  const x = await send(mock, body);
  // The repeated HTS number is itself 436 (dictionary), found on the second tariff.
  t.same(x.transactions[0]!.conditions.map((c) => c.code), ['438', '438', '436']);
  t.same(
    answer(x).map((r) => (r.startsWith('E0') ? col(r, 1, 16) : col(r, 1, 7))),
    ['E0 SUMMRY 000001', 'E0 LINITM 000001', 'E0 TARIFF 000001', 'E1 F438', 'E0 TARIFF 000002', 'E1 F438', 'E1 F436', 'E1RF998'],
    'the second 438 points at the second tariff',
  );
});

t.test('final E1 severity: blank on a clean acceptance, I with only informational notices, F on a rejection', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const ok = await send(mock, sample('ae-add-1-line.txt'));
  const out = answer(ok);
  t.equal(out.length, 2, 'E0 SUMMRY and the final E1 only');
  t.equal(col(out[0]!, 1, 9), 'E0 SUMMRY');
  t.equal(col(out[1]!, 1, 7), 'E1A 995');
  t.equal(out[1]![3], ' ', 'severity (E1 4) blank');
  t.same(ok.transactions[0]!.conditions, []);
  const census = await send(mock, sample('ae-census-override.txt'));
  t.equal(col(finalE1(census), 1, 7), 'E1A 995', 'an accepted Census override: still blank');
  const bad = await send(mock, sample('ae-bad-check-digit.txt'));
  t.equal(col(finalE1(bad), 1, 7), 'E1RF998');
  const informational = await send(mock, transmission('ae-add-1-line.txt', entry(4100009)), undefined, 'quota-pending');
  t.same(informational.transactions[0]!.conditions.map((c) => [c.code, c.severity]), [['Q08', 'I']]);
  t.equal(col(finalE1(informational), 1, 7), 'E1AI995', 'ESF-206 note 3: I when only informational notices were found');
});

t.test('ESF-206 note 4: on B35 the E1 records carry the broker reference on file; the E0 the transmitted one', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const n = entry(4100010);
  await send(mock, transmission('ae-add-1-line.txt', n));
  const other = await send(mock, edit(transmission('ae-add-1-line.txt', n), '10', (r) => put(r, 22, 'OTHER0001')));
  t.same(other.transactions[0]!.conditions.map((c) => c.code), ['B35']);
  const out = answer(other);
  t.same(out.filter((r) => r.startsWith('E1')).map((r) => col(r, 69, 77)), ['REF000001', 'REF000001']);
  t.equal(col(out.find((r) => r.startsWith('E0 SUMMRY'))!, 39, 47), 'OTHER0001');
  const clean = await send(mock, edit(transmission('ae-add-1-line.txt', entry(4100011)), '10', (r) => put(r, 22, 'OTHER0001')));
  t.equal(col(finalE1(clean), 69, 77), 'OTHER0001', 'otherwise the transmitted reference');
});

t.test('strict action policy through the pipeline (M01, M02)', async (t) => {
  const mock = testMock({ ACE_MOCK_ACTION_POLICY: 'strict' });
  t.teardown(() => mock.close());
  const n = entry(4100005);
  const r = await send(mock, transmission('ae-add-1-line.txt', n, 'R'));
  t.same(r.transactions[0]!.conditions.map((c) => c.code), ['M02']);
  t.match((await send(mock, transmission('ae-add-1-line.txt', n))).transactions, [{ disposition: '995' }]);
  const again = await send(mock, transmission('ae-add-1-line.txt', n));
  t.same(again.transactions[0]!.conditions.map((c) => c.code), ['M01']);
  t.equal(mock.entries.get({ session: 'B76', filer: 'B76', entryNumber: n })?.version, 100);
});

t.test('two entries in one block: each answered, each stored', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const one = transmission('ae-add-1-line.txt', entry(4100006));
  const two = transmission('ae-add-1-line.txt', entry(4100007));
  const b = one.findIndex((r) => r.startsWith('B'));
  const y = one.findIndex((r) => r.startsWith('Y'));
  const body = [...one.slice(0, y), ...two.slice(b + 1, y), ...one.slice(y)];
  const x = await send(mock, body);
  t.equal(x.outcome, 'accepted');
  t.same(x.transactions.map((tx) => [tx.ordinal, tx.entryNumber, tx.disposition, tx.version]), [
    [1, entry(4100006), '995', '00100'],
    [2, entry(4100007), '995', '00100'],
  ]);
  t.same(answer(x).filter((r) => r.startsWith('E0')).map((r) => col(r, 1, 16)), ['E0 SUMMRY 000001', 'E0 SUMMRY 000002']);
});
