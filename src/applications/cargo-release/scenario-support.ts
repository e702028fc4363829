import type { ScenarioSupport } from '../../scenarios/support.js';

/** The cargo release records, read with the layouts named after the application (SE.SE10 …), as the grammar names them, not AE's records of the same ids. */
const CARGO_RELEASE_RECORD = /^S[EF]\d\d$/;
/** The PGA records that follow an SE60 (PG-13), read with the shared PGA layouts. */
const PGA_RECORD = /^PG\d\d$/;

/**
 * What scenarios for ACE Cargo Release (SE → SX) may use. Match keys name any cargo release record
 * (`SE10.entryType`, `SE15.billNumber`, `SE60.hts`) or PGA record (`PG01.agencyCode`). A step may
 * guard on the action (A add, R replace, D cancel, U update, SE-32). Its outcome may accept, reject,
 * leave the rules to decide, or `review`: the transaction is referred to CBP staff, message-level
 * SE90 04 (SE-83). Its conditions become SE90s after the SE10 (`summary`), the line's SE40 or the
 * tariff's SE60 (SE-26..27). The one entry mark is `underReview` (a CBP review pending, so that a
 * later replace or cancel is referred to CBP, SE-23..24). No Census warnings. Its follow-ups are SO
 * release notifications (SE-17), sent when the transaction is accepted or referred; each changes
 * the release on file from its due time on, as its codes mean (notice-effects.ts).
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
  entryMarks: true,
  followUps: ['SO'],
  check(answer) {
    const marks = Object.keys(answer.entry ?? {}).filter((k) => k !== 'underReview');
    return marks.length > 0 ? `a cargo release keeps only the entry mark underReview, not ${marks.join(', ')}` : undefined;
  },
};
