import type { ScenarioSupport } from '../../scenarios/support.js';

/**
 * What scenarios for entry summaries may use: every part of the format. Match keys name any record
 * whose layout is named by its record id (the entry summary and PGA records, schemas/layouts);
 * `SCEN nnn` as the broker reference also names a certification scenario, as CBP's certification
 * package asks.
 */
export const ENTRY_SUMMARY_SCENARIOS: ScenarioSupport = {
  layoutOf: (recordId, catalog) => (catalog.hasLayout(recordId) ? catalog.layout(recordId) : undefined),
  aliases: {
    filer: 'B.filer',
    userText: 'B.userText',
    action: '10.actionCode',
    entryFiler: '10.entryFiler',
    entryNumber: '10.entryNumber',
    port: '10.port',
    brokerReference: '10.brokerReference',
    entryType: '10.entryType',
    modeOfTransport: '10.modeOfTransport',
    importer: '11.importerNumber',
    countryOfOrigin: '40.countryOfOrigin',
    hts: '50.hts',
  },
  certificationReference: '10.brokerReference',
  guards: ['action', 'psc', 'overrides'],
  outcomes: ['accept', 'reject', 'rules'],
  targets: ['summary', 'totals', 'line', 'tariff'],
  census: true,
  entryMarks: true,
  followUps: ['UC'],
};
