import t from 'tap';
import { entryCheckDigit } from '../../src/catair/check-digit.js';
import { scenarioDir } from '../helpers/scenario-dir.js';
import { send, testMock } from '../helpers/mock.js';
import { put, sampleWith } from '../helpers/transmission.js';

const SCENARIOS = {
  'reject-101.yaml': 'id: reject-101\ntitle: Importer unknown\nsteps:\n  - answer:\n      conditions:\n        - code: "101"\n',
  'cert-020.yaml': 'id: cert-020\ntitle: Census warning\ncertification: "020"\nsteps:\n  - when: { overrides: none }\n    answer:\n      census: [{ warning: 27C, line: 1 }]\n  - when: { overrides: any }\n    answer: {}\n',
  'by-importer.yaml': 'id: by-importer\ntitle: Importer match\nmatch:\n  importer: "98-7654321AB"\nsteps:\n  - answer:\n      conditions:\n        - { code: Z01, narrative: "CUSTOM REJECTION", at: { line: 1, tariff: 1 } }\n',
  'by-importer-priority.yaml': 'id: by-importer-priority\ntitle: Importer match, preferred\npriority: 5\nmatch:\n  importer: "98-7654321AB"\n  hts: { prefix: "8471" }\nsteps:\n  - answer:\n      outcome: reject\n',
  'two-steps.yaml': 'id: two-steps\ntitle: Reject then accept\nsteps:\n  - when: { transmission: 1 }\n    answer:\n      conditions: [{ code: "113" }]\n  - when: { transmission: 2 }\n    answer: {}\n',
  'accept-anything.yaml': 'id: accept-anything\ntitle: Accept whatever\nsteps:\n  - answer:\n      outcome: accept\n',
  'psc-only.yaml': 'id: psc-only\ntitle: PSC only\nsteps:\n  - when: { psc: true }\n    answer:\n      conditions: [{ code: "101" }]\n',
  'once.yaml': 'id: once\ntitle: Once\nafterLastStep: built-in\nsteps:\n  - when: { transmission: 1 }\n    answer:\n      conditions: [{ code: "101" }]\n',
  'uc-on-accept.yaml':
    'id: uc-on-accept\ntitle: UC\nsteps:\n  - answer:\n      followUps:\n        - { after: 0, disposition: "2" }\n',
};

const lines = (body: string) => body.split('\n').filter((l) => l !== '');
const e1s = (body: string) => lines(body).filter((l) => l.startsWith('E1')).map((l) => l.slice(0, 50).trimEnd());
const json = async (mock: ReturnType<typeof testMock>, body: string, headers: Record<string, string> = {}) =>
  (await send(mock, body, { accept: 'application/json', ...headers })).json();

t.test('selection precedence', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());

  const header = await send(mock, sampleWith('ae-add-1-line.txt', '0500001'), { 'x-ace-scenario': 'reject-101' });
  t.same(e1s(header.body), ['E1 F101   IMPORTER UNKNOWN', 'E1RF998   TRANSACTION DATA REJECTED'], 'X-ACE-Scenario');

  const unknown = await json(mock, sampleWith('ae-add-1-line.txt', '0500002'), { 'x-ace-scenario': 'no-such' });
  t.equal(unknown.outcome, 'accepted');
  t.match(unknown.transactions[0].reason, /unknown scenario "no-such": built-in rules/);

  const cert = await send(mock, sampleWith('ae-add-1-line.txt', '0500003', { userText: 'SCENARIO 020' }));
  t.same(e1s(cert.body), ['E1 W27C   *CENSUS* OR-LO VAL/QTY (1)', 'E1AW995   SUMMARY HAS BEEN ADDED'], 'certification number in B 60-80');

  const ref = await json(mock, sampleWith('ae-add-1-line.txt', '0500004', { edit: (r) => (r.startsWith('10') ? put(r, 22, 'SCEN020  ') : r) }));
  t.equal(ref.transactions[0].scenario, 'cert-020', 'certification number as the broker reference');

  const importer = (r: string) => (r.startsWith('11') ? put(r, 3, '98-7654321AB') : r);
  const matched = await json(mock, sampleWith('ae-add-1-line.txt', '0500005', { edit: importer }));
  t.equal(matched.transactions[0].scenario, 'by-importer-priority', 'the higher priority wins among matches');
  t.match(matched.transactions[0].reason, /matched 11\.importerNumber = "98-7654321AB" and 50\.hts starts with "8471"/);
  t.equal(matched.outcome, 'rejected');
  const otherHts = (r: string) => (r.startsWith('50') ? put(importer(r), 3, '9999999999') : importer(r));
  const custom = await send(mock, sampleWith('ae-add-1-line.txt', '0500006', { edit: otherHts }));
  t.same(
    lines(custom.body).filter((l) => /^E[01]/.test(l)).map((l) => l.slice(0, 50).trimEnd()),
    ['E0 SUMMRY 000001 REF ID: B76 05000069 REF000001', 'E0 LINITM 000001 REF ID: 001', 'E0 TARIFF 000001 REF ID: 9999999999', 'E1 FZ01   CUSTOM REJECTION', 'E1RF998   TRANSACTION DATA REJECTED'],
    'a custom code with its narrative, at a tariff',
  );

  const none = await json(mock, sampleWith('ae-add-1-line.txt', '0500007'));
  t.equal(none.transactions[0].reason, 'no scenario matched: built-in rules');
  t.notOk('scenario' in none.transactions[0]);
});

t.test('armed outcomes beat everything, most specific first, and run out', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const arm = (body: Record<string, unknown>) => mock.http.inject({ method: 'POST', url: '/v1/admin/arm', payload: body });
  t.equal((await arm({ scenario: 'reject-101', count: 2, filer: 'B76' })).statusCode, 201);
  const entryArm = await arm({ scenario: 'accept-anything', entry: `B76-0500010-${entryCheckDigit('B76', '0500010')}` });
  t.equal(entryArm.statusCode, 201);
  t.match(entryArm.json(), { session: 'B76', scope: 'entry', scenario: 'accept-anything', remaining: 1 });

  const first = await json(mock, sampleWith('ae-add-1-line.txt', '0500010'), { 'x-ace-scenario': 'two-steps' });
  t.equal(first.transactions[0].scenario, 'accept-anything', 'the entry arm beats the filer arm and the header');
  t.match(first.transactions[0].reason, /^armed for the entry B7605000/);
  const second = await json(mock, sampleWith('ae-add-1-line.txt', '0500011'));
  t.equal(second.transactions[0].scenario, 'reject-101');
  t.match(second.transactions[0].reason, /armed for the filer B76 \(1 left\)/);
  const listed = (await mock.http.inject({ url: '/v1/admin/sessions/B76/armed' })).json();
  t.same(listed.armed.map((a: { scenario: string; remaining: number }) => [a.scenario, a.remaining]), [['reject-101', 1]]);
  await send(mock, sampleWith('ae-add-1-line.txt', '0500012'));
  const after = await json(mock, sampleWith('ae-add-1-line.txt', '0500013'));
  t.equal(after.transactions[0].reason, 'no scenario matched: built-in rules', 'the arm ran out');

  t.equal((await arm({ scenario: 'nope' })).statusCode, 404);
  const noSession = await arm({ scenario: 'reject-101' });
  t.equal(noSession.statusCode, 400);
  t.match(noSession.json().detail, /Name the session/);
  t.match((await arm({ scenario: 'reject-101', count: 0, session: 'x' })).json().detail, /count/);
  const other = await arm({ scenario: 'reject-101', session: 'other' });
  t.equal(other.statusCode, 201);
  const elsewhere = await json(mock, sampleWith('ae-add-1-line.txt', '0500014'));
  t.equal(elsewhere.outcome, 'accepted', 'an arm for another session does not apply');
});

t.test('steps follow each entry, per session', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const h = { 'x-ace-scenario': 'two-steps' };
  const one = await json(mock, sampleWith('ae-add-1-line.txt', '0500020'), h);
  t.same([one.outcome, one.transactions[0].step], ['rejected', 1]);
  const other = await json(mock, sampleWith('ae-add-1-line.txt', '0500021'), h);
  t.same([other.outcome, other.transactions[0].step], ['rejected', 1], 'another entry starts at step 1');
  const two = await json(mock, sampleWith('ae-add-1-line.txt', '0500020'), h);
  t.same([two.outcome, two.transactions[0].step, two.transactions[0].disposition], ['accepted', 2, '995']);
  const three = await json(mock, sampleWith('ae-add-1-line.txt', '0500020'), h);
  t.same([three.transactions[0].step, three.transactions[0].disposition], [2, '996'], 'past the last step: repeat the last');
  const session = await json(mock, sampleWith('ae-add-1-line.txt', '0500020'), { ...h, 'x-ace-session': 'trainer' });
  t.same([session.outcome, session.transactions[0].step], ['rejected', 1], 'a session of its own starts over');

  const reset = await mock.http.inject({ method: 'POST', url: '/v1/admin/sessions/B76/reset' });
  t.equal(reset.statusCode, 204);
  const again = await json(mock, sampleWith('ae-add-1-line.txt', '0500020'), h);
  t.same([again.outcome, again.transactions[0].step], ['rejected', 1], 'after a reset the entry starts over');
});

t.test('Census warning, then an override in a replace clears it', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const add = await send(mock, sampleWith('ae-add-1-line.txt', '0500030', { userText: 'SCENARIO 020' }));
  t.match(add.body, /E1AW995/);
  const warnings = () => mock.db.prepare("SELECT warnings FROM entries WHERE entry_number LIKE '0500030%'").get() as { warnings: string };
  t.same(JSON.parse(warnings().warnings), [{ line: '001', code: '27C' }]);
  const withOverride = sampleWith('ae-census-override.txt', '0500030', { userText: 'SCENARIO 020', action: 'R' });
  const replace = await send(mock, withOverride);
  t.same(e1s(replace.body), ['E1A 996   SUMMARY HAS BEEN REPLACED']);
  t.same(JSON.parse(warnings().warnings), []);
});

t.test('when no step applies, the reason says why', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const plain = await json(mock, sampleWith('ae-add-1-line.txt', '0500060'), { 'x-ace-scenario': 'psc-only' });
  t.equal(plain.transactions[0].reason, "named by X-ACE-Scenario; no step's guard holds for transmission 1: built-in rules");
  await send(mock, sampleWith('ae-add-1-line.txt', '0500061'), { 'x-ace-scenario': 'once' });
  const second = await json(mock, sampleWith('ae-add-1-line.txt', '0500061'), { 'x-ace-scenario': 'once' });
  t.equal(second.transactions[0].reason, 'named by X-ACE-Scenario; transmission 2 is past its steps: built-in rules');
});

t.test('follow-ups are queued for accepted transactions only', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const rejected = await json(mock, sampleWith('ae-bad-check-digit.txt', '0500070', { edit: (r) => (r.startsWith('10') ? put(r, 16, 'X') : r) }), { 'x-ace-scenario': 'uc-on-accept' });
  t.same([rejected.outcome, rejected.followUps.length], ['rejected', 0]);
  const accepted = await json(mock, sampleWith('ae-add-1-line.txt', '0500071'), { 'x-ace-scenario': 'uc-on-accept' });
  t.same([accepted.outcome, accepted.followUps.length], ['accepted', 1]);
});

t.test('outcome accept forces acceptance and drops fatal conditions', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const bad = sampleWith('ae-bad-check-digit.txt', '0500040', { edit: (r) => (r.startsWith('10') ? put(r, 16, '0') : r) });
  const res = await send(mock, bad, { 'x-ace-scenario': 'accept-anything' });
  t.same(e1s(res.body), ['E1A 995   SUMMARY HAS BEEN ADDED']);
});

t.test('the journal answers verification queries by scenario and time', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  await send(mock, sampleWith('ae-add-1-line.txt', '0500050'), { 'x-ace-scenario': 'reject-101' });
  await send(mock, sampleWith('ae-add-1-line.txt', '0500051'));
  const q = async (query: string) => (await mock.http.inject({ url: `/v1/transmissions?${query}` })).json();
  const byScenario = await q('scenario=reject-101');
  t.equal(byScenario.items.length, 1);
  t.equal(byScenario.items[0].scenario, 'reject-101');
  t.equal((await q('since=2026-11-25T14:00:00Z&until=2026-11-25T16:00:00Z')).items.length, 2);
  t.equal((await q('since=2026-11-25T15:00:01Z')).items.length, 0);
  t.match((await mock.http.inject({ url: '/v1/transmissions?since=yesterday' })).json().detail, /since is an ISO time/);
  const one = (await mock.http.inject({ url: byScenario.items[0].links.self })).json();
  t.match(one.detail.transactions[0], { scenario: 'reject-101', step: 1, reason: 'named by X-ACE-Scenario; step 1 for transmission 1' });
});
