import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlias, isCollection, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { responseApplication } from '../applications/application.js';
import type { Catalog } from '../catair/catalog.js';
import { type Answer, type ReleaseStatusScript, ScenarioFile, type Step, type UcFollowUp } from './format.js';
import { compileMatchers, type Matcher } from './match.js';
import type { ScenarioApplications, ScenarioSupport, TargetKind } from './support.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The shipped scenario library. */
export const DEFAULT_SCENARIO_DIR = fileURLToPath(new URL('../../scenarios', import.meta.url));

/** A scenario ready to use: its file's content, checked, with compiled matchers. */
export interface Scenario extends ScenarioFile {
  readonly file: string;
  readonly matchers: readonly Matcher[];
}

/** Why a scenario file was refused, with where to look. */
export interface ScenarioError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ScenarioSet {
  readonly scenarios: readonly Scenario[];
  readonly errors: readonly ScenarioError[];
  readonly loadedAt: string;
}

export function formatScenarioError(e: ScenarioError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

function scenarioFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    // A file removed while the folder is read (an editor's save, a checkout) is simply not there.
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) out.push(...scenarioFiles(path));
    else if (stat && (name.endsWith('.yaml') || name.endsWith('.yml'))) out.push(path);
  }
  return out;
}

/**
 * Reads every scenario file under `dir`. A file that is not valid YAML, does not match the format,
 * names codes, fields or patterns that do not exist, or uses what its application does not offer
 * (`applications`: the scenario support each implemented application declares) is refused with its
 * line and column; the others load. Ids and certification numbers must be unique across the library.
 */
export function loadScenarios(dir: string, catalog: Catalog, applications: ScenarioApplications): ScenarioSet {
  const scenarios: Scenario[] = [];
  const errors: ScenarioError[] = [];
  const ids = new Map<string, string>();
  const certifications = new Map<string, string>();
  for (const path of scenarioFiles(dir)) {
    const file = relative(process.cwd(), path) || path;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      errors.push({ file, line: 1, column: 1, message: `cannot be read: ${(err as Error).message}` });
      continue;
    }
    const result = loadScenarioFile(file, text, catalog, applications);
    if ('errors' in result) {
      errors.push(...result.errors);
      continue;
    }
    const { scenario } = result;
    const clash = ids.get(scenario.id);
    if (clash) {
      errors.push({ file, line: 1, column: 1, message: `id "${scenario.id}" is already used by ${clash}` });
      continue;
    }
    if (scenario.certification !== undefined && certifications.has(scenario.certification)) {
      errors.push({
        file,
        line: 1,
        column: 1,
        message: `certification ${scenario.certification} is already claimed by ${certifications.get(scenario.certification)}`,
      });
      continue;
    }
    ids.set(scenario.id, file);
    if (scenario.certification !== undefined) certifications.set(scenario.certification, file);
    scenarios.push(scenario);
  }
  return { scenarios, errors, loadedAt: new Date().toISOString() };
}

/** Checks one scenario file's text; returns the scenario or every problem found, each with its position. */
export function loadScenarioFile(
  file: string,
  text: string,
  catalog: Catalog,
  applications: ScenarioApplications,
): { scenario: Scenario } | { errors: ScenarioError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined, message: string): ScenarioError => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { file, line: pos.line, column: pos.col, message };
  };
  if (doc.errors.length > 0) return { errors: doc.errors.map((e) => at(e.pos[0], `not valid YAML: ${e.message.split('\n')[0]}`)) };
  // Scenario files are data: keys that reach for an object's prototype are refused, not dropped,
  // whether written out or reached through an alias (`*k :` with `&k __proto__` elsewhere).
  const forbidden: ScenarioError[] = [];
  let firstAlias: number | undefined;
  visit(doc, {
    Alias(_, alias) {
      firstAlias ??= alias.range?.[0];
    },
    Pair(_, pair) {
      const key = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      if (isScalar(key) && FORBIDDEN_KEYS.has(String(key.value))) {
        forbidden.push(at((isAlias(pair.key) ? pair.key : key).range?.[0], `the key "${String(key.value)}" is not allowed`));
      }
      // A list or mapping as a key (`? [a, b]`) means nothing in a scenario, and JavaScript would only stringify it.
      if (isCollection(key)) forbidden.push(at((isAlias(pair.key) ? pair.key : key).range?.[0], 'a key must be a word, not a list or mapping'));
    },
  });
  if (forbidden.length > 0) return { errors: forbidden };
  let content: unknown;
  try {
    // The yaml library refuses documents whose aliases expand past a limit (a "billion laughs").
    content = doc.toJS();
  } catch (err) {
    return { errors: [at(firstAlias, `cannot be read: ${(err as Error).message}`)] };
  }
  const parsed = ScenarioFile.safeParse(content);
  const nodeAt = (path: readonly PropertyKey[]): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return node.range[0];
    }
    return undefined;
  };
  if (!parsed.success) {
    return {
      errors: parsed.error.issues.map((i) => at(nodeAt(i.path), `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`)),
    };
  }
  const data = parsed.data;
  const support = applications.get(data.application);
  if (!support) {
    return { errors: [at(nodeAt(['application']), `application ${data.application} is not one ace-mock answers (${[...applications.keys()].join(', ')})`)] };
  }
  // Condition codes are looked up as the application's answer means them (CL's 006 is not AX's).
  const response = responseApplication(catalog, data.application);
  const problems: ScenarioError[] = [];
  data.steps.forEach((step, s) => {
    for (const [path, message] of unoffered(step, data.application, support)) problems.push(at(nodeAt(['steps', s, ...path]), message));
    step.answer.conditions.forEach((c, i) => {
      if (!catalog.dictionary.has(c.code, response) && c.narrative === undefined) {
        problems.push(at(nodeAt(['steps', s, 'answer', 'conditions', i, 'code']), `condition ${c.code} is not in the error dictionary: give its narrative`));
      }
    });
    step.answer.census.forEach((w, i) => {
      if (!catalog.codes('census-warnings').has(w.warning)) {
        problems.push(at(nodeAt(['steps', s, 'answer', 'census', i, 'warning']), `${w.warning} is not a Census warning (schemas/codes/census-warnings.yaml)`));
      }
    });
    step.answer.followUps.forEach((f, i) => {
      const problem = (path: (string | number)[], message: string) => problems.push(at(nodeAt(['steps', s, 'answer', 'followUps', i, ...path]), message));
      for (const [path, message] of f.type === 'SO' ? releaseStatusProblems(f, catalog, 'an SO follow-up') : ucFollowUpProblems(f, catalog)) problem(path, message);
    });
    const { releaseStatus } = step.answer;
    if (releaseStatus !== undefined) {
      for (const [path, message] of releaseStatusProblems(releaseStatus, catalog, 'a releaseStatus')) problems.push(at(nodeAt(['steps', s, 'answer', 'releaseStatus', ...path]), message));
    }
    const suspension = step.answer.entry?.suspension;
    if (suspension !== undefined && suspension !== 'none' && !catalog.codes('extension-suspension-statuses').has(suspension)) {
      problems.push(at(nodeAt(['steps', s, 'answer', 'entry', 'suspension']), `${suspension} is not an extension/suspension status code (schemas/codes/extension-suspension-statuses.yaml)`));
    }
    const delay = step.answer.delay;
    if (typeof delay === 'object' && delay.min > delay.max) {
      problems.push(at(nodeAt(['steps', s, 'answer', 'delay']), 'delay.min is more than delay.max'));
    }
  });
  const compiled = compileMatchers(data.match ?? {}, catalog, { id: data.application, support });
  for (const e of compiled.errors) problems.push(at(nodeAt(['match', e.key]), e.message));
  if (problems.length > 0) return { errors: problems };
  return { scenario: { ...data, file, matchers: compiled.matchers } };
}

/** Where a condition's `at` points, by kind. */
function targetKind(at: Answer['conditions'][number]['at']): TargetKind {
  if (typeof at === 'string') return at;
  return at.tariff === undefined ? 'line' : 'tariff';
}

/** The parts of a step its application does not offer, each with its path in the step and why. */
function unoffered(step: Step, application: string, support: ScenarioSupport): [(string | number)[], string][] {
  const out: [(string | number)[], string][] = [];
  const { when, answer } = step;
  for (const guard of ['action', 'psc', 'overrides'] as const) {
    if (when[guard] !== undefined && !support.guards.includes(guard)) out.push([['when', guard], `application ${application} offers no "${guard}" guard`]);
  }
  if (!support.outcomes.includes(answer.outcome)) {
    out.push([['answer', 'outcome'], `application ${application} offers no outcome "${answer.outcome}" (it offers ${support.outcomes.join(', ')})`]);
  }
  answer.conditions.forEach((c, i) => {
    const kind = targetKind(c.at);
    if (!support.targets.includes(kind)) out.push([['answer', 'conditions', i, 'at'], `application ${application} points conditions at ${support.targets.join(', ')}, not at a ${kind}`]);
  });
  if (answer.census.length > 0 && !support.census) out.push([['answer', 'census'], `application ${application} raises no Census warnings`]);
  if (answer.entry !== undefined && !support.entryMarks) out.push([['answer', 'entry'], `application ${application} keeps no entry marks`]);
  if (answer.releaseStatus !== undefined && !support.releaseStatus) out.push([['answer', 'releaseStatus'], `application ${application} reports no cargo release status`]);
  answer.followUps.forEach((f, i) => {
    if (!support.followUps.includes(f.type)) out.push([['answer', 'followUps', i, 'type'], `application ${application} sends no ${f.type} follow-ups`]);
  });
  const problem = support.check?.(answer);
  if (problem !== undefined) out.push([['answer'], problem]);
  return out;
}

type Problem = [(string | number)[], string];

/** The codes of a UC follow-up that its code lists do not hold. */
function ucFollowUpProblems(f: UcFollowUp, catalog: Catalog): Problem[] {
  const out: Problem[] = [];
  if (!catalog.codes('uc-dispositions').has(f.disposition)) out.push([['disposition'], `${f.disposition} is not a UC disposition type (schemas/codes/uc-dispositions.yaml)`]);
  if (f.reason !== undefined && !catalog.codes('uc-reasons').has(f.reason)) out.push([['reason'], `${f.reason} is not a UC reason code (schemas/codes/uc-reasons.yaml)`]);
  return out;
}

/**
 * What a release status (an SO follow-up, a CQ answer's `releaseStatus`, `what` naming it) names that
 * its code lists do not hold, or gives where its SO/WO records have no place for it.
 */
function releaseStatusProblems(f: ReleaseStatusScript, catalog: Catalog, what: string): Problem[] {
  const out: Problem[] = [];
  const unknown = (path: (string | number)[], code: string, list: string, what: string) => {
    if (!catalog.codes(list).has(code)) out.push([path, `${code} is not ${what} (schemas/codes/${list}.yaml)`]);
  };
  const dispositions = f.disposition === undefined ? [] : typeof f.disposition === 'string' ? [f.disposition] : f.disposition;
  // What the disposition codes allow with them (schemas/codes/cargo-release-dispositions.yaml).
  const list = catalog.codes('cargo-release-dispositions');
  const anyHas = (attribute: string) => dispositions.some((d) => list.get(d)?.[attribute] === true);
  const codesWith = (attribute: string) => list.codes.filter((d) => list.get(d)?.[attribute] === true).join(', ');
  dispositions.forEach((code, n) => unknown(typeof f.disposition === 'string' ? ['disposition'] : ['disposition', n], code, 'cargo-release-dispositions', 'a cargo release disposition code'));
  if (f.bill !== undefined) unknown(['bill'], f.bill, 'cargo-release-bill-dispositions', 'a bill match disposition code');
  if (f.releaseOrigin !== undefined) {
    unknown(['releaseOrigin'], f.releaseOrigin, 'cargo-release-release-origins', 'a release origin code');
    if (!anyHas('releaseDate')) out.push([['releaseOrigin'], `a release origin goes with disposition ${codesWith('releaseDate')} only (ACMQ-54)`]);
  }
  if (f.documentType !== undefined && !anyHas('documentType')) out.push([['documentType'], `a document type goes with a disposition that asks for a document (${codesWith('documentType')})`]);
  if (f.rejection !== undefined) {
    unknown(['rejection', 'reason'], f.rejection.reason, 'cargo-release-request-rejections', 'a request rejection reason');
    if (!anyHas('requestRejection')) out.push([['rejection'], `a rejection reason goes with a disposition that rejects a request (${codesWith('requestRejection')}; ACMQ-47)`]);
  }
  f.pga.forEach((p, n) => {
    const statuses = catalog.codes('pga-review-statuses');
    if (p.status === undefined && p.lineStatus === undefined) out.push([['pga', n], 'a PGA review needs a status (entry level) or a lineStatus']);
    if (p.status !== undefined) unknown(['pga', n, 'status'], p.status, 'pga-review-statuses', 'a PGA review status');
    if (p.lineStatus !== undefined) {
      const levels = statuses.get(p.lineStatus)?.['levels'];
      if (!Array.isArray(levels) || !levels.includes('line')) out.push([['pga', n, 'lineStatus'], `${p.lineStatus} is not a PGA line level status (schemas/codes/pga-review-statuses.yaml)`]);
      if (p.line === undefined) out.push([['pga', n, 'lineStatus'], 'a line level status needs the line it is about']);
    }
    if (p.reason !== undefined) {
      const allowed = catalog.codes('pga-status-reasons').get(p.reason)?.['statuses'];
      if (!Array.isArray(allowed)) out.push([['pga', n, 'reason'], `${p.reason} is not a PGA status reason (schemas/codes/pga-status-reasons.yaml)`]);
      else if (![p.status, p.lineStatus].some((s) => s !== undefined && allowed.includes(s))) out.push([['pga', n, 'reason'], `reason ${p.reason} goes with status ${allowed.join(' or ')}`]);
    }
    if (p.tariff !== undefined && p.line === undefined) out.push([['pga', n, 'tariff'], 'a tariff needs its line']);
  });
  if (dispositions.length === 0 && f.bill === undefined && f.pga.length === 0) out.push([[], `${what} needs a disposition, a bill code or a PGA review`]);
  return out;
}
