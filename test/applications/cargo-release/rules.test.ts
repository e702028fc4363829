import t from 'tap';
import { type ReleaseState, NOT_PROCESSED } from '../../../src/applications/cargo-release/release-store.js';
import { CARGO_RELEASE_RULES } from '../../../src/applications/cargo-release/rules/index.js';
import { contactRecord, recordsForAction } from '../../../src/applications/cargo-release/rules/action-records.js';
import { billGroupings, billQuantities, billsForMode, billsForType, nonAmsConveyance } from '../../../src/applications/cargo-release/rules/bills.js';
import { cancellation, disReference } from '../../../src/applications/cargo-release/rules/cancellation.js';
import { ftzLines, ftzSite, weeklyEntry } from '../../../src/applications/cargo-release/rules/ftz.js';
import { entryFiler, entryNumber, entryType, importer } from '../../../src/applications/cargo-release/rules/header.js';
import { immediateDelivery } from '../../../src/applications/cargo-release/rules/immediate-delivery.js';
import { layoutFields } from '../../../src/applications/cargo-release/rules/layout-fields.js';
import { entryValues, lineStructure, lineValues, tariffOrder } from '../../../src/applications/cargo-release/rules/lines.js';
import { partiesOnce, partyForms, requiredParties } from '../../../src/applications/cargo-release/rules/parties.js';
import { referenceForms, singleTransactionBond, typeReferences } from '../../../src/applications/cargo-release/rules/references.js';
import type { Rule, RuleContext } from '../../../src/applications/cargo-release/rules/rule.js';
import { actionOnFile } from '../../../src/applications/cargo-release/rules/state.js';
import { portWithSummary } from '../../../src/applications/cargo-release/rules/summary-on-file.js';
import { modeOfTransport, plannedPort, portOfUnlading } from '../../../src/applications/cargo-release/rules/transport.js';
import { unifiedIsf } from '../../../src/applications/cargo-release/rules/unified-isf.js';
import { warehouse } from '../../../src/applications/cargo-release/rules/warehouse.js';
import { edit, filing, fixtureDetails, ruleContext, se, txOf } from '../../helpers/cargo-release.js';
import { entry } from '../../helpers/census.js';
import { TEST_NOW } from '../../helpers/mock.js';

/** Each cargo release rule on small variations of the chapter's samples (test/fixtures/cargo-release). */

const N = entry(480901);
/** What a rule finds, as code@record. */
const run = (rule: Rule, details: readonly string[], ctx: RuleContext = ruleContext()): string[] =>
  rule(txOf(details), ctx).map((c) => `${c.code}@${c.record.text.slice(0, 4)}`);
const replace = (details: readonly string[], id: string, records: readonly string[]): string[] => {
  const at = details.findIndex((r) => r.startsWith(id));
  return [...details.slice(0, at), ...records, ...details.slice(at + 1)];
};
const without = (details: readonly string[], ...ids: string[]): string[] => details.filter((r) => !ids.some((id) => r.startsWith(id)));
const release = (over: Partial<ReleaseState> = {}, lifecycle: Partial<ReleaseState['lifecycle']> = {}): ReleaseState => ({
  status: 'accepted',
  origin: 'SE',
  entryType: '01',
  filed: { port: '2704', importer: '12-3456789AB', modeOfTransport: '11', bondType: '8', immediateDelivery: false, weeklyEntry: false, bills: ['MAEU12345'] },
  firstAcceptedAt: TEST_NOW.toISOString(),
  ...over,
  lifecycle: { ...NOT_PROCESSED, ...lifecycle },
});

t.test('every sample of the chapter passes every rule (test/fixtures/cargo-release README: all accepted)', async (t) => {
  for (const file of ['bond-type-9.txt', 'ftz-type-06.txt', 'hand-carried.txt', 'pga.txt', 'split-example-1.txt', 'split-example-2.txt', 'type-86.txt', 'unified-isf.txt']) {
    const details = fixtureDetails(file);
    t.same(CARGO_RELEASE_RULES.flatMap((rule) => run(rule, details)), [], file);
  }
});

t.test('layout fields: the known SX codes, else M10 blank and M11 invalid; SF records are the ISF answer\'s (SN)', async (t) => {
  t.same(run(layoutFields, edit(filing(N), 'SE10', { actionCode: '' })), ['001@SE10']);
  t.same(run(layoutFields, edit(filing(N), 'SE10', { actionCode: 'X' })), ['002@SE10']);
  t.same(run(layoutFields, edit(filing(N), 'SE10', { entryType: '' })), ['009@SE10']);
  t.same(run(layoutFields, edit(filing(N), 'SE10', { importerType: 'XX' })), ['012@SE10']);
  t.same(run(layoutFields, edit(filing(N), 'SE15', { quantity: '12AB' })), ['030@SE15']);
  t.same(run(layoutFields, edit(filing(N), 'SE10', { bondType: '' })), ['M10@SE10'], 'no SX code known for a blank bond type');
  t.same(run(layoutFields, edit(filing(N), 'SE10', { bondType: '7' })), ['M11@SE10']);
  t.same(run(layoutFields, edit(filing(N), 'SE13', { contactName: '' })), ['M10@SE13']);
  const isf = edit(fixtureDetails('unified-isf.txt'), 'SF10', { shipmentType: '99' });
  t.same(run(layoutFields, isf), [], 'SF10 shipment type is answered in SN (SE-28)');
});

t.test('SE10 header: filer = block filer (M12), entry number check digit (006), cargo release entry types (010)', async (t) => {
  t.same(run(entryFiler, filing(N), ruleContext({ blockFiler: 'C11' })), ['M12@SE10']);
  t.same(run(entryNumber, edit(filing(N), 'SE10', { entryNumber: N.slice(0, 7) + String((Number(N[7]) + 1) % 10) })), ['006@SE10']);
  t.same(run(entryNumber, edit(filing(N), 'SE10', { entryNumber: '1234567A' })), ['006@SE10']);
  t.same(run(entryType, edit(filing(N), 'SE10', { entryType: '31' })), ['010@SE10'], 'warehouse withdrawal: no cargo release (SE-33 note 2)');
  t.same(run(entryType, edit(filing(N), 'SE10', { entryType: '86' })), []);
});

t.test('importer of record: type and number together (011, 013), not required for a type 86 without PGA, formats (M48)', async (t) => {
  t.same(run(importer, edit(filing(N), 'SE10', { importerType: '' })), ['011@SE10']);
  t.same(run(importer, edit(filing(N), 'SE10', { importerNumber: '' })), ['013@SE10']);
  t.same(run(importer, edit(filing(N), 'SE10', { importerType: '', importerNumber: '' })), ['013@SE10'], 'required on a type 01');
  t.same(run(importer, edit(fixtureDetails('type-86.txt'), 'SE10', { importerType: '', importerNumber: '' })), [], 'type 86 without PGA data (SE-36 note 12)');
  t.same(run(importer, edit(filing(N), 'SE10', { importerNumber: '123456789' })), ['M48@SE10']);
  t.same(run(importer, edit(filing(N, 'D'), 'SE10', { importerType: '', importerNumber: '' })), [], 'a cancel need not repeat it');
});

t.test('action against the entry on file: 007, 008, M15, M18, M16, M17, 210 (SE-17, SE-23..25, SE-32)', async (t) => {
  t.same(run(actionOnFile, filing(N)), []);
  t.same(run(actionOnFile, filing(N), ruleContext({ release: release() })), ['007@SE10']);
  t.same(run(actionOnFile, filing(N), ruleContext({ release: release({ status: 'cancelled' }) })), ['007@SE10'], 'a cancelled number is not used again');
  t.same(run(actionOnFile, filing(N, 'R')), ['008@SE10']);
  t.same(run(actionOnFile, filing(N, 'R'), ruleContext({ release: release({ status: 'cancelled' }) })), ['M15@SE10']);
  t.same(run(actionOnFile, filing(N, 'D'), ruleContext({ release: release({}, { pendingRequest: 'correction' }) })), ['M18@SE10']);
  t.same(run(actionOnFile, filing(N, 'R'), ruleContext({ release: release({}, { arrived: true, releasedAt: TEST_NOW.toISOString() }) })), ['M16@SE10']);
  t.same(run(actionOnFile, filing(N, 'R'), ruleContext({ release: release({}, { releasedAt: TEST_NOW.toISOString() }) })), [], 'released before arrival: referred, not refused');
  const sixteenDaysAgo = new Date(TEST_NOW.getTime() - 16 * 86_400_000).toISOString();
  t.same(run(actionOnFile, filing(N, 'U'), ruleContext({ release: release({}, { releasedAt: sixteenDaysAgo }) })), ['M17@SE10']);
  const fifteenDaysAgo = new Date(TEST_NOW.getTime() - 15 * 86_400_000).toISOString();
  t.same(run(actionOnFile, filing(N, 'U'), ruleContext({ release: release({}, { releasedAt: fifteenDaysAgo }) })), [], 'the 15th day still counts');
  t.same(run(actionOnFile, filing(N, 'R'), ruleContext({ release: release({ entryType: '11' }) })), ['210@SE10']);
});

t.test('records an action may carry (M13) and the SE13 on every action (M14)', async (t) => {
  const d = filing(N, 'D');
  t.same(run(recordsForAction, d).filter((c) => c.startsWith('M13')).length, d.length - 2, 'a cancel: only SE10, SE13, SE20 (SE-24)');
  const update = fixtureDetails('update.txt');
  t.same(run(recordsForAction, update.slice(update.findIndex((r) => r.startsWith('SE10U')))), [], 'the update sample: SE10, SE11, SE13, SE15, SE17');
  t.same(run(recordsForAction, filing(N)), []);
  t.same(run(contactRecord, without(filing(N), 'SE13')), ['M14@SE10']);
});

t.test('cancellation data (SE-42..43): reason required (M19), none on other actions (M20), 12 weekly 06 only (M21), replacement numbers (M22), DIS reference (M23)', async (t) => {
  const cancel = (reason: string, extra: string[] = []) => [...edit(filing(N, 'D'), 'SE13', { reasonCode: reason }).slice(0, 2), ...extra];
  t.same(run(cancellation, cancel('')), ['M19@SE13']);
  t.same(run(cancellation, cancel('01')), []);
  t.same(run(cancellation, edit(filing(N), 'SE13', { reasonCode: '01' })), ['M20@SE13']);
  t.same(run(cancellation, cancel('12'), ruleContext({ release: release() })), ['M21@SE13']);
  t.same(run(cancellation, cancel('12'), ruleContext({ release: release({ entryType: '06', filed: { ...release().filed, weeklyEntry: true } }) })), []);
  t.same(run(cancellation, cancel('03')), ['M22@SE13']);
  t.same(run(cancellation, cancel('03', [se('SE20', { qualifier: 'EN', reference: `B76${entry(480902)}` })])), []);
  t.same(run(disReference, edit(cancel('01'), 'SE13', { disIndicator: '1' })), ['M23@SE13']);
  t.same(run(disReference, [...edit(cancel('01'), 'SE13', { disIndicator: '1' }), se('SE20', { qualifier: 'DIS', reference: 'DIS0001' })]), []);
});

t.test('transport: mode (M27), planned port of entry (M28), port of unlading (M29)', async (t) => {
  t.same(run(modeOfTransport, edit(filing(N), 'SE10', { modeOfTransport: '' })), ['M27@SE10']);
  t.same(run(modeOfTransport, edit(fixtureDetails('ftz-type-06.txt'), 'SE10', { modeOfTransport: '' })), [], 'type 06 without a bill (SE-36 note 11)');
  const noPort = (d: string[]) => edit(d, 'SE10', { plannedPortOfEntry: '' });
  t.same(run(plannedPort, noPort(filing(N))), [], 'type 01 with an AMS bill: derived');
  t.same(run(plannedPort, noPort(fixtureDetails('split-example-2.txt'))), ['M28@SE10'], 'with an in-bond (SE-18 rule 6)');
  t.same(run(plannedPort, noPort(fixtureDetails('pga.txt'))), ['M28@SE10'], 'with PGA data');
  t.same(run(plannedPort, noPort(fixtureDetails('hand-carried.txt'))), ['M28@SE10'], 'with a non-AMS bill');
  t.same(run(plannedPort, noPort(filing(N, 'D'))), ['M28@SE10'], 'on a cancel');
  t.same(run(plannedPort, noPort(edit(filing(N), 'SE10', { entryType: '23' }))), ['M28@SE10']);
  t.same(run(portOfUnlading, edit(fixtureDetails('hand-carried.txt'), 'SE10', { portOfUnlading: '' })), ['M29@SE10']);
});

t.test('bill groupings (M34) and quantities (030)', async (t) => {
  const inBondAlone = replace(filing(N), 'SE15', [se('SE15', { billType: 'I', billNumber: '123456789', nonAms: 'N' })]);
  t.same(run(billGroupings, inBondAlone), ['M34@SE15'], 'an in-bond is followed by its bill (SE-46)');
  const houseFirst = replace(filing(N), 'SE15', [se('SE15', { billType: 'H', issuerCode: 'MAEU', billNumber: 'H1', nonAms: 'N' }), se('SE15', { billType: 'M', issuerCode: 'MAEU', billNumber: 'M1', nonAms: 'N' })]);
  t.same(run(billGroupings, houseFirst), ['M34@SE15']);
  t.same(run(billQuantities, edit(filing(N), 'SE15', { quantity: '0' })), ['030@SE15'], 'above zero when given (SE-47 note 2)');
  const inBondQuantity = edit(fixtureDetails('split-example-2.txt'), 'SE15I', { quantity: '10' });
  t.same(run(billQuantities, inBondQuantity), ['030@SE15'], 'none on an in-bond');
  t.same(run(billQuantities, edit(fixtureDetails('split-example-2.txt'), 'SE15R', { quantity: '70' })), ['030@SE15', '030@SE15'], 'none beside split parts (SE-47 note 2)');
  t.same(run(billQuantities, edit(fixtureDetails('type-86.txt'), 'SE15', { quantity: '' })), ['030@SE15'], 'mandatory for type 86 (SE-50 note 11)');
});

t.test('bills by mode of transportation (cargo-release-mode-rules.yaml)', async (t) => {
  t.same(run(billsForMode, edit(filing(N), 'SE10', { modeOfTransport: '20' })), [], 'rail takes a regular bill with its issuer');
  t.same(run(billsForMode, edit(edit(filing(N), 'SE10', { modeOfTransport: '20' }), 'SE15', { billType: 'M' })), ['M30@SE15'], 'no master bill for rail (SE-49 note 8)');
  t.same(run(billsForMode, edit(filing(N), 'SE15', { billType: 'T' })), ['M30@SE15'], 'tracking numbers for air only');
  t.same(run(billsForMode, edit(filing(N), 'SE10', { modeOfTransport: '40' })), ['M31@SE15'], 'no issuer for air (SE-45)');
  t.same(run(billsForMode, edit(filing(N), 'SE15', { issuerCode: '' })), ['M32@SE15'], 'vessel bills carry the carrier');
  t.same(run(billsForMode, edit(filing(N), 'SE15', { issuerCode: 'UNKN' })), ['M31@SE15']);
  t.same(run(billsForMode, edit(filing(N), 'SE15', { billNumber: 'MAEU-12345' })), ['M11@SE15'], 'no hyphens in a bill number');
  t.same(run(billsForMode, edit(fixtureDetails('split-example-2.txt'), 'SE15I', { billNumber: '12345' })), ['M33@SE15']);
  t.same(run(billsForMode, edit(fixtureDetails('split-example-2.txt'), 'SE15I', { nonAms: 'Y' })), ['M35@SE15'], 'an in-bond is N (SE-48 note 5)');
  t.same(run(billsForMode, edit(fixtureDetails('hand-carried.txt'), 'SE15', { nonAms: 'N' })), ['M35@SE15'], 'mode 60 bills are non-AMS');
  t.same(run(billsForMode, edit(fixtureDetails('hand-carried.txt'), 'SE15', { billNumber: 'PASSENGER1' })), ['M38@SE15']);
  const pipeline = edit(edit(filing(N), 'SE10', { modeOfTransport: '70', portOfUnlading: '2704' }), 'SE15', { issuerCode: 'PIPE', billNumber: 'MAEU12345', nonAms: 'Y' });
  t.same(run(billsForMode, pipeline), ['M39@SE15'], 'the pipeline carrier\'s prefix (SE-48 note 4)');
  t.same(run(billsForMode, [...filing(N).slice(0, 1), se('SE11', { generalOrderNumber: 'GO1234' }), ...filing(N).slice(1)]), ['M35@SE15'], 'a general order number makes the bill non-AMS');
  t.same(run(nonAmsConveyance, edit(filing(N), 'SE15', { nonAms: 'Y' })), ['M14@SE15'], 'an SE16 follows a non-AMS bill (SE-49 note 6)');
});

t.test('bills by entry type: required (M37) except 22; 06 only in bond, 86 one bill and no T (M36)', async (t) => {
  t.same(run(billsForType, without(filing(N), 'SE15')), ['M37@SE10']);
  t.same(run(billsForType, edit(without(filing(N), 'SE15'), 'SE10', { entryType: '22' })), []);
  t.same(run(billsForType, [...fixtureDetails('ftz-type-06.txt').slice(0, 3), se('SE15', { billType: 'R', issuerCode: 'MAEU', billNumber: 'B1', nonAms: 'N' }), ...fixtureDetails('ftz-type-06.txt').slice(3)]), ['M36@SE15']);
  const two = [...fixtureDetails('type-86.txt').slice(0, 3), se('SE15', { billType: 'R', billNumber: '17612345686', quantity: '1', nonAms: 'N' }), ...fixtureDetails('type-86.txt').slice(3)];
  t.same(run(billsForType, two), ['M36@SE15'], 'two simple bills in a row are two bills (SE-50 note 12)');
  t.same(run(billGroupings, two), [], 'and no grouping problem');
});

t.test('references (SE-54..55): forms (M24), bond type 9 (M25), EDA for type 86 (M26)', async (t) => {
  const withRef = (qualifier: string, reference: string) => [...filing(N).slice(0, 3), se('SE20', { qualifier, reference }), ...filing(N).slice(3)];
  t.same(run(referenceForms, withRef('AMT', '090000')), ['M24@SE20'], 'no leading zeros');
  t.same(run(referenceForms, withRef('AMT', '90000')), []);
  t.same(run(referenceForms, withRef('EXP', 'N')), ['M24@SE20']);
  t.same(run(referenceForms, withRef('EDA', '133126')), ['M24@SE20']);
  t.same(run(referenceForms, withRef('EN', `B76${N}`)), []);
  t.same(run(referenceForms, withRef('EN', `B76${N.slice(0, 7)}${(Number(N[7]) + 1) % 10}`)), ['M24@SE20'], 'the replacement entry number\'s check digit');
  t.same(run(singleTransactionBond, edit(filing(N), 'SE10', { bondType: '9' })), ['M25@SE10']);
  t.same(run(singleTransactionBond, fixtureDetails('bond-type-9.txt')), []);
  t.same(run(typeReferences, without(fixtureDetails('type-86.txt'), 'SE20')), ['M26@SE10']);
});

t.test('parties (SE-56..58, SE-65..67)', async (t) => {
  const d = filing(N);
  t.same(run(partiesOnce, [...d.slice(0, 6), ...d.slice(3, 6), ...d.slice(6)]), ['M42@SE30'], 'the seller twice at header level');
  t.same(run(partyForms, without(d, 'SE35', 'SE55')), ['M43@SE30', 'M43@SE30', 'M43@SE50'], 'seller, buyer, manufacturer without street');
  t.same(run(partyForms, edit(d, 'SE30SE', { idQualifier: 'EI', identifier: '12-3456789AB' })), ['M44@SE30'], 'no identifier for a seller');
  t.same(run(partyForms, edit(d, 'SE30CN', { identifier: '123456789' })), ['M45@SE30']);
  t.same(run(partyForms, edit(d, 'SE30CN', { identifier: '-ABCDEFGHIJK' })), ['M46@SE30'], 'no encrypted consignee (SE-18 rule 8)');
  t.same(run(partyForms, edit(d, 'SE30CN', { entityName: 'JOHN SMITH', idQualifier: '', identifier: '' })), ['M44@SE30'], 'a named consignee only for 11 and 86');
  t.same(run(requiredParties, without(d, 'SE30BY', 'SE35151', 'SE36LOS')), ['M41@SE40'], 'no buyer');
  t.same(run(requiredParties, without(d, 'SE50', 'SE55', 'SE56')), ['M41@SE40'], 'no manufacturer on the line nor at header level');
  const t86 = fixtureDetails('type-86.txt');
  const cnOnLine = [...t86.slice(0, -1), se('SE50', { entityCode: 'CN', idQualifier: 'EI', identifier: '12-3456789AB' }), t86.at(-1) as string];
  t.same(run(requiredParties, cnOnLine), ['M47@SE50']);
});

t.test('lines (SE-62, SE-71..72)', async (t) => {
  t.same(run(lineStructure, edit(filing(N), 'SE40', { lineNumber: '2' })), ['M49@SE40']);
  t.same(run(lineStructure, without(filing(N), 'SE60')), ['M14@SE40']);
  t.same(run(lineStructure, without(filing(N), 'SE40', 'SE50', 'SE55', 'SE56', 'SE60')), ['M14@SE10']);
  const ch99After = [...filing(N), se('SE60', { hts: '9903881500' })];
  t.same(run(tariffOrder, ch99After), ['M54@SE60']);
  const tib = edit(filing(N), 'SE10', { entryType: '23' });
  t.same(run(tariffOrder, tib), ['M53@SE40'], 'a TIB line needs its 9813 pair (SE-71 note 1)');
  t.same(run(tariffOrder, replace(tib, 'SE60', [se('SE60', { hts: '9813005000' }), se('SE60', { hts: '7318158069', lineValue: '12000' })])), []);
  t.same(run(lineValues, edit(fixtureDetails('type-86.txt'), 'SE60', { lineValue: '' })), ['M50@SE60']);
  t.same(run(entryValues, edit(filing(N), 'SE10', { estimatedValue: '1000' })), ['119@SE10'], 'CSMS #63690754');
  t.same(run(entryValues, edit(fixtureDetails('type-86.txt'), 'SE10', { estimatedValue: '801' })), ['M51@SE10']);
  t.same(run(entryValues, edit(edit(fixtureDetails('type-86.txt'), 'SE10', { estimatedValue: '800' }), 'SE60', { lineValue: '800' })), ['M52@SE30'], 'a named consignee\'s lines total less than $800');
});

t.test('type 06 FTZ (SE-37..40, SE-63..64, SE-72)', async (t) => {
  const ftz = fixtureDetails('ftz-type-06.txt');
  t.same(run(ftzLines, without(ftz, 'SE41')), ['M14@SE40']);
  t.same(run(ftzLines, [...filing(N).slice(0, -1), se('SE41', { zoneStatus: 'P', quantity: '1' }), filing(N).at(-1) as string].filter((r) => r !== '')), []);
  t.same(run(ftzLines, edit(ftz, 'SE41', { zoneStatus: 'D' })), ['M56@SE41']);
  t.same(run(ftzLines, edit(ftz, 'SE41', { quantity: '0' })), ['M56@SE41']);
  t.same(run(ftzLines, [...ftz, se('SE61', { currentHts: '7318158069' })]), [], 'privileged foreign: an SE61 may follow');
  t.same(run(ftzLines, [...edit(ftz, 'SE41', { zoneStatus: 'N' }), se('SE61', { currentHts: '7318158069' })]), ['M55@SE61']);
  t.same(run(ftzSite, edit(ftz, 'SE11', { conveyanceOrFtz: 'ZONE 26' })), ['M57@SE11']);
  t.same(run(ftzSite, edit(ftz, 'SE11', { voyage: '123' })), ['M57@SE11']);
  t.same(run(ftzSite, without(ftz, 'SE11')), ['M57@SE10']);
  t.same(run(weeklyEntry, edit(ftz, 'SE11', { entryDateElection: 'W', electedEntryDate: '112826' })), [], 'three days ahead');
  t.same(run(weeklyEntry, edit(ftz, 'SE11', { entryDateElection: 'W', electedEntryDate: '120526' })), ['M58@SE11'], 'ten days ahead');
  t.same(run(weeklyEntry, edit(ftz, 'SE11', { entryDateElection: 'W' })), ['M58@SE11'], 'W without its date');
});

t.test('warehouse types (SE-35 note 9, SE-39 notes 2, 3): M59, 142, M60', async (t) => {
  const type = (ty: string, se11: Record<string, string> = {}) => [edit(filing(N), 'SE10', { entryType: ty })[0] as string, se('SE11', se11), ...filing(N).slice(1)];
  t.same(run(warehouse, type('21')), ['M59@SE11']);
  t.same(run(warehouse, type('21', { bondedWarehouse: 'W123' })), []);
  t.same(run(warehouse, type('01', { bondedWarehouse: 'W123' })), ['142@SE11']);
  t.same(run(warehouse, type('22', { bondedWarehouse: 'W123' })), ['M60@SE11']);
  t.same(run(warehouse, type('22', { bondedWarehouse: 'W123', originatingFiler: 'B76', originatingEntryNumber: entry(480903) })), []);
});

t.test('immediate delivery (SE-41 note 9): M61, M62', async (t) => {
  const withId = (d: string[], id = 'Y') => [d[0] as string, se('SE11', { immediateDelivery: id }), ...d.slice(1)];
  t.same(run(immediateDelivery, withId(filing(N))), []);
  t.same(run(immediateDelivery, withId(edit(filing(N), 'SE10', { entryType: '21' }))), ['M61@SE11'], 'not on warehouse types');
  t.same(run(immediateDelivery, withId(edit(filing(N), 'SE10', { bondType: '0' }))), ['M61@SE11'], 'needs a bond');
  t.same(run(immediateDelivery, withId(filing(N)), ruleContext({ summaryOnFile: true })), ['M61@SE11'], 'the entry first, then the summary');
  const asked = release({ filed: { ...release().filed, immediateDelivery: true } });
  t.same(run(immediateDelivery, withId(filing(N, 'R'), 'N'), ruleContext({ release: asked, summaryOnFile: true })), ['M62@SE11']);
  t.same(run(immediateDelivery, withId(filing(N, 'R'), 'N'), ruleContext({ release: asked })), [], 'before release and summary it may be withdrawn');
});

t.test('port change with the entry summary on file (SE-33): M63', async (t) => {
  const moved = edit(filing(N, 'U'), 'SE10', { plannedPortOfEntry: '2809' });
  t.same(run(portWithSummary, moved, ruleContext({ release: release(), summaryOnFile: true })), ['M63@SE10']);
  t.same(run(portWithSummary, moved, ruleContext({ release: release() })), []);
});

t.test('unified entry/ISF (SE-18 rules 9..11): M64, M40, M65', async (t) => {
  const isf = fixtureDetails('unified-isf.txt');
  t.same(run(unifiedIsf, edit(isf, 'SF10', { importerNumber: '98-7654321AB' })), ['M64@SF10']);
  t.same(run(unifiedIsf, edit(isf, 'SE15', { quantity: '50' })), ['M40@SE15']);
  t.same(run(unifiedIsf, edit(isf, 'SF10', { bondType: '8' })), ['M65@SF10']);
});
