import t from 'tap';
import { scenarioApplications } from '../../../src/applications/registry.js';
import { formatScenarioError, loadScenarioFile } from '../../../src/scenarios/load.js';
import { catalog, edit, filing, seBatch } from '../../helpers/cargo-release.js';
import { answerOf, entry } from '../../helpers/census.js';
import { send, TEST_NOW, testMock } from '../../helpers/mock.js';
import { scenarioDir } from '../../helpers/scenario-dir.js';

/** Scenarios written for cargo releases (application SE): what the loader lets them use, and how SX answers them. */

const errorsOf = (text: string) => {
  const r = loadScenarioFile('x.yaml', `id: demo\ntitle: Demo\napplication: SE\n${text}`, catalog, scenarioApplications());
  return 'errors' in r ? r.errors.map(formatScenarioError) : [];
};

t.test('the loader: SE records and aliases, the action guard with U, summary/line/tariff targets, the underReview mark only', async (t) => {
  t.same(errorsOf('match:\n  SE10.entryType: "86"\n  hts: "6109100012"\nsteps:\n  - when: { action: U }\n    answer:\n      conditions: [{ code: "M30", at: { line: 1, tariff: 1 } }]\n'), []);
  t.same(errorsOf('match:\n  "10.entryType": "01"\nsteps:\n  - answer: {}\n'), ['x.yaml:5:19: record 10 is not one application SE reads']);
  t.same(errorsOf('steps:\n  - answer:\n      conditions: [{ code: "007", at: totals }]\n'), ['x.yaml:6:39: application SE points conditions at summary, line, tariff, not at a totals']);
  t.same(errorsOf('steps:\n  - answer:\n      entry: { paid: true }\n'), ['x.yaml:6:7: a cargo release keeps only the entry mark underReview, not paid']);
  t.same(errorsOf('steps:\n  - answer:\n      followUps: [{ after: 0, disposition: "2" }]\n'), ['x.yaml:6:19: application SE sends no UC follow-ups']);
  t.same(errorsOf('steps:\n  - answer:\n      conditions: [{ code: "M40" }]\n'), [], 'an ace-mock SX code');
});

const SCENARIOS = {
  'se-hts-refused.yaml': 'id: se-hts-refused\ntitle: HTS refused\napplication: SE\nsteps:\n  - answer:\n      conditions: [{ code: "H01", narrative: "HTS NOT VALID FOR RELEASE", at: { line: 1, tariff: 1 } }]\n',
  'se-accept.yaml': 'id: se-accept\ntitle: accept\napplication: SE\nsteps:\n  - answer:\n      outcome: accept\n',
  'se-review.yaml': 'id: se-review\ntitle: under review\napplication: SE\nmatch:\n  SE10.entryType: "03"\nsteps:\n  - when: { action: A }\n    answer:\n      entry: { underReview: true }\n',
  'se-refer.yaml': 'id: se-refer\ntitle: referred\napplication: SE\nsteps:\n  - answer:\n      outcome: review\n',
  'se-warn.yaml': 'id: se-warn\ntitle: warning\napplication: SE\nsteps:\n  - answer:\n      conditions: [{ code: "PH6", severity: P, at: { line: 1 } }]\n',
};

t.test('SX answers scripted conditions after the record they target; accept drops fatal ones; underReview refers a later replace', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const refused = await answerOf(mock, seBatch(filing(entry(480931))), { 'x-ace-scenario': 'se-hts-refused' });
  t.same(refused.map((r) => r.slice(0, 9)), ['SE10AB76 ', 'SE15RMAEU', 'SE6073181', 'SE9011H01', 'SE9001   ']);
  t.match(refused[3], /^SE9011H01HTS NOT VALID FOR RELEASE/);
  const accepted = await answerOf(mock, seBatch(edit(filing(entry(480932)), 'SE13', { contactName: '' })), { 'x-ace-scenario': 'se-accept' });
  t.same(accepted.map((r) => r.slice(0, 6)), ['SE10AB', 'SE15RM', 'SE9002'], 'the fatal M10 dropped');
  const warned = await answerOf(mock, seBatch(filing(entry(480933))), { 'x-ace-scenario': 'se-warn' });
  t.same(warned.map((r) => r.slice(0, 9)), ['SE10AB76 ', 'SE15RMAEU', 'SE40001CN', 'SE9013PH6', 'SE9003   '], 'a warning: record type 13, message type 03');
  const n = entry(480934);
  const type03 = (action: string) => seBatch(edit(filing(n, action), 'SE10', { entryType: '03' }));
  t.match((await answerOf(mock, type03('A'))).at(-1), /^SE9002/);
  t.equal(mock.releases.release({ session: 'B76', filer: 'B76', entryNumber: n }, TEST_NOW)?.lifecycle.underReview, true, 'matched on SE10.entryType, guarded on action A');
  const json = (await send(mock, type03('R'), { accept: 'application/json' })).json() as { transactions: { disposition: string; scenario?: string }[] };
  t.match(json.transactions[0], { disposition: '04' }, 'a replace under review is a correction request (SE-23)');
});

t.test('outcome review: the add is referred to CBP (SE90 04, SE-83) and kept on file under review, so a later cancel is a request', async (t) => {
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarioDir(SCENARIOS) });
  t.teardown(() => mock.close());
  const n = entry(480935);
  const referred = await answerOf(mock, seBatch(filing(n)), { 'x-ace-scenario': 'se-refer' });
  t.same(referred.map((r) => r.slice(0, 6)), ['SE10AB', 'SE15RM', 'SE9004']);
  t.match(mock.releases.release({ session: 'B76', filer: 'B76', entryNumber: n }, TEST_NOW), { status: 'accepted', lifecycle: { underReview: true } });
  const cancel = seBatch(edit(filing(n, 'D').slice(0, 2), 'SE13', { reasonCode: '01' }));
  const json = (await send(mock, cancel, { accept: 'application/json' })).json() as { transactions: { disposition: string }[] };
  t.match(json.transactions[0], { disposition: '04' }, 'a cancellation request (SE-24)');
});
