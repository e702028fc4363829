import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { scenarioApplications } from '../../src/applications/registry.js';
import { loadCatalog } from '../../src/catair/catalog.js';
import { formatScenarioError, loadScenarios } from '../../src/scenarios/load.js';
import { send, TEST_NOW, testMock } from '../helpers/mock.js';

/**
 * The shipped scenario library (scenarios/library): every file loads, each scenario has a golden
 * case that really selects it, and the parts a golden file cannot show — a delayed answer, UC and
 * SO follow-ups in the outbox — are checked here.
 */
const libraryDir = fileURLToPath(new URL('../../scenarios/library', import.meta.url));
const samplesDir = fileURLToPath(new URL('../../scenarios/samples', import.meta.url));
const goldenDir = fileURLToPath(new URL('../golden', import.meta.url));
const catalog = loadCatalog();
const set = loadScenarios(libraryDir, catalog, scenarioApplications());

interface CaseFile {
  description: string;
  headers?: Record<string, string>;
}

function goldenInputs(id: string): { headers: Record<string, string>; inputs: Buffer[] } {
  const dir = join(goldenDir, `scenario-${id}`);
  const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseFile;
  const inputs = readdirSync(dir)
    .filter((f) => /^(\d\d-)?input\.txt$/.test(f))
    .sort()
    .map((f) => readFileSync(join(dir, f)));
  return { headers: meta.headers ?? {}, inputs };
}

interface UcOutboxRow {
  session: string;
  filer: string;
  exchange_id: string;
  deliver_at: string;
  records: string;
  summary: string;
}

t.test('every library file loads without errors', async (t) => {
  t.same(set.errors.map(formatScenarioError), [], 'no load errors');
  const files = readdirSync(libraryDir).filter((f) => /\.ya?ml$/.test(f));
  t.equal(set.scenarios.length, files.length, 'every file gives a scenario');
});

t.test('ids and certification numbers are unique; file names are the ids', async (t) => {
  const ids = set.scenarios.map((s) => s.id);
  t.equal(new Set(ids).size, ids.length, 'ids unique');
  const certifications = set.scenarios.flatMap((s) => (s.certification === undefined ? [] : [s.certification]));
  t.equal(new Set(certifications).size, certifications.length, 'certification numbers unique');
  for (const s of set.scenarios) t.match(s.file, new RegExp(`(^|/)${s.id}\\.ya?ml$`), `${s.id}: file name = id`);
});

t.test('the library has at least 22 scenarios, each titled and described', async (t) => {
  t.ok(set.scenarios.length >= 22, `${set.scenarios.length} scenarios`);
  for (const s of set.scenarios) {
    t.ok(s.title.length > 0, `${s.id}: title`);
    t.ok((s.description ?? '').length > 40, `${s.id}: description`);
  }
});

t.test('each scenario has a golden case folder scenario-<id>', async (t) => {
  for (const s of set.scenarios) {
    const dir = join(goldenDir, `scenario-${s.id}`);
    t.ok(existsSync(join(dir, 'case.json')), `${s.id}: test/golden/scenario-${s.id}/case.json`);
  }
});

t.test('each golden case really selects its scenario', async (t) => {
  for (const s of set.scenarios) {
    t.test(s.id, async (t) => {
      const mock = testMock();
      t.teardown(() => mock.close());
      const { headers, inputs } = goldenInputs(s.id);
      t.ok(inputs.length > 0, 'has inputs');
      for (const [i, input] of inputs.entries()) {
        const res = await send(mock, input, { ...headers, accept: 'application/json' });
        t.equal(res.statusCode, 200);
        const transactions = (res.json() as { transactions: { scenario?: string; reason: string }[] }).transactions;
        t.ok(transactions.length > 0, `input ${i + 1}: a transaction`);
        for (const tx of transactions) t.equal(tx.scenario, s.id, `input ${i + 1}: answered by ${s.id} (${tx.reason})`);
      }
    });
  }
});

t.test('the samples are not hijacked by a library matcher', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const name of readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort()) {
    const res = await send(mock, readFileSync(join(samplesDir, name)), { accept: 'application/json' });
    const transactions = (res.json() as { transactions?: { scenario?: string }[] }).transactions ?? [];
    t.same(transactions.filter((tx) => tx.scenario !== undefined).map((tx) => tx.scenario), [], `${name}: built-in answer`);
  }
});

t.test('delayed-answer holds the answer back', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const { headers, inputs } = goldenInputs('delayed-answer');
  const started = performance.now();
  const res = await send(mock, inputs[0] as Buffer, { ...headers, accept: 'application/json' });
  const elapsed = performance.now() - started;
  t.equal(res.statusCode, 200);
  const body = res.json() as { delayMs: number; outcome: string };
  t.equal(body.outcome, 'accepted');
  t.ok(body.delayMs >= 1500 && body.delayMs <= 3000, `scripted delay ${body.delayMs} ms is within the scenario's range`);
  // Lower bound only, with slack for timer granularity: a slow machine may take longer, never less.
  t.ok(elapsed >= 1400, `the answer came after ${elapsed.toFixed(0)} ms`);
});

for (const { id, disposition, reason, line, afterMs, remarks } of [
  { id: 'uc-package-requested', disposition: '2', reason: '   ', line: '   ', afterMs: 2000, remarks: 3 },
  { id: 'uc-rejected-classification', disposition: '4', reason: '003', line: '001', afterMs: 3000, remarks: 2 },
]) {
  t.test(`${id}: the UC notification lands in the outbox`, async (t) => {
    const mock = testMock();
    t.teardown(() => mock.close());
    const { headers, inputs } = goldenInputs(id);
    const res = await send(mock, inputs[0] as Buffer, { ...headers, accept: 'application/json' });
    const exchange = res.json() as { id: string; receivedAt: string; followUps: unknown[]; transactions: { entryNumber: string }[] };
    t.equal(exchange.followUps.length, 1, 'one follow-up queued');
    const rows = mock.db.prepare('SELECT * FROM outbox').all() as UcOutboxRow[];
    t.equal(rows.length, 1, 'one outbox row');
    const row = rows[0] as UcOutboxRow;
    t.equal(row.exchange_id, exchange.id, 'written by this exchange');
    t.equal(row.filer, 'B76');
    t.equal(exchange.receivedAt, TEST_NOW.toISOString());
    t.ok(Date.parse(row.deliver_at) > Date.parse(exchange.receivedAt), `deliverAt ${row.deliver_at} is after the exchange`);
    t.equal(Date.parse(row.deliver_at) - Date.parse(exchange.receivedAt), afterMs, `due ${afterMs} ms after the exchange`);
    const records = JSON.parse(row.records) as string[];
    t.match(records[0], /^B {2}2704B76UC/, 'B record with application UC');
    t.match(records.at(-1), /^Y {2}2704B76UC/, 'Y record with application UC');
    const e1 = records.find((r) => r.startsWith('E1')) as string;
    t.ok(e1, 'an E1 record');
    t.equal(e1.length, 80);
    t.equal(e1[2], disposition, `E1 position 3 is disposition ${disposition}`);
    t.equal(e1[3], '2', 'automated source');
    t.equal(e1.slice(7, 10), reason, 'reason code (positions 8-10)');
    t.equal(e1.slice(10, 16), '112526', 'action date: the day it is delivered');
    t.equal(e1.slice(50, 53), 'B76', 'entry filer');
    t.equal(e1.slice(55, 63), exchange.transactions[0]?.entryNumber, 'entry number');
    t.equal(e1.slice(65, 68), line, 'line number');
    t.equal(records.filter((r) => r.startsWith('E3')).length, remarks, 'E3 remark records');
  });
}

t.test('cr-fda-hold-then-release: an SE add is answered SX accepted and its SO notices land in the outbox', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const { headers, inputs } = goldenInputs('cr-fda-hold-then-release');
  const res = await send(mock, inputs[0] as Buffer, { ...headers, accept: 'application/json' });
  const exchange = res.json() as { id: string; receivedAt: string; followUps: unknown[]; transactions: { outcome: string; disposition: string; entryNumber: string }[] };
  t.same(exchange.transactions.map((tx) => [tx.outcome, tx.disposition]), [['accepted', '02']], 'SX SE90 02');
  t.equal(exchange.followUps.length, 2, 'two SO notices queued');
  const rows = mock.db.prepare('SELECT * FROM outbox ORDER BY deliver_at').all() as UcOutboxRow[];
  t.same(
    rows.map((r) => [r.exchange_id, r.filer, Date.parse(r.deliver_at) - Date.parse(exchange.receivedAt)]),
    [
      [exchange.id, 'B76', 0],
      [exchange.id, 'B76', 2 * 3_600_000],
    ],
    'written by this exchange, due at once and two hours later',
  );
  const [hold, release] = rows.map((r) => JSON.parse(r.records) as string[]);
  for (const records of [hold, release]) {
    t.match(records?.[0], /^B {2}2704B76SO/, 'B record with application SO');
    t.match(records?.at(-1), /^Y {2}2704B76SO/, 'Y record with application SO');
    const so10 = records?.find((r) => r.startsWith('SO10')) ?? '';
    t.same([so10.slice(8, 11), so10.slice(13, 21)], ['B76', exchange.transactions[0]?.entryNumber], 'SO10 names the entry (ACMQ-45)');
  }
  t.equal(hold?.find((r) => r.startsWith('SO70'))?.slice(4, 7), 'FDA', 'the hold: an SO70 for FDA');
  t.equal(release?.find((r) => r.startsWith('SO60'))?.slice(14, 16), '98', 'the release: SO60 98 (ACMQ-54)');
});

t.test('cr-cancel-approved: the cancel\'s SO repeats the bills of the filing on file', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const { headers, inputs } = goldenInputs('cr-cancel-approved');
  const res = await send(mock, inputs[0] as Buffer, { ...headers, accept: 'application/json' });
  const exchange = res.json() as { followUps: unknown[]; transactions: { action: string; disposition: string }[] };
  t.same(exchange.transactions.map((tx) => [tx.action, tx.disposition]), [['A', '02'], ['D', '02']]);
  t.equal(exchange.followUps.length, 1, 'the cancel queues one SO');
  const [row] = mock.db.prepare('SELECT * FROM outbox').all() as UcOutboxRow[];
  const records = JSON.parse(row?.records ?? '[]') as string[];
  t.ok(records.some((r) => r.startsWith('SO40')), 'an SO40 for the bill the add filed (the cancel carries no SE15, SE-24)');
  t.same(records.filter((r) => r.startsWith('SO60')).map((r) => r.slice(14, 16)), ['23'], 'SO60 23 ENTRY CANCELLED');
});
