import { recordLayouts, type ScenarioSupport } from '../../scenarios/support.js';
import { QUERY_RECORDS } from './grouping.js';

/**
 * What scenarios for Census warning queries may use. Each condition a step lists answers every
 * entry the query names with one more CJ2 condition row (once for a query that names none, such as
 * a date range), after the rows the built-in rules find in the entry state unless
 * `builtInRules: false`; the query's outcome follows its rows (`rules` only). With the built-in
 * rules off a step must list a condition: a query is always answered.
 */
export const CENSUS_QUERY_SCENARIOS: ScenarioSupport = {
  layoutOf: recordLayouts(QUERY_RECORDS),
  aliases: {
    filer: 'B.filer',
    userText: 'B.userText',
    entryFiler: 'CJ1.entryFiler',
    port: 'CJ1.port',
    entryNumber: 'CJ1.entryNumber1',
  },
  guards: [],
  outcomes: ['rules'],
  targets: ['summary'],
  census: false,
  entryMarks: false,
  followUps: [],
  check: (answer) =>
    answer.builtInRules === false && answer.conditions.length === 0 ? 'with builtInRules false, a CJ answer must list a condition: a query is always answered' : undefined,
};
