import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { scenarioApplications } from '../../src/applications/registry.js';
import { loadCatalog } from '../../src/catair/catalog.js';
import { formatScenarioError, loadScenarioFile, loadScenarios } from '../../src/scenarios/load.js';

const catalog = loadCatalog();
const check = (text: string) => loadScenarioFile('x.yaml', text, catalog, scenarioApplications());
const errorsOf = (text: string) => {
  const r = check(text);
  return 'errors' in r ? r.errors.map(formatScenarioError) : [];
};

t.test('a good file loads, with defaults filled in and matchers compiled', async (t) => {
  const r = check(`id: demo\ntitle: Demo\nmatch:\n  importer: "99-1234567AB"\n  hts: { prefix: "8471" }\nsteps:\n  - answer:\n      conditions:\n        - code: "101"\n`);
  if (!('scenario' in r)) throw new Error(JSON.stringify(r));
  t.equal(r.scenario.id, 'demo');
  t.same(r.scenario.steps[0]?.answer.conditions, [{ code: '101', at: 'summary' }]);
  t.equal(r.scenario.steps[0]?.answer.outcome, 'rules');
  t.same(r.scenario.matchers.map((m) => m.describe), ['11.importerNumber = "99-1234567AB"', '50.hts starts with "8471"']);
  t.equal(r.scenario.afterLastStep, 'repeat-last');
});

t.test('problems are reported with line and column and what is wrong', async (t) => {
  t.match(errorsOf('id: demo\ntitle: [unclosed\n')[0], /^x\.yaml:3:1: not valid YAML: Flow sequence/);
  t.match(errorsOf('id: Demo\ntitle: x\nsteps:\n  - answer: {}\n')[0], /^x\.yaml:1:5: id: ids are lower-case words joined by hyphens$/);
  t.match(errorsOf('id: demo\ntitle: x\nsteps: []\n')[0], /^x\.yaml:3:8: steps: .*>=1/);
  t.match(errorsOf('id: demo\ntitle: x\nsteps:\n  - answer:\n      outcome: maybe\n')[0], /^x\.yaml:5:16: steps\.0\.answer\.outcome: /);
  t.match(errorsOf('id: demo\ntitle: x\nsurprise: 1\nsteps:\n  - answer: {}\n')[0], /^x\.yaml:1:1: Unrecognized key: "surprise"/);
  t.same(errorsOf('id: demo\ntitle: x\nsteps:\n  - answer:\n      conditions:\n        - code: Z99\n'), [
    'x.yaml:6:17: condition Z99 is not in the error dictionary: give its narrative',
  ]);
  t.same(errorsOf('id: demo\ntitle: x\nsteps:\n  - answer:\n      census:\n        - warning: 27Z\n'), [
    'x.yaml:6:20: 27Z is not a Census warning (schemas/codes/census-warnings.yaml)',
  ]);
  t.same(errorsOf('id: demo\ntitle: x\nmatch:\n  12.nothing: "1"\nsteps:\n  - answer: {}\n'), ['x.yaml:4:15: record 12 has no field nothing (see schemas/layouts)']);
  t.match(errorsOf('id: demo\ntitle: x\nmatch:\n  hts: { regex: "(" }\nsteps:\n  - answer: {}\n')[0], /^x\.yaml:4:8: bad regex: /);
  t.same(errorsOf('id: demo\ntitle: x\nsteps:\n  - answer:\n      delay: { min: 10, max: 5 }\n'), ['x.yaml:5:14: delay.min is more than delay.max']);
  t.same(errorsOf('id: demo\ntitle: x\nsteps:\n  - answer:\n      followUps:\n        - { after: 10, disposition: "Z" }\n'), [
    'x.yaml:6:37: Z is not a UC disposition type (schemas/codes/uc-dispositions.yaml)',
  ]);
  t.same(errorsOf('id: demo\ntitle: x\nsteps:\n  - answer:\n      entry: { suspension: "99" }\n'), [
    'x.yaml:5:28: 99 is not an extension/suspension status code (schemas/codes/extension-suspension-statuses.yaml)',
  ]);
  t.same(errorsOf('id: demo\ntitle: x\nsteps:\n  - answer:\n      entry: { suspension: none, tibClosesInDays: 3, additionalDuty: true }\n'), [], 'none lifts a suspension');
});

t.test('a folder: bad files are refused, good ones load, ids and certification numbers are unique', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-scenarios-'));
  writeFileSync(join(dir, 'a.yaml'), 'id: one\ntitle: One\ncertification: "101"\nsteps:\n  - answer: {}\n');
  writeFileSync(join(dir, 'b.yaml'), 'id: one\ntitle: Again\nsteps:\n  - answer: {}\n');
  writeFileSync(join(dir, 'c.yaml'), 'id: three\ntitle: Three\ncertification: "101"\nsteps:\n  - answer: {}\n');
  writeFileSync(join(dir, 'd.yaml'), 'id: broken\n  title: x: y\n');
  writeFileSync(join(dir, 'notes.txt'), 'not a scenario');
  const set = loadScenarios(dir, catalog, scenarioApplications());
  t.same(set.scenarios.map((s) => s.id), ['one']);
  const byFile = (name: string) => set.errors.filter((e) => e.file.endsWith(name)).map((e) => e.message);
  t.match(byFile('b.yaml'), [/id "one" is already used by .*a\.yaml/]);
  t.match(byFile('c.yaml'), [/certification 101 is already claimed by .*a\.yaml/]);
  t.ok(byFile('d.yaml').length > 0 && byFile('d.yaml').every((m) => m.startsWith('not valid YAML')), 'd.yaml: YAML errors');
  t.same(byFile('notes.txt'), [], 'other files are not scenarios');
});

t.test('scenario files are data: prototype keys and YAML tricks change nothing', async (t) => {
  const polluted = [
    'id: p1\ntitle: P\n__proto__: { polluted: true }\nsteps:\n  - answer: {}\n',
    'id: p2\ntitle: P\nmatch:\n  __proto__: "x"\nsteps:\n  - answer: {}\n',
    'id: p3\ntitle: P\nsteps:\n  - answer:\n      constructor: { prototype: { polluted: true } }\n',
    'id: p4\ntitle: P\nsteps: &a [*a]\n',
    'id: !!js/function "function () { return 1 }"\ntitle: P\nsteps:\n  - answer: {}\n',
  ];
  for (const text of polluted) {
    const r = check(text);
    t.ok('errors' in r, `refused: ${text.split('\n')[2] ?? text}`);
  }
  t.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype untouched');
  t.same(errorsOf(polluted[1] as string), ['x.yaml:4:3: the key "__proto__" is not allowed'], 'named with its position');
});

t.test('what fuzzing found: alias bombs, prototype names as match keys, prototype keys by alias', async (t) => {
  const bomb = `a0: &a0 ["lol"]\n${Array.from({ length: 6 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}, *a${i}, *a${i}]`).join('\n')}\nid: bomb\ntitle: B\nsteps: [{answer: {conditions: *a6}}]\n`;
  t.match(errorsOf(bomb), [/^x\.yaml:2:\d+: cannot be read: Excessive alias count/], 'refused, not thrown: the alias expansion is limited');
  t.same(errorsOf('id: x\ntitle: t\nmatch: {toString: "x"}\nsteps: [{answer: {}}]\n'), [
    `x.yaml:3:19: "toString" is neither record.field nor an alias (filer, userText, action, entryFiler, entryNumber, port, brokerReference, entryType, modeOfTransport, importer, countryOfOrigin, hts)`,
  ], 'an inherited property is not an alias');
  t.same(errorsOf('k: &k __proto__\nid: x\ntitle: t\nsteps: [{answer: {*k : {polluted: true}}}]\n'), ['x.yaml:4:19: the key "__proto__" is not allowed'], 'a key by alias');
  t.same(errorsOf('k: &k constructor\nid: x\ntitle: t\nmatch: {*k : x}\nsteps: [{answer: {}}]\n'), ['x.yaml:4:9: the key "constructor" is not allowed']);
  t.same(errorsOf('? [a, b]\n: x\nid: x\n'), ['x.yaml:1:3: a key must be a word, not a list or mapping'], 'a list as a key');
  t.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype untouched');
});
