import { recordLayouts, type ScenarioSupport } from '../../scenarios/support.js';
import { QUERY_RECORDS } from './grouping.js';

/**
 * What scenarios for Entry Summary Queries may use. Each condition a step lists adds one JZ for
 * every entry the J1 records name (with its number), or one for a query that names none (a J2, a
 * refused query), after what the built-in rules answer unless `builtInRules: false`; the query's
 * outcome follows its conditions (`rules` only). With the built-in rules off a step must list a
 * condition: a query is always answered.
 */
export const ENTRY_SUMMARY_QUERY_SCENARIOS: ScenarioSupport = {
  layoutOf: recordLayouts(QUERY_RECORDS),
  aliases: {
    filer: 'B.filer',
    userText: 'B.userText',
    entryFiler: 'J1.entryFiler1',
    entryNumber: 'J1.entryNumber1',
    criteriaType: 'J2.criteriaType',
  },
  guards: [],
  outcomes: ['rules'],
  targets: ['summary'],
  census: false,
  entryMarks: false,
  followUps: [],
  check: (answer) =>
    answer.builtInRules === false && answer.conditions.length === 0 ? 'with builtInRules false, an EQ answer must list a condition: a query is always answered' : undefined,
};
