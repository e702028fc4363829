import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { parse as parseYaml } from 'yaml';
import { responseApplication } from '../../src/applications/application.js';
import { scenarioApplications } from '../../src/applications/registry.js';
import { CO } from '../../src/applications/census-override/conditions.js';
import { CL } from '../../src/applications/census-query/conditions.js';
import { DEFAULT_SCHEMA_DIR, loadCatalog } from '../../src/catair/catalog.js';
import { DEFAULT_SCENARIO_DIR, loadScenarios } from '../../src/scenarios/load.js';
import { scanSource } from '../helpers/condition-scan.js';

/**
 * The error dictionary's explanations (ace-mock's own words, shown as the "why" of a condition):
 * every condition ace-mock can raise has one, and every narrative fits E1/X1 positions 11-50.
 */
const catalog = loadCatalog();
const { dictionary } = catalog;

const readYaml = (path: string): unknown => parseYaml(readFileSync(path, 'utf8'));

/** The applications' answering applications (AE → AX, SE → SX), from application-ids.yaml. */
const responses = (readYaml(join(DEFAULT_SCHEMA_DIR, 'codes', 'application-ids.yaml')) as { codes: Record<string, { response?: string }> }).codes;

/**
 * The `missing:` / `invalid:` codes of every record layout, each with the application that answers
 * with it: a file's application's response (SX for the SE records), undefined for the others.
 */
function layoutCodes(): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  const walk = (node: unknown, answering: string | undefined): void => {
    if (Array.isArray(node)) node.forEach((n) => walk(n, answering));
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'missing' || key === 'invalid') && (typeof value === 'string' || typeof value === 'number')) found.set(`${answering ?? ''}:${String(value)}`, answering);
        else walk(value, answering);
      }
    }
  };
  const dir = join(DEFAULT_SCHEMA_DIR, 'layouts');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const data = readYaml(join(dir, file)) as { application?: string };
    walk(data, data.application === undefined ? undefined : responses[data.application]?.response);
  }
  return found;
}

/**
 * The dictionary codes the shipped scenarios raise, each with the output application that answers
 * with it (custom codes bring their own narrative).
 */
function scenarioCodes(): [string, string][] {
  const { scenarios, errors } = loadScenarios(join(DEFAULT_SCENARIO_DIR, 'library'), catalog, scenarioApplications());
  if (errors.length > 0) throw new Error(`the shipped scenarios do not load: ${errors.map((e) => e.message).join('; ')}`);
  const found = new Map<string, [string, string]>();
  for (const s of scenarios) {
    const response = responseApplication(catalog, s.application);
    for (const step of s.steps) {
      for (const c of step.answer.conditions) if (c.narrative === undefined) found.set(`${response} ${c.code}`, [c.code, response]);
      for (const w of step.answer.census) found.set(`${response} ${w.warning}`, [w.warning, response]);
    }
  }
  return [...found.values()];
}

/** Every Census warning: a scenario may raise any of them. */
const censusWarnings = Object.keys((readYaml(join(DEFAULT_SCHEMA_DIR, 'codes', 'census-warnings.yaml')) as { codes: object }).codes);

const fromLayouts = layoutCodes();
const fromSource = scanSource();
const fromScenarios = scenarioCodes();
const batchCodes = dictionary
  .list()
  .filter((e) => e.application === undefined && e.source.startsWith('B&B'))
  .map((e) => e.code);

/** [code, answering application or undefined for the common codes, where it comes from]. */
const raisable: [string, string | undefined, string][] = [
  ...[...fromLayouts].map(([key, answering]): [string, string | undefined, string] => [key.slice(key.indexOf(':') + 1), answering, 'layouts']),
  ...[...fromSource.keys()].map((c): [string, undefined, string] => [c, undefined, `src: ${[...(fromSource.get(c) ?? [])].join(', ')}`]),
  ...fromScenarios.map(([c, response]): [string, string, string] => [c, response, 'scenarios/library']),
  ...censusWarnings.map((c): [string, undefined, string] => [c, undefined, 'census-warnings']),
  ...batchCodes.map((c): [string, undefined, string] => [c, undefined, 'Batch & Block']),
  ...['995', '996', '997', '998', '999', 'ZZZ'].map((c): [string, undefined, string] => [c, undefined, 'dispositions']),
  ...Object.values(CL).map((c): [string, string, string] => [c, 'CL', 'census-query']),
  ...Object.values(CO).map((c): [string, string, string] => [c, 'CO', 'census-override']),
];

t.test('the collections find what ace-mock raises', async (t) => {
  t.ok(fromLayouts.size > 30, `${fromLayouts.size} layout codes`);
  const layoutCode = (code: string): boolean => [...fromLayouts.keys()].some((key) => key.endsWith(`:${code}`));
  for (const code of ['B16', '432', 'X03']) t.ok(layoutCode(code) || fromSource.has(code), `${code} is found`);
  t.ok(fromLayouts.has('SX:001'), 'a cargo release field names an SX code');
  t.ok(fromScenarios.some(([c]) => c === 'PH6'), 'a scenario condition is found');
  t.ok(fromScenarios.some(([c]) => c === '27C') || censusWarnings.includes('27C'), 'Census warnings are found');
  t.ok(fromScenarios.some(([c, response]) => c === 'C03' && response === 'CO'), 'with the application that answers with it');
  t.ok(batchCodes.includes('X34') && batchCodes.length >= 40, `${batchCodes.length} Batch & Block codes`);
});

t.test('every condition ace-mock can raise has an explanation', async (t) => {
  for (const [code, application, where] of raisable) {
    const entry = dictionary.lookup(code, application);
    t.ok(entry?.explanation, `${application ? `${application} ` : ''}${code} (${where}) has an explanation`);
  }
});

t.test('explanations are ace-mock’s own short text', async (t) => {
  for (const e of dictionary.list().filter((r) => r.explanation !== undefined)) {
    const text = e.explanation ?? '';
    t.ok(text.length <= 400, `${e.code}: at most a few sentences`);
    // CBP's dictionary closes most entries with this stock phrase; ours never copies it.
    t.notMatch(text, /this error will result/i, `${e.code}: not CBP's wording`);
  }
});

t.test('every narrative fits E1/X1 positions 11-50 as printable upper-case ASCII', async (t) => {
  for (const e of dictionary.list()) {
    if (e.narrative === undefined) {
      t.equal(e.status, 'eliminated', `${e.code}: only an eliminated code goes without a narrative`);
      continue;
    }
    t.match(e.narrative, /^[ -`{-~]{1,40}$/, `${e.application ?? ''}${e.code}: ${e.narrative}`);
    t.equal(e.narrative, e.narrative.trim(), `${e.code}: no leading or trailing blanks`);
  }
});

t.test('the July 2026 dictionary is complete: 1,027 codes, 993 in use', async (t) => {
  const fromEd = dictionary.list().filter((e) => e.source.includes('ED 2026-07'));
  const codes = new Set(fromEd.map((e) => e.code));
  t.equal(codes.size, 1027, 'every code of the ED');
  const eliminated = new Set(fromEd.filter((e) => e.status === 'eliminated').map((e) => e.code));
  t.equal(eliminated.size, 34, 'the eliminated ones marked');
  t.equal(codes.size - eliminated.size, 993, 'in use');
  t.notOk(dictionary.has('245'), 'an eliminated code without a narrative cannot be raised');
  t.equal(dictionary.lookup('245')?.status, 'eliminated', 'but is listed');
});
