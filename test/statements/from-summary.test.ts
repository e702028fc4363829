import { readFileSync } from 'node:fs';
import t from 'tap';
import { groupEntrySummaries } from '../../src/applications/entry-summary/grouping.js';
import { DEFAULT_SCHEMA_DIR } from '../../src/catair/catalog.js';
import type { Block } from '../../src/catair/envelope.js';
import { loadTransactionGrammar } from '../../src/catair/grammar.js';
import { statementEntryFromSummary } from '../../src/statements/from-summary.js';
import { statementGrouping } from '../../src/statements/grouping.js';
import type { StatementEntry } from '../../src/statements/statement.js';
import { sharedCatalog } from '../helpers/mock.js';
import { put } from '../helpers/transmission.js';

/**
 * What a statement lists of an accepted entry summary, read from the AE transaction: the 10 record's
 * payment fields (ESF-31..32), the 11 importer, the 88/89/90 totals (ESF-128..131).
 */
const catalog = sharedCatalog(DEFAULT_SCHEMA_DIR);
const grammar = loadTransactionGrammar(DEFAULT_SCHEMA_DIR, 'entry-summary');

/** The detail records of scenarios/samples/ae-add-1-line.txt (an air shipment with MPF, filer B76, port 2704). */
const SAMPLE = readFileSync(new URL('../../scenarios/samples/ae-add-1-line.txt', import.meta.url), 'latin1')
  .split('\n')
  .filter((l) => l !== '' && !/^[ABYZ]/.test(l));
/** Entry 0530001 of this file's serial range with its check digit for B76 (appendix E). */
const ENTRY = '05300014';

/** The sample as a daily statement summary: payment type 2 (10 record 51), print date 30 November 2026 (52-57, ESF-31..32). */
function onStatement(edit: (record: string) => string = (r) => r): string[] {
  return SAMPLE.map((r) => (r.startsWith('10') ? put(put(put(r, 9, ENTRY), 51, '2'), 52, '113026') : r)).map(edit);
}

function summary(details: readonly string[]) {
  const block: Block = {
    number: 1,
    header: { text: 'B  3801B76AE'.padEnd(80), position: 2 },
    details: details.map((text, i) => ({ text, position: i + 3 })),
  };
  const grouped = groupEntrySummaries(block, grammar, catalog);
  if (grouped.units.length !== 1) throw new Error(`expected one summary, got ${grouped.units.length}`);
  return grouped.units[0] as (typeof grouped.units)[number];
}

t.test('a summary on a daily statement, as its statement will list it', async (t) => {
  // 90: duty $123.45 (3-13), fees $34.64 (15-25), tax $6.78 (27-37).
  const details = onStatement((r) => (r.startsWith('90') ? put(put(r, 3, '00000012345'), 27, '00000000678') : r));
  t.same(statementEntryFromSummary(catalog, summary(details), '3801'), {
    port: '2704',
    processingPort: '3801',
    filer: 'B76',
    entryNumber: ENTRY,
    entryType: '01',
    importer: '12-3456789AB',
    brokerReference: 'REF000001',
    printDate: '2026-11-30',
    paymentType: '2',
    clientBranch: '',
    consolidated: false,
    dutyCents: 12345,
    taxCents: 678,
    taxDeferred: false,
    antidumpingCents: 0,
    antidumpingDue: true,
    countervailingCents: 0,
    countervailingDue: true,
    reconciliationInterestCents: 0,
    teamNumber: '',
    fees: [{ classCode: '499', cents: 3464 }],
  } satisfies StatementEntry, 'the statement is the B record port\'s (p. 7), whatever the port of entry');
});

t.test('client branch, consolidation and tax deferral come from the 10 record (ESF-29..32)', async (t) => {
  // 10: consolidated summary 42, deferred tax payment code 45, statement client branch 60-61.
  const details = onStatement((r) => (r.startsWith('10') ? put(put(put(r, 42, 'Y'), 45, '1'), 60, 'NY') : r));
  t.match(statementEntryFromSummary(catalog, summary(details), '2704'), { consolidated: true, taxDeferred: true, clientBranch: 'NY' });
});

t.test('fees are the 89 totals, one per class, the MPF as owed (ESF-129..130)', async (t) => {
  // 89: class 1 499 (3-5) $25.00 (6-16): the MPF minimum in place of the line's $34.64; class 2 501 (17-19) $1.25 (20-30).
  const details = onStatement((r) => (r.startsWith('89') ? put(put(r, 6, '00000002500'), 17, '50100000000125') : r));
  t.same(statementEntryFromSummary(catalog, summary(details), '2704')?.fees, [
    { classCode: '499', cents: 2500 },
    { classCode: '501', cents: 125 },
  ]);
});

t.test('AD and CV duty: the 88 cash deposit is due, a bonded amount is not (ESF-128; p. 13-14)', async (t) => {
  // 88: bonded AD 3-13, cash AD 15-25, bonded CVD 27-37, cash CVD 39-49.
  const withTotals = (record88: string) => {
    const details = onStatement();
    const at89 = details.findIndex((r) => r.startsWith('89'));
    return summary([...details.slice(0, at89), record88.padEnd(80), ...details.slice(at89)]);
  };
  const cash = withTotals('88' + '00000000000 00000050000 00000020000 00000000000');
  t.match(statementEntryFromSummary(catalog, cash, '2704'), { antidumpingCents: 50000, antidumpingDue: true, countervailingCents: 20000, countervailingDue: false });
  // 90 AD total 39-49, CVD 51-61, without an 88 record: due.
  const no88 = onStatement((r) => (r.startsWith('90') ? put(put(r, 39, '00000000300'), 51, '00000000400') : r));
  t.match(statementEntryFromSummary(catalog, summary(no88), '2704'), { antidumpingCents: 300, antidumpingDue: true, countervailingCents: 400, countervailingDue: true });
});

t.test('summaries on no statement give none', async (t) => {
  const single = onStatement((r) => (r.startsWith('10') ? put(put(r, 51, '1'), 52, '      ') : r));
  t.equal(statementEntryFromSummary(catalog, summary(single), '2704'), undefined, 'payment type 1: individual payment (ESF-31)');
  const noDate = onStatement((r) => (r.startsWith('10') ? put(r, 52, '      ') : r));
  t.equal(statementEntryFromSummary(catalog, summary(noDate), '2704'), undefined, 'no print date (202 rejects it)');
  const deleted = onStatement((r) => (r.startsWith('10') ? put(r, 3, 'D') : r)).filter((r) => r.startsWith('10'));
  t.equal(statementEntryFromSummary(catalog, summary(deleted), '2704'), undefined, 'a delete carries no summary');
});

t.test('which summaries share a statement (ESF-31; p. 11)', async (t) => {
  const entry = statementEntryFromSummary(catalog, summary(onStatement()), '2704') as StatementEntry;
  const base = { processingPort: '2704', filer: 'B76', printDate: '2026-11-30', clientBranch: '' };
  t.same(statementGrouping(catalog, entry), { ...base, paymentType: '2', importer: '' }, 'a broker statement: by filer');
  t.same(statementGrouping(catalog, { ...entry, paymentType: '3' }), { ...base, paymentType: '3', importer: '12-3456789AB' }, 'by the full importer number');
  t.same(statementGrouping(catalog, { ...entry, paymentType: '8' }), { ...base, paymentType: '8', importer: '12-3456789' }, 'by the importer number without its suffix');
  t.same(statementGrouping(catalog, { ...entry, paymentType: '5', importer: '123-45-6789' }), { ...base, paymentType: '5', importer: '123-45-6789' }, 'a social security number has no suffix');
  t.same(statementGrouping(catalog, { ...entry, clientBranch: 'NY' }), { ...base, paymentType: '2', importer: '', clientBranch: 'NY' });
});
