import { recordLayouts, type ScenarioSupport } from '../../scenarios/support.js';

/** The layout each SE record is read with: the cargo release's own (SE.<id>), not AE's records of the same ids. */
export const RELEASE_RECORDS = Object.fromEntries(
  ['SE10', 'SE11', 'SE13', 'SE15', 'SE16', 'SE17', 'SE20', 'SE30', 'SE31', 'SE35', 'SE36', 'SE40', 'SE41', 'SE50', 'SE51', 'SE55', 'SE56', 'SE60', 'SE61'].map((id) => [id, `SE.${id}`]),
);

/**
 * What scenarios for cargo releases (application SE) may use. Match keys name the SE records'
 * fields; a step may guard on the SE10 action (A, R, D, U); an answer may accept, reject or leave
 * the rules to decide, and point its conditions at the transaction (echoed after the SE10), a line
 * (its SE40) or a tariff (its SE60). The one entry mark is `underReview` (a CBP review pending, so
 * that a later replace or cancel is referred to CBP, SE-23..24). No Census warnings; no
 * notifications yet (the SO release notification is added on top of this application).
 */
export const CARGO_RELEASE_SCENARIOS: ScenarioSupport = {
  layoutOf: recordLayouts(RELEASE_RECORDS),
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
    countryOfOrigin: 'SE40.countryOfOrigin',
    hts: 'SE60.hts',
  },
  guards: ['action'],
  outcomes: ['accept', 'reject', 'rules'],
  targets: ['summary', 'line', 'tariff'],
  census: false,
  entryMarks: true,
  followUps: [],
  check(answer) {
    const marks = Object.keys(answer.entry ?? {}).filter((k) => k !== 'underReview');
    return marks.length > 0 ? `a cargo release keeps only the entry mark underReview, not ${marks.join(', ')}` : undefined;
  },
};
