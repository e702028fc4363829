import { type FSWatcher, watch } from 'node:fs';
import type { Logger } from 'pino';
import type { Catalog } from '../catair/catalog.js';
import { type FieldSource, matchesAll } from './match.js';
import { formatScenarioError, loadScenarios, type Scenario, type ScenarioError, type ScenarioSet } from './load.js';
import type { ScenarioApplications, ScenarioSupport } from './support.js';

const WATCH_DEBOUNCE_MS = 150;

/**
 * The loaded scenarios, swapped whole on reload. At start-up the good files load and the bad ones are
 * reported; on a later reload, any bad file keeps the previous set in force and reports the problem,
 * so a half-saved edit never leaves a trainer or a CI run with missing scenarios.
 */
export class ScenarioLibrary {
  private set: ScenarioSet;
  private byId = new Map<string, Scenario>();
  private byCertification = new Map<string, Scenario>();
  /** Each application's scenarios that have matchers (a scenario answers its own application only). */
  private matchable = new Map<string, MatchIndex>();
  private order = new Map<Scenario, number>();
  private lastErrors: readonly ScenarioError[];
  private watcher: FSWatcher | undefined;

  constructor(
    readonly dir: string,
    private readonly catalog: Catalog,
    private readonly applications: ScenarioApplications,
    private readonly logger: Logger,
  ) {
    this.set = loadScenarios(dir, catalog, applications);
    this.lastErrors = this.set.errors;
    this.index();
    for (const e of this.set.errors) logger.warn(`scenario refused: ${formatScenarioError(e)}`);
  }

  get scenarios(): readonly Scenario[] {
    return this.set.scenarios;
  }

  /** The problems of the last load or reload (empty when every file is good). */
  get errors(): readonly ScenarioError[] {
    return this.lastErrors;
  }

  get loadedAt(): string {
    return this.set.loadedAt;
  }

  byIdOf(id: string): Scenario | undefined {
    return this.byId.get(id);
  }

  forCertification(number: string): Scenario | undefined {
    return this.byCertification.get(number);
  }

  /** What scenarios of an application may use, as it declares it. */
  supportOf(application: string): ScenarioSupport | undefined {
    return this.applications.get(application);
  }

  /**
   * The scenario of the application whose matchers all match the transaction: highest priority
   * first, then file order. Exact matchers are looked up in an index, so the cost stays flat as the
   * library grows.
   */
  match(application: string, source: FieldSource): Scenario | undefined {
    const index = this.matchable.get(application);
    if (!index) return undefined;
    let best: Scenario | undefined;
    const consider = (s: Scenario): void => {
      if (best && (s.priority < best.priority || (s.priority === best.priority && (this.order.get(s) ?? 0) > (this.order.get(best) ?? 0)))) return;
      if (matchesAll(s.matchers, source)) best = s;
    };
    for (const [path, byValue] of index.exact) {
      const [recordId = '', field = ''] = path.split('.');
      for (const value of source.valuesOf(recordId, field)) for (const s of byValue.get(value) ?? []) consider(s);
    }
    for (const s of index.scanned) consider(s);
    return best;
  }

  /** Reads the folder again; returns whether the new set was taken. */
  reload(): { applied: boolean; errors: readonly ScenarioError[]; count: number } {
    const next = loadScenarios(this.dir, this.catalog, this.applications);
    this.lastErrors = next.errors;
    if (next.errors.length > 0) {
      for (const e of next.errors) this.logger.error(`scenario reload refused, previous set kept: ${formatScenarioError(e)}`);
      return { applied: false, errors: next.errors, count: this.set.scenarios.length };
    }
    this.set = next;
    this.index();
    this.logger.info(`scenarios reloaded: ${next.scenarios.length} from ${this.dir}`);
    return { applied: true, errors: [], count: next.scenarios.length };
  }

  /** Reloads on every change in the folder (debounced). */
  watch(): void {
    if (this.watcher) return;
    let timer: NodeJS.Timeout | undefined;
    this.watcher = watch(this.dir, { recursive: true }, (_event, name) => {
      if (name && !/\.ya?ml$/.test(name)) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        // The watcher's timer has no caller to report to: a failed reload is logged, the previous set kept.
        try {
          this.reload();
        } catch (err) {
          this.logger.error({ err }, `scenario reload failed, previous set kept: ${(err as Error).message}`);
        }
      }, WATCH_DEBOUNCE_MS);
    });
    this.watcher.on('error', (err) => this.logger.error({ err }, 'scenario folder watch failed'));
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private index(): void {
    this.byId = new Map(this.set.scenarios.map((s) => [s.id, s]));
    this.byCertification = new Map(this.set.scenarios.filter((s) => s.certification !== undefined).map((s) => [s.certification as string, s]));
    this.order = new Map(this.set.scenarios.map((s, i) => [s, i]));
    this.matchable = new Map();
    for (const s of this.set.scenarios) {
      if (s.matchers.length === 0) continue;
      let index = this.matchable.get(s.application);
      if (!index) this.matchable.set(s.application, (index = { exact: new Map(), scanned: [] }));
      const key = s.matchers.find((m) => m.exact !== undefined);
      if (!key) {
        index.scanned.push(s);
        continue;
      }
      const path = `${key.recordId}.${key.field}`;
      const byValue = index.exact.get(path) ?? new Map<string, Scenario[]>();
      byValue.set(key.exact as string, [...(byValue.get(key.exact as string) ?? []), s]);
      index.exact.set(path, byValue);
    }
  }
}

interface MatchIndex {
  /** Scenarios indexed by one of their exact matchers: path → value → scenarios. */
  readonly exact: Map<string, Map<string, Scenario[]>>;
  /** Scenarios whose matchers are all prefixes or patterns: tried one by one. */
  readonly scanned: Scenario[];
}
