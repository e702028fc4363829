import { type Catalog, SchemaError } from '../catair/catalog.js';
import type { Config } from '../config.js';
import type { ScenarioApplications } from '../scenarios/support.js';
import type { Application, ApplicationModule } from './application.js';
import { cargoRelease } from './cargo-release/index.js';
import type { CargoReleaseStore } from './cargo-release/release-store.js';
import { censusOverride } from './census-override/index.js';
import { type CensusQueryStore, censusQuery } from './census-query/index.js';
import { cargoStatusQuery } from './cargo-status-query/index.js';
import type { EntryStore } from './entry-summary/entry-store.js';
import type { EntryLife } from './entry-summary/entry-life/engine.js';
import { entrySummary } from './entry-summary/index.js';
import type { EntryFilings } from './entry-summary-query/filing-store.js';
import { entrySummaryQuery } from './entry-summary-query/index.js';
import type { ScenarioDirector } from './scenario-port.js';

/** What the server shares with every application it builds. */
export interface ApplicationEnvironment {
  readonly catalog: Catalog;
  /** The schemas folder, for an application's own data files (its grammar, the Census ranges …). */
  readonly schemas: string;
  readonly config: Config;
  /** What ace-mock keeps of each entry summary (SQLite): AE files it, CW clears its warnings, CJ and EQ read it. */
  readonly entries: EntryStore & CensusQueryStore;
  /** The accepted filings behind each entry summary, and the journaled transmissions that carried them (EQ reads them). */
  readonly filings: EntryFilings;
  /** The cargo release of each entry (SE files it; AE reads it and files it when certifying for cargo release). */
  readonly releases: CargoReleaseStore;
  /** The life of each entry summary after acceptance: payment, review, liquidation (entry-summary/entry-life). */
  readonly entryLife: EntryLife;
  readonly director: ScenarioDirector;
  /** Uniform in [0, 1), seeded, so scripted delay ranges repeat from run to run. */
  readonly random: () => number;
}

/**
 * The applications ace-mock answers: the one list. An application id here is offered; any other id
 * schemas/codes/application-ids.yaml knows is answered X13, not currently available (B&B-32).
 */
export const APPLICATIONS: readonly ApplicationModule<ApplicationEnvironment>[] = [entrySummary, censusOverride, censusQuery, cargoRelease, cargoStatusQuery, entrySummaryQuery];

/** The ids of the applications given (by default every registered one). */
export function applicationIds(modules: readonly ApplicationModule<unknown>[] = APPLICATIONS): ReadonlySet<string> {
  return new Set(modules.map((m) => m.id));
}

/** What scenario files may use for each application given (by default every registered one), as each declares it. */
export function scenarioApplications(modules: readonly ApplicationModule<unknown>[] = APPLICATIONS): ScenarioApplications {
  return new Map(modules.map((m) => [m.id, m.scenarios]));
}

/**
 * Fails at start-up when the data cannot carry an application the registry offers: its id must be
 * in schemas/codes/application-ids.yaml with the output application it answers with (`response`)
 * and the record that opens each of its transactions (`transactionStart`, for X0 TRNACT pointers).
 */
export function checkApplications(catalog: Catalog, modules: readonly ApplicationModule<unknown>[]): void {
  const file = 'schemas/codes/application-ids.yaml';
  const seen = new Set<string>();
  for (const { id } of modules) {
    if (seen.has(id)) throw new SchemaError(`src/applications/registry.ts: application ${id} is registered twice`);
    seen.add(id);
    const entry = catalog.codes('application-ids').get(id);
    if (!entry) throw new SchemaError(`${file}: application ${id} is implemented (src/applications/registry.ts) but not listed`);
    if (typeof entry['response'] !== 'string') throw new SchemaError(`${file}: application ${id} names no response (its output application id)`);
    if (typeof entry['transactionStart'] !== 'string') throw new SchemaError(`${file}: application ${id} is implemented but names no transactionStart`);
  }
}

/** Builds the applications given (by default every registered one), by input application id. */
export function buildApplications(
  env: ApplicationEnvironment,
  modules: readonly ApplicationModule<ApplicationEnvironment>[] = APPLICATIONS,
): ReadonlyMap<string, Application> {
  checkApplications(env.catalog, modules);
  return new Map(modules.map((m) => [m.id, m.create(env)]));
}
