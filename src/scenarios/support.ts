import type { Catalog } from '../catair/catalog.js';
import type { Layout } from '../catair/layout.js';
import type { Answer } from './format.js';

/** What the step guards besides `transmission` look at, as the answering application reads it. */
export interface GuardFacts {
  /** The transaction's action code (AE: 10 record A, R or D). */
  readonly action?: string;
  /** A post-summary correction. */
  readonly psc?: boolean;
  /** The Census override codes the transaction carries (CW02 pairs with a warning). */
  readonly overrides?: readonly string[];
}

/** A step guard an application may offer; `transmission` is every application's. */
export type GuardName = keyof GuardFacts;

/** Where a scripted condition may point (`at`): the summary, the totals, a line, a tariff of a line. */
export type TargetKind = 'summary' | 'totals' | 'line' | 'tariff';

/**
 * What scenario files written for one application may use, declared by the application (its
 * module's `scenarios`): the loader refuses anything else with its line and column, and the
 * application gives each part its meaning when it answers (scenarios/README.md says which).
 */
export interface ScenarioSupport {
  /** The layout a match key's record is read with, undefined for a record the application does not read. B, the block header, is every application's. */
  layoutOf(recordId: string, catalog: Catalog): Layout | undefined;
  /** Short names for the fields scenarios match on most: alias → record.field. */
  readonly aliases: Readonly<Record<string, string>>;
  /** The field (record.field) whose `SCEN nnn` also names a certification scenario, besides B 60-80. */
  readonly certificationReference?: string;
  readonly guards: readonly GuardName[];
  /** The `outcome` values a step may give; `rules`, the default, should be one. */
  readonly outcomes: readonly Answer['outcome'][];
  /** Where its conditions may point. */
  readonly targets: readonly TargetKind[];
  /** Whether a step may raise Census warnings (`census`). */
  readonly census: boolean;
  /** Whether a step may mark the entry on file (`entry`). */
  readonly entryMarks: boolean;
  /** Whether a step may script the cargo release status its answer reports (`releaseStatus`); none when absent. */
  readonly releaseStatus?: boolean;
  /** The follow-up kinds a step may queue (`followUps[].type`). */
  readonly followUps: readonly Answer['followUps'][number]['type'][];
  /** A problem with an answer that the parts above cannot express (e.g. one that leaves nothing to answer with). */
  check?(answer: Answer): string | undefined;
}

/** The scenario support of every implemented application, by input application id. */
export type ScenarioApplications = ReadonlyMap<string, ScenarioSupport>;

/** The layouts of the records an application reads, by record id (for applications whose layout names are not their ids). */
export function recordLayouts(names: Readonly<Record<string, string>>): ScenarioSupport['layoutOf'] {
  return (recordId, catalog) => (Object.hasOwn(names, recordId) ? catalog.layout(names[recordId] as string) : undefined);
}
