import type { Direction, DirectionRequest, ScenarioDirector } from '../applications/scenario-port.js';
import type { ScenarioState } from '../store/scenario-state.js';
import type { Step } from './format.js';
import type { ScenarioLibrary } from './library.js';
import type { Scenario } from './load.js';

/** CBP's certification convention: `SCENARIO nnn` in B 60-80, or `SCEN nnn` / `SCENARIO nnn` as the broker reference. */
const CERTIFICATION_TEXT = /SCENARIO\s*(\d{3})/;
const CERTIFICATION_REFERENCE = /^SCEN(?:ARIO)?\s*(\d{3})$/;

/**
 * Chooses the scenario for a transaction, in this order: an armed outcome, the scenario the
 * transport named, the certification number in the block's user text or broker reference, the
 * scenarios' matchers; otherwise none (built-in rules). Then picks the step for this entry and
 * records that the entry moved on.
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
    const n = this.state.progress(req.session, scenario.id, req.filer, req.entryNumber) + 1;
    const step = pickStep(scenario, n, req);
    this.state.advance(req.session, scenario.id, req.filer, req.entryNumber);
    if (step === undefined) {
      const last = Math.max(0, ...scenario.steps.map((s) => s.when.transmission ?? 0));
      const why = last > 0 && n > last && scenario.afterLastStep === 'built-in' ? `transmission ${n} is past its steps` : `no step's guard holds for transmission ${n}`;
      return { scenario: scenario.id, reason: `${chosen.reason}; ${why}: built-in rules` };
    }
    const s = scenario.steps[step] as Step;
    return { scenario: scenario.id, step: step + 1, reason: `${chosen.reason}; step ${step + 1} for transmission ${n}`, answer: s.answer };
  }

  private choose(req: DirectionRequest): { scenario?: Scenario; reason: string } {
    const armed = this.state.take(req.session, req.filer, `${req.filer}${req.entryNumber}`);
    if (armed) {
      const scenario = this.library.byIdOf(armed.scenario);
      const reason = `armed for the ${armed.scope}${armed.scope === 'session' ? '' : ` ${armed.scopeValue}`} (${armed.remaining} left)`;
      return scenario ? { scenario, reason } : { reason: `${reason}, but scenario ${armed.scenario} is no longer loaded: built-in rules` };
    }
    if (req.requested !== undefined) {
      const scenario = this.library.byIdOf(req.requested);
      return scenario ? { scenario, reason: 'named by X-ACE-Scenario' } : { reason: `X-ACE-Scenario names unknown scenario "${req.requested}": built-in rules` };
    }
    const certification = this.certificationNumber(req);
    if (certification !== undefined) {
      const scenario = this.library.forCertification(certification);
      if (scenario) return { scenario, reason: `certification scenario ${certification}` };
    }
    const matched = this.library.match(req.fields);
    if (matched) return { scenario: matched, reason: `matched ${matched.matchers.map((m) => m.describe).join(' and ')}` };
    return { reason: 'no scenario matched: built-in rules' };
  }

  private certificationNumber(req: DirectionRequest): string | undefined {
    for (const text of req.fields.valuesOf('B', 'userText')) {
      const m = CERTIFICATION_TEXT.exec(text);
      if (m) return m[1];
    }
    for (const ref of req.fields.valuesOf('10', 'brokerReference')) {
      const m = CERTIFICATION_REFERENCE.exec(ref);
      if (m) return m[1];
    }
    return undefined;
  }
}

function guardHolds(step: Step, req: DirectionRequest): boolean {
  const g = step.when;
  if (g.action !== undefined && g.action !== req.action) return false;
  if (g.psc !== undefined && g.psc !== req.psc) return false;
  if (g.overrides === 'none' && req.overrides.length > 0) return false;
  if (g.overrides === 'any' && req.overrides.length === 0) return false;
  if (Array.isArray(g.overrides) && !g.overrides.some((o) => req.overrides.includes(o))) return false;
  return true;
}

/**
 * The step for the n-th transmission of an entry: the first whose guards hold (a `transmission`
 * guard must equal n). Past the last numbered step, `afterLastStep` decides: repeat the last step
 * that applies, cycle through the numbered steps again, or fall back to built-in rules.
 */
export function pickStep(scenario: Scenario, n: number, req: DirectionRequest): number | undefined {
  const numbered = scenario.steps.map((s) => s.when.transmission ?? 0);
  const last = Math.max(0, ...numbered);
  let effective = n;
  if (last > 0 && n > last) {
    if (scenario.afterLastStep === 'built-in') return undefined;
    effective = scenario.afterLastStep === 'cycle' ? ((n - 1) % last) + 1 : last;
  }
  const index = scenario.steps.findIndex((s) => (s.when.transmission === undefined || s.when.transmission === effective) && guardHolds(s, req));
  return index < 0 ? undefined : index;
}
