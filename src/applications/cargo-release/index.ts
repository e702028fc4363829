import type { Catalog } from '../../catair/catalog.js';
import { loadCheckedGrammar } from '../../catair/grammar.js';
import type { ApplicationModule } from '../application.js';
import type { EntryStore } from '../entry-summary/entry-store.js';
import type { ScenarioDirector } from '../scenario-port.js';
import { CargoReleaseApplication, SE } from './release-application.js';
import type { CargoReleaseStore } from './release-store.js';
import { CARGO_RELEASE_SCENARIOS } from './scenario-support.js';

/** What the server gives the Cargo Release application to build it. */
export interface CargoReleaseEnvironment {
  readonly catalog: Catalog;
  readonly schemas: string;
  readonly entries: EntryStore;
  readonly releases: CargoReleaseStore;
  readonly director: ScenarioDirector;
  readonly random: () => number;
}

/** SE → SX, with its grammar (schemas/grammar/cargo-release.yaml), over the entries AE shares. */
export const cargoRelease: ApplicationModule<CargoReleaseEnvironment> = {
  id: SE,
  scenarios: CARGO_RELEASE_SCENARIOS,
  create(env) {
    const grammar = loadCheckedGrammar(env.schemas, 'cargo-release', env.catalog);
    return new CargoReleaseApplication({ catalog: env.catalog, grammar, releases: env.releases, summaries: env.entries, director: env.director, random: env.random });
  },
};
