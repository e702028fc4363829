import type { Answer } from '../scenarios/format.js';
import type { FieldSource } from '../scenarios/match.js';
import type { GuardFacts } from '../scenarios/support.js';
import type { EntryKey } from './shared/entry-key.js';

/** What the scenario stage needs to know about one transaction to choose its answer. */
export interface DirectionRequest {
  /** The transaction's input application: only scenarios written for it answer it. */
  readonly application: string;
  /** The entry the transaction is about, in its session: steps are counted per entry, and an arm can name it. */
  readonly entry: EntryKey;
  /** The scenario the transport asked for (HTTP header or MQ property `X-ACE-Scenario`). */
  readonly requested?: string;
  readonly fields: FieldSource;
  /** What the step guards the application offers look at. */
  readonly facts: GuardFacts;
}

/** The scenario stage's decision: which scenario and step answer, and why (also when none does). */
export interface Direction {
  readonly scenario?: string;
  readonly step?: number;
  readonly reason: string;
  readonly answer?: Answer;
}

/** Chooses the scripted answer for a transaction, if any; the application applies it. */
export interface ScenarioDirector {
  direct(request: DirectionRequest): Direction;
}
