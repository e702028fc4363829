import type { Answer } from '../scenarios/format.js';
import type { FieldSource } from '../scenarios/match.js';

/** What the scenario stage needs to know about one transaction to choose its answer. */
export interface DirectionRequest {
  readonly session: string;
  readonly filer: string;
  readonly entryNumber: string;
  /** The scenario the transport asked for (HTTP header or MQ property `X-ACE-Scenario`). */
  readonly requested?: string;
  readonly fields: FieldSource;
  readonly action: string;
  readonly psc: boolean;
  /** Census override codes carried by the transaction (CW02). */
  readonly overrides: readonly string[];
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
