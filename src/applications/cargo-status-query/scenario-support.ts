import { recordLayouts, type ScenarioSupport } from '../../scenarios/support.js';
import { STATUS_QUERY_RECORDS } from './grouping.js';

/**
 * What scenarios for status queries (CQ → C1) may use. Match keys name WR1 fields or the aliases
 * below. Each condition a step lists refuses the query with one more error record (WR0, WSA or WSB,
 * as the query's kind asks), after those the built-in rules find unless `builtInRules: false`.
 * `releaseStatus` scripts what a query by entry number that no condition refuses reports: the
 * same parts as an SO follow-up (dispositions, bill code, PGA reviews …), written in WO records
 * dated when the query is answered, in place of what ace-mock reads from the release on file; an
 * entry ace-mock does not hold is then answered too, its WO10 naming only the filer and number.
 * The outcome follows the records (`rules` only). A step must list a condition or a status with
 * the built-in rules off: a query is always answered.
 */
export const STATUS_QUERY_SCENARIOS: ScenarioSupport = {
  layoutOf: recordLayouts(STATUS_QUERY_RECORDS),
  aliases: {
    filer: 'B.filer',
    userText: 'B.userText',
    entryFiler: 'WR1.entryFiler',
    entryNumber: 'WR1.entryNumber',
    inBond: 'WR1.inBondNumber',
    issuer: 'WR1.billIssuer',
    bill: 'WR1.billNumber',
    airWaybill: 'WR1.airWaybill',
  },
  guards: [],
  outcomes: ['rules'],
  targets: ['summary'],
  census: false,
  entryMarks: false,
  releaseStatus: true,
  followUps: [],
  check: (answer) =>
    answer.builtInRules === false && answer.conditions.length === 0 && answer.releaseStatus === undefined
      ? 'with builtInRules false, a CQ answer must list a condition or give a releaseStatus: a query is always answered'
      : undefined,
};
