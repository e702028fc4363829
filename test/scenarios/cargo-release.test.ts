import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { scenarioApplications } from '../../src/applications/registry.js';
import { DEFAULT_SCHEMA_DIR } from '../../src/catair/catalog.js';
import { formatScenarioError, loadScenarioFile } from '../../src/scenarios/load.js';
import { groupTransmission, seTransactions } from '../helpers/cargo-release.js';
import { sharedCatalog } from '../helpers/mock.js';

/**
 * Scenarios for ACE Cargo Release (SE): what its scenario support offers (SE10 match keys, the U
 * action, the review outcome, SO follow-ups) and how the loader checks an SO follow-up against the
 * code lists and the records it fills (ACMQ-47..63).
 */
const catalog = sharedCatalog(DEFAULT_SCHEMA_DIR);
const load = (text: string) => loadScenarioFile('x.yaml', text, catalog, scenarioApplications());
const errorsOf = (text: string) => {
  const r = load(text);
  return 'errors' in r ? r.errors.map(formatScenarioError) : [];
};
const se = (lines: string) => `id: demo\ntitle: Demo\napplication: SE\n${lines}`;
const so = (fields: string) => se(`steps:\n  - answer:\n      followUps:\n        - { type: SO, after: 0, ${fields} }\n`);

t.test('SE scenarios: SE10 aliases, the U action, the review outcome, line and tariff targets, SO follow-ups', async (t) => {
  t.same(
    errorsOf(
      se(
        'match:\n  entryType: "01"\n  "SE15.billNumber": { prefix: MAEU }\n  agency: FDA\nsteps:\n  - when: { action: U }\n    answer:\n      outcome: review\n      conditions: [{ code: Q01, narrative: QUOTA CERTIFICATION REQUIRED, at: { line: 1, tariff: 1 } }]\n      followUps:\n        - { type: SO, after: 2h, disposition: "98" }\n',
      ),
    ),
    [],
  );
  t.same(errorsOf(se('steps:\n  - answer:\n      conditions: [{ code: Q02, narrative: TOTALS, at: totals }]\n')), ['x.yaml:6:56: application SE points conditions at summary, line, tariff, not at a totals']);
  t.same(errorsOf(se('steps:\n  - answer:\n      census: [{ warning: 27C }]\n')), ['x.yaml:6:15: application SE raises no Census warnings']);
  t.same(errorsOf(se('steps:\n  - answer:\n      followUps: [{ after: 0, disposition: "2" }]\n')), ['x.yaml:6:19: application SE sends no UC follow-ups']);
  t.same(errorsOf(se('match:\n  "10.entryType": "01"\nsteps:\n  - answer: {}\n')), ['x.yaml:5:19: record 10 is not one application SE reads']);
  t.same(errorsOf('id: demo\ntitle: Demo\nsteps:\n  - answer:\n      outcome: review\n'), ['x.yaml:5:16: application AE offers no outcome "review" (it offers accept, reject, rules)']);
  t.same(errorsOf('id: demo\ntitle: Demo\nsteps:\n  - answer:\n      followUps: [{ type: SO, after: 0, disposition: "98" }]\n'), ['x.yaml:5:27: application AE sends no SO follow-ups']);
});

t.test('follow-up delays: milliseconds or a duration, at most 30 days', async (t) => {
  const after = (value: string): number | string[] => {
    const r = load(so(`after: ${value}, disposition: "98"`).replace('after: 0, ', ''));
    return 'scenario' in r ? (r.scenario.steps[0]?.answer.followUps[0]?.after ?? -1) : r.errors.map((e) => e.message);
  };
  t.equal(after('1500'), 1500);
  t.equal(after('90s'), 90_000);
  t.equal(after('30m'), 1_800_000);
  t.equal(after('2h'), 7_200_000);
  t.equal(after('30d'), 2_592_000_000);
  t.match(after('31d'), [/at most 30 days/]);
  t.match(after('2 hours'), [/./], 'not a duration');
});

t.test('an SO follow-up names codes its lists hold, where its records have a place for them', async (t) => {
  t.same(errorsOf(so('disposition: ["99", "03"], bill: "53"')), [], 'several results in one notice');
  t.same(errorsOf(so('disposition: "42"')), ['x.yaml:7:46: 42 is not a cargo release disposition code (schemas/codes/cargo-release-dispositions.yaml)']);
  t.same(errorsOf(so('disposition: ["98", "42"]')), ['x.yaml:7:53: 42 is not a cargo release disposition code (schemas/codes/cargo-release-dispositions.yaml)']);
  t.same(errorsOf(so('bill: "99"')), ['x.yaml:7:39: 99 is not a bill match disposition code (schemas/codes/cargo-release-bill-dispositions.yaml)']);
  t.same(errorsOf(so('disposition: "03", releaseOrigin: "05"')), ['x.yaml:7:67: a release origin goes with disposition 22, 98 only (ACMQ-54)']);
  t.same(errorsOf(so('disposition: "98", releaseOrigin: "42"')), ['x.yaml:7:67: 42 is not a release origin code (schemas/codes/cargo-release-release-origins.yaml)']);
  t.same(errorsOf(so('disposition: "98", documentType: "CI"')), ['x.yaml:7:66: a document type goes with a disposition that asks for a document (84, 85, 96)']);
  t.same(errorsOf(so('disposition: "87", rejection: { reason: "18" }')), ['x.yaml:7:73: 18 is not a request rejection reason (schemas/codes/cargo-release-request-rejections.yaml)']);
  t.same(errorsOf(so('disposition: "98", rejection: { reason: "10" }')), ['x.yaml:7:63: a rejection reason goes with a disposition that rejects a request (86, 87; ACMQ-47)']);
  t.same(errorsOf(so('bill: "95"')), [], 'a bill code alone');
  t.same(errorsOf(se('steps:\n  - answer:\n      followUps:\n        - { type: SO, after: 0 }\n')), ['x.yaml:7:11: an SO follow-up needs a disposition, a bill code or a PGA review']);
});

t.test('a PGA review names an agency, a status its list holds and a reason that goes with it', async (t) => {
  t.same(errorsOf(so('pga: [{ agency: FDA, status: "02", reason: "11", line: 1, holdType: "2", confirmation: { qualifier: PN, number: "123456789" }, comments: [HOLD] }]')), []);
  t.same(errorsOf(so('pga: [{ agency: FDA }]')), ['x.yaml:7:39: a PGA review needs a status (entry level) or a lineStatus']);
  t.same(errorsOf(so('pga: [{ agency: FDA, status: "03" }]')), ['x.yaml:7:62: 03 is not a PGA review status (schemas/codes/pga-review-statuses.yaml)']);
  t.same(errorsOf(so('pga: [{ agency: FDA, status: "07", reason: "11" }]')), ['x.yaml:7:76: reason 11 goes with status 02']);
  t.same(errorsOf(so('pga: [{ agency: FDA, lineStatus: "02", line: 1 }]')), ['x.yaml:7:66: 02 is not a PGA line level status (schemas/codes/pga-review-statuses.yaml)']);
  t.same(errorsOf(so('pga: [{ agency: FDA, lineStatus: "07" }]')), ['x.yaml:7:66: a line level status needs the line it is about']);
  t.same(errorsOf(so('pga: [{ agency: FDA, status: "07", tariff: 2 }]')), ['x.yaml:7:76: a tariff needs its line']);
});

const library = fileURLToPath(new URL('../../scenarios/library', import.meta.url));
const golden = fileURLToPath(new URL('../golden', import.meta.url));
const crCases = readdirSync(golden).filter((d) => d.startsWith('scenario-cr-'));

t.test('every cargo release scenario of the library has its golden case', async (t) => {
  for (const file of readdirSync(library).filter((f) => /^cr-.*\.yaml$/.test(f))) {
    t.ok(existsSync(`${golden}/scenario-${file.replace('.yaml', '')}/case.json`), file);
  }
});

t.test('the golden inputs group with the cargo release grammar and pass the layout checks', async (t) => {
  for (const dir of crCases) {
    for (const input of readdirSync(`${golden}/${dir}`).filter((f) => /input\.txt$/.test(f))) {
      const text = readFileSync(`${golden}/${dir}/${input}`, 'latin1');
      t.same(groupTransmission(text).conditions, [], `${dir}/${input}: no grouping problem`);
      const problems = seTransactions(text).flatMap((tx) => tx.flatMap((r) => r.problems.map((p) => `${r.id} ${p.field.name} ${p.kind}`)));
      t.same(problems, [], `${dir}/${input}: no field problem`);
    }
  }
});
