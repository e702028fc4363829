import t from 'tap';
import { scenarioApplications } from '../../src/applications/registry.js';
import { DEFAULT_SCHEMA_DIR } from '../../src/catair/catalog.js';
import { formatScenarioError, loadScenarioFile } from '../../src/scenarios/load.js';
import { aeWithWarning, answerOf, batch, censusOverride, entry, fields, rec } from '../helpers/census.js';
import { send, sharedCatalog, testMock } from '../helpers/mock.js';
import { scenarioDir } from '../helpers/scenario-dir.js';

/**
 * Scenarios per application: each application declares what its scenarios may use (match fields,
 * guards, outcomes, targets, follow-ups), the loader holds files to it, and a scenario answers
 * transactions of its own application only (AE when a file names none).
 */
const catalog = sharedCatalog(DEFAULT_SCHEMA_DIR);
const errorsOf = (text: string) => {
  const r = loadScenarioFile('x.yaml', text, catalog, scenarioApplications());
  return 'errors' in r ? r.errors.map(formatScenarioError) : [];
};
const scenario = (lines: string) => `id: demo\ntitle: Demo\n${lines}`;

t.test('a file names its application; AE when it names none', async (t) => {
  const loaded = loadScenarioFile('x.yaml', scenario('steps:\n  - answer: {}\n'), catalog, scenarioApplications());
  t.equal('scenario' in loaded && loaded.scenario.application, 'AE');
  t.same(errorsOf(scenario('application: DE\nsteps:\n  - answer: {}\n')), ['x.yaml:3:14: application DE is not one ace-mock answers (AE, CW, CJ, SE, CQ, EQ)']);
  t.same(errorsOf(scenario('application: CW\nmatch:\n  entryNumber: "09500011"\n  line: "001"\nsteps:\n  - when: { overrides: ["09"] }\n    answer:\n      outcome: accept\n')), [], 'CW: its aliases, the overrides guard, accept');
});

t.test('the loader refuses what the application does not offer, with line and column', async (t) => {
  t.same(errorsOf(scenario('application: CW\nsteps:\n  - when: { action: A }\n    answer: {}\n')), ['x.yaml:5:21: application CW offers no "action" guard']);
  t.same(errorsOf(scenario('application: CJ\nsteps:\n  - answer:\n      outcome: accept\n')), ['x.yaml:6:16: application CJ offers no outcome "accept" (it offers rules)']);
  t.same(errorsOf(scenario('application: CW\nsteps:\n  - answer:\n      conditions:\n        - { code: C03, at: { line: 1 } }\n')), [
    'x.yaml:7:28: application CW points conditions at summary, not at a line',
  ]);
  t.same(errorsOf(scenario('application: CW\nsteps:\n  - answer:\n      census: [{ warning: 27C }]\n')), ['x.yaml:6:15: application CW raises no Census warnings']);
  t.same(errorsOf(scenario('application: CW\nsteps:\n  - answer:\n      conditions: [{ code: C03 }, { code: C04 }]\n')), [
    'x.yaml:6:7: a CW answer lists one condition at most: a CW03 carries one code per pair',
  ]);
  t.same(errorsOf(scenario('application: CJ\nsteps:\n  - answer:\n      entry: { paid: true }\n')), ['x.yaml:6:14: application CJ keeps no entry marks']);
  t.same(errorsOf(scenario('application: CJ\nsteps:\n  - answer:\n      followUps: [{ after: 0, disposition: "2" }]\n')), ['x.yaml:6:19: application CJ sends no UC follow-ups']);
  t.same(errorsOf(scenario('application: CJ\nsteps:\n  - answer:\n      builtInRules: false\n')), [
    'x.yaml:6:7: with builtInRules false, a CJ answer must list a condition: a query is always answered',
  ]);
  t.same(errorsOf(scenario('application: CW\nmatch:\n  "10.entryType": "01"\nsteps:\n  - answer: {}\n')), ['x.yaml:5:19: record 10 is not one application CW reads']);
  t.same(errorsOf(scenario('application: CW\nmatch:\n  hts: "8471300100"\nsteps:\n  - answer: {}\n')), [
    'x.yaml:5:8: "hts" is neither record.field nor an alias (filer, userText, entryFiler, entryNumber, line)',
  ]);
});

t.test('condition codes are looked up as the application answers them', async (t) => {
  t.same(errorsOf(scenario('application: CW\nsteps:\n  - answer:\n      conditions: [{ code: C03 }]\n')), [], 'C03 is a CO code');
  t.same(errorsOf(scenario('steps:\n  - answer:\n      conditions: [{ code: C03 }]\n')), ['x.yaml:5:28: condition C03 is not in the error dictionary: give its narrative'], 'not an AX one');
});

const SCENARIOS = {
  'ae-101.yaml': 'id: ae-101\ntitle: AE\nsteps:\n  - answer:\n      conditions: [{ code: "101" }]\n',
  'cw-refused.yaml': 'id: cw-refused\ntitle: CW refused\napplication: CW\nsteps:\n  - answer:\n      conditions: [{ code: B30 }]\n',
  'cw-accept.yaml': 'id: cw-accept\ntitle: CW accepted\napplication: CW\nsteps:\n  - answer:\n      outcome: accept\n      delay: 200\n',
  'cw-by-code.yaml':
    'id: cw-by-code\ntitle: CW by override code\napplication: CW\nmatch:\n  entryNumber: "09500040"\nsteps:\n  - when: { overrides: ["01"] }\n    answer:\n      builtInRules: false\n      conditions: [{ code: C9X, narrative: "OVERRIDE CODE 01 NOT ACCEPTED HERE" }]\n',
  'cj-extra.yaml': 'id: cj-extra\ntitle: CJ extra row\napplication: CJ\nsteps:\n  - answer:\n      conditions: [{ code: "015" }]\n',
};

const cw = censusOverride;
const cj = (...numbers: string[]) => batch('CJ', [rec(`CJ1                B76  ${numbers.join('  ')}`)]);
const conditionsOf = (mock: ReturnType<typeof testMock>, layout: string, records: string[]) => fields(mock, layout, records, ['condition']).map((r) => r['condition']);
type Exchange = { outcome: string; delayMs: number; transactions: { scenario?: string; reason: string }[] };

t.test('a scenario answers its own application only', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const json = async (body: string, scenario: string) => (await send(mock, body, { 'x-ace-scenario': scenario, accept: 'application/json' })).json() as Exchange;
  const named = await json(cw(entry(950001), '00127C09'), 'ae-101');
  t.same(named.transactions[0]?.reason, 'X-ACE-Scenario names scenario "ae-101", which answers AE, not CW: built-in rules');
  const ae = await json(aeWithWarning(entry(950002)), 'cw-refused');
  t.match(ae.transactions[0], { reason: 'X-ACE-Scenario names scenario "cw-refused", which answers CW, not AE: built-in rules' });
  t.notOk(ae.transactions[0]?.scenario);
});

t.test('CW: a scripted condition refuses the pairs the built-in rules accept; accept accepts them all', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const warnings = (n: string) => JSON.parse((mock.db.prepare('SELECT warnings FROM entries WHERE entry_number = ?').get(n) as { warnings: string }).warnings);
  const n = entry(950010);
  await send(mock, aeWithWarning(n));
  t.same(warnings(n), [{ line: '001', code: '27C' }], 'AE leaves 27C outstanding on line 001');

  const refused = await answerOf(mock, cw(n, '00127C0927D04'), { 'x-ace-scenario': 'cw-refused' });
  t.same(conditionsOf(mock, 'CW03', refused), ['B30', '485'], 'the pair the rules accept gets B30; the one they refuse keeps 485');
  t.same(warnings(n), [{ line: '001', code: '27C' }], 'nothing cleared');

  const started = Date.now();
  const accepted = await answerOf(mock, cw(n, '00127C0927D04'), { 'x-ace-scenario': 'cw-accept' });
  t.ok(Date.now() - started >= 190, 'held back by the scripted delay');
  t.same(conditionsOf(mock, 'CW03', accepted), ['C01', 'C01'], 'accept: every pair C01');
  t.same(warnings(n), [], 'and the warning is cleared');
});

t.test('CW: matched by entry number, guarded by override code, a custom code with its narrative', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const matched = await answerOf(mock, cw('09500040', '00127C01'));
  t.same(fields(mock, 'CW03', matched, ['condition', 'narrative']), [{ condition: 'C9X', narrative: 'OVERRIDE CODE 01 NOT ACCEPTED HERE' }]);
  const json = (await send(mock, cw('09500040', '00127C09'), { accept: 'application/json' })).json() as Exchange;
  t.match(json.transactions[0], { scenario: 'cw-by-code', reason: /no step's guard holds/ }, 'another override code: no step, built-in rules');
  t.same(conditionsOf(mock, 'CW03', await answerOf(mock, cw('09500041', '00127C01'))), ['C02'], 'another entry: not matched');
});

t.test('CJ: scripted rows follow the built-in ones, one per entry queried', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const rows = await answerOf(mock, cj(entry(950020), entry(950021)), { 'x-ace-scenario': 'cj-extra' });
  t.same(fields(mock, 'CJ2', rows, ['entryNumber', 'condition']), [
    { entryNumber: entry(950020), condition: '006' },
    { entryNumber: entry(950021), condition: '006' },
    { entryNumber: entry(950020), condition: '015' },
    { entryNumber: entry(950021), condition: '015' },
  ]);
});

t.test("an arm waits for a transaction of its scenario's application", async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const armed = await mock.http.inject({ method: 'POST', url: '/v1/admin/arm', payload: { scenario: 'cw-refused', filer: 'B76' } });
  t.equal(armed.statusCode, 201);
  const ae = (await send(mock, aeWithWarning(entry(950030)), { accept: 'application/json' })).json() as Exchange;
  t.equal(ae.transactions[0]?.reason, 'no scenario matched: built-in rules', 'an AE transaction leaves the CW arm alone');
  const json = (await send(mock, cw(entry(950030), '00127C09'), { accept: 'application/json' })).json() as Exchange;
  t.match(json.transactions[0], { scenario: 'cw-refused', reason: /^armed for the filer B76 \(0 left\)/ });
  const listed = (await mock.http.inject({ url: '/v1/admin/scenarios' })).json() as { scenarios: { id: string; application: string }[] };
  t.same(listed.scenarios.map((s) => [s.id, s.application]), [['ae-101', 'AE'], ['cj-extra', 'CJ'], ['cw-accept', 'CW'], ['cw-by-code', 'CW'], ['cw-refused', 'CW']]);
});
