import { recordLayouts, type ScenarioSupport } from '../../scenarios/support.js';
import { OVERRIDE_RECORDS } from './grouping.js';

/**
 * What scenarios for stand-alone Census overrides may use. A step may guard on the override codes
 * the request carries; its conditions point at the request as a whole (the entry summary its CW01
 * names): one condition at most, since a CW03 carries one code; it answers every pair the built-in
 * rules accept, as CBP's entry-level codes (C02-C04, B30) do. `accept` answers every pair C01. No Census warnings, entry marks or
 * notifications: a CW answer has none.
 */
export const CENSUS_OVERRIDE_SCENARIOS: ScenarioSupport = {
  layoutOf: recordLayouts(OVERRIDE_RECORDS),
  aliases: {
    filer: 'B.filer',
    userText: 'B.userText',
    entryFiler: 'CW01.entryFiler',
    entryNumber: 'CW01.entryNumber',
    line: 'CW02.lineNumber',
  },
  guards: ['overrides'],
  outcomes: ['rules', 'accept'],
  targets: ['summary'],
  census: false,
  entryMarks: false,
  followUps: [],
  check: (answer) => (answer.conditions.length > 1 ? 'a CW answer lists one condition at most: a CW03 carries one code per pair' : undefined),
};
