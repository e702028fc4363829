import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { CensusRanges } from '../../../src/applications/entry-summary/census-ranges.js';
import { type EntryState, TRADE_CONTROL } from '../../../src/applications/entry-summary/entry-store.js';
import { loadTransactionGrammar } from '../../../src/catair/grammar.js';
import { groupEntrySummaries } from '../../../src/applications/entry-summary/grouping.js';
import { filedSummary } from '../../../src/applications/entry-summary/filed.js';
import { EntrySummaryOptions } from '../../../src/applications/entry-summary/options.js';
import { actionAgainstState } from '../../../src/applications/entry-summary/rules/action.js';
import { adcvdTotals } from '../../../src/applications/entry-summary/rules/adcvd-totals.js';
import { articleCharges } from '../../../src/applications/entry-summary/rules/article-charges.js';
import { bond } from '../../../src/applications/entry-summary/rules/bond.js';
import { releaseOnFile } from '../../../src/applications/entry-summary/rules/cargo-release.js';
import { NOT_PROCESSED, type ReleaseState } from '../../../src/applications/cargo-release/release-store.js';
import { censusOverrides } from '../../../src/applications/entry-summary/rules/census-overrides.js';
import { censusParameters } from '../../../src/applications/entry-summary/rules/census-parameters.js';
import { entryNumber } from '../../../src/applications/entry-summary/rules/entry-number.js';
import { entryType } from '../../../src/applications/entry-summary/rules/entry-type.js';
import { entryTypeRequirements } from '../../../src/applications/entry-summary/rules/entry-type-requirements.js';
import { feeTotals } from '../../../src/applications/entry-summary/rules/fee-totals.js';
import { filerAndPort } from '../../../src/applications/entry-summary/rules/filer-and-port.js';
import { importerNumber } from '../../../src/applications/entry-summary/rules/importer.js';
import { ENTRY_SUMMARY_RULES } from '../../../src/applications/entry-summary/rules/index.js';
import { layoutFields } from '../../../src/applications/entry-summary/rules/layout-fields.js';
import { lineItems } from '../../../src/applications/entry-summary/rules/lines.js';
import { missingGroups } from '../../../src/applications/entry-summary/rules/missing-groups.js';
import { parties } from '../../../src/applications/entry-summary/rules/parties.js';
import { paymentType } from '../../../src/applications/entry-summary/rules/payment-type.js';
import { pgaNumbering } from '../../../src/applications/entry-summary/rules/pga-numbering.js';
import { postSummaryCorrection } from '../../../src/applications/entry-summary/rules/psc.js';
import { quantityUom } from '../../../src/applications/entry-summary/rules/quantity-uom.js';
import { statementFields } from '../../../src/applications/entry-summary/rules/statement-fields.js';
import type { BlockFacts, Rule, RuleContext } from '../../../src/applications/entry-summary/rules/rule.js';
import { electronicSignature } from '../../../src/applications/entry-summary/rules/signature.js';
import { tariffNumbers } from '../../../src/applications/entry-summary/rules/tariff-numbers.js';
import { totals } from '../../../src/applications/entry-summary/rules/totals.js';
import type { EntrySummaryTx } from '../../../src/applications/entry-summary/transaction.js';
import { DEFAULT_SCHEMA_DIR, loadCatalog } from '../../../src/catair/catalog.js';

const catalog = loadCatalog();
const CENSUS_RANGES = CensusRanges.load(DEFAULT_SCHEMA_DIR);
const grammar = loadTransactionGrammar(DEFAULT_SCHEMA_DIR, 'entry-summary');
const samples = fileURLToPath(new URL('../../../scenarios/samples/', import.meta.url));
const NOW = new Date('2026-11-25T15:00:00.000Z');
const DAY_MS = 86_400_000;

function sampleDetails(file: string): string[] {
  const lines = readFileSync(samples + file, 'latin1').split('\n').filter((l) => l !== '');
  return lines.slice(lines.findIndex((l) => l.startsWith('B')) + 1, lines.findIndex((l) => l.startsWith('Y')));
}

const ONE_LINE = sampleDetails('ae-add-1-line.txt');
const FIVE_LINES = sampleDetails('ae-add-5-lines.txt');
const PSC = sampleDetails('ae-psc-replace.txt');
const CENSUS = sampleDetails('ae-census-override.txt');

const rec = (text: string): string => text.padEnd(80).slice(0, 80);
const put = (record: string, col: number, text: string): string => record.slice(0, col - 1) + text + record.slice(col - 1 + text.length);

/** Applies `edit` to every record whose id is `id`. */
const edit = (details: readonly string[], id: string, change: (r: string) => string): string[] =>
  details.map((r) => (r.startsWith(id) ? change(r) : r));
const without = (details: readonly string[], ...ids: string[]): string[] => details.filter((r) => !ids.some((id) => r.startsWith(id)));
/** Each record whose id is `id` replaced by `records` (none: removed). */
const replace = (details: readonly string[], id: string, ...records: string[]): string[] => details.flatMap((r) => (r.startsWith(id) ? records : [r]));
const insertAfter = (details: readonly string[], id: string, ...extra: string[]): string[] => {
  const at = details.findIndex((r) => r.startsWith(id));
  if (at < 0) throw new Error(`no ${id} record`);
  return [...details.slice(0, at + 1), ...extra, ...details.slice(at + 1)];
};

/** Groups a mutated sample into its one transaction; the mutation must not be a syntax problem. */
function txOf(details: readonly string[], allowSyntax = false): EntrySummaryTx {
  const block = { number: 1, header: { text: 'B  2704B76AE'.padEnd(80), position: 2 }, details: details.map((text, i) => ({ text, position: i + 3 })) };
  const { units, conditions } = groupEntrySummaries(block, grammar, catalog);
  if (conditions.length > 0 && !allowSyntax) throw new Error(`test data has syntax problems: ${conditions.map((c) => c.code).join(' ')}`);
  if (units.length !== 1) throw new Error(`expected one transaction, got ${units.length}`);
  return units[0]!;
}

const BLOCK: BlockFacts = { port: '2704', filer: 'B76' };

function ctx(over: { block?: BlockFacts; existing?: EntryState; release?: ReleaseState; options?: Record<string, unknown>; now?: Date } = {}): RuleContext {
  return {
    catalog,
    block: over.block ?? BLOCK,
    options: EntrySummaryOptions.parse(over.options ?? {}),
    census: CENSUS_RANGES,
    now: over.now ?? NOW,
    ...(over.existing && { existing: over.existing }),
    ...(over.release && { release: over.release }),
  };
}

function onFile(over: Partial<EntryState> = {}): EntryState {
  return {
    status: 'accepted',
    version: 100,
    brokerReference: 'REF000001',
    entryType: '01',
    pscOnFile: false,
    firstAcceptedAt: new Date(NOW.getTime() - 10 * DAY_MS).toISOString(),
    warnings: [],
    liquidated: false,
    underReview: false,
    filed: filedSummary(txOf(ONE_LINE), NOW.toISOString()),
    lifecycle: TRADE_CONTROL,
    ...over,
  };
}

/** The codes a rule raises. */
const run = (rule: Rule, details: readonly string[], c: RuleContext = ctx()): string[] => rule(txOf(details), c).map((x) => x.code);

/** A delete: only the 10 record, action D, with only the elements of ESF-133 (b) and the broker reference (1-35). */
const deleteOf = (details: readonly string[]): string[] => [rec(put(details[0]!, 3, 'D').slice(0, 35))];
/** A summary on file that CBP has taken over as far as a PSC needs: paid and scheduled for liquidation. */
const payable = (over: Partial<EntryState> = {}): EntryState =>
  onFile({ lifecycle: { ...TRADE_CONTROL, paid: true, liquidationScheduled: true }, ...over });
const setHeader = (details: readonly string[], col: number, text: string) => edit(details, '10', (r) => put(r, col, text));

/** The sample with the formal MPF its 89 totals reported on its line (62 499 34.64; ESF-161 usage note n). */
const WITH_MPF = insertAfter(without(ONE_LINE, '62'), '50', rec('62' + '499' + '00003464'));

t.test('rules/index lists every rule once, in order', async (t) => {
  t.same(ENTRY_SUMMARY_RULES, [
    layoutFields,
    entryNumber,
    filerAndPort,
    entryType,
    entryTypeRequirements,
    actionAgainstState,
    releaseOnFile,
    electronicSignature,
    paymentType,
    statementFields,
    importerNumber,
    parties,
    bond,
    postSummaryCorrection,
    lineItems,
    missingGroups,
    tariffNumbers,
    quantityUom,
    pgaNumbering,
    articleCharges,
    censusOverrides,
    censusParameters,
    totals,
    feeTotals,
    adcvdTotals,
  ]);
});

t.test('the samples pass every rule', async (t) => {
  for (const [name, details, c, expected] of [
    ['1 line', ONE_LINE, ctx(), []],
    ['5 lines', FIVE_LINES, ctx(), []],
    // The sample's unit value is below the range: the warning its CW02 record overrides.
    ['census override', CENSUS, ctx(), ['27C']],
    ['psc', PSC, ctx({ existing: payable() }), []],
  ] as const) {
    const tx = txOf(details);
    t.same(ENTRY_SUMMARY_RULES.flatMap((rule) => rule(tx, c)).map((x) => x.code), expected, name);
  }
});

t.test('layoutFields', async (t) => {
  t.same(run(layoutFields, ONE_LINE), [], 'the sample passes');
  const found = layoutFields(txOf(setHeader(ONE_LINE, 39, 'Y')), ctx());
  t.same(found.map((f) => [f.code, f.field, f.ref.kind]), [['B40', 'electronicSignature', 'summary']], 'B40 from the electronic-signatures code list');
  t.same(run(electronicSignature, setHeader(ONE_LINE, 39, 'Y')), [], 'B40 is the layout’s, not the signature rule’s');
  t.same(run(layoutFields, setHeader(ONE_LINE, 34, '  ')), ['B17'], 'missing entry type');
  t.same(run(layoutFields, setHeader(ONE_LINE, 34, '99')), ['B18'], 'unknown entry type from the code list');
  const line = layoutFields(txOf(edit(ONE_LINE, '40', (r) => put(r, 9, 'QQ'))), ctx());
  t.same(line.map((f) => [f.code, f.field, f.ref.kind]), [['408', 'countryOfOrigin', 'line']]);
  t.match(line[0]?.why, /^"QQ": .* is not a known [\w-]+ code$/, 'the why names the value and the code list it is not in');
  t.match(layoutFields(txOf(setHeader(ONE_LINE, 34, '  ')), ctx())[0]?.why, /is mandatory and blank/, 'and a missing field says so');
  const tariff = layoutFields(txOf(edit(ONE_LINE, '50', (r) => put(r, 14, '00000000X0'))), ctx());
  t.same(tariff.map((f) => [f.code, f.field, f.ref.kind]), [['438', 'duty', 'tariff']]);
  const totalsRec = layoutFields(txOf(edit(ONE_LINE, '90', (r) => put(r, 3, '0000000000A'))), ctx());
  t.same(totalsRec.map((f) => [f.code, f.ref.kind]), [['721', 'totals']]);
  t.same(run(layoutFields, edit(ONE_LINE, '11', (r) => put(r, 3, ' '.repeat(12)))), ['100'], 'missing importer number');
  const x40 = txOf(edit(ONE_LINE, '40', (r) => put(r, 25, 'ab')), true);
  t.equal(x40.lines[0]!.record.problems.length, 1, 'the line record has a problem');
  t.same(layoutFields(x40, ctx()), [], 'a problem with no condition (already X40 in grouping) is not repeated');
  const filler = txOf(setHeader(ONE_LINE, 8, 'Z'), true);
  t.same(layoutFields(filler, ctx()), [], 'data in filler (already X39) is not repeated');
});

t.test('entryNumber', async (t) => {
  t.same(run(entryNumber, ONE_LINE), [], 'B76-0324527-8 passes (Appendix E example)');
  t.same(run(entryNumber, setHeader(ONE_LINE, 9, '0324527A')), ['B15'], 'not numeric');
  t.same(run(entryNumber, setHeader(ONE_LINE, 9, '0324527 ')), ['B15'], 'seven digits');
  t.same(run(entryNumber, setHeader(ONE_LINE, 9, '03245279')), ['B16'], 'check digit mismatch');
  t.same(run(entryNumber, sampleDetails('ae-bad-check-digit.txt')), ['B16'], 'the bad-check-digit sample');
  t.same(run(entryNumber, setHeader(ONE_LINE, 9, '        ')), [], 'missing is left to the layout (B14)');
  const [c] = entryNumber(txOf(setHeader(ONE_LINE, 9, '03245279')), ctx());
  t.equal(c?.field, 'entryNumber');
  t.same(c?.ref, { kind: 'summary' });
  t.equal(c?.why, 'the check digit of B76 0324527 is 8, not 9', 'the why names the expected check digit');
});

t.test('filerAndPort', async (t) => {
  t.same(run(filerAndPort, ONE_LINE), [], 'entry filer and port match the block');
  t.same(run(filerAndPort, setHeader(ONE_LINE, 4, 'C77')), ['B53'], 'entry filer is not the processing filer');
  const remote = { ...BLOCK, remotePreparerFiler: 'B76' };
  t.same(run(filerAndPort, ONE_LINE, ctx({ block: remote })), [], 'remote filing: entry filer is the preparer filer');
  t.same(run(filerAndPort, setHeader(ONE_LINE, 4, 'C77'), ctx({ block: remote })), ['B12'], 'remote filing: B12 rather than B53');
  t.same(run(filerAndPort, ONE_LINE, ctx({ block: { ...BLOCK, remotePreparerFiler: 'C77' } })), ['B12'], 'remote preparer filer other than the entry filer');
  t.same(run(filerAndPort, setHeader(ONE_LINE, 4, 'C77'), ctx({ existing: payable() })), ['B53'], 'a conventional filing from another filer');
  t.same(run(filerAndPort, setHeader(PSC, 4, 'C77'), ctx({ existing: payable() })), [], 'ESF-185: a PSC may come from another filer (no B53)');
  t.same(run(filerAndPort, setHeader(PSC, 4, 'C77'), ctx({ block: remote })), ['B12'], 'a remotely filed PSC still needs the preparer filer');

  await t.test('B10: district by default (B&B-17), port as an option (dictionary B10)', async (t) => {
    const port = (p: string) => setHeader(ONE_LINE, 18, p);
    t.same(run(filerAndPort, port('2705')), [], 'port 2705 in a 2704 block: same district 27');
    t.same(run(filerAndPort, port('1106'), ctx({ block: { ...BLOCK, port: '1101' } })), [], 'B&B-17 example: 1106 in a 1101 block');
    t.same(run(filerAndPort, port('3001')), ['B10'], 'another district');
    t.same(run(filerAndPort, port('4601'), ctx({ block: { ...BLOCK, port: '1001' } })), [], 'districts 10 and 46 may be mixed');
    t.same(run(filerAndPort, port('4701'), ctx({ block: { ...BLOCK, port: '4601' } })), [], 'districts 46 and 47 may be mixed');
    t.same(run(filerAndPort, port('1101'), ctx({ block: { ...BLOCK, port: '1001' } })), ['B10'], 'district 11 is not among the mixable ones');
    t.same(run(filerAndPort, port('2705'), ctx({ options: { portMatch: 'port' } })), ['B10'], 'portMatch port: the port itself');
    t.same(run(filerAndPort, port('2704'), ctx({ options: { portMatch: 'port' } })), [], 'portMatch port: same port');
    t.same(run(filerAndPort, setHeader(port('3001'), 4, 'C77')), ['B53', 'B10']);
    t.same(
      filerAndPort(txOf(setHeader(port('3001'), 4, 'C77')), ctx()).map((c) => c.why),
      ["the 10 record names filer C77; the B record's filer is B76", "the 10 record names port 3001; the B record's is 2704"],
      'each why names both values',
    );
  });
});

t.test('entryType', async (t) => {
  t.same(run(entryType, ONE_LINE), [], 'type 01 passes');
  t.same(run(entryType, sampleDetails('ae-entry-type-86.txt')), ['B18'], 'type 86 (Section 321) sample');
  t.same(run(entryType, setHeader(ONE_LINE, 34, '86')), ['B18']);
  t.match(entryType(txOf(setHeader(ONE_LINE, 34, '86')), ctx())[0]?.why, /^entry type 86 \(.+\) is not filed as an entry summary$/);
  t.same(run(entryType, setHeader(ONE_LINE, 34, '09')), ['B18'], 'reconciliation summary');
  t.same(run(entryType, setHeader(ONE_LINE, 34, '11')), [], 'informal 11 is allowed');
  t.same(run(entryType, setHeader(ONE_LINE, 34, '99')), [], 'unknown code: left to the layout');
});

t.test('actionAgainstState', async (t) => {
  const strict = { actionPolicy: 'strict' };
  await t.test('delete', async (t) => {
    t.same(run(actionAgainstState, deleteOf(ONE_LINE), ctx({ existing: onFile() })), [], 'D of an accepted entry with only its 10 record');
    t.same(run(actionAgainstState, deleteOf(ONE_LINE)), ['B25'], 'D of an entry never filed');
    t.same(run(actionAgainstState, deleteOf(ONE_LINE), ctx({ existing: onFile({ status: 'deleted' }) })), ['B25'], 'D of a deleted entry');
    t.same(run(actionAgainstState, edit(ONE_LINE, '10', (r) => put(r, 3, 'D')), ctx({ existing: onFile() })), ['B24'], 'D with more than its 10 record');
    t.same(run(actionAgainstState, [put(ONE_LINE[0]!, 3, 'D'), ONE_LINE.find((r) => r.startsWith('90'))!], ctx({ existing: onFile() })), ['B24'], 'D with only a 90 record');
    t.same(run(actionAgainstState, edit(ONE_LINE, '10', (r) => put(r, 3, 'D'))), ['B25', 'B24']);
  });
  await t.test('delete: ESF-34 note 2 fields filled are B24', async (t) => {
    const existing = onFile();
    const signed = actionAgainstState(txOf(setHeader(deleteOf(ONE_LINE), 39, 'X')), ctx({ existing }));
    t.same(signed.map((c) => [c.code, c.field]), [['B24', 'electronicSignature']], 'electronic signature on a delete');
    t.same(run(actionAgainstState, setHeader(deleteOf(ONE_LINE), 51, '1'), ctx({ existing })), ['B24'], 'payment type on a delete');
    t.same(run(actionAgainstState, setHeader(deleteOf(ONE_LINE), 36, '40'), ctx({ existing })), ['B24'], 'mode of transport on a delete');
    t.same(run(actionAgainstState, setHeader(deleteOf(ONE_LINE), 70, 'Y'), ctx({ existing })), ['B24'], 'consolidated express indicator on a delete');
    t.same(run(actionAgainstState, setHeader(deleteOf(ONE_LINE), 22, '         '), ctx({ existing })), [], 'without a broker reference');
    t.same(run(actionAgainstState, deleteOf(ONE_LINE), ctx({ existing })), [], 'with a broker reference (ESF-26: no note 2)');
    t.same(run(actionAgainstState, setHeader(deleteOf(ONE_LINE), 65, 'Y'), ctx({ existing })), [], 'the PSC indicator is B43, not B24');
  });
  await t.test('conventional filings on a summary CBP has taken over', async (t) => {
    const lifecycle = (over: object) => onFile({ lifecycle: { ...TRADE_CONTROL, ...over } });
    const replace = setHeader(ONE_LINE, 3, 'R');
    t.same(run(actionAgainstState, deleteOf(ONE_LINE), ctx({ existing: onFile({ pscOnFile: true }) })), ['B54'], 'dictionary B54: a delete after a PSC');
    t.same(run(actionAgainstState, replace, ctx({ existing: lifecycle({ paid: true }) })), ['B29'], 'paid');
    t.same(run(actionAgainstState, replace, ctx({ existing: lifecycle({ statement: 'on' }) })), ['B29'], 'on a statement');
    t.same(run(actionAgainstState, replace, ctx({ existing: lifecycle({ statement: 'removed' }) })), [], 'taken off the statement');
    t.same(run(actionAgainstState, replace, ctx({ existing: lifecycle({ paid: true, cbpRejected: true }) })), [], 'ESF-132: replaced after a CBP rejection');
    t.same(run(actionAgainstState, deleteOf(ONE_LINE), ctx({ existing: lifecycle({ paid: true, cbpRejected: true }) })), ['B29'], 'ESF-132: never deleted once accepted by CBP');
    t.same(run(actionAgainstState, replace, ctx({ existing: lifecycle({ liquidationScheduled: true }) })), ['B30'], 'scheduled for liquidation');
    t.same(run(actionAgainstState, replace, ctx({ existing: onFile({ liquidated: true }) })), ['B30'], 'liquidated');
    t.same(run(actionAgainstState, replace, ctx({ existing: onFile({ underReview: true }) })), ['B29'], 'under CBP review');
  });
  await t.test('B35: add of an entry on file with another broker reference', async (t) => {
    t.same(run(actionAgainstState, ONE_LINE, ctx({ existing: onFile({ brokerReference: 'OTHER0001' }) })), ['B35']);
    t.same(run(actionAgainstState, ONE_LINE, ctx({ existing: onFile() })), [], 'same broker reference: a replace under cbp');
    t.same(run(actionAgainstState, setHeader(ONE_LINE, 3, 'R'), ctx({ existing: onFile({ brokerReference: 'OTHER0001' }) })), [], 'R may change the broker reference');
    t.same(run(actionAgainstState, ONE_LINE, ctx({ existing: onFile({ status: 'deleted', brokerReference: 'OTHER0001' }) })), [], 're-add of a deleted entry');
    t.same(run(actionAgainstState, ONE_LINE, ctx({ existing: onFile({ brokerReference: '' }) })), [], 'ESF-132: the initial filing had no broker reference');
  });
  await t.test('B54: non-PSC action on an entry with a PSC on file', async (t) => {
    t.same(run(actionAgainstState, setHeader(ONE_LINE, 3, 'R'), ctx({ existing: onFile({ pscOnFile: true }) })), ['B54']);
    t.same(run(actionAgainstState, ONE_LINE, ctx({ existing: onFile({ pscOnFile: true }) })), ['B54']);
    t.same(run(actionAgainstState, PSC, ctx({ existing: payable({ pscOnFile: true }) })), [], 'another PSC is allowed');
  });
  await t.test('M01/M02 only under actionPolicy strict', async (t) => {
    t.same(run(actionAgainstState, ONE_LINE, ctx({ existing: onFile(), options: strict })), ['M01'], 'A of an entry on file');
    t.same(run(actionAgainstState, ONE_LINE, ctx({ existing: onFile() })), [], 'cbp: A of an entry on file replaces it');
    t.same(run(actionAgainstState, ONE_LINE, ctx({ options: strict })), [], 'strict: A of a new entry');
    t.same(run(actionAgainstState, setHeader(ONE_LINE, 3, 'R'), ctx({ options: strict })), ['M02'], 'R of an unknown entry');
    t.same(run(actionAgainstState, setHeader(ONE_LINE, 3, 'R'), ctx({ options: strict, existing: onFile({ status: 'deleted' }) })), ['M02'], 'R of a deleted entry');
    t.same(run(actionAgainstState, setHeader(ONE_LINE, 3, 'R')), [], 'cbp: R of an unknown entry adds it');
    t.same(run(actionAgainstState, setHeader(ONE_LINE, 3, 'R'), ctx({ options: strict, existing: onFile() })), [], 'strict: R of an entry on file');
    t.same(run(actionAgainstState, PSC, ctx({ options: strict })), [], 'strict: a PSC of an unknown entry is left to B42');
    t.same(run(actionAgainstState, ONE_LINE, ctx({ existing: onFile({ brokerReference: 'OTHER0001' }), options: strict })), ['M01', 'B35']);
  });
});

t.test('electronicSignature', async (t) => {
  t.same(run(electronicSignature, ONE_LINE), [], 'signed with X');
  t.same(run(electronicSignature, setHeader(ONE_LINE, 39, ' ')), ['B39'], 'blank on an add');
  t.same(run(electronicSignature, setHeader(setHeader(ONE_LINE, 39, ' '), 3, 'R')), ['B39'], 'blank on a replace');
  t.same(run(electronicSignature, setHeader(deleteOf(ONE_LINE), 39, ' ')), [], 'a delete need not be signed');
  t.same(run(layoutFields, setHeader(ONE_LINE, 39, ' ')), [], 'blank is not B40');
});

t.test('importerNumber', async (t) => {
  const importer = (text: string) => edit(ONE_LINE, '11', (r) => put(r, 3, text.padEnd(12)));
  t.same(run(importerNumber, ONE_LINE), [], 'EIN with suffix');
  t.same(run(importerNumber, without(ONE_LINE, '11')), ['100'], 'no 11 record on an add');
  t.same(run(importerNumber, setHeader(without(ONE_LINE, '11'), 3, 'R')), ['100'], 'no 11 record on a replace');
  t.same(run(importerNumber, deleteOf(ONE_LINE)), [], 'a delete carries no 11 record');
  t.same(run(importerNumber, importer('123456789')), ['102'], 'no recognised format');
  t.match(importerNumber(txOf(importer('123456789')), ctx())[0]?.why, /^"123456789" has none of the importer number formats, e\.g\. "12-3456789AB", .*"252704-00001"$/, 'the why shows the value and the formats');
  for (const suffix of ['O1', 'I2', 'ZZ']) {
    t.same(run(importerNumber, importer(`12-3456789${suffix}`)), [], `EIN suffix ${suffix}: any of A-Z, 0-9 (ESF-136)`);
  }
  t.same(run(importerNumber, importer('12-3456789A ')), ['102'], 'EIN suffix with one blank position (ESF-136)');
  t.same(run(importerNumber, importer('123-45-6789')), [], 'SSN');
  t.same(run(importerNumber, importer('252704-00001')), [], 'CBP-assigned');
  t.same(run(importerNumber, importer('12-3456789')), [], 'EIN without suffix');
  t.same(run(importerNumber, importer('')), [], 'blank: left to the layout (100 as missing)');
  const [c] = importerNumber(txOf(importer('123456789')), ctx());
  t.equal(c?.field, 'importerNumber');
  t.equal(c?.record?.id, '11');
});

t.test('postSummaryCorrection', async (t) => {
  const existing = payable();
  const lifecycle = (over: object) => onFile({ lifecycle: { ...TRADE_CONTROL, ...over } });
  t.same(run(postSummaryCorrection, PSC, ctx({ existing })), [], 'the PSC sample on a paid summary scheduled for liquidation');
  t.same(run(postSummaryCorrection, ONE_LINE), [], 'a plain add');
  t.same(run(postSummaryCorrection, setHeader(deleteOf(PSC), 65, 'Y'), ctx({ existing })), ['B43'], 'PSC delete');
  t.same(run(postSummaryCorrection, PSC), ['B42'], 'PSC of an entry not on file');
  t.same(run(postSummaryCorrection, PSC, ctx({ existing: payable({ status: 'deleted' }) })), ['B42'], 'PSC of a deleted entry: not found');
  t.same(run(postSummaryCorrection, PSC, ctx({ existing: lifecycle({ paid: true, liquidationScheduled: true, cbpRejected: true }) })), ['B46'], 'awaiting the correction of a CBP rejection');

  await t.test('ESF-183: paid (B47) and scheduled for liquidation (B45)', async (t) => {
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: onFile() })), ['B47', 'B45'], 'just accepted: neither, in the order ESF-183 names them');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: lifecycle({ paid: true }) })), ['B45'], 'paid, not scheduled');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: lifecycle({ liquidationScheduled: true }) })), ['B47'], 'scheduled, not paid');
    const adcvd = onFile({ entryType: '03', lifecycle: { ...TRADE_CONTROL, paid: true } });
    t.same(run(postSummaryCorrection, setHeader(PSC, 34, '03'), ctx({ existing: adcvd })), [], 'ESF-183: an AD/CVD summary need not be scheduled');
    t.same(run(postSummaryCorrection, setHeader(PSC, 34, '03'), ctx({ existing: onFile({ entryType: '03' }) })), ['B47'], 'but must be paid');
  });
  await t.test('liquidation: B50 on or after the date, B51 within the margin', async (t) => {
    const liquidates = (days: number) =>
      payable({ lifecycle: { ...TRADE_CONTROL, paid: true, liquidationScheduled: true, liquidationDate: new Date(NOW.getTime() + days * DAY_MS).toISOString().slice(0, 10) } });
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: payable({ liquidated: true }) })), ['B50'], 'liquidated');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: liquidates(0) })), ['B50'], 'liquidation date is today');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: liquidates(-3) })), ['B50'], 'liquidation date passed');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: liquidates(15) })), ['B51'], 'dictionary B51: 15 days or fewer ahead');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: liquidates(16) })), [], '16 days ahead');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: liquidates(15), options: { pscLiquidationMarginDays: 14 } })), [], 'ESF-183 reading: within 14 days');
  });
  t.same(run(postSummaryCorrection, PSC, ctx({ existing: payable({ underReview: true }) })), ['B59'], 'PSC of an entry under CBP review');
  await t.test('dictionary B60, B69, B71: what CBP did to the summary', async (t) => {
    const marked = (over: Partial<EntryState['lifecycle']>, entryType = '01') => payable({ entryType, lifecycle: { ...payable().lifecycle, ...over } });
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: marked({ suspension: '46' }) })), ['B60'], 'liquidation suspended by court order');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: marked({ suspension: '65' }) })), ['B60'], 'subject to EAPA counts as a suspension');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: marked({ suspension: '44' }) })), [], 'B60 leaves out AD/CVD suspensions (43, 44, 45)');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: marked({ suspension: '49' }) })), [], 'an extension is not a suspension');
    const tib = setHeader(PSC, 34, '23');
    const closing = (days: number) => marked({ tibCloseDate: new Date(NOW.getTime() + days * DAY_MS).toISOString().slice(0, 10) }, '23');
    t.same(run(postSummaryCorrection, tib, ctx({ existing: closing(0) })), ['B69'], 'TIB closed on the day of the PSC');
    t.same(run(postSummaryCorrection, tib, ctx({ existing: closing(-5) })), ['B69'], 'TIB closed before');
    t.same(run(postSummaryCorrection, tib, ctx({ existing: closing(1) })), [], 'TIB closing tomorrow');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: marked({ tibCloseDate: '2026-01-01' }) })), [], 'a close date means nothing on a type 01');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: marked({ additionalDuty: true }) })), ['B71'], 'CBP added marking duty');
  });
  await t.test('B64: entry type changes a PSC may not make', async (t) => {
    const changed = (from: string, to: string, options: Record<string, unknown> = {}) =>
      run(postSummaryCorrection, edit(setHeader(PSC, 34, to), '35', (r) => put(r, 3, 'H02'.padEnd(15))), ctx({ existing: payable({ entryType: from }), options }));
    t.same(changed('01', '02'), [], '01 to 02: both consumption');
    t.same(changed('01', '52'), [], '01 to 52: both consumption');
    t.same(changed('31', '32'), [], '31 to 32: both withdrawals');
    t.same(changed('01', '23'), ['B64'], '01 to 23 (TIB)');
    t.same(changed('21', '01'), ['B64'], '21 (warehouse) to 01');
    t.same(changed('01', '31'), ['B64'], '01 to a withdrawal');
    t.same(changed('01', '23', { pscEntryTypeChange: 'entry' }), [], 'entry: 01 to 23 keeps an entry behind the summary');
    t.same(changed('01', '51', { pscEntryTypeChange: 'entry' }), ['B64'], 'entry: DCMA has no entry');
    t.same(changed('34', '21', { pscEntryTypeChange: 'entry' }), ['B64'], 'entry: a withdrawal has no entry');
  });
  const reconciled = payable({ filed: filedSummary(txOf(setHeader(ONE_LINE, 46, 'Y')), NOW.toISOString()) });
  t.same(run(postSummaryCorrection, PSC, ctx({ existing: reconciled })), ['B52'], 'summary filed with a reconciliation flag');
  t.same(run(postSummaryCorrection, PSC, ctx({ existing: payable({ entryType: '11' }) })), ['B49', '282'], 'informal summary on file (and the PSC changes its type)');
  const informal = setHeader(PSC, 34, '11');
  t.same(run(postSummaryCorrection, edit(informal, '35', (r) => put(r, 3, 'H02')), ctx({ existing })), ['B49'], 'PSC of type 11 (with an entry-type reason)');

  await t.test('B48: entry date more than pscWindowDays (269) ago', async (t) => {
    const entered = (days: number) => payable({ filed: { ...existing.filed, entryDate: new Date(NOW.getTime() - days * DAY_MS).toISOString().slice(0, 10) } });
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: entered(270) })), ['B48'], '270 days after the entry date');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: entered(269) })), [], 'exactly 269 days');
    t.same(run(postSummaryCorrection, PSC, ctx({ existing: entered(270), options: { pscWindowDays: 300 } })), [], 'a wider window');
    t.equal(existing.filed.entryDate, '2026-11-25', 'the entry date is the 11 record estimated entry date');
    t.equal(filedSummary(txOf(edit(ONE_LINE, '11', (r) => put(r, 42, '      '))), '2026-10-01T10:00:00.000Z').entryDate, '2026-10-01', 'else the first acceptance');
  });
  await t.test('ESF-184: port and importer as on file (B44, 286)', async (t) => {
    const port = postSummaryCorrection(txOf(setHeader(PSC, 18, '2705')), ctx({ existing }));
    t.same(port.map((c) => [c.code, c.field]), [['B44', 'port']]);
    const importer = postSummaryCorrection(txOf(edit(PSC, '11', (r) => put(r, 3, '98-7654321BN'))), ctx({ existing }));
    t.same(importer.map((c) => [c.code, c.record?.id, c.field]), [['286', '11', 'importerNumber']]);
  });
  await t.test('ESF-184: fields not allowed on a PSC', async (t) => {
    const fields = (details: readonly string[]) => postSummaryCorrection(txOf(details), ctx({ existing })).map((c) => [c.code, c.field]);
    t.same(fields(setHeader(PSC, 51, '1')), [['217', 'paymentType']], 'payment type');
    t.same(fields(setHeader(PSC, 52, '112526')), [['217', 'statementPrintDate']], 'statement print date');
    t.same(fields(setHeader(PSC, 60, '01')), [['217', 'statementClientBranch']], 'statement client branch');
    t.same(fields(setHeader(PSC, 40, 'A')), [['271', 'cargoReleaseCertification']], 'cargo release certification');
    t.same(fields(setHeader(PSC, 42, 'Y')), [['270', 'consolidatedSummary']], 'consolidated summary indicator');
    t.same(fields(setHeader(PSC, 44, 'Y')), [['272', 'liveEntry']], 'live entry indicator');
    t.same(fields(setHeader(PSC, 46, 'Y')), [['273', 'reconciliationFlag']], 'trade agreement reconciliation indicator');
    t.same(fields(setHeader(PSC, 47, '001')), [['274', 'reconciliationIssue']], 'reconciliation issue code');
    const firms = edit(PSC, '20', (r) => put(r, 17, 'H123'));
    t.same(fields(firms), [['280', 'locationOfGoods']], 'FIRMS code on a 20 record');
    const consolidated = insertAfter(PSC, '31', rec('32B76  03245930'));
    t.same(fields(consolidated), [['270', undefined]], 'a 32 record');
  });
  await t.test('ESF-185: the reasons fit the change (281, 282, 283)', async (t) => {
    const reasons = (details: readonly string[], codes: string) => edit(details, '35', (r) => put(r, 3, codes.padEnd(15)));
    t.same(run(postSummaryCorrection, reasons(PSC, 'H01'), ctx({ existing })), ['281'], 'entry-type reason, same type');
    t.same(run(postSummaryCorrection, reasons(PSC, 'H14H10'), ctx({ existing })), ['281'], 'H14 is an entry-type reason too');
    t.same(run(postSummaryCorrection, setHeader(PSC, 34, '03'), ctx({ existing })), ['282'], 'type changed, no entry-type reason');
    t.same(run(postSummaryCorrection, reasons(setHeader(PSC, 34, '03'), 'H02'), ctx({ existing })), [], 'type changed with H02');
    const consignee = edit(without(PSC, '35'), '11', (r) => put(r, 15, '12-3456789AC'));
    const lineReason = insertAfter(consignee, '62', rec('63L07'));
    t.same(run(postSummaryCorrection, lineReason, ctx({ existing })), ['283'], 'consignee changed, no 35 record');
    t.same(run(postSummaryCorrection, edit(PSC, '11', (r) => put(r, 15, '12-3456789AC')), ctx({ existing })), [], 'consignee changed, with H10');
    t.same(run(postSummaryCorrection, insertAfter(without(PSC, '35'), '62', rec('63L07')), ctx({ existing })), [], 'header unchanged: line reasons are enough');
  });

  t.same(run(postSummaryCorrection, without(PSC, '35'), ctx({ existing })), ['748'], 'no reason codes');
  const lineReason = insertAfter(without(PSC, '35'), '62', rec('63L07'));
  t.same(run(postSummaryCorrection, lineReason, ctx({ existing })), [], 'line reasons on a 63 record are enough');
  t.same(run(postSummaryCorrection, without(PSC, '36'), ctx({ existing })), ['287'], 'no explanation');
  t.same(run(postSummaryCorrection, without(PSC, '35', '36'), ctx({ existing })), ['748', '287']);

  const notPsc = setHeader(PSC, 65, ' ');
  t.same(run(postSummaryCorrection, without(notPsc, '36'), ctx({ existing })), ['284'], '35 record without PSC');
  t.same(run(postSummaryCorrection, without(notPsc, '35'), ctx({ existing })), ['277'], '36 record without PSC');
  const with63 = insertAfter(ONE_LINE, '62', rec('63L07'));
  const c580 = postSummaryCorrection(txOf(with63), ctx());
  t.same(c580.map((c) => [c.code, c.ref.kind]), [['580', 'line']], '63 record without PSC');
  t.same(run(postSummaryCorrection, insertAfter(notPsc, '62', rec('63L07')), ctx({ existing })), ['284', '277', '580']);
  t.same(run(postSummaryCorrection, setHeader(ONE_LINE, 66, 'Y')), ['276'], 'accelerated liquidation request on a conventional add');
});

t.test('missingGroups: a line without a 50 is 431 on that line (ESF-23 Tariff Grouping M; ESF-89)', async (t) => {
  t.same(run(missingGroups, ONE_LINE), [], 'the sample line has its 50');
  const tx = txOf(without(ONE_LINE, '50'));
  const found = missingGroups(tx, ctx());
  t.same(found.map((c) => [c.code, c.ref.kind]), [['431', 'line']]);
  t.equal(found[0]?.record, tx.lines[0]?.record, 'it points at the 40 record');
});

t.test('lineItems', async (t) => {
  const lineNo = (details: readonly string[], ...numbers: string[]) => {
    let i = 0;
    return details.map((r) => (r.startsWith('40') ? put(r, 5, numbers[i++]!) : r));
  };
  t.same(run(lineItems, FIVE_LINES), [], 'lines 001-005');
  t.same(run(lineItems, without(ONE_LINE, '40', '47', '50', '62')), ['400'], 'no line');
  t.same(run(lineItems, deleteOf(ONE_LINE)), [], 'a delete has no lines');
  const dup = lineItems(txOf(lineNo(FIVE_LINES, '001', '002', '002', '004', '005')), ctx());
  t.same(dup.map((c) => [c.code, c.ref.kind === 'line' ? c.ref.line.ordinal : 0]), [['518', 3]], 'duplicate points at the second occurrence');
  const ascending = { lineOrder: 'ascending' };
  t.same(run(lineItems, lineNo(FIVE_LINES, '001', '003', '002', '004', '005')), [], 'ESF-71 note 1: order not enforced by default');
  t.same(run(lineItems, lineNo(FIVE_LINES, 'C  ', 'A  ', '007', '002', 'B  ')), [], 'any unique identifiers, in any order');
  const down = lineItems(txOf(lineNo(FIVE_LINES, '001', '003', '002', '004', '005')), ctx({ options: ascending }));
  t.same(down.map((c) => [c.code, c.ref.kind === 'line' ? c.ref.line.ordinal : 0]), [['M03', 3]], 'lineOrder ascending: M03');
  t.same(run(lineItems, lineNo(FIVE_LINES, '001', '002', '002', '004', '005')), ['518'], 'duplicates are 518 by default');
  t.same(run(lineItems, lineNo(FIVE_LINES, '001', '002', '003', '004', '002'), ctx({ options: ascending })), ['518'], 'an earlier duplicate is 518, not M03');
  t.same(run(lineItems, lineNo(FIVE_LINES, '  9', ' 10', '011', '100', '101'), ctx({ options: ascending })), [], 'numeric comparison');
});

t.test('censusOverrides', async (t) => {
  const cw02 = (pairs: string) => edit(CENSUS, 'CW02', (r) => put(r, 10, pairs.padEnd(35)));
  t.same(run(censusOverrides, CENSUS), [], '27C overridden with 50 (allowed)');
  t.same(run(censusOverrides, cw02('27C0927D04')), [], 'two allowed overrides');
  const bad = censusOverrides(txOf(cw02('27C01')), ctx());
  t.same(bad.map((c) => [c.code, c.field, c.ref.kind]), [['487', 'override1', 'line']], '01 is not allowed for 27C');
  t.same(run(censusOverrides, cw02('27C5027P51')), [], '51 allowed for 27P');
  t.same(run(censusOverrides, cw02('27C5027A51')), ['487'], '51 not allowed for 27A');
  const twice = censusOverrides(txOf(cw02('27C5027C09')), ctx());
  t.same(twice.map((c) => [c.code, c.field]), [['488', 'warning2']], 'a warning overridden twice');
  t.same(run(censusOverrides, cw02('27C5027C01')), ['488', '487']);
  t.same(run(censusOverrides, cw02('ZZZ50')), [], 'unknown warning: left to the layout (484)');
  t.same(run(censusOverrides, cw02('27CZZ')), [], 'unknown override: left to the layout (486)');
  const noOverride = censusOverrides(txOf(cw02('27C5027D  ')), ctx());
  t.same(noOverride.map((c) => [c.code, c.field]), [['486', 'override2']], 'dictionary 486: a second warning without its override code');
  t.same(run(censusOverrides, cw02('27C  ')), [], 'the first pair: left to the layout (its missing code is 486)');
});

t.test('censusParameters', async (t) => {
  // The sample tariff: HTS 8471300100, value $10,000, 10.00 NO → $1,000 per unit; range 50-5000.
  const tariff = (hts: string, value: string, qty: string, uom: string) =>
    edit(ONE_LINE, '50', (r) => put(put(put(put(r, 3, hts), 25, value.padStart(10, '0')), 36, qty.padStart(12, '0')), 48, uom.padEnd(3)));
  t.same(run(censusParameters, ONE_LINE), [], 'the sample is inside its range');
  const low = censusParameters(txOf(tariff('8471300100', '10', '1000', 'NO')), ctx());
  t.same(low.map((c) => [c.code, c.ref.kind, c.field]), [['27C', 'tariff', 'value']], '$1 per unit: below 50');
  t.same(run(censusParameters, tariff('8471300100', '1000000', '1000', 'NO')), ['27D'], '$100,000 per unit: above 5000');
  t.same(run(censusParameters, tariff('1205100090', '10000', '100000000', 'KG')), ['27C'], 'rapeseed at $0.01/kg (the CERT trigger)');
  t.same(run(censusParameters, tariff('1205100090', '10000', '2000000', 'KG')), [], 'rapeseed at $0.50/kg');
  t.same(run(censusParameters, tariff('8471300100', '10', '1000', 'KG')), [], 'another unit of measure has no range');
  t.same(run(censusParameters, tariff('8471300100', '10', '0', 'NO')), [], 'no quantity, no check');
  t.same(run(censusParameters, tariff('9999999999', '10', '1000', 'NO')), [], 'no range for the HTS');
});

t.test('totals', async (t) => {
  const duty = (cents: string) => edit(ONE_LINE, '50', (r) => put(r, 14, cents.padStart(10, '0')));
  const dutyTotal = (details: readonly string[], cents: string) => edit(details, '90', (r) => put(r, 3, cents.padStart(11, '0')));
  const feeTotal = (details: readonly string[], cents: string) => edit(details, '90', (r) => put(r, 15, cents.padStart(11, '0')));
  t.same(run(totals, ONE_LINE), [], 'the sample: no duty, fees 34.64');
  t.same(run(totals, without(ONE_LINE, '90')), ['701'], 'fee totals but no 90 record');
  t.same(run(totals, deleteOf(ONE_LINE)), [], 'a delete has no 90 record');
  const d = totals(txOf(dutyTotal(ONE_LINE, '1')), ctx());
  t.same(d.map((c) => [c.code, c.field, c.ref.kind]), [['722', 'dutyTotal', 'totals']], 'duty total off by a cent');
  t.equal(d[0]?.why, "the lines' duties add up to $0.00; the 90 record says $0.01", 'the why names both sums');
  t.same(run(totals, dutyTotal(duty('1234'), '1234')), [], 'duty 12.34 = total 12.34');
  const f = totals(txOf(feeTotal(ONE_LINE, '3465')), ctx());
  t.same(f.map((c) => [c.code, c.field, c.ref.kind]), [['726', 'feeTotal', 'totals']], 'fee total off by a cent');
  t.equal(f[0]?.why, "the 89 records' fees add up to $34.64; the 90 record says $34.65");
  t.same(run(totals, feeTotal(dutyTotal(ONE_LINE, '5'), '1')), ['722', '726']);

  await t.test('exact cent sums pass (no floating-point drift)', async (t) => {
    const tariff = put(ONE_LINE.find((r) => r.startsWith('50'))!, 14, '0000000010');
    const three = dutyTotal(replace(ONE_LINE, '50', tariff, tariff, tariff), '30');
    t.same(run(totals, three), [], '3 × 0.10 = 0.30');
    t.same(run(totals, dutyTotal(three, '31')), ['722'], 'and 0.31 is still a mismatch');
    const fees = edit(ONE_LINE, '89', () => rec('8949900000000010' + '49900000000020'));
    t.same(run(totals, feeTotal(fees, '30')), [], 'fees 0.10 + 0.20 = 0.30');
    t.same(run(totals, feeTotal(fees, '29')), ['726']);
    const lines = ['0000000010', '0000000020', '0000000030', '0000000007'].map((c) => put(tariff, 14, c));
    t.same(run(totals, dutyTotal(replace(ONE_LINE, '50', ...lines), '67')), [], '0.10 + 0.20 + 0.30 + 0.07 = 0.67');
  });
});

t.test('totals: the five grand totals are reported on an add or replace (ESF-133 c)', async (t) => {
  const blank = (details: readonly string[], col: number) => edit(details, '90', (r) => put(r, col, ' '.repeat(11)));
  const found = (details: readonly string[]) => totals(txOf(details), ctx()).map((c) => [c.code, c.field]);
  t.same(found(blank(ONE_LINE, 27)), [['723', 'taxTotal']], 'IR tax total blank');
  t.same(found(blank(blank(ONE_LINE, 39), 51)), [['728', 'adTotal'], ['729', 'cvdTotal']], 'AD and CV totals blank');
  t.same(found(blank(setHeader(ONE_LINE, 3, 'R'), 15)), [['725', 'feeTotal']], 'fee total blank on a replace');
  t.same(found(blank(ONE_LINE, 3)), [['721', 'dutyTotal']], 'duty total blank');
  t.same(found(blank(ONE_LINE, 63)), [], 'other revenue may stay blank (ESF-131)');
});

t.test('quantityUom: Unit of Measure Code (1) outside chapters 98 and 99 (439)', async (t) => {
  const tariff = (hts: string, uom: string) => edit(ONE_LINE, '50', (r) => put(put(r, 3, hts.padEnd(10)), 48, uom.padEnd(3)));
  t.same(run(quantityUom, ONE_LINE), [], 'the sample reports a UOM');
  const [c] = quantityUom(txOf(tariff('6109100012', '')), ctx());
  t.same([c?.code, c?.field, c?.ref.kind], ['439', 'uom1', 'tariff'], 'blank UOM (1) on a chapter 61 number');
  t.same(run(quantityUom, tariff('9903880301', '')), [], 'chapter 99 numbers are exempt (dictionary, 439)');
  t.same(run(quantityUom, tariff('9801001012', '')), [], 'chapter 98 numbers are exempt (dictionary, 439)');
  t.same(run(quantityUom, setHeader(tariff('6109100012', ''), 3, 'R')), ['439'], 'on a replace too');
});

/** The sample's one line with its 50 record repeated for each HTS number, in order. */
const tariffs = (...hts: string[]): string[] => {
  const tariff = ONE_LINE.find((r) => r.startsWith('50'))!;
  return replace(ONE_LINE, '50', ...hts.map((h) => put(tariff, 3, h.padEnd(10))));
};

t.test('tariffNumbers: each HTS number once per line (436, dictionary)', async (t) => {
  t.same(run(tariffNumbers, tariffs('8471300100', '6109100012')), [], 'two different numbers');
  const found = tariffNumbers(txOf(tariffs('8471300100', '6109100012', '8471300100')), ctx());
  t.same(found.map((c) => [c.code, c.field, c.ref.kind === 'tariff' && c.ref.tariff.ordinal]), [['436', 'hts', 3]], 'the repeat, on the third 50');
  t.same(run(tariffNumbers, tariffs('9802004040', '9903880301', '9802004040', '8471300100')), [], 'a 9802 number may repeat, not consecutively');
  t.same(run(tariffNumbers, tariffs('9802004040', '9802004040', '8471300100')), ['436'], 'but not in consecutive 50 records');
  t.same(run(tariffNumbers, deleteOf(tariffs('8471300100', '8471300100'))), [], 'a delete carries no lines to check');
});

t.test('tariffNumbers: chapter 98, then 99, then the commodity (852, dictionary)', async (t) => {
  t.same(run(tariffNumbers, tariffs('9802004040', '9903880301', '8471300100')), [], '98, 99, commodity');
  t.same(run(tariffNumbers, tariffs('9903880301', '9903880302', '8471300100')), [], 'no 98: 99s before the commodity');
  const found = tariffNumbers(txOf(tariffs('8471300100', '9903880301')), ctx());
  t.same(found.map((c) => [c.code, c.ref.kind === 'tariff' && c.ref.tariff.ordinal]), [['852', 2]], 'a 99 after the commodity: on the 99');
  t.same(run(tariffNumbers, tariffs('9903880301', '9802004040', '8471300100')), ['852'], 'the one 98 not first');
  t.same(run(tariffNumbers, tariffs('8471300100', '9802004040', '9802005060')), [], 'more than one 98: not checked');
  t.same(run(tariffNumbers, tariffs('8471300100', '6109100012')), [], 'commodities in any order');
});

t.test('totals: IR tax and other revenue grand totals are the sums of the 60 and 61 records (724, 768)', async (t) => {
  const taxTotal = (details: readonly string[], cents: string) => edit(details, '90', (r) => put(r, 27, cents.padStart(11, '0')));
  const otherTotal = (details: readonly string[], text: string) => edit(details, '90', (r) => put(r, 63, text));
  const tax = (cents: string) => rec('60' + '510' + cents.padStart(10, '0'));
  const other = (cents: string) => rec('61' + '672' + cents.padStart(10, '0'));
  // One 60 record per line (ESF-118): two lines, 001 and 002, each with its own.
  const line = ONE_LINE.filter((r) => r.startsWith('40') || r.startsWith('50'));
  const second = line.map((r) => (r.startsWith('40') ? put(r, 5, '002') : r));
  const withTax = insertAfter(ONE_LINE, '50', tax('1050'), ...second, tax('25'));
  t.same(run(totals, taxTotal(withTax, '1075')), [], '10.50 + 0.25 = 10.75');
  const found = totals(txOf(taxTotal(withTax, '1050')), ctx());
  t.same(found.map((c) => [c.code, c.field, c.ref.kind]), [['724', 'taxTotal', 'totals']], 'a total that leaves out a 60 record');
  t.same(run(totals, taxTotal(ONE_LINE, '1')), ['724'], 'a tax total with no 60 record');
  t.same(run(totals, edit(withTax, '90', (r) => put(r, 27, ' '.repeat(11)))), ['723'], 'a blank tax total is 723 only');
  const withOther = insertAfter(withTax, '60', other('700'));
  t.same(run(totals, otherTotal(taxTotal(withOther, '1075'), '00000000700')), [], 'other revenue 7.00 = 7.00');
  t.same(run(totals, otherTotal(taxTotal(withOther, '1075'), '00000000070')), ['768'], 'other revenue 0.70 ≠ 7.00');
  t.same(run(totals, otherTotal(taxTotal(withOther, '1075'), ' '.repeat(11))), ['768'], 'blank other revenue counts as zero (ESF-131)');
  t.same(run(totals, otherTotal(ONE_LINE, ' '.repeat(11))), [], 'blank with no 61 record is zero = zero');
});

t.test('adcvdTotals: AD/CVD totals by entry type (735, 744..747)', async (t) => {
  const type = (details: readonly string[], code: string) => setHeader(details, 34, code);
  const grand = (details: readonly string[], ad: string, cvd: string) =>
    edit(details, '90', (r) => put(put(r, 39, ad.padStart(11, '0')), 51, cvd.padStart(11, '0')));
  const with88 = (details: readonly string[], ...amounts: string[]) => {
    const at = details.findIndex((r) => r.startsWith('89'));
    const r88 = rec('88' + amounts.map((a) => a.padStart(11, '0')).join(' '));
    return [...details.slice(0, at), r88, ...details.slice(at)];
  };
  t.same(run(adcvdTotals, ONE_LINE), [], 'type 01 with zero AD and CV totals');
  const ad = adcvdTotals(txOf(grand(ONE_LINE, '100', '0')), ctx());
  t.same(ad.map((c) => [c.code, c.field, c.ref.kind]), [['744', 'adTotal', 'totals']], 'type 01 with an AD grand total');
  t.same(run(adcvdTotals, grand(type(ONE_LINE, '52'), '0', '5')), ['746'], 'type 52 with a CV grand total');
  t.same(run(adcvdTotals, type(ONE_LINE, '03')), ['735'], 'type 03 without an 88 record');
  t.same(run(adcvdTotals, type(ONE_LINE, '06')), [], 'type 06: the 88 is conditional, zero totals agree');
  // The 53 cases the 88 subtotals add up (737..743): AD bonded 1.00 and cash 2.50, CV bonded 0.40.
  const adcvdCase = (caseNumber: string, claim: string, cents: string) =>
    rec('53' + caseNumber + claim + '00001000A  ' + '0'.repeat(22) + cents.padStart(10, '0'));
  const secondLine = ONE_LINE.filter((r) => r.startsWith('40') || r.startsWith('50')).map((r) => (r.startsWith('40') ? put(r, 5, '002') : r));
  const cases = insertAfter(ONE_LINE, '50', adcvdCase('A570890000', 'B', '100'), adcvdCase('C570890001', 'B', '40'), ...secondLine, adcvdCase('A570890002', 'C', '250'));
  const typed03 = type(with88(cases, '100', '250', '40', '0'), '03');
  t.same(run(adcvdTotals, grand(typed03, '350', '40')), [], 'AD 1.00 + 2.50 = 3.50, CV 0.40 + 0 = 0.40');
  t.same(run(adcvdTotals, grand(typed03, '349', '41')), ['745', '747'], 'each off by a cent');
  const typed23 = type(with88(insertAfter(ONE_LINE, '50', adcvdCase('A570890002', 'C', '100')), '0', '100', '0', '0'), '23');
  t.same(run(adcvdTotals, grand(typed23, '0', '0')), ['745'], 'type 23: the 88 given, 90 must agree');
  t.same(run(adcvdTotals, deleteOf(type(ONE_LINE, '03'))), [], 'a delete has no totals');
});

t.test('entryTypeRequirements: fields ESF-134..135 make mandatory by entry type', async (t) => {
  const type = (details: readonly string[], code: string) => setHeader(details, 34, code);
  const blank = (details: readonly string[], id: string, col: number, width: number) => edit(details, id, (r) => put(r, col, ' '.repeat(width)));
  const found = (details: readonly string[]) => entryTypeRequirements(txOf(details), ctx()).map((c) => [c.code, c.field, c.ref.kind]);
  t.same(found(ONE_LINE), [], 'the sample reports them all');
  t.same(found(blank(ONE_LINE, '10', 36, 2)), [['164', 'modeOfTransport', 'summary']], 'MOT blank on type 01');
  t.same(found(type(blank(ONE_LINE, '10', 36, 2), '06')), [], 'MOT is A for type 06');
  t.same(found(type(blank(ONE_LINE, '11', 42, 6), '31')), [['124', 'estimatedEntryDate', 'summary']], 'estimated entry date blank on type 31');
  t.same(found(type(blank(ONE_LINE, '11', 42, 6), '22')), [['124', 'estimatedEntryDate', 'summary']], 'and on type 22 (ESF-134)');
  t.same(found(blank(ONE_LINE, '11', 42, 6)), [], 'estimated entry date is A for type 01');
  t.same(found(type(blank(ONE_LINE, '11', 48, 6), '23')), [['127', 'importDate', 'summary']], 'import date blank on type 23');
  t.same(found(blank(ONE_LINE, '11', 48, 6)), [], 'import date is C for type 01');
  t.same(found(blank(ONE_LINE, '11', 61, 2)), [['132', 'stateOfDestination', 'summary']], 'state of destination blank on type 01');
  t.same(found(type(blank(ONE_LINE, '11', 61, 2), '11')), [], 'state of destination is A for type 11');
  t.same(found(blank(ONE_LINE, '40', 11, 2)), [['410', 'countryOfExport', 'line']], 'country of export blank');
  t.same(found(blank(ONE_LINE, '40', 13, 6)), [['418', 'exportDate', 'line']], 'export date blank');
  t.same(found(type(blank(blank(ONE_LINE, '40', 11, 2), '40', 13, 6), '06')), [], 'both A for type 06');
  t.same(found(setHeader(blank(ONE_LINE, '10', 36, 2), 3, 'R')), [['164', 'modeOfTransport', 'summary']], 'on a replace too');
  t.same(found(deleteOf(ONE_LINE)), [], 'a delete carries none of them');
});

t.test('parties: the consignee and the 47 article parties each entry type needs (255, 483, 534, 577, 499; ESF-134..135)', async (t) => {
  const type = (details: readonly string[], code: string) => setHeader(details, 34, code);
  const noConsignee = edit(ONE_LINE, '11', (r) => put(r, 15, ' '.repeat(12)));
  const bare = without(noConsignee, '47');
  const withCase = (details: readonly string[]) => insertAfter(details, '50', rec('53A570890000C00001000A  00000000000000000000000000010000'));
  const found = (details: readonly string[], c = ctx()) =>
    parties(txOf(details), c).map((x) => [x.code, x.ref.kind === 'line' ? `line ${x.ref.line.ordinal}` : x.ref.kind]);
  t.same(found(ONE_LINE), [], 'the sample reports its consignee, manufacturer and sold-to party');

  // The M cells of ESF-134..135 for a summary with no consignee and a line (from CN, no AD/CVD case)
  // with no 47 record: consignee M but for 11, 12, 21, 22; manufacturer M but for 11, 12 (A) and
  // 22, 23 (C, note 5); sold-to M but for 11, 12.
  const all = ['255', '483', '577'];
  const expected: Record<string, string[]> = {
    '01': all, '02': all, '03': all, '06': all, '07': all, '11': [], '12': [], '21': ['483', '577'], '22': ['577'],
    '23': ['255', '577'], '31': all, '32': all, '34': all, '38': all, '51': all, '52': all,
  };
  for (const [code, codes] of Object.entries(expected)) t.same(run(parties, type(bare, code)), codes, `type ${code}`);

  const [consignee] = parties(txOf(noConsignee), ctx());
  t.same([consignee?.code, consignee?.record?.id, consignee?.field, consignee?.ref.kind], ['255', '11', 'consigneeNumber', 'summary'], 'the blank consignee, under SUMMRY');
  t.same(found(without(ONE_LINE, '47')), [['483', 'line 1'], ['577', 'line 1']], 'no 47 record: both under the line');
  t.same(found(without(ONE_LINE, '11')), [], 'no 11 record: 100 alone (importer rule)');
  const secondLine = [...ONE_LINE.filter((r) => r.startsWith('40') || r.startsWith('47M')), ...ONE_LINE.filter((r) => r.startsWith('50'))];
  const twoLines = insertAfter(ONE_LINE, '50', ...secondLine.map((r) => (r.startsWith('40') ? put(r, 5, '002') : r)));
  t.same(found(twoLines), [['577', 'line 2']], 'each line needs its own parties');
  t.same(found(edit(ONE_LINE, '47M', (r) => put(r, 4, ' '.repeat(15)))), [], 'a 47 M with a blank identifier is the layout\'s 521, not 483');

  const canadian = (details: readonly string[], col: number) => edit(details, '40', (r) => put(r, col, 'CA'));
  t.same(run(parties, type(canadian(bare, 9), '23')), ['255', '534', '577'], 'type 23, originating in Canada: manufacturer needed (note 5), 534');
  t.same(run(parties, type(canadian(bare, 11), '22')), ['534', '577'], 'type 22, exported from Canada: 534');
  t.same(run(parties, type(canadian(bare, 9), '01')), all, 'type 01 of Canadian origin: 483, the manufacturer being M for 01');
  t.same(run(parties, type(canadian(bare, 9), '11')), [], 'type 11: A whatever the country');

  t.same(found(type(withCase(ONE_LINE), '03')), [['499', 'line 1']], 'type 03, a line with an AD/CVD case: foreign exporter (note 7)');
  t.same(run(parties, type(withCase(ONE_LINE), '06')), ['499'], 'type 06 with a case');
  t.same(run(parties, withCase(ONE_LINE)), [], 'type 01: the foreign exporter is A (the 53 itself is not the parties rule\'s)');
  t.same(run(parties, type(withCase(insertAfter(ONE_LINE, '47S', rec('47ECNACMTOO123SHE'))), '03')), [], 'the exporter reported');
  t.same(run(parties, type(ONE_LINE, '03')), [], 'type 03, a line with no case: not asked by default');
  const dictionary = ctx({ options: { foreignExporter: 'adcvd-type' } });
  t.same(run(parties, type(ONE_LINE, '03'), dictionary), ['499'], 'foreignExporter adcvd-type: every line of an AD/CVD type');
  t.same(run(parties, type(ONE_LINE, '06'), dictionary), [], 'foreignExporter adcvd-type: 06 is not an AD/CVD type');

  t.same(run(parties, setHeader(bare, 3, 'R')), all, 'on a replace too');
  t.same(run(parties, deleteOf(bare)), [], 'a delete carries none');
});

t.test('bond: a bond where one is needed, its primary coverage, an STB amount (119, 269, 265)', async (t) => {
  const type = (details: readonly string[], code: string) => setHeader(details, 34, code);
  const bond31 = (details: readonly string[], ...records: string[]) => replace(details, '31', ...records.map(rec));
  const found = (details: readonly string[]) => bond(txOf(details), ctx()).map((c) => [c.code, c.field ?? '', c.record?.id]);
  t.same(found(ONE_LINE), [], 'the sample: a basic continuous bond');
  t.same(found(without(ONE_LINE, '31')), [['119', '', '10']], 'type 01 with no 31 and no waiver');
  t.same(found(setHeader(without(ONE_LINE, '31'), 38, '0')), [], 'type 01 with the bond waived (ESF-27)');
  t.same(found(type(setHeader(without(ONE_LINE, '31'), 38, '0'), '03')), [['119', '', '10']], 'type 03 may not waive its bond (ESF-134)');
  t.same(found(type(without(ONE_LINE, '31'), '11')), [], 'an informal needs no bond (ESF-157)');
  t.same(found(bond31(ONE_LINE, '319A 1230000001000')), [['269', 'bondDesignation', '31']], 'an additional STB alone');
  t.same(found(bond31(ONE_LINE, '319U 1230000001000')), [], 'a substitution STB may be the primary (ESF-156)');
  t.same(found(bond31(ONE_LINE, '318A 123')), [['269', 'bondDesignation', '31']], 'a continuous bond designated A alone');
  t.same(found(bond31(ONE_LINE, '318B 123', '319A 123')), [['265', 'bondAmount', '31']], 'an additional STB with no amount');
  t.same(found(bond31(ONE_LINE, '319B 1230000000000')), [['265', 'bondAmount', '31']], 'an STB of $0 (ESF-158: more than $0)');
  t.same(found(bond31(ONE_LINE, '319B 1230000005000')), [], 'an STB of $5,000');
  t.same(found(deleteOf(without(ONE_LINE, '31'))), [], 'a delete carries no bond');
});

t.test('feeTotals: fees reported in 34 or 62 records need an 89 (715, 716; ESF-129)', async (t) => {
  const noTotals = without(ONE_LINE, '89', '62');
  const headerFee = rec('34' + '311' + '00000500');
  const lineFee = rec('62' + '499' + '00003464');
  t.same(run(feeTotals, noTotals), [], 'no fee anywhere, no 89 needed');
  t.same(run(feeTotals, edit(insertAfter(WITH_MPF, '31', headerFee), '89', (r) => put(r, 17, '31100000000500'))), [], 'a header fee with its 89');
  const found = feeTotals(txOf(insertAfter(noTotals, '31', headerFee)), ctx());
  t.same(found.map((c) => [c.code, c.ref.kind]), [['715', 'totals']], 'a header fee, no 89');
  t.same(run(feeTotals, insertAfter(noTotals, '50', lineFee)), ['716'], 'a line fee, no 89');
  t.same(run(feeTotals, insertAfter(insertAfter(noTotals, '31', headerFee), '50', lineFee)), ['715', '716'], 'both');
  t.same(run(feeTotals, deleteOf(insertAfter(noTotals, '31', headerFee))), [], 'a delete');
});

t.test('paymentType: an add or replace states its payment type, unless a PSC or already paid (263)', async (t) => {
  const blank = (details: readonly string[]) => setHeader(details, 51, ' ');
  t.same(run(paymentType, ONE_LINE), [], 'the sample pays individually (1)');
  const [c] = paymentType(txOf(blank(ONE_LINE)), ctx());
  t.same([c?.code, c?.field, c?.ref.kind], ['263', 'paymentType', 'summary'], 'blank on an add');
  t.same(run(paymentType, setHeader(blank(ONE_LINE), 3, 'R')), ['263'], 'blank on a replace');
  t.same(run(paymentType, PSC, ctx({ existing: payable() })), [], 'a PSC may not carry one (ESF-184)');
  t.same(run(paymentType, blank(ONE_LINE), ctx({ existing: payable() })), [], 'correcting a paid summary: not allowed (ESF-176)');
  t.same(run(paymentType, blank(ONE_LINE), ctx({ existing: onFile() })), ['263'], 'correcting one in trade control still needs it');
  t.same(run(paymentType, deleteOf(blank(ONE_LINE))), [], 'a delete');
});

t.test('paymentType: a code CBP does not define is 197 (ESF-31: 1, 2, 3, 5, 6, 7, 8)', async (t) => {
  for (const code of ['1', '2', '3', '5', '6', '7', '8']) t.same(run(paymentType, setHeader(ONE_LINE, 51, code)), [], `payment type ${code}`);
  const [c] = paymentType(txOf(setHeader(ONE_LINE, 51, '4')), ctx());
  t.same([c?.code, c?.field], ['197', 'paymentType'], 'there is no payment type 4');
  t.same(run(paymentType, setHeader(ONE_LINE, 51, 'X')), ['197']);
});

t.test('statementFields: the print date and periodic month a payment type asks for (ESF-31..32, ESF-174..176)', async (t) => {
  // NOW is Wednesday 25 November 2026.
  const paying = (type: string, printDate: string, month = '  ') => setHeader(setHeader(setHeader(ONE_LINE, 51, type), 52, printDate), 58, month);
  const codes = (details: readonly string[], c: RuleContext = ctx()) => statementFields(txOf(details), c).map((x) => [x.code, x.field]);
  t.same(codes(ONE_LINE), [], 'single payment, no statement fields');
  t.same(codes(paying('1', '120126')), [['199', 'statementPrintDate']], 'single payment names no print date');
  t.same(codes(paying('1', '      ', '12')), [['200', 'periodicStatementMonth']], 'nor a periodic month');
  t.same(codes(paying('2', '120126')), [], 'daily statement on Tuesday 1 December');
  t.same(codes(paying('2', '      ')), [['202', 'statementPrintDate']], 'a statement needs its print date');
  t.same(codes(paying('2', '133126')), [], 'not a date: the layout answers it (203)');
  t.same(codes(paying('2', '112826')), [['204', 'statementPrintDate']], 'Saturday 28 November');
  t.same(codes(paying('2', '112926')), [['204', 'statementPrintDate']], 'Sunday 29 November');
  t.same(codes(paying('2', '112526')), [['205', 'statementPrintDate']], 'today is not in the future');
  t.same(codes(paying('2', '112026')), [['205', 'statementPrintDate']], 'nor is a past day');
  t.same(codes(paying('2', '022327')), [], '90 days ahead');
  t.same(codes(paying('2', '022427')), [['206', 'statementPrintDate']], '91 days ahead');
  t.same(codes(paying('3', '120126', '12')), [['200', 'periodicStatementMonth']], 'a daily statement has no periodic month');
  t.same(codes(paying('6', '120126', '11')), [], 'periodic: this month');
  t.same(codes(paying('7', '120126', '12')), [], 'next month');
  t.same(codes(paying('8', '120126', '01')), [], 'the month after that (the month is always ahead: next year\'s)');
  t.same(codes(paying('6', '120126', '02')), [['213', 'periodicStatementMonth']], 'three months ahead is too far');
  t.same(codes(paying('6', '120126', '10')), [['213', 'periodicStatementMonth']], 'last month counts as next year: too far');
  t.same(codes(paying('6', '120126', '  ')), [['211', 'periodicStatementMonth']], 'periodic needs its month');
  t.same(codes(paying('6', '120126', '13')), [['212', 'periodicStatementMonth']], 'month 13');
  t.same(codes(paying('4', '120126')), [], 'an unknown payment type is 197 alone');
  t.same(codes(paying(' ', '120126')), [], 'a blank one is 263 alone');
  t.same(codes(paying('2', '112026'), ctx({ now: new Date('2026-11-19T23:59:00Z') })), [], 'the day is the session clock\'s');
  const returned = payable({ lifecycle: { ...TRADE_CONTROL, paid: true, liquidationScheduled: true, cbpRejected: true } });
  t.same(codes(paying('2', '112026'), ctx({ existing: returned })), [['217', 'paymentType']], 'correcting a paid summary CBP returned: no payment fields (ESF-176)');
  t.same(codes(paying(' ', '      '), ctx({ existing: returned })), [], '… blank ones pass');
  t.same(codes(paying('2', '112026'), ctx({ existing: payable() })), [], 'a paid summary not returned: B29 refuses the filing (action rule)');
  t.same(codes(setHeader(PSC, 52, '112026'), ctx({ existing: payable() })), [], 'a PSC: 217 (psc rule)');
  t.same(codes(deleteOf(paying('2', '120126'))), [], 'a delete');
  t.same(run(layoutFields, paying('2', '133126')), ['203'], 'the layout: not a known date');
});

t.test('pgaNumbering: PG00 groups 0001, 0002 … (PG-70), PGA line numbers per agency (PG-13, PG-65)', async (t) => {
  const pga = (...records: string[]) => insertAfter(ONE_LINE, '50', ...[rec('OI        WIDGETS'), ...records.map(rec)]);
  const pg01 = (line: string, agency: string) => `PG01${line}${agency.padEnd(3)}VNE`;
  t.same(run(pgaNumbering, pga(pg01('001', 'EP'), 'PG02P', pg01('002', 'EP'), 'PG02P', pg01('001', 'FSI'), 'PG02P')), [], 'PG-65: EP 001, 002, then FSI 001');
  t.same(run(pgaNumbering, pga(pg01('001', 'EP'), pg01('001', 'FSI'), 'PG02P')), [], 'PG-65: two agencies sharing data');
  t.same(run(pgaNumbering, pga(pg01('001', 'EP'), 'PG02P', pg01('001', 'EP'), 'PG02P')), ['PGA'], 'EP 001 twice');
  t.same(run(pgaNumbering, pga(pg01('002', 'EP'), 'PG02P')), ['PGA'], 'the first of an agency is 001');
  t.same(run(pgaNumbering, pga(pg01('001', 'EP'), 'PG02P', pg01('001', 'FSI'), 'PG02P', pg01('002', 'EP'), 'PG02P')), [], 'an agency coming back counts on (PG-13)');
  t.same(run(pgaNumbering, pga(pg01('   ', 'EP'), 'PG02P')), [], 'a blank number is P04, not this');
  t.same(run(pgaNumbering, pga(pg01('002', 'EP'), 'PG02P'), ctx({ options: { pgaNumbering: 'unchecked' } })), [], 'unchecked');
  const found = pgaNumbering(txOf(pga(pg01('003', 'EP'), 'PG02P')), ctx());
  t.same(found.map((c) => [c.code, c.ref.kind, c.record?.id, c.field]), [['PGA', 'tariff', 'PG01', 'pgaLineNumber']]);

  const group = (n: string) => [rec(`PG00S${n}`), rec('PG19IM                   TOYOTA NORTH AMERICA'), rec('PG00E')];
  const withGroups = (numbers: string[], replace: string) =>
    insertAfter(pga(pg01('001', 'EP'), 'PG02P', `PG00R${replace}`), '31', ...numbers.flatMap(group));
  t.same(run(pgaNumbering, withGroups(['0001', '0002'], '0002')), [], 'two groups in turn, the second one used');
  t.same(run(pgaNumbering, withGroups(['0001', '0003'], '0001')), ['PGA'], '0003 after 0001');
  t.same(run(pgaNumbering, withGroups(['0002'], '0002')), ['PGA'], 'the first group is 0001');
  t.same(run(pgaNumbering, withGroups(['0001'], '0009')), ['PGA'], 'a PG00 R naming no group');
  t.same(run(pgaNumbering, withGroups(['0001'], '0009'), ctx({ options: { pgaNumbering: 'unchecked' } })), ['PGA'], 'cannot be replaced, checked or not');
  t.same(run(pgaNumbering, withGroups(['0002'], '0002'), ctx({ options: { pgaNumbering: 'unchecked' } })), [], 'numbering unchecked');
});

t.test('totals: no 89 and no 90 record is 700, and only 700 (ESF-128, dictionary 700, 701)', async (t) => {
  const [c] = totals(txOf(without(WITH_MPF, '89', '90')), ctx());
  t.same([c?.code, c?.ref.kind, c?.record?.id], ['700', 'summary', '10'], 'no TOTALS grouping');
  t.same(run(totals, without(WITH_MPF, '90')), ['701'], 'an 89 without its 90 is 701');
  const adcvdOnly = insertAfter(setHeader(without(WITH_MPF, '89', '90'), 34, '03'), '62', rec('88' + '00000000000'));
  t.same(run(totals, adcvdOnly), ['700'], 'an 88 alone: still no 89 or 90');
  const all = ENTRY_SUMMARY_RULES.flatMap((rule) => rule(txOf(without(WITH_MPF, '89', '90')), ctx())).map((x) => x.code);
  t.same(all, ['700'], 'the line fee adds no 716, the AD/CVD totals nothing');
  t.same(run(totals, deleteOf(without(WITH_MPF, '89', '90'))), [], 'a delete carries no totals');
});

t.test('feeTotals: each 89 class reported in a 34 or 62, the HMF total the sum of the 62 HMF (717, 719)', async (t) => {
  const fee = (cls: string, cents: string) => rec('62' + cls + cents.padStart(8, '0'));
  const feeTotal = (...slots: [string, string][]) => rec('89' + slots.map(([cls, cents]) => cls + cents.padStart(11, '0')).join(''));
  const with89 = (details: readonly string[], ...slots: [string, string][]) => edit(details, '89', () => feeTotal(...slots));
  const withHmf = (cents: string) => insertAfter(WITH_MPF, '62', fee('501', cents));
  const found = (details: readonly string[]) => feeTotals(txOf(details), ctx()).map((c) => [c.code, c.record?.id, c.field]);
  t.same(found(WITH_MPF), [], 'the MPF total and the line MPF');
  t.same(found(without(WITH_MPF, '62')), [['717', '89', 'class1']], 'an 89 MPF with no 62 MPF (ESF-161 n: the MPF is a line fee)');
  t.same(found(with89(WITH_MPF, ['499', '3358'])), [], 'the MPF total may be the minimum (ESF-174 w): not compared');
  t.same(found(with89(WITH_MPF, ['499', '3464'], ['311', '0'])), [['717', '89', 'class2']], 'a zero total for a class no 34 or 62 reports (dictionary 717)');
  const informalFee = insertAfter(WITH_MPF, '31', rec('34' + '311' + '00000500'));
  t.same(found(with89(informalFee, ['499', '3464'], ['311', '500'])), [], 'a header fee has its 89 total');
  t.same(found(with89(withHmf('1250'), ['499', '3464'], ['501', '1250'])), [], 'HMF 12.50 = 12.50');
  t.same(found(with89(withHmf('1249'), ['499', '3464'], ['501', '1250'])), [['719', '89', 'amount2']], 'HMF total off by a cent');
  const [missing] = feeTotals(txOf(withHmf('1250')), ctx());
  t.same([missing?.code, missing?.ref.kind, missing?.record], ['719', 'totals', undefined], 'a line HMF the 89 does not total');
  t.same(found(with89(WITH_MPF, ['499', '3464'], ['501', '1250'])), [['717', '89', 'class2']], 'an 89 HMF no 62 reports is 717 only');
  const secondLine = ONE_LINE.filter((r) => r.startsWith('40') || r.startsWith('50')).map((r) => (r.startsWith('40') ? put(r, 5, '002') : r));
  const twoLines = insertAfter(withHmf('1250'), '62' + '501', ...secondLine, fee('499', '3464'), fee('501', '1250'));
  t.same(found(with89(twoLines, ['499', '6928'], ['501', '2500'])), [], 'HMF of two lines, 12.50 + 12.50');
  t.same(found(with89(twoLines, ['499', '6928'], ['501', '1250'])), [['719', '89', 'amount2']], 'one line left out of the HMF total');
  t.same(found(with89(withHmf('12A0'), ['499', '3464'], ['501', '1250'])), [], 'a line HMF that is not a number: the layout (253)');
  t.same(found(deleteOf(without(WITH_MPF, '62'))), [], 'a delete');
});

t.test('adcvdTotals: each 88 subtotal is the sum of its 53 case duties (737, 739, 741, 743; ESF-98, ESF-128)', async (t) => {
  const adcvdCase = (caseNumber: string, claim: string, cents: string) =>
    rec('53' + caseNumber + claim + '00001000' + 'A' + '  ' + '0'.repeat(10) + '0'.repeat(12) + cents.padStart(10, '0'));
  const with88 = (details: readonly string[], ...amounts: string[]) => {
    const at = details.findIndex((r) => r.startsWith('89'));
    return [...details.slice(0, at), rec('88' + amounts.map((a) => a.padStart(11, '0')).join(' ')), ...details.slice(at)];
  };
  const grand = (details: readonly string[], ad: string, cvd: string) =>
    edit(details, '90', (r) => put(put(r, 39, ad.padStart(11, '0')), 51, cvd.padStart(11, '0')));
  // Type 03, one line with a bonded AD case (100.00) and a cash CV case (25.00).
  const cases = setHeader(insertAfter(WITH_MPF, '50', adcvdCase('A570890000', 'B', '10000'), adcvdCase('C570890001', 'C', '2500')), 34, '03');
  const summary = (bondedAd: string, cashAd: string, bondedCvd: string, cashCvd: string) =>
    grand(with88(cases, bondedAd, cashAd, bondedCvd, cashCvd), String(Number(bondedAd) + Number(cashAd)), String(Number(bondedCvd) + Number(cashCvd)));
  const found = (details: readonly string[]) => adcvdTotals(txOf(details), ctx()).map((c) => [c.code, c.record?.id, c.field]);
  t.same(found(summary('10000', '0', '0', '2500')), [], 'bonded AD 100.00, cash CV 25.00');
  t.same(found(summary('9999', '0', '0', '2500')), [['737', '88', 'bondedAd']], 'bonded AD off by a cent');
  t.same(found(summary('0', '10000', '0', '2500')), [['737', '88', 'bondedAd'], ['739', '88', 'cashAd']], 'the AD case reported as cash');
  t.same(found(summary('10000', '0', '2500', '0')), [['741', '88', 'bondedCvd'], ['743', '88', 'cashCvd']], 'the CV case reported as bonded');
  t.same(found(grand(with88(cases, '10000', '0', '0', '2500'), '10000', '2400')), [['747', '90', 'cvdTotal']], 'the 88 agrees, the 90 does not: 747 alone');
  const blank = edit(summary('10000', '0', '0', '2500'), '88', (r) => put(put(r, 15, ' '.repeat(11)), 27, ' '.repeat(11)));
  t.same(found(blank), [], 'blank subtotals count as zero (ESF-128: zero fill if not applicable)');
  const secondLine = ONE_LINE.filter((r) => r.startsWith('40') || r.startsWith('50')).map((r) => (r.startsWith('40') ? put(r, 5, '002') : r));
  const twoCases = insertAfter(summary('15000', '0', '0', '2500'), '53C', ...secondLine, adcvdCase('A570890002', 'B', '5000'));
  t.same(found(twoCases), [], 'bonded AD cases of two lines add up: 100.00 + 50.00');
  t.same(found(edit(twoCases, '88', (r) => put(r, 3, '00000010000'))), [['737', '88', 'bondedAd'], ['745', '90', 'adTotal']], 'an 88 that leaves one out');
  const claimX = edit(summary('10000', '0', '0', '2500'), '53A', (r) => put(r, 13, 'X'));
  t.same(found(claimX), [], 'a case with claim X fits no subtotal: not compared');
  t.same(run(layoutFields, claimX), ['511'], 'the layout answers the claim X (ESF-98: B or C)');
  const typed01 = setHeader(summary('10000', '0', '0', '0'), 34, '01');
  t.same(found(grand(typed01, '0', '0')), [], 'a type without AD/CVD: the 88 is not allowed (727), not compared');
});

t.test('articleCharges: zero charges on a line worth more than $1,250 (664; ESF-172..173 usage note v)', async (t) => {
  const charges = (details: readonly string[], amount: string) => edit(details, '40', (r) => put(r, 27, amount));
  const lineValue = (details: readonly string[], dollars: string) => edit(details, '50', (r) => put(r, 25, dollars.padStart(10, '0')));
  const zero = charges(ONE_LINE, '0'.repeat(10));
  const [c] = articleCharges(txOf(zero), ctx());
  t.same([c?.code, c?.ref.kind, c?.field, c?.record?.id], ['664', 'line', 'charges', '40'], 'zero charges, value $10,000');
  t.same(run(articleCharges, ONE_LINE), [], 'the sample reports $250');
  t.same(run(articleCharges, charges(ONE_LINE, ' '.repeat(10))), ['664'], 'blank charges are zero');
  t.same(run(articleCharges, lineValue(zero, '1250')), [], '$1,250 needs none');
  t.same(run(articleCharges, lineValue(zero, '1251')), ['664'], '$1,251 does');
  t.same(run(articleCharges, charges(ONE_LINE, '00000000AB')), [], 'charges that are not a number: the layout (424)');
  t.same(run(articleCharges, setHeader(zero, 34, '11')), [], 'informal entry type 11');
  t.same(run(articleCharges, setHeader(zero, 36, '60')), [], 'MOT 60, passenger hand carried');
  t.same(run(articleCharges, setHeader(zero, 42, 'Y')), [], 'a consolidated summary (dictionary 664)');
  t.same(run(articleCharges, edit(zero, '40', (r) => put(r, 9, 'GU'))), [], 'origin Guam, a US insular possession');
  t.same(run(articleCharges, edit(zero, '40', (r) => put(r, 9, 'PR'))), ['664'], 'Puerto Rico is not one');
  t.same(run(articleCharges, edit(zero, '40', (r) => put(r, 8, 'V'))), [], 'a set component');
  t.same(run(articleCharges, edit(zero, '40', (r) => put(r, 8, 'X'))), ['664'], 'a set header is the article');
  const tariff = ONE_LINE.find((r) => r.startsWith('50'))!;
  const repaired = (repair: string) =>
    insertAfter(without(zero, '50'), '47S', put(put(tariff, 3, '9802005060'), 25, repair.padStart(10, '0')), put(tariff, 25, '0000009000'));
  t.same(run(articleCharges, repaired('1250')), [], 'a repair worth $1,250 on a $10,250 article');
  t.same(run(articleCharges, repaired('1300')), ['664'], 'a repair worth $1,300');
  const returned = (dollars: string) => edit(lineValue(zero, dollars), '50', (r) => put(r, 3, '9801001012'));
  t.same(run(articleCharges, returned('10000')), [], 'a returned article worth $10,000');
  t.same(run(articleCharges, returned('10001')), ['664'], 'a returned article worth $10,001');
  t.same(run(articleCharges, deleteOf(zero)), [], 'a delete');
});

t.test('an entry whose cargo release is on file: B67 for a withdrawal, 339 when certifying over an immediate delivery request', async (t) => {
  const release = (immediateDelivery: boolean, status: ReleaseState['status'] = 'accepted'): ReleaseState => ({
    status,
    origin: 'SE',
    entryType: '01',
    filed: { port: '2704', importer: '12-3456789AB', modeOfTransport: '40', bondType: '8', immediateDelivery, weeklyEntry: false, bills: [] },
    firstAcceptedAt: NOW.toISOString(),
    lifecycle: NOT_PROCESSED,
  });
  t.same(run(releaseOnFile, ONE_LINE), [], 'no release on file');
  t.same(run(releaseOnFile, ONE_LINE, ctx({ release: release(false) })), [], 'a summary for an entry on file');
  t.same(run(releaseOnFile, setHeader(ONE_LINE, 34, '31'), ctx({ release: release(false) })), ['B67']);
  t.same(run(releaseOnFile, setHeader(ONE_LINE, 40, 'A'), ctx({ release: release(true) })), ['339'], 'SE-41 note 9');
  t.same(run(releaseOnFile, ONE_LINE, ctx({ release: release(true) })), [], 'the two-step filing: no certification');
  t.same(run(releaseOnFile, deleteOf(ONE_LINE), ctx({ release: release(false) })), [], 'a delete carries no summary');
});
