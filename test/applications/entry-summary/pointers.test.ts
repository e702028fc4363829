import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { EntrySummaryWriter } from '../../../src/applications/entry-summary/answer.js';
import { groupEntrySummaries } from '../../../src/applications/entry-summary/grouping.js';
import type { EntrySummaryTx, EsCondition } from '../../../src/applications/entry-summary/transaction.js';
import type { TxRecord } from '../../../src/applications/shared/record.js';
import { DEFAULT_SCHEMA_DIR, loadCatalog } from '../../../src/catair/catalog.js';
import { loadTransactionGrammar } from '../../../src/catair/grammar.js';
import { readField } from '../../../src/catair/record.js';

/**
 * E0 pointers as ESF-193..203 (table 1) define them. Each expected E0 is built here from the
 * table's columns: 1-2 "E0", 4-9 type, 11-16 occurrence, 18-24 "REF ID:", 26-80 the data.
 */
const catalog = loadCatalog();
const grammar = loadTransactionGrammar(DEFAULT_SCHEMA_DIR, 'entry-summary');
const writer = new EntrySummaryWriter(catalog, grammar);
const samples = fileURLToPath(new URL('../../../scenarios/samples/', import.meta.url));
const lines = readFileSync(`${samples}ae-add-1-line.txt`, 'latin1').split('\n').filter((l) => l !== '');
const ONE_LINE = lines.slice(lines.findIndex((l) => l.startsWith('B')) + 1, lines.findIndex((l) => l.startsWith('Y')));

const rec = (text: string): string => text.padEnd(80).slice(0, 80);
const put = (record: string, col: number, text: string): string => record.slice(0, col - 1) + text + record.slice(col - 1 + text.length);
const at = (id: string) => ONE_LINE.findIndex((r) => r.startsWith(id));

/** An E0 record: type, occurrence, then data placed at its table-1 columns. */
function e0(type: string, occurrence: number, ...data: [column: number, text: string][]): string {
  let r = rec(`E0 ${type.padEnd(6)} ${String(occurrence).padStart(6, '0')} REF ID:`);
  for (const [column, text] of data) r = put(r, column, text);
  return r;
}

function txOf(details: readonly string[]): EntrySummaryTx {
  const block = { number: 1, header: { text: rec('B  2704B76AE'), position: 2 }, details: details.map((text, i) => ({ text, position: i + 3 })) };
  const { units, conditions } = groupEntrySummaries(block, grammar, catalog);
  if (conditions.length > 0) throw new Error(`test data has syntax problems: ${conditions.map((c) => c.code).join(' ')}`);
  return units[0]!;
}

const find = (tx: EntrySummaryTx, id: string, nth = 1): TxRecord => {
  const all = [tx.header, ...tx.headerRecords, ...tx.lines.flatMap((l) => [l.record, ...l.children, ...l.tariffs.flatMap((t) => [t.record, ...t.children]), ...l.trailers]), ...tx.totals];
  return all.filter((r) => r.id === id)[nth - 1]!;
};

/** The E0 records written for the conditions, without the always-first SUMMRY and the E1s. */
function pointers(tx: EntrySummaryTx, conditions: EsCondition[]): string[] {
  return writer.write(tx, conditions, { code: '998', accepted: false }).records.filter((r) => r.startsWith('E0') && !r.startsWith('E0 SUMMRY'));
}

t.test('header groupings: BNDDTL counts bonds, CARMAN manifests and BOLINB bills within their manifest (ESF-194)', async (t) => {
  const bond2 = rec('318B 457');
  const details = [...ONE_LINE.slice(0, at('31') + 1), bond2, ...ONE_LINE.slice(at('31') + 1)];
  // The sample's cargo manifest replaced by two of the test's own, after the 20 record.
  const base = details.filter((r) => !/^2[23]/.test(r));
  const cargo = base.findIndex((r) => r.startsWith('20')) + 1;
  const withCargo = [...base.slice(0, cargo), rec('22000000010PCS'), rec('23MSCAC 111'), rec('22000000020CTN'), rec('23MSCAC 222'), rec('23HSCAC 333'), ...base.slice(cargo)];
  const tx = txOf(withCargo);
  const summary = { kind: 'summary' } as const;
  t.same(pointers(tx, [{ code: '137', ref: summary, record: find(tx, '31', 2), field: 'suretyCode' }]), [e0('BNDDTL', 2, [26, '8'], [28, 'B'], [30, '457'])]);
  t.same(pointers(tx, [{ code: '185', ref: summary, record: find(tx, '23', 3), field: 'componentId' }]), [
    e0('CARMAN', 2, [26, '00000002'], [35, '0CTN']),
    e0('BOLINB', 2, [26, 'H'], [28, '333']),
  ]);
});

t.test('list references count their fields: PSCHRE within the 35, CONREL across all 32 records (ESF-195)', async (t) => {
  const details = [...ONE_LINE.slice(0, at('31') + 1), put(rec('32'), 3, 'AB1  11111111CD2  22222222'), put(rec('32'), 3, 'EF3  33333333GH4  44444444XY5  55555555'), rec('35H01H02H03'), ...ONE_LINE.slice(at('31') + 1)];
  const tx = txOf(details);
  const summary = { kind: 'summary' } as const;
  t.same(pointers(tx, [{ code: '281', ref: summary, record: find(tx, '35'), field: 'reason3' }]), [e0('PSCHRE', 3, [26, 'H03'])]);
  t.same(pointers(tx, [{ code: '999', ref: summary, record: find(tx, '32', 2), field: 'releaseEntry3' }]), [e0('CONREL', 9, [26, 'XY5'], [31, '55555555'])], 'the third pair of the second 32 is the ninth');
});

t.test('line, tariff and the quantity within it: LINITM, TARIFF, TARQTY (ESF-196..197)', async (t) => {
  const tx = txOf(ONE_LINE);
  const line = tx.lines[0]!;
  const tariff = line.tariffs[0]!;
  const input = (r: TxRecord, name: string) => readField(r.layout!, r.text, name);
  const hts = input(tariff.record, 'hts');
  const qty2 = input(tariff.record, 'quantity2');
  const uom2 = input(tariff.record, 'uom2');
  const lineNumber = input(line.record, 'lineNumber');
  t.same(pointers(tx, [{ code: '441', ref: { kind: 'tariff', line, tariff }, record: tariff.record, field: 'quantity2' }]), [
    e0('LINITM', 1, [26, lineNumber]),
    e0('TARIFF', 1, [26, hts]),
    e0('TARQTY', 2, [26, qty2], [39, uom2]),
  ]);
  t.same(pointers(tx, [{ code: '432', ref: { kind: 'tariff', line, tariff }, record: tariff.record, field: 'hts' }]), [e0('LINITM', 1, [26, lineNumber]), e0('TARIFF', 1, [26, hts])], 'no TARQTY for a field outside the quantities');
});

t.test('conditions in one grouping share its E0s; a new grouping writes only what differs', async (t) => {
  const tx = txOf(ONE_LINE);
  const line = tx.lines[0]!;
  const tariff = line.tariffs[0]!;
  const out = writer.write(
    tx,
    [
      { code: '432', ref: { kind: 'tariff', line, tariff }, record: tariff.record, field: 'hts' },
      { code: '408', ref: { kind: 'line', line }, record: line.record, field: 'countryOfOrigin' },
      { code: '441', ref: { kind: 'tariff', line, tariff }, record: tariff.record, field: 'quantity1' },
      { code: '165', ref: { kind: 'summary' }, record: tx.header, field: 'modeOfTransport' },
    ],
    { code: '998', accepted: false },
  );
  t.same(
    out.records.map((r) => r.slice(0, 9)),
    ['E0 SUMMRY', 'E1 F165  ', 'E0 LINITM', 'E1 F408  ', 'E0 TARIFF', 'E1 F432  ', 'E0 TARQTY', 'E1 F441  ', 'E1RF998  '],
    'input order: the 10 record first, then the 40, then the 50; LINITM once, TARIFF once',
  );
  t.same(out.reports.map((r) => r.reference), ['SUMMRY', 'LINITM 001', 'LINITM 001 TARIFF 8471300100'.replace('8471300100', tariff.record.text.slice(2, 12).trim()), `LINITM 001 TARIFF ${tariff.record.text.slice(2, 12).trim()} TARQTY 1`]);
});

t.test('totals: TOTALS carries the entry, FEETOT counts classes across all 89 records (ESF-198)', async (t) => {
  const tx = txOf([...ONE_LINE.slice(0, at('89')), rec('89499000000001234501000000000100'), ONE_LINE[at('89')]!, ONE_LINE[at('90')]!]);
  const second89 = find(tx, '89', 2);
  const ten = tx.header.text;
  const got = pointers(tx, [{ code: '724', ref: { kind: 'totals' }, record: second89, field: 'class2' }]);
  t.same(got[0], e0('TOTALS', 1, [26, ten.slice(3, 6)], [30, ten.slice(8, 16)], [39, ten.slice(21, 30)]));
  t.same(got[1], e0('FEETOT', 7, [26, second89.text.slice(16, 19)], [30, second89.text.slice(19, 30)]), 'the second class of the second 89 is the seventh');
});

t.test('PGA records without a layout of their own use the generic E0 with the record data as text (ESF-198..203)', async (t) => {
  const tariffAt = at('50');
  const tx = txOf([...ONE_LINE.slice(0, tariffAt + 1), rec('OI        LAPTOP COMPUTERS'), ...ONE_LINE.slice(tariffAt + 1)]);
  const line = tx.lines[0]!;
  const tariff = line.tariffs[0]!;
  const oi = find(tx, 'OI');
  const got = pointers(tx, [{ code: '999', ref: { kind: 'tariff', line, tariff }, record: oi }]);
  t.equal(got.length, 3);
  t.equal(got[2], e0('PGOI', 0, [26, oi.text.slice(2, 57)]), 'occurrence zero for PGA data other than PG01 (ESF-193 note 1)');
});
