import type { ScenarioSupport } from '../../scenarios/support.js';

/** The cargo release records, read with the layouts named after the application (SE.SE10 …), as the grammar names them. */
const CARGO_RELEASE_RECORD = /^S[EF]\d\d$/;
/** The PGA records that follow an SE60 (PG-13), read with the shared PGA layouts. */
const PGA_RECORD = /^PG\d\d$/;

/**
 * What scenarios for ACE Cargo Release (SE → SX) may use. Match keys name any cargo release record
 * (`SE10.entryType`, `SE15.billNumber`, `SE60.hts`, `SF10.importerNumber`) or PGA record
 * (`PG01.agencyCode`). A step may guard on the action (A add, R replace, D cancel, U update,
 * SE-32). Its outcome may also be `review`: the transaction is referred to CBP staff, message-level
 * SE90 04 (SE-83), as a replace or cancel becomes a correction or cancellation request (SE-23..24).
 * Its conditions become SE90s after the SE10 (`summary`), the line's SE40 or the tariff's SE60
 * (SE-26..27). Its follow-ups are SO release notifications (SE-17), sent when the transaction is
 * accepted or referred. No Census warnings and no entry marks: SX has neither.
 */
export const CARGO_RELEASE_SCENARIOS: ScenarioSupport = {
  layoutOf: (recordId, catalog) => {
    if (CARGO_RELEASE_RECORD.test(recordId) && catalog.hasLayout(`SE.${recordId}`)) return catalog.layout(`SE.${recordId}`);
    if (PGA_RECORD.test(recordId) && catalog.hasLayout(recordId)) return catalog.layout(recordId);
    return undefined;
  },
  aliases: {
    filer: 'B.filer',
    userText: 'B.userText',
    action: 'SE10.actionCode',
    entryFiler: 'SE10.entryFiler',
    entryNumber: 'SE10.entryNumber',
    entryType: 'SE10.entryType',
    importer: 'SE10.importerNumber',
    modeOfTransport: 'SE10.modeOfTransport',
    port: 'SE10.plannedPortOfEntry',
    bill: 'SE15.billNumber',
    reference: 'SE20.reference',
    countryOfOrigin: 'SE40.countryOfOrigin',
    hts: 'SE60.hts',
    agency: 'PG01.agencyCode',
  },
  guards: ['action'],
  outcomes: ['rules', 'accept', 'reject', 'review'],
  targets: ['summary', 'line', 'tariff'],
  census: false,
  entryMarks: false,
  followUps: ['SO'],
};
