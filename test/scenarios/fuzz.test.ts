import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import t from 'tap';
import { scenarioApplications } from '../../src/applications/registry.js';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_SCHEMA_DIR, loadCatalog } from '../../src/catair/catalog.js';
import type { Answer, ScenarioFile } from '../../src/scenarios/format.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { processChecked } from '../helpers/answer-checks.js';
import { testMock } from '../helpers/mock.js';
import { scenarioDir } from '../helpers/scenario-dir.js';
import { sampleWith } from '../helpers/transmission.js';

/**
 * The scenario engine under random input. The loader takes any text (scenario-shaped, broken,
 * hostile: prototype keys, alias bombs, deep nesting, huge strings) and returns a scenario or
 * errors with line and column, never throws, and leaves the built-in prototypes alone. Random valid
 * libraries then direct random transmissions through the real pipeline: no throw, well-formed
 * answers, and the scripted step's outcome and follow-ups honoured.
 */
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
const catalog = loadCatalog();
const applications = scenarioApplications();

const codesOf = (list: string, pattern: RegExp): string[] =>
  Object.keys((parseYaml(readFileSync(join(DEFAULT_SCHEMA_DIR, 'codes', `${list}.yaml`), 'utf8')) as { codes: object }).codes).filter((c) => pattern.test(c));
// Codes a scenario may name without a narrative: the common ones ace-mock can answer with.
const DICTIONARY = catalog.dictionary.list().filter((e) => e.application === undefined && catalog.dictionary.has(e.code)).map((e) => e.code);
const CENSUS_WARNINGS = codesOf('census-warnings', /^2[78][A-Z]$/);
const UC_DISPOSITIONS = codesOf('uc-dispositions', /^[0-9A-Z]$/);
const UC_REASONS = codesOf('uc-reasons', /^\d{3}$/);
const OVERRIDES = codesOf('census-overrides', /^\d\d$/);

// ---- a YAML tree that can hold any key, and its text ----

type Scalar = string | number | boolean | null;
type Tree = Scalar | { readonly seq: readonly Tree[] } | { readonly map: readonly (readonly [string, Tree])[] };
const isSeq = (n: Tree): n is { seq: readonly Tree[] } => typeof n === 'object' && n !== null && 'seq' in n;
const isMap = (n: Tree): n is { map: readonly (readonly [string, Tree])[] } => typeof n === 'object' && n !== null && 'map' in n;
const map = (entries: Record<string, Tree | undefined>): Tree => ({ map: Object.entries(entries).filter((e): e is [string, Tree] => e[1] !== undefined) });

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const key = (k: string, quoteAll: boolean) => (!quoteAll && PLAIN_KEY.test(k) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(k) ? k : JSON.stringify(k));

/** YAML text of a tree: block style, or flow style throughout (JSON-like). */
function emit(n: Tree, style: { flow: boolean; quoteKeys: boolean }, indent = ''): string {
  if (!isSeq(n) && !isMap(n)) return JSON.stringify(n);
  if (style.flow || (isSeq(n) && n.seq.length === 0) || (isMap(n) && n.map.length === 0)) {
    return isSeq(n) ? `[${n.seq.map((c) => emit(c, style, indent)).join(', ')}]` : `{${n.map.map(([k, v]) => `${key(k, style.quoteKeys)}: ${emit(v, style, indent)}`).join(', ')}}`;
  }
  const inner = `${indent}  `;
  const nested = (v: Tree) => (isSeq(v) && v.seq.length > 0) || (isMap(v) && v.map.length > 0);
  if (isSeq(n)) return n.seq.map((c) => `\n${indent}- ${nested(c) ? emit(c, style, inner).trimStart() : emit(c, style, inner)}`).join('');
  return n.map.map(([k, v]) => `\n${indent}${key(k, style.quoteKeys)}:${nested(v) ? emit(v, style, inner) : ` ${emit(v, style, inner)}`}`).join('');
}
const text = (n: Tree, style: { flow: boolean; quoteKeys: boolean }) => `${emit(n, style).replace(/^\n/, '')}\n`;

// ---- valid scenarios ----

const printable = (maxLength: number) => fc.string({ minLength: 1, maxLength, unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.,/*#'.split('')) });
const target: fc.Arbitrary<Tree> = fc.oneof(
  fc.constantFrom('summary', 'totals'),
  fc.record({ line: fc.integer({ min: 1, max: 6 }) }).map((r) => map(r)),
  fc.record({ line: fc.integer({ min: 1, max: 6 }), tariff: fc.integer({ min: 1, max: 3 }) }).map((r) => map(r)),
);
const severity = fc.option(fc.constantFrom('F', 'W', 'P', 'I'), { nil: undefined });
const condition: fc.Arbitrary<Tree> = fc.oneof(
  fc.record({ code: fc.constantFrom(...DICTIONARY), severity, at: fc.option(target, { nil: undefined }) }).map((r) => map(r)),
  fc
    .record({
      code: fc.stringMatching(/^Z[0-9A-Z]{2}$/).filter((c) => !catalog.dictionary.has(c)),
      narrative: fc.stringMatching(/^[A-Z0-9][A-Z0-9 *-]{0,39}$/),
      severity,
      at: fc.option(target, { nil: undefined }),
    })
    .map((r) => map(r)),
);
const millis = fc.integer({ min: 0, max: 600_000 });
const delay: fc.Arbitrary<Tree> = fc.oneof(millis, fc.tuple(millis, millis).map(([a, b]) => map({ min: Math.min(a, b), max: Math.max(a, b) })));
const followUp: fc.Arbitrary<Tree> = fc
  .record({
    after: fc.integer({ min: 0, max: 5_000 }),
    disposition: fc.constantFrom(...UC_DISPOSITIONS),
    reason: fc.option(fc.constantFrom(...UC_REASONS), { nil: undefined }),
    remarks: fc.option(fc.array(printable(78), { maxLength: 7 }).map((seq): Tree => ({ seq })), { nil: undefined }),
    line: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  })
  .map((r) => map(r));
const answer: fc.Arbitrary<Tree> = fc
  .record(
    {
      outcome: fc.constantFrom('accept', 'reject', 'rules'),
      conditions: fc.array(condition, { maxLength: 3 }).map((seq): Tree => ({ seq })),
      census: fc.array(fc.record({ warning: fc.constantFrom(...CENSUS_WARNINGS), line: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }) }).map((r) => map(r)), { maxLength: 2 }).map((seq): Tree => ({ seq })),
      builtInRules: fc.boolean(),
      entry: fc.record({ liquidated: fc.option(fc.boolean(), { nil: undefined }), underReview: fc.option(fc.boolean(), { nil: undefined }) }).map((r) => map(r)),
      delay,
      followUps: fc.array(followUp, { maxLength: 2 }).map((seq): Tree => ({ seq })),
    },
    { requiredKeys: [] },
  )
  .map((r) => map(r));
const guard: fc.Arbitrary<Tree> = fc
  .record(
    {
      transmission: fc.integer({ min: 1, max: 4 }),
      action: fc.constantFrom('A', 'R', 'D'),
      psc: fc.boolean(),
      overrides: fc.oneof(fc.constantFrom('none', 'any'), fc.array(fc.constantFrom(...OVERRIDES), { minLength: 1, maxLength: 3 }).map((seq): Tree => ({ seq }))),
    },
    { requiredKeys: [] },
  )
  .map((r) => map(r));
const step: fc.Arbitrary<Tree> = fc.record({ when: fc.option(guard, { nil: undefined }), answer, note: fc.option(printable(30), { nil: undefined }) }).map((r) => map(r));
const matchValue: fc.Arbitrary<Tree> = fc.oneof(
  fc.constantFrom('12-3456789AB', '98-7654321AB', '8471300100', '01', 'CN', 'SAMPLE ADD', 'B76'),
  fc.constantFrom('12-', '8471', '0', 'SAMPLE').map((prefix) => map({ prefix })),
  fc.constantFrom('^12-', '^8471', '.*', '[0-9]+', 'AB$', '^(01|11)$').map((regex) => map({ regex })),
  fc.constantFrom('12-3456789AB', '01').map((equals) => map({ equals })),
);
const matchKey = fc.constantFrom('importer', 'hts', 'entryType', 'countryOfOrigin', 'userText', 'filer', '11.importerNumber', '10.entryType', '50.hts', '40.countryOfOrigin');
const match: fc.Arbitrary<Tree> = fc.uniqueArray(fc.tuple(matchKey, matchValue), { maxLength: 3, selector: ([k]) => k }).map((pairs) => ({ map: pairs }));

/** A valid scenario file's tree, with the id and certification number given (they must be unique in a library). */
const scenario = (id: string, certification: string | undefined): fc.Arbitrary<Tree> =>
  fc
    .record({
      title: printable(60),
      description: fc.option(printable(200), { nil: undefined }),
      match: fc.option(match, { nil: undefined }),
      priority: fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }),
      steps: fc.array(step, { minLength: 1, maxLength: 4 }).map((seq): Tree => ({ seq })),
      afterLastStep: fc.option(fc.constantFrom('repeat-last', 'cycle', 'built-in'), { nil: undefined }),
    })
    .map((r) => map({ id, title: r.title, description: r.description, certification, match: r.match, priority: r.priority, steps: r.steps, afterLastStep: r.afterLastStep }));

// ---- broken and hostile documents ----

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];
const ODD_KEYS = [...FORBIDDEN, 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf', '<<', '', ' ', 'id', 'steps', 'answer', 'x'.repeat(2000)];
const junkScalar: fc.Arbitrary<Tree> = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.string({ unit: 'grapheme', maxLength: 20 }));
const junkTree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    junkScalar,
    fc.array(tie('tree'), { maxLength: 4 }).map((seq): Tree => ({ seq })),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 8 })), tie('tree')), { maxLength: 4 }).map((m): Tree => ({ map: m })),
  ),
})).tree;

/** Every mapping in a tree, by path, so an edit can reach any of them. */
function maps(n: Tree, path: number[] = []): number[][] {
  const here = isMap(n) ? [path] : [];
  const children = isSeq(n) ? n.seq : isMap(n) ? n.map.map(([, v]) => v) : [];
  return [...here, ...children.flatMap((c, i) => maps(c, [...path, i]))];
}

/** The tree with `edit` applied to the mapping at `path`. */
function editAt(n: Tree, path: readonly number[], edit: (m: { map: readonly (readonly [string, Tree])[] }) => Tree): Tree {
  if (path.length === 0) return isMap(n) ? edit(n) : n;
  const [i, ...rest] = path as [number, ...number[]];
  if (isSeq(n)) return { seq: n.seq.map((c, j) => (j === i ? editAt(c, rest, edit) : c)) };
  if (isMap(n)) return { map: n.map.map(([k, v], j) => [k, j === i ? editAt(v, rest, edit) : v] as const) };
  return n;
}

type Damage = { kind: 'add-key'; where: number; key: string; value: Tree } | { kind: 'replace'; where: number; entry: number; value: Tree } | { kind: 'drop'; where: number; entry: number };
const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('add-key' as const), where: fc.nat(), key: fc.constantFrom(...ODD_KEYS), value: junkTree }),
  fc.record({ kind: fc.constant('replace' as const), where: fc.nat(), entry: fc.nat(), value: junkTree }),
  fc.record({ kind: fc.constant('drop' as const), where: fc.nat(), entry: fc.nat() }),
);

function applyDamage(tree: Tree, d: Damage): Tree {
  const all = maps(tree);
  const path = all[d.where % all.length];
  if (!path) return tree;
  return editAt(tree, path, (m) => {
    if (d.kind === 'add-key') return { map: [...m.map, [d.key, d.value] as const] };
    if (m.map.length === 0) return m;
    const i = d.entry % m.map.length;
    if (d.kind === 'drop') return { map: m.map.filter((_, j) => j !== i) };
    return { map: m.map.map(([k, v], j) => [k, j === i ? d.value : v] as const) };
  });
}

/** Documents meant to hurt a YAML reader: alias bombs, deep nesting, huge scalars, cyclic aliases. */
const hazard: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 9 })).map(([levels, fan]) => {
    let doc = `a0: &a0 ["lol"]\n`;
    for (let i = 1; i < levels; i++) doc += `a${i}: &a${i} [${Array.from({ length: fan }, () => `*a${i - 1}`).join(', ')}]\n`;
    return `${doc}id: bomb\ntitle: Bomb\nsteps: [{answer: {conditions: *a${levels - 1}}}]\n`;
  }),
  fc.tuple(fc.integer({ min: 1, max: 6000 }), fc.constantFrom('[', '{a: ', '- ')).map(([depth, open]) => {
    // Block nesting costs its indentation: past ~1,600 levels the parser gives up anyway.
    if (open === '- ') return `id: deep\ntitle: Deep\nsteps:\n${Array.from({ length: depth % 2000 }, (_, i) => `${' '.repeat(i * 2)}- `).join('\n')}x\n`;
    const close = open === '[' ? ']' : '}';
    return `id: deep\ntitle: Deep\nsteps: [{answer: ${open.repeat(depth)}1${close.repeat(depth)}}]\n`;
  }),
  fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom('title', 'id', 'description', 'key')).map(([n, where]) =>
    where === 'key' ? `${'k'.repeat(n)}: 1\nid: big\n` : `id: ${where === 'id' ? 'a'.repeat(n) : 'big'}\ntitle: ${where === 'title' ? 'T'.repeat(n) : 'Big'}\n${where === 'description' ? `description: "${'d'.repeat(n)}"\n` : ''}steps: [{answer: {}}]\n`,
  ),
  fc.constantFrom(
    'id: p4\ntitle: P\nsteps: &a [*a]\n',
    'k: &k __proto__\nid: x\ntitle: t\nsteps: [{answer: {*k : {polluted: true}}}]\n',
    'k: &k constructor\nid: x\ntitle: t\nmatch: {*k : x}\nsteps: [{answer: {}}]\n',
    'id: x\ntitle: t\nmatch: {toString: x, hasOwnProperty: y}\nsteps: [{answer: {}}]\n',
    'id: !!js/function "function () {}"\ntitle: t\nsteps: [{answer: {}}]\n',
    '%YAML 1.1\n---\nid: x\ntitle: t\nbase: &b {outcome: accept}\nsteps: [{answer: {<<: *b}}]\n',
    '? [a, b]\n: x\nid: x\n',
    'id: x\n---\nid: y\n',
    '\uFEFFid: x\ntitle: t\nsteps: [{answer: {}}]\n',
    '',
  ),
);

/** Any text at all: YAML-ish characters, or a valid document cut and spliced at random. */
const garbage: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 300, unit: fc.constantFrom(...'\n \t:-?[]{}&*!|>\'"#%@`,ab1_<'.split('')) }),
  fc.string({ maxLength: 200, unit: 'grapheme' }),
  fc.string({ maxLength: 200, unit: 'binary' }),
  fc.tuple(scenario('cut', '123'), fc.nat(), fc.nat(), fc.string({ maxLength: 20 })).map(([tree, at, len, insert]) => {
    const doc = text(tree, { flow: false, quoteKeys: false });
    const i = at % (doc.length + 1);
    return doc.slice(0, i) + insert + doc.slice(i + (len % 10));
  }),
);

type Document = { text: string; valid: boolean; forbidden: string[] };
const style = fc.record({ flow: fc.boolean(), quoteKeys: fc.boolean() });
const document: fc.Arbitrary<Document> = fc.oneof(
  fc.tuple(scenario('fuzz', '777'), style).map(([tree, s]) => ({ text: text(tree, s), valid: true, forbidden: [] })),
  fc.tuple(scenario('fuzz', undefined), fc.array(damage, { minLength: 1, maxLength: 3 }), style).map(([tree, ds, s]) => {
    const damaged = ds.reduce(applyDamage, tree);
    const forbidden = JSON.stringify(damaged).match(/"(__proto__|constructor|prototype)",/g) ?? [];
    return { text: text(damaged, s), valid: false, forbidden };
  }),
  hazard.map((t): Document => ({ text: t, valid: false, forbidden: [] })),
  garbage.map((t): Document => ({ text: t, valid: false, forbidden: [] })),
);

/** The built-in prototypes, property by property, to see that nothing has been added or replaced. */
const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const snapshot = () => PROTOTYPES.map((p) => Object.getOwnPropertyNames(p).map((n) => [n, Object.getOwnPropertyDescriptor(p, n)?.value] as const));
function prototypesChanged(before: ReturnType<typeof snapshot>): string | undefined {
  const after = snapshot();
  for (let i = 0; i < PROTOTYPES.length; i++) {
    const a = before[i] ?? [];
    const b = after[i] ?? [];
    if (a.length !== b.length) return `a property was added to a built-in prototype: ${b.map(([n]) => n).filter((n) => !a.some(([m]) => m === n))}`;
    const changed = b.find(([n, v], j) => a[j]?.[0] !== n || a[j]?.[1] !== v);
    if (changed) return `built-in prototype property ${changed[0]} was replaced`;
  }
  return undefined;
}

t.test('the loader turns any text into a scenario or errors with line and column, never throws, never touches a prototype', async (t) => {
  const before = snapshot();
  const tally = { scenarios: 0, refused: 0 };
  fc.assert(
    fc.property(document, (doc) => {
      let result: ReturnType<typeof loadScenarioFile>;
      try {
        result = loadScenarioFile('fuzz.yaml', doc.text, catalog, applications);
      } catch (err) {
        throw new Error(`threw ${(err as Error).name}: ${(err as Error).message}`);
      }
      const polluted = prototypesChanged(before);
      if (polluted) throw new Error(polluted);
      if ('errors' in result) {
        tally.refused++;
        if (doc.valid) throw new Error(`a valid scenario refused: ${JSON.stringify(result.errors.slice(0, 3))}`);
        if (result.errors.length === 0) throw new Error('refused without an error');
        for (const e of result.errors) {
          if (e.file !== 'fuzz.yaml' || !Number.isInteger(e.line) || e.line < 1 || !Number.isInteger(e.column) || e.column < 1 || typeof e.message !== 'string' || e.message === '') {
            throw new Error(`an error without its place or message: ${JSON.stringify(e)}`);
          }
        }
        return;
      }
      tally.scenarios++;
      if (doc.forbidden.length > 0) throw new Error(`a document with ${doc.forbidden.join(' ')} keys was accepted`);
      if (result.scenario.steps.length === 0 || typeof result.scenario.id !== 'string') throw new Error('a scenario without an id or steps');
    }),
    { numRuns: RUNS },
  );
  t.pass(`${RUNS} runs: ${tally.scenarios} scenarios, ${tally.refused} refused`);
});

t.test('a prototype key anywhere in a scenario file, written or by alias, is refused by name', async (t) => {
  fc.assert(
    fc.property(scenario('fuzz', undefined), fc.nat(), fc.constantFrom(...FORBIDDEN), fc.boolean(), style, (tree, where, forbidden, byAlias, s) => {
      const all = maps(tree);
      const path = all[where % all.length] as number[];
      const damaged = editAt(tree, path, (m) => ({ map: [...m.map, [forbidden, { map: [['polluted', true]] }] as const] }));
      // By alias: the key is a reference to a scalar anchored in an entry of its own before (block style, so that entry can go first).
      let doc = text(damaged, byAlias ? { ...s, flow: false } : s);
      if (byAlias) doc = `key: &k ${forbidden}\n${doc.replace(new RegExp(`(^|[{,\\s])("${forbidden}"|${forbidden}):`, 'm'), '$1*k :')}`;
      const result = loadScenarioFile('fuzz.yaml', doc, catalog, applications);
      if (!('errors' in result)) throw new Error('accepted');
      if (!result.errors.some((e) => e.message === `the key "${forbidden}" is not allowed`)) throw new Error(`refused, but not by name: ${JSON.stringify(result.errors)}`);
      if (({} as Record<string, unknown>)['polluted'] !== undefined) throw new Error('Object.prototype polluted');
    }),
    { numRuns: RUNS },
  );
  t.pass(`${RUNS} runs`);
});

// ---- random libraries directing transmissions ----

interface LoadedStep {
  readonly answer: Answer;
}

const SAMPLES = ['ae-add-1-line.txt', 'ae-add-5-lines.txt', 'ae-add-for-psc.txt', 'ae-psc-replace.txt', 'ae-census-override.txt', 'ae-bad-check-digit.txt'];
const CERTIFICATIONS = ['101', '202', '303', '404', '505'];

const library = fc
  .integer({ min: 1, max: 5 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => fc.tuple(fc.boolean(), style).chain(([certified, s]) => scenario(`fuzz-${i}`, certified ? CERTIFICATIONS[i] : undefined).map((tree) => text(tree, s))))));
const transmission = fc.record({
  sample: fc.constantFrom(...SAMPLES),
  entry: fc.constantFrom('0830001', '0830002', '0830003'),
  action: fc.constantFrom('A', 'A', 'R', 'D'),
  userText: fc.option(fc.constantFrom(...CERTIFICATIONS, '999').map((c) => `SCENARIO ${c}`), { nil: undefined }),
  requested: fc.option(fc.constantFrom('fuzz-0', 'fuzz-1', 'fuzz-2', 'fuzz-4', 'no-such'), { nil: undefined }),
  arm: fc.option(fc.record({ scope: fc.constantFrom('session' as const, 'filer' as const), scenario: fc.constantFrom('fuzz-0', 'fuzz-3', 'gone'), count: fc.integer({ min: 1, max: 3 }) }), { nil: undefined }),
  session: fc.constantFrom('B76', 'trainer'),
});

t.test('random scenario libraries direct random transmissions: no throw, well-formed answers, the step honoured', async (t) => {
  const dir = scenarioDir({});
  const mock = testMock({ ACE_MOCK_SCENARIOS: dir, ACE_MOCK_RETENTION_MAX_EXCHANGES: '0', ACE_MOCK_RETENTION_DAYS: '0', ACE_MOCK_OUTBOX_LIMIT: '0' });
  t.teardown(() => mock.close());
  const tally = { exchanges: 0, scripted: 0, followUps: 0 };
  await fc.assert(
    fc.asyncProperty(library, fc.array(transmission, { minLength: 1, maxLength: 5 }), async (files, transmissions) => {
      for (const f of readdirSync(dir)) rmSync(join(dir, f));
      files.forEach((body, i) => writeFileSync(join(dir, `fuzz-${i}.yaml`), body));
      const reload = mock.scenarios.reload();
      if (!reload.applied) throw new Error(`a valid library was refused: ${JSON.stringify(reload.errors.slice(0, 3))}`);
      const scriptedCodes = new Set<string>();
      for (const s of mock.scenarios.scenarios) for (const st of s.steps) for (const c of st.answer.conditions) if (c.narrative !== undefined) scriptedCodes.add(c.code);

      for (const tx of transmissions) {
        if (tx.arm) mock.scenarioState.arm(tx.session, tx.arm.scope, tx.arm.scope === 'filer' ? 'B76' : '', tx.arm.scenario, tx.arm.count, new Date().toISOString());
        const body = sampleWith(tx.sample, tx.entry, { action: tx.action, ...(tx.userText !== undefined && { userText: tx.userText }) });
        const exchange = await processChecked(mock, body, { session: tx.session, scriptedCodes, ...(tx.requested !== undefined && { scenario: tx.requested }) });
        tally.exchanges++;
        let followUps = 0;
        for (const outcome of exchange.transactions) {
          if (outcome.scenario === undefined) {
            if (outcome.step !== undefined) throw new Error('a step without its scenario');
            continue;
          }
          const chosen = mock.scenarios.byIdOf(outcome.scenario) as (ScenarioFile & { steps: readonly LoadedStep[] }) | undefined;
          if (!chosen) throw new Error(`answered by scenario ${outcome.scenario}, which is not loaded`);
          if (outcome.step === undefined) continue;
          const st = chosen.steps[outcome.step - 1];
          if (!st) throw new Error(`scenario ${chosen.id} has no step ${outcome.step}`);
          tally.scripted++;
          if (st.answer.outcome === 'accept' && outcome.outcome !== 'accepted') throw new Error(`step ${outcome.step} of ${chosen.id} accepts, the answer is ${outcome.outcome}`);
          if (st.answer.outcome === 'reject' && outcome.outcome !== 'rejected') throw new Error(`step ${outcome.step} of ${chosen.id} rejects, the answer is ${outcome.outcome}`);
          if (outcome.outcome === 'accepted') followUps += st.answer.followUps.length;
        }
        if (exchange.followUps !== followUps) throw new Error(`${exchange.followUps} follow-ups queued, the accepted steps script ${followUps}`);
        tally.followUps += followUps;
        const queued = mock.db.prepare('SELECT records FROM outbox WHERE exchange_id = ?').all(exchange.id) as { records: string }[];
        if (queued.length !== followUps) throw new Error(`${queued.length} follow-ups in the outbox, ${followUps} expected`);
        for (const q of queued) if (!(JSON.parse(q.records) as string[]).every((r) => r.length === 80 && /^[\x20-\x7e]*$/.test(r))) throw new Error('a follow-up record is not 80 printable characters');
      }
    }),
    { numRuns: RUNS },
  );
  t.pass(`${RUNS} runs: ${tally.exchanges} exchanges, ${tally.scripted} answered by a scripted step, ${tally.followUps} follow-ups`);
});
