import t from 'tap';
import { entryKeyOf } from '../../src/applications/shared/entry-key.js';
import { amount, type TxRecord, value } from '../../src/applications/shared/record.js';
import { readInputRecord, recordCondition } from '../../src/applications/shared/record-syntax.js';
import { DEFAULT_SCHEMA_DIR } from '../../src/catair/catalog.js';
import type { Block } from '../../src/catair/envelope.js';
import { sharedCatalog } from '../helpers/mock.js';
import { put, rec } from '../helpers/census.js';

/** The helpers every application reads its input records with (src/applications/shared). */
const catalog = sharedCatalog(DEFAULT_SCHEMA_DIR);

const read = (layout: string, text: string): TxRecord => ({ id: catalog.layout(layout).id, text: rec(text), position: 3, layout: catalog.layout(layout), problems: [] });

t.test('value reads a field trimmed with the record layout; a record without one reads blank', async (t) => {
  const tariff = read('50', '508471300100 0000000000 0000010000');
  t.equal(value(tariff, 'hts'), '8471300100');
  t.equal(value({ id: '50', text: tariff.text, position: 3, problems: [] }, 'hts'), '', 'no layout: blank');
  t.equal(value(undefined, 'hts'), '', 'no record: blank');
});

t.test('amount reads implied decimals; a blank or unknown-layout amount is undefined', async (t) => {
  const tariff = read('50', '508471300100 0000012345 0000010000');
  t.equal(amount(tariff, 'duty'), 123.45, 'duty has two implied decimals');
  t.equal(amount(tariff, 'value'), 10000, 'whole dollars');
  t.equal(amount(read('50', '508471300100'), 'duty'), undefined, 'blank');
  t.equal(amount(undefined, 'duty'), undefined, 'no record');
});

t.test('entryKeyOf: the filer and entry number a record names, in a session', async (t) => {
  t.same(entryKeyOf('trainer', read('10', '10AB76  71000019 2704')), { session: 'trainer', filer: 'B76', entryNumber: '71000019' }, '10 record');
  t.same(entryKeyOf('B76', read('CW01', 'CW01B76  71000019')), { session: 'B76', filer: 'B76', entryNumber: '71000019' }, 'CW01 record');
});

t.test('readInputRecord: X39 data in filler, X40 bad characters or values; blanks and business fields are left to the application', async (t) => {
  const block: Block = { number: 1, header: { text: rec('B  2704B76CJ'), position: 2 }, details: [] };
  const layout = catalog.layout('CJ1');
  const at = (text: string, businessFields?: ReadonlySet<string>) =>
    readInputRecord(block, { text: rec(text), position: 3 }, layout, catalog, businessFields).conditions.map((c) => [c.code, c.pointer.column]);
  const good = 'CJ1                B76  71000019';
  t.same(at(good), [], 'a good query');
  t.same(at(put(good, 23, 'X')), [['X39', 23]], 'data in filler');
  t.same(at(put(good, 25, '7100001~')), [['X40', 25]], 'a character outside the CATAIR set');
  t.same(at(put(good, 8, '133126')), [['X40', 8]], 'a date that is not one');
  t.same(at(put(good, 8, '133126'), new Set(['fromDate'])), [], 'the same date, answered by the application');
  t.same(at(put(good, 20, '   ')), [], "a blank mandatory field is the application's");
  const got = readInputRecord(block, { text: rec(good), position: 3 }, layout, catalog);
  t.match(got.record, { id: 'CJ1', position: 3, layout }, 'the record, read with its layout');
});

t.test('recordCondition points at a record, the whole record unless a column is given', async (t) => {
  const block: Block = { number: 2, header: { text: '', position: 7 }, details: [] };
  t.same(recordCondition('X34', block, { text: '', position: 9 }), { code: 'X34', pointer: { kind: 'record', block: 2, position: 9, column: 0 } });
  t.same(recordCondition('X35', block, { text: '', position: 9 }, 25).pointer.column, 25);
});
