import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { test } from 'tap';
import { loadCriteria } from '../../src/certification/criteria.js';
import { factsOf } from '../../src/certification/facts.js';
import { loadPlans } from '../../src/certification/plan.js';
import { certify, CertifyStatus } from '../../src/commands/certify.js';
import { loadConfig } from '../../src/config.js';
import { createAceMock } from '../../src/server.js';
import { cargoRelease, november, numbers, sendOn } from '../helpers/certification.js';
import { sharedCatalog, testMock } from '../helpers/mock.js';

// The rehearsal's doors: GET /v1/certification/*, `ace-mock certify` (its exit code is what CI
// reads), and the data files behind it.

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

/** A database file with three clean cargo release days and one day of a repeated entry summary error. */
async function journalFile(t: { teardown(fn: () => void): void }): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-certify-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'ace-mock.db');
  const config = loadConfig({ ACE_MOCK_DB: db, ACE_MOCK_WATCH: '0', LOG_LEVEL: 'silent' });
  const mock = createAceMock(config, { logger: pino({ level: 'silent' }), catalog: sharedCatalog(config.schemas) });
  for (const day of [25, 26, 27]) await sendOn(mock, november(day), numbers(3, day).map((n) => cargoRelease(n)));
  await mock.close();
  return db;
}

test('GET /v1/certification/report answers the report as JSON; a bad query is a 400 problem saying what is wrong', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const day of [25, 26, 27]) await sendOn(mock, november(day), numbers(2, day).map((n) => cargoRelease(n)));

  const ok = await mock.http.inject({ url: '/v1/certification/report?filer=b76&application=cargo-release&days=3' });
  t.equal(ok.statusCode, 200);
  t.match(ok.json(), { wouldPass: true, query: { filer: 'B76', days: 3 }, programs: [{ id: 'cargo-release', verdict: { wouldPass: true } }] });

  for (const [query, detail] of [
    ['from=2026-11-27&to=2026-11-25', /from: from is after to/],
    ['from=27-11-2026', /from: a business day, YYYY-MM-DD/],
    ['filer=TOOLONG', /filer: filer is a 3-character filer code/],
    ['plan=nope', /no certification plan "nope"/],
    ['application=ZZ', /no certification program counts "ZZ"/],
    ['bogus=1', /Unrecognized key/i],
    ['days=0', /days: days is at least 1/],
  ] as const) {
    const res = await mock.http.inject({ url: `/v1/certification/report?${query}` });
    t.equal(res.statusCode, 400, query);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.match(res.json(), { title: 'Invalid certification report query', detail }, query);
  }
});

test('GET /v1/certification/plans and /criteria show what a rehearsal must show and its thresholds with their sources', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const plans = (await mock.http.inject({ url: '/v1/certification/plans' })).json() as { plans: { id: string; items: unknown[] }[] };
  t.same(plans.plans.map((p) => p.id), ['cargo-release', 'entry-summary', 'statements']);
  const criteria = (await mock.http.inject({ url: '/v1/certification/criteria' })).json() as { programs: Record<string, unknown>[] };
  // Every threshold of every program says where it comes from: a page of CBP's text or an ace-mock choice.
  const unsourced = (node: unknown, path: string): string[] => {
    if (typeof node !== 'object' || node === null) return [];
    const o = node as Record<string, unknown>;
    const here = 'value' in o && typeof o['source'] !== 'string' ? [path] : [];
    return [...here, ...Object.entries(o).flatMap(([k, v]) => unsourced(v, `${path}.${k}`))];
  };
  t.same(unsourced(criteria, 'criteria'), []);
  t.ok(criteria.programs.length >= 2);
});

test('ace-mock certify exits 0 when the criteria would be met and 1 when not, reading the database file', async (t) => {
  const db = await journalFile(t);
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, 'certify', '--db', db, ...args], { encoding: 'utf8' });

  const pass = run('--filer', 'B76', '--days', '3', '--application', 'cargo-release');
  t.equal(pass.status, 0, pass.stderr);
  t.match(pass.stdout, /^Certification rehearsal for filer B76: 2026-11-25 to 2026-11-27/);
  t.match(pass.stdout, /Cargo Release: 3 of 3 days, 0\.0% errors, no repetitive errors: would pass/);
  t.match(pass.stdout, /Verdict: would pass\n$/);

  const tooFew = run('--filer', 'B76', '--days', '2', '--application', 'SE');
  t.equal(tooFew.status, 1);
  t.match(tooFew.stdout, /NOT MET {5}2 of 3 days with transmissions {2}\[REQ-7\]/);

  const plan = run('--filer', 'B76', '--plan', 'cargo-release', '--json');
  t.equal(plan.status, 1, 'the plan is not complete');
  t.match(JSON.parse(plan.stdout), { plan: { id: 'cargo-release', done: 1, of: 5 } });

  const bad = run('--days', 'three');
  t.equal(bad.status, 2);
  t.match(bad.stderr, /--days: days is a whole number of days, e\.g\. 3/);
  const refused = run('--filer', 'TOOLONG', '--port-of-entry', 'abc', '--from', '2026-12-01', '--to', '2026-11-01');
  t.equal(refused.status, 2, 'what the API refuses, the command line refuses');
  t.match(refused.stderr, /--filer: filer is a 3-character filer code; --port-of-entry: port is a 4-digit Schedule D port code/);
  t.match(run('--from', '2026-12-01', '--to', '2026-11-01').stderr, /--from: from is after to/);
  const nothing = run('--filer', 'XYZ');
  t.equal(nothing.status, 2, 'nothing to judge is no report');
  t.match(nothing.stdout, /nothing to judge: no transmissions from XYZ match this report/);
  const unknown = run('--application', 'ZZ');
  t.equal(unknown.status, 2);
  t.match(unknown.stderr, /no certification program counts "ZZ"/);
});

test('certify reads an existing database only: a mistyped --db is exit 2 and creates nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-certify-missing-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const missing = join(dir, 'nested', 'typo.db');
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'certify', '--db', missing], { encoding: 'utf8' });
  t.equal(r.status, 2);
  t.match(r.stderr, /no ace-mock database at .*typo\.db: give the file the server writes \(--db, ACE_MOCK_DB\) or ask the server itself \(--http URL\)/);
  t.notOk(existsSync(join(dir, 'nested')), 'no folder or file was created');
});

test('certify --http asks a running ace-mock; an unreachable one is exit 2 with what to check', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const day of [25, 26, 27]) await sendOn(mock, november(day), numbers(2, day).map((n) => cargoRelease(n)));
  const address = await mock.http.listen({ host: '127.0.0.1', port: 0 });
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) };
  const config = loadConfig({ ACE_MOCK_DB: ':memory:' });

  t.equal(await certify(config, { filer: 'B76', application: 'SE' }, { json: false, http: address }, io), CertifyStatus.wouldPass);
  t.match(out.join(''), /Verdict: would pass/);
  t.equal(await certify(config, { plan: 'nope' }, { json: false, http: address }, io), CertifyStatus.noReport);
  t.equal(await certify(config, { filer: 'B76', application: 'SE', days: 2 }, { json: false, http: address }, io), CertifyStatus.wouldNotPass);
  t.match(err.join(''), /answered 400: no certification plan "nope"/);
  t.equal(await certify(config, {}, { json: false, http: 'http://127.0.0.1:9' }, io), CertifyStatus.noReport);
  t.match(err.join(''), /check that ace-mock is serving HTTP there/);
});

test('rows journaled before exchanges kept their business time count on the day they were received', async (t) => {
  const facts = factsOf({
    id: 'old',
    receivedAt: '2026-10-01T10:00:00.000Z',
    durationMs: 1,
    transport: 'http',
    session: 'B76',
    filer: 'B76',
    application: 'SE',
    outcome: 'accepted',
    scenario: undefined,
    input: Buffer.alloc(0),
    output: '',
    detail: { transactions: [{ block: 1, ordinal: 1, application: 'SE', filer: 'B76', entryNumber: '03246110', action: 'A', outcome: 'accepted', disposition: '02', conditions: [], reason: '' }], batchConditions: [] },
    entries: [],
  });
  t.match(facts.transactions, [{ day: '2026-10-01', accepted: true, application: 'SE' }]);
});

test('criteria and plan files are checked: each problem is named with its file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-criteria-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const twice = join(dir, 'twice.yaml');
  writeFileSync(
    twice,
    `repetitive: { minTransactions: 3, minDays: 2, source: x }
batchRejectionCountsAs: { value: 1, source: x }
programs:
  - { id: a, title: A, applications: [SE], source: x, maxErrorRate: { value: 0.1, source: x }, repetitiveErrors: { allowed: false, source: x } }
  - { id: b, title: B, applications: [SE], source: x, maxErrorRate: { value: 0.1, source: x }, repetitiveErrors: { allowed: false, source: x } }
`,
  );
  t.throws(() => loadCriteria(twice), /application SE is counted by both a and b/);
  const unsourced = join(dir, 'unsourced.yaml');
  writeFileSync(unsourced, 'repetitive: { minTransactions: 3, minDays: 2 }\nbatchRejectionCountsAs: { value: 1, source: x }\nprograms: []\n');
  t.throws(() => loadCriteria(unsourced), /unsourced\.yaml: does not match its schema:[\s\S]*at repetitive\.source/);

  const plans = join(dir, 'plans');
  mkdirSync(plans);
  writeFileSync(join(plans, 'bad.yaml'), 'id: bad\ntitle: Bad\ndescription: d\nsource: s\nitems:\n  - { id: x, title: X, message: { application: SO, summary: "(" } }\n');
  t.throws(() => loadPlans(plans), /bad\.yaml: item x: summary is not a regular expression/);
  writeFileSync(join(plans, 'bad.yaml'), 'id: bad\ntitle: Bad\ndescription: d\nsource: s\nitems:\n  - { id: x, title: X }\n');
  t.throws(() => loadPlans(plans), /an item names exactly one of transaction and message/);
  writeFileSync(join(plans, 'bad.yaml'), 'id: bad\ntitle: Bad\ndescription: d\nsource: s\nitems:\n  - { id: x, title: X, transaction: { application: CW }, after: nowhere }\n');
  t.throws(() => loadPlans(plans), /bad\.yaml: item x: after names nowhere, which is not an item of this plan/);
});
