import type { Direction, DirectionRequest, ScenarioDirector } from '../applications/scenario-port.js';
import type { ScenarioState } from '../store/scenario-state.js';
import type { Step } from './format.js';
import type { ScenarioLibrary } from './library.js';
import type { Scenario } from './load.js';
import type { GuardFacts } from './support.js';

/** CBP's certification convention: `SCENARIO nnn` in B 60-80, or `SCEN nnn` / `SCENARIO nnn` as the reference (AE: broker reference). */
const CERTIFICATION_TEXT = /SCENARIO\s*(\d{3})/;
const CERTIFICATION_REFERENCE = /^SCEN(?:ARIO)?\s*(\d{3})$/;

/**
 * Chooses the scenario for a transaction, in this order: an armed outcome, the scenario the
 * transport named, the certification number in the block's user text or the application's
 * reference field (AE: the broker reference), the scenarios' matchers; otherwise none (built-in
 * rules). Only a scenario written for the transaction's application answers it. Then picks the
 * step for this entry and records that the entry moved on.
 */
export class Director implements ScenarioDirector {
  constructor(
    private readonly library: ScenarioLibrary,
    private readonly state: ScenarioState,
  ) {}

  direct(req: DirectionRequest): Direction {
    const chosen = this.choose(req);
    if (!chosen.scenario) return { reason: chosen.reason };
    const { scenario } = chosen;
    const { session, filer, entryNumber } = req.entry;
    const n = this.state.progress(session, scenario.id, filer, entryNumber) + 1;
    const step = pickStep(scenario, n, req.facts);
    this.state.advance(session, scenario.id, filer, entryNumber);
    if (step === undefined) {
      const last = Math.max(0, ...scenario.steps.map((s) => s.when.transmission ?? 0));
      const why = last > 0 && n > last && scenario.afterLastStep === 'built-in' ? `transmission ${n} is past its steps` : `no step's guard holds for transmission ${n}`;
      return { scenario: scenario.id, reason: `${chosen.reason}; ${why}: built-in rules` };
    }
    const s = scenario.steps[step] as Step;
    return { scenario: scenario.id, step: step + 1, reason: `${chosen.reason}; step ${step + 1} for transmission ${n}`, answer: s.answer };
  }

  private choose(req: DirectionRequest): { scenario?: Scenario; reason: string } {
    const { session, filer, entryNumber } = req.entry;
    // An arm waits for a transaction of its scenario's application; one whose scenario is gone is used up.
    const forThis = (id: string) => (this.library.byIdOf(id)?.application ?? req.application) === req.application;
    const armed = this.state.take(session, filer, `${filer}${entryNumber}`, forThis);
    if (armed) {
      const scenario = this.library.byIdOf(armed.scenario);
      const reason = `armed for the ${armed.scope}${armed.scope === 'session' ? '' : ` ${armed.scopeValue}`} (${armed.remaining} left)`;
      return scenario ? { scenario, reason } : { reason: `${reason}, but scenario ${armed.scenario} is no longer loaded: built-in rules` };
    }
    if (req.requested !== undefined) {
      const scenario = this.library.byIdOf(req.requested);
      if (!scenario) return { reason: `X-ACE-Scenario names unknown scenario "${req.requested}": built-in rules` };
      if (scenario.application !== req.application) {
        return { reason: `X-ACE-Scenario names scenario "${req.requested}", which answers ${scenario.application}, not ${req.application}: built-in rules` };
      }
      return { scenario, reason: 'named by X-ACE-Scenario' };
    }
    const certification = this.certificationNumber(req);
    if (certification !== undefined) {
      const scenario = this.library.forCertification(certification);
      if (scenario?.application === req.application) return { scenario, reason: `certification scenario ${certification}` };
    }
    const matched = this.library.match(req.application, req.fields);
    if (matched) return { scenario: matched, reason: `matched ${matched.matchers.map((m) => m.describe).join(' and ')}` };
    return { reason: 'no scenario matched: built-in rules' };
  }

  private certificationNumber(req: DirectionRequest): string | undefined {
    for (const text of req.fields.valuesOf('B', 'userText')) {
      const m = CERTIFICATION_TEXT.exec(text);
      if (m) return m[1];
    }
    const reference = this.library.supportOf(req.application)?.certificationReference;
    const [recordId = '', field = ''] = reference?.split('.') ?? [];
    for (const ref of reference === undefined ? [] : req.fields.valuesOf(recordId, field)) {
      const m = CERTIFICATION_REFERENCE.exec(ref);
      if (m) return m[1];
    }
    return undefined;
  }
}

function guardHolds(step: Step, facts: GuardFacts): boolean {
  const g = step.when;
  const overrides = facts.overrides ?? [];
  if (g.action !== undefined && g.action !== facts.action) return false;
  if (g.psc !== undefined && g.psc !== facts.psc) return false;
  if (g.overrides === 'none' && overrides.length > 0) return false;
  if (g.overrides === 'any' && overrides.length === 0) return false;
  if (Array.isArray(g.overrides) && !g.overrides.some((o) => overrides.includes(o))) return false;
  return true;
}

/**
 * The step for the n-th transmission of an entry: the first whose guards hold (a `transmission`
 * guard must equal n). Past the last numbered step, `afterLastStep` decides: repeat the last step
 * that applies, cycle through the numbered steps again, or fall back to built-in rules.
 */
export function pickStep(scenario: Scenario, n: number, facts: GuardFacts): number | undefined {
  const numbered = scenario.steps.map((s) => s.when.transmission ?? 0);
  const last = Math.max(0, ...numbered);
  let effective = n;
  if (last > 0 && n > last) {
    if (scenario.afterLastStep === 'built-in') return undefined;
    effective = scenario.afterLastStep === 'cycle' ? ((n - 1) % last) + 1 : last;
  }
  const index = scenario.steps.findIndex((s) => (s.when.transmission === undefined || s.when.transmission === effective) && guardHolds(s, facts));
  return index < 0 ? undefined : index;
}
