import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { releaseNotices } from '../../../src/applications/cargo-release/notification.js';
import type { TxRecord } from '../../../src/applications/shared/record.js';
import { wrapUnsolicited, writeOutputB, writeOutputY } from '../../../src/catair/batch-output.js';
import { DEFAULT_SCHEMA_DIR } from '../../../src/catair/catalog.js';
import { decodeRecords } from '../../../src/catair/decode.js';
import { loadScenarios } from '../../../src/scenarios/load.js';
import { scenarioApplications } from '../../../src/applications/registry.js';
import { seTransactions } from '../../helpers/cargo-release.js';
import { sharedCatalog, TEST_NOW } from '../../helpers/mock.js';
import { placed as at } from '../../helpers/placed.js';

/**
 * The SO release notifications the cargo release scenarios queue (scenarios/library/cr-*.yaml, over
 * the inputs of their golden cases test/golden/scenario-cr-*), record by record. The expected records
 * are placed at the positions of the WO records of ACMQ-45..63, which mimic SO10..SO72 (ACMQ-45),
 * not through ace-mock's layouts, so the two are held against each other.
 */
const catalog = sharedCatalog(DEFAULT_SCHEMA_DIR);
const golden = fileURLToPath(new URL('../../golden', import.meta.url));
const loaded = loadScenarios(fileURLToPath(new URL('../../../scenarios/library', import.meta.url)), catalog, scenarioApplications());
const library = { errors: loaded.errors, scenarios: loaded.scenarios.filter((s) => s.application === 'SE') };

/** TEST_NOW, 25 November 2026 15:00 UTC, as MMDDYY. */
const DATE = '112526';
const HOUR = 3_600_000;

// ACMQ-45: port 5-8, filer 9-11, entry 14-21, type 23-24, importer 25-36, carrier 37-40.
const so10 = (entry: string) => at('SO10', { 5: '2704', 9: 'B76', 14: entry, 23: '01', 25: '12-3456789AB', 37: 'MAEU' });
// ACMQ-47: qualifier 5-7, reference 8-57.
const so20 = (qualifier: string, reference: string) => at('SO20', { 5: qualifier, 8: reference });
// ACMQ-49: line 5-7, country 8-9, HTS 10-19.
const so30 = (hts: string, country = 'CN') => at('SO30', { 5: '001', 8: country, 10: hts });
// ACMQ-50: bill type 5, issuer 6-9, bill 10-59, quantity 60-67.
const so40 = (bill: string, quantity = '00000100') => at('SO40', { 5: 'R', 6: 'MAEU', 10: bill, 60: quantity });
// ACMQ-52: date 5-10, time 11-14, code 15-16, narrative 17-56, split indicator 57.
const so50 = (time: string, code: string, narrative: string) => at('SO50', { 5: DATE, 11: time, 15: code, 17: narrative, 57: 'N' });
// ACMQ-54: date 5-10, time 11-14, code 15-16, narrative 17-56, release date 57-62, release origin 63-64.
const so60 = (time: string, code: string, narrative: string, release?: { origin?: string }) =>
  at('SO60', { 5: DATE, 11: time, 15: code, 17: narrative, ...(release && { 57: DATE, ...(release.origin && { 63: release.origin }) }) });
// ACMQ-57..60: agency 5-7, program 8-10, date 11-16, time 17-20, entry status 21-22 and message
// 23-50, PGA line status 53-54, reason 55-56, lines 57-72 (CBP line, tariff position, PGA line,
// begin then end), hold type 78, processing group version 79-80.
const so70 = (fields: { agency: string; program?: string; time: string; status: string; message: string; lineStatus?: string; reason?: string; pgaLine: string; holdType?: string }) =>
  at('SO70', {
    5: fields.agency,
    ...(fields.program && { 8: fields.program }),
    11: DATE,
    17: fields.time,
    21: fields.status,
    23: fields.message,
    ...(fields.lineStatus && { 53: fields.lineStatus }),
    ...(fields.reason && { 55: fields.reason }),
    57: `00101${fields.pgaLine}00101${fields.pgaLine}`,
    ...(fields.holdType && { 78: fields.holdType }),
    79: '04',
  });

interface Notice {
  readonly afterMs: number;
  readonly records: readonly string[];
}

interface Expectation {
  readonly scenario: string;
  /** The golden input and the transaction in it whose answer queues the notices. */
  readonly input: string;
  readonly transaction: number;
  readonly step: number;
  /** The filing the notices repeat, when not the transaction's own: a cancel names the entry on file (its add). */
  readonly filing?: { input: string; transaction: number };
  readonly notices: readonly Notice[];
}

/** The entry number and bill of golden input n (entries 0490001-0490040 of filer B76, with their check digits; cr-released-replace-refused has 0500001). */
const ocean = (entry: string, n: number) => ({ entry, bill: `49${String(n).padStart(4, '0')}01` });
const released = (time: string, entry: string, bill: string, extra: string[] = []) => [so10(entry), ...extra, so30('7318158069'), so40(bill), so50(time, '95', 'BILL ARRIVED'), so60(time, '98', 'RELEASED', {})];

const EXPECTED: Expectation[] = (() => {
  const released1 = ocean('04900012', 1);
  const admissible = ocean('04900020', 2);
  const exam = ocean('04900046', 4);
  const documents = ocean('04900053', 5);
  const correction = ocean('04900087', 8);
  const pending = ocean('04900103', 10);
  const rejected = ocean('04900111', 11);
  const suspended = ocean('04900129', 12);
  return [
    {
      scenario: 'cr-released',
      input: 'input.txt',
      transaction: 0,
      step: 0,
      notices: [{ afterMs: 0, records: released('1500', released1.entry, released1.bill, [so20('CR', 'REF490001')]) }],
    },
    {
      scenario: 'cr-admissible-then-released',
      input: 'input.txt',
      transaction: 0,
      step: 0,
      notices: [
        { afterMs: 0, records: [so10(admissible.entry), so30('7318158069'), so40(admissible.bill), so50('1500', '93', 'BILL ON FILE'), so60('1500', '97', 'ADMISSIBLE')] },
        { afterMs: HOUR, records: released('1600', admissible.entry, admissible.bill) },
      ],
    },
    {
      scenario: 'cr-fda-hold-then-release',
      input: 'input.txt',
      transaction: 0,
      step: 0,
      notices: [
        {
          afterMs: 0,
          records: [
            so10('04900038'),
            so30('6911101000'),
            so40('49000301'),
            so50('1500', '93', 'BILL ON FILE'),
            so70({ agency: 'FDA', time: '1500', status: '02', message: 'HOLD INTACT', reason: '11', pgaLine: '000', holdType: '2' }),
            at('SO72', { 5: 'FDA HOLD - AWAIT FDA REVIEW OF LINE 001 BEFORE MOVING THE CARGO' }),
          ],
        },
        {
          afterMs: 2 * HOUR,
          records: [
            so10('04900038'),
            so30('6911101000'),
            so40('49000301'),
            so50('1700', '95', 'BILL ARRIVED'),
            so60('1700', '98', 'RELEASED', { origin: '08' }),
            so70({ agency: 'FDA', time: '1700', status: '07', message: 'MAY PROCEED', reason: '23', pgaLine: '000' }),
          ],
        },
      ],
    },
    {
      scenario: 'cr-cbp-exam-then-release',
      input: 'input.txt',
      transaction: 0,
      step: 0,
      notices: [
        { afterMs: 0, records: [so10(exam.entry), so30('7318158069'), so40(exam.bill), so50('1500', '53', 'CBP HOLD'), so60('1500', '03', 'PENDING INTENSIVE EXAM')] },
        { afterMs: 4 * HOUR, records: [so10(exam.entry), so30('7318158069'), so40(exam.bill), so50('1900', '56', 'CBP HOLD REMOVED'), so60('1900', '98', 'RELEASED', { origin: '05' })] },
      ],
    },
    {
      scenario: 'cr-document-required-then-release',
      input: 'input.txt',
      transaction: 0,
      step: 0,
      notices: [
        { afterMs: 0, records: [so10(documents.entry), so20('CR', 'REF490005'), so30('7318158069'), so40(documents.bill), so50('1500', '93', 'BILL ON FILE'), so60('1500', '96', 'DOCUMENT REQUIRED')] },
        { afterMs: HOUR, records: released('1600', documents.entry, documents.bill, [so20('CR', 'REF490005')]) },
      ],
    },
    {
      scenario: 'cr-pga-may-proceed',
      input: 'input.txt',
      transaction: 0,
      step: 0,
      notices: [
        {
          afterMs: 0,
          records: [
            so10('04900061'),
            so30('8703230190', 'JP'),
            so40('49000601'),
            so50('1500', '93', 'BILL ON FILE'),
            so60('1500', '01', 'ONEUSG'),
            so70({ agency: 'EP', program: 'VNE', time: '1500', status: '01', message: 'DATA UNDER PGA REVIEW', lineStatus: '01', pgaLine: '001' }),
          ],
        },
        {
          afterMs: 30 * 60_000,
          records: [
            so10('04900061'),
            so30('8703230190', 'JP'),
            so40('49000601'),
            so50('1530', '95', 'BILL ARRIVED'),
            so60('1530', '98', 'RELEASED', {}),
            so70({ agency: 'EP', program: 'VNE', time: '1530', status: '07', message: 'MAY PROCEED', lineStatus: '07', reason: '22', pgaLine: '001' }),
          ],
        },
      ],
    },
    { scenario: 'cr-rejected-quota-certification', input: 'input.txt', transaction: 0, step: 0, notices: [] },
    {
      scenario: 'cr-correction-under-review',
      input: '01-input.txt',
      transaction: 0,
      step: 0,
      notices: [{ afterMs: 0, records: [so10(correction.entry), so30('7318158069'), so40(correction.bill), so50('1500', '93', 'BILL ON FILE'), so60('1500', '98', 'RELEASED', {})] }],
    },
    {
      scenario: 'cr-correction-under-review',
      input: '02-input.txt',
      transaction: 0,
      step: 1,
      notices: [
        { afterMs: 0, records: [so10(correction.entry), so30('7318158069'), so40(correction.bill, '00000080'), so50('1500', '95', 'BILL ARRIVED'), so60('1500', '90', 'UNDER CBP REVIEW')] },
        { afterMs: HOUR, records: [so10(correction.entry), so30('7318158069'), so40(correction.bill, '00000080'), so50('1600', '95', 'BILL ARRIVED'), so60('1600', '88', 'ENTRY REPLACED')] },
      ],
    },
    { scenario: 'cr-cancel-approved', input: 'input.txt', transaction: 0, step: 0, notices: [] },
    {
      scenario: 'cr-cancel-approved',
      input: 'input.txt',
      transaction: 1,
      step: 1,
      filing: { input: 'input.txt', transaction: 0 },
      notices: [{ afterMs: 0, records: [so10('04900095'), so30('7318158069'), so40('49000901'), so50('1500', '91', 'NO BILLMATCH'), so60('1500', '23', 'ENTRY CANCELLED')] }],
    },
    {
      scenario: 'cr-cancel-request-pending',
      input: '01-input.txt',
      transaction: 0,
      step: 0,
      notices: [{ afterMs: 0, records: released('1500', pending.entry, pending.bill) }],
    },
    {
      scenario: 'cr-cancel-request-pending',
      input: '02-input.txt',
      transaction: 0,
      step: 1,
      filing: { input: '01-input.txt', transaction: 0 },
      notices: [{ afterMs: 0, records: [so10(pending.entry), so30('7318158069'), so40(pending.bill), so50('1500', '95', 'BILL ARRIVED'), so60('1500', '85', 'DOC REQUIRED FOR CANCELLATION REQUEST')] }],
    },
    {
      scenario: 'cr-cancel-request-rejected',
      input: '01-input.txt',
      transaction: 0,
      step: 0,
      notices: [{ afterMs: 0, records: [so10(rejected.entry), so30('7318158069'), so40(rejected.bill), so50('1500', '53', 'CBP HOLD'), so60('1500', '03', 'PENDING INTENSIVE EXAM')] }],
    },
    {
      scenario: 'cr-cancel-request-rejected',
      input: '02-input.txt',
      transaction: 0,
      step: 1,
      filing: { input: '01-input.txt', transaction: 0 },
      notices: [
        {
          afterMs: HOUR,
          records: [
            so10(rejected.entry),
            so20('RSN', '10'),
            so20('CMT', 'FINISH THE INTENSIVE EXAM BEFORE A CANCEL REQUEST'),
            so30('7318158069'),
            so40(rejected.bill),
            so50('1600', '53', 'CBP HOLD'),
            so60('1600', '87', 'CANCELLATION REQUEST REJECTED'),
          ],
        },
      ],
    },
    {
      scenario: 'cr-released-replace-refused',
      input: '01-input.txt',
      transaction: 0,
      step: 0,
      notices: [{ afterMs: 0, records: released('1500', '05000010', '50000101', [so20('CR', 'REF500001')]) }],
    },
    { scenario: 'cr-released-replace-refused', input: '04-input.txt', transaction: 0, step: 1, filing: { input: '01-input.txt', transaction: 0 }, notices: [] },
    {
      scenario: 'cr-release-then-exam',
      input: 'input.txt',
      transaction: 0,
      step: 0,
      notices: [
        { afterMs: 0, records: released('1500', suspended.entry, suspended.bill) },
        {
          afterMs: 3 * HOUR,
          records: [
            so10(suspended.entry),
            so30('7318158069'),
            so40(suspended.bill),
            so50('1800', '53', 'CBP HOLD'),
            so60('1800', '99', 'RELEASE SUSPENDED'),
            so60('1800', '03', 'PENDING INTENSIVE EXAM'),
          ],
        },
      ],
    },
  ];
})();

const transactionsOf = (scenario: string, input: string): TxRecord[][] =>
  seTransactions(readFileSync(`${golden}/scenario-${scenario}/${input}`, 'latin1'));

t.test('the shipped library loads its cargo release scenarios', async (t) => {
  t.same(library.errors, []);
  t.same(library.scenarios.map((s) => s.application), Array(library.scenarios.length).fill('SE'));
  t.ok(library.scenarios.length >= 10, `${library.scenarios.length} cargo release scenarios`);
  t.same([...new Set(EXPECTED.map((e) => e.scenario))].sort(), library.scenarios.map((s) => s.id).sort(), 'every scenario has its notices checked below');
});

for (const e of EXPECTED) {
  t.test(`${e.scenario} (${e.input}, transaction ${e.transaction + 1}): its SO notices`, async (t) => {
    const scenario = library.scenarios.find((s) => s.id === e.scenario);
    if (!scenario) return t.fail(`scenario ${e.scenario} is not loaded`);
    const transaction = transactionsOf(e.scenario, e.input)[e.transaction] as TxRecord[];
    const step = scenario.steps[e.step];
    if (!step) return t.fail(`no step ${e.step + 1}`);
    const action = transaction[0]?.text[4];
    t.ok(step.when.action === undefined || step.when.action === action, `step ${e.step + 1} answers action ${action}`);
    const filing = e.filing ? (transactionsOf(e.scenario, e.filing.input)[e.filing.transaction] as TxRecord[]) : transaction;
    const messages = releaseNotices(catalog, filing, step.answer.followUps, TEST_NOW).map((n) => n.message);
    t.same(
      messages.map((m) => ({ afterMs: m.deliverAt.getTime() - TEST_NOW.getTime(), records: m.records })),
      e.notices,
    );
    for (const m of messages) {
      t.equal(m.application, 'SO', 'sent as an SO batch');
      t.match(m.summary, /^SO (\d\d|[A-Z]{2,3} \d\d) .+ for B76-0(490|500)\d{4}$/, 'summed up for the outbox and the console');
    }
  });
}

t.test('UC follow-ups are not release notifications', async (t) => {
  const [transaction] = transactionsOf('cr-released', 'input.txt');
  t.same(releaseNotices(catalog, transaction as TxRecord[], [{ type: 'UC', after: 0, disposition: '2', remarks: [] }], TEST_NOW), []);
});

t.test('a notice goes out as an SO block echoing the SE block header, and decodes with the SO layouts', async (t) => {
  const input = readFileSync(`${golden}/scenario-cr-fda-hold-then-release/input.txt`, 'latin1').split('\n');
  const [transaction] = transactionsOf('cr-fda-hold-then-release', 'input.txt');
  const [hold] = releaseNotices(catalog, transaction as TxRecord[], library.scenarios.find((s) => s.id === 'cr-fda-hold-then-release')?.steps[0]?.answer.followUps ?? [], TEST_NOW).map((n) => n.message);
  if (!hold) return t.fail('no notice');
  // As the pipeline writes every follow-up into the outbox, and the MQ listener wraps it (B&B-38).
  const blockHeader = input[1] as string;
  const block = [writeOutputB(catalog, blockHeader, hold.application), ...hold.records, writeOutputY(catalog, blockHeader, hold.application, hold.records.length)];
  const batch = wrapUnsolicited(catalog, block, hold.deliverAt, { site: '2704', sender: 'B76' });
  t.equal(batch[0], 'A2704B76      112526     SO'.padEnd(80), 'A addressed to the sending site, application SO');
  t.equal(batch[1], 'B  2704B76SO'.padEnd(80), 'B: the SE block header with application SO');
  t.equal(batch.at(-2), 'Y  2704B76SO00006'.padEnd(80), 'Y counts the six SO records');
  const decoded = decodeRecords(catalog, batch, 'out');
  t.same(decoded.map((r) => r.layout), ['A', 'B', 'SO10', 'SO30', 'SO40', 'SO50', 'SO70', 'SO72', 'Y.out', 'Z']);
  const field = (layout: string, name: string) => decoded.find((r) => r.layout === layout)?.fields.find((f) => f.name === name);
  t.ok(field('SO10', 'entryType')?.meaning, 'the entry type decodes with its meaning');
  t.equal(field('SO50', 'dispositionCode')?.meaning, 'BILL ON FILE');
  t.equal(field('SO70', 'entryStatus')?.value, '02');
  t.equal(field('SO72', 'comments')?.value.trim(), 'FDA HOLD - AWAIT FDA REVIEW OF LINE 001 BEFORE MOVING THE CARGO');
});
