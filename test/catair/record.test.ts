import t from 'tap';
import { loadCatalog } from '../../src/catair/catalog.js';
import {
  checkRecord,
  decodeRecord,
  type FieldProblem,
  isDate,
  readAmount,
  readField,
  writeRecord,
} from '../../src/catair/record.js';

const catalog = loadCatalog();

/** Lines of scenarios/samples/ae-add-1-line.txt. */
const A = 'A2704B76PASSWD112526     AE'.padEnd(80);
const R10 = '10AB76  03245278 2704REF000001   0140 X           1'.padEnd(80);
const R40 = '40  001 CNCN110126        0000000250570350000000120'.padEnd(80);

/** Overwrites the record from 1-based column `col`. */
const put = (record: string, col: number, text: string): string =>
  record.slice(0, col - 1) + text + record.slice(col - 1 + text.length);

const summary = (problems: readonly FieldProblem[]) => problems.map((p) => ({ field: p.field.name, kind: p.kind, column: p.column }));

t.test('writeRecord', async (t) => {
  const l34 = catalog.layout('34');
  const l40 = catalog.layout('40');

  t.test('N fields: numbers scaled by implied decimals, right-justified and zero-filled', async (t) => {
    const r = writeRecord(l34, { class1: '499', amount1: 12.34, class2: '56', amount2: 7 });
    t.equal(r, '344990000123456 00000700'.padEnd(80));
    t.equal(r.slice(5, 13), '00001234');
    t.equal(r.slice(13, 16), '56 ', 'AN is left-justified and space-filled');
    t.equal(r.slice(16, 24), '00000700');
  });

  t.test('floating-point amounts are rounded, not truncated', async (t) => {
    t.equal(writeRecord(l34, { amount1: 19.99 }).slice(5, 13), '00001999');
    t.equal(writeRecord(l34, { amount1: 0.29 }).slice(5, 13), '00000029');
  });

  t.test('N fields from strings are trimmed and zero-filled, not scaled', async (t) => {
    t.equal(writeRecord(l34, { amount1: ' 1234 ' }).slice(5, 13), '00001234');
    t.equal(writeRecord(l40, { charges: 250 }).slice(26, 36), '0000000250', 'no decimals: the number as is');
  });

  t.test('X and AN fields are left-justified; over-long values are cut to the field', async (t) => {
    const r = writeRecord(l40, { lineNumber: '7', countryOfOrigin: 'CN', portOfLading: 'ABCDEFGH' });
    t.equal(r.slice(4, 7), '7  ');
    t.equal(r.slice(8, 10), 'CN');
    t.equal(r.slice(36, 41), 'ABCDE');
    t.equal(r.length, 80);
  });

  t.test('literals are filled whatever the values say; absent values are blank', async (t) => {
    t.equal(writeRecord(l34, {}), '34'.padEnd(80));
    t.equal(writeRecord(l34, { recordId: 'ZZ' }).slice(0, 2), '34');
    t.equal(writeRecord(catalog.layout('B.fallback'), {}), `B${' '.repeat(78)}B`);
    const x0 = writeRecord(catalog.layout('X0.TRNACT'), { occurrence: 1, recordPosition: 12, column: 5 });
    t.equal(x0, 'X0 TRNACT 000001 REF ID: 0000012 05'.padEnd(80));
  });

  t.test('every record written is 80 long', async (t) => {
    for (const name of ['A', 'B', 'Y.out', 'X1', '10', '34', '40', 'E0.SUMMRY']) {
      const layout = catalog.layout(name);
      const values = Object.fromEntries(layout.fields.map((f) => [f.name, 'W'.repeat(f.length + 5)]));
      t.equal(writeRecord(layout, values).length, 80, `${name} full`);
      t.equal(writeRecord(layout, {}).length, 80, `${name} empty`);
    }
  });
});

t.test('readField and readAmount', async (t) => {
  const lA = catalog.layout('A');
  const l34 = catalog.layout('34');
  const l40 = catalog.layout('40');
  t.equal(readField(lA, A, 'siteCode'), '2704');
  t.equal(readField(lA, A, 'password'), 'PASSWD');
  t.equal(readField(lA, A, 'applicationId'), 'AE');
  t.equal(readField(lA, A, 'officeCode'), '', 'blank fields read as empty');
  t.equal(readField(catalog.layout('10'), R10, 'brokerReference'), 'REF000001');
  t.throws(() => readField(lA, A, 'nope'), { message: 'record layout A has no field nope' });

  const r34 = writeRecord(l34, { class1: '499', amount1: '00001234' });
  t.equal(readAmount(l34, r34, 'amount1'), 12.34);
  t.equal(readAmount(l34, r34, 'amount2'), undefined, 'blank');
  t.equal(readAmount(l34, put(r34, 8, 'A'), 'amount1'), undefined, 'not numeric');
  t.equal(readAmount(l34, put(r34, 6, ' '), 'amount1'), undefined, 'a leading blank is not numeric');
  t.equal(readAmount(l40, R40, 'charges'), 250);
  t.equal(readAmount(l40, R40, 'grossWeight'), 120);
  t.throws(() => readAmount(l34, r34, 'nope'), { message: 'record layout 34 has no field nope' });
});

t.test('isDate', async (t) => {
  for (const d of ['112526', '010126', '022926', '022927', '123199', '043026']) t.ok(isDate(d), `${d} is a date`);
  for (const d of ['023026', '130126', '000126', '010026', '043126', '063126', '11252', '1125266', '11 526', 'AB2526', '']) {
    t.notOk(isDate(d), `"${d}" is not a date`);
  }
});

t.test('checkRecord', async (t) => {
  const lA = catalog.layout('A');

  t.test('the sample records are clean', async (t) => {
    t.same(checkRecord(lA, A, catalog), []);
    t.same(checkRecord(catalog.layout('10'), R10, catalog), []);
    t.same(checkRecord(catalog.layout('40'), R40, catalog), []);
  });

  t.test('data in filler, at the column of its first non-blank character', async (t) => {
    t.same(summary(checkRecord(lA, put(A, 23, 'XY'), catalog)), [{ field: 'filler1', kind: 'filler', column: 23 }]);
    t.same(summary(checkRecord(lA, put(A, 80, 'Z'), catalog)), [], 'A 60-80 is user text, not filler');
    t.same(summary(checkRecord(lA, put(A, 59, 'Z'), catalog)), [{ field: 'filler3', kind: 'filler', column: 59 }]);
  });

  t.test('missing mandatory fields, at the field start', async (t) => {
    t.same(summary(checkRecord(lA, put(A, 2, '    '), catalog)), [{ field: 'siteCode', kind: 'missing', column: 2 }]);
    t.same(summary(checkRecord(lA, put(A, 26, '  '), catalog)), [{ field: 'applicationId', kind: 'missing', column: 26 }]);
    t.same(summary(checkRecord(lA, put(A, 15, '      '), catalog)), [], 'an optional date may be blank');
    t.same(
      summary(checkRecord(lA, put(put(A, 2, '       '), 9, '      '), catalog)),
      [
        { field: 'siteCode', kind: 'missing', column: 2 },
        { field: 'senderId', kind: 'missing', column: 6 },
        { field: 'password', kind: 'missing', column: 9 },
      ],
      'every problem, in column order',
    );
  });

  t.test('class N with letters', async (t) => {
    const l40 = catalog.layout('40');
    t.same(summary(checkRecord(l40, put(R40, 30, 'A'), catalog)), [{ field: 'charges', kind: 'invalid', column: 27 }]);
    t.same(summary(checkRecord(l40, put(R40, 27, ' '), catalog)), [{ field: 'charges', kind: 'invalid', column: 27 }], 'N is zero-filled, not blank-filled');
  });

  t.test('class A with digits', async (t) => {
    const l = catalog.layout('SE30');
    const r = writeRecord(l, { entityCode: 'SE', entityName: 'ACME' }); // SE = seller (ESF-59)
    t.same(checkRecord(l, r, catalog), []);
    t.same(summary(checkRecord(l, put(r, 5, 'I1'), catalog)), [{ field: 'entityCode', kind: 'invalid', column: 5 }]);
    t.same(summary(checkRecord(l, put(r, 5, 'im'), catalog)), [{ field: 'entityCode', kind: 'invalid', column: 5 }], 'lower case');
  });

  t.test('class AN refuses punctuation, X accepts it', async (t) => {
    t.same(summary(checkRecord(lA, put(A, 2, '27-4'), catalog)), [{ field: 'siteCode', kind: 'invalid', column: 2 }]);
    t.same(summary(checkRecord(lA, put(A, 9, 'P@$$-~'), catalog)), []);
  });

  t.test('invalid dates', async (t) => {
    t.same(summary(checkRecord(lA, put(A, 15, '023026'), catalog)), [{ field: 'transmissionDate', kind: 'invalid', column: 15 }]);
    t.same(summary(checkRecord(lA, put(A, 15, '130126'), catalog)), [{ field: 'transmissionDate', kind: 'invalid', column: 15 }]);
    t.same(summary(checkRecord(lA, put(A, 15, '0229 6'), catalog)), [{ field: 'transmissionDate', kind: 'invalid', column: 15 }]);
    t.same(summary(checkRecord(lA, put(A, 15, '022926'), catalog)), []);
  });

  t.test('unknown codes', async (t) => {
    t.same(summary(checkRecord(lA, put(A, 26, 'QQ'), catalog)), [{ field: 'applicationId', kind: 'invalid', column: 26 }]);
    t.same(summary(checkRecord(catalog.layout('10'), put(R10, 34, '99'), catalog)), [
      { field: 'entryType', kind: 'invalid', column: 34 },
    ]);
    t.same(summary(checkRecord(catalog.layout('10'), put(R10, 3, 'Q'), catalog)), [
      { field: 'actionCode', kind: 'invalid', column: 3 },
    ]);
  });

  t.test('non-standard characters: one problem, at the exact column', async (t) => {
    t.same(summary(checkRecord(lA, put(A, 30, '\x01'), catalog)), [{ field: 'filler2', kind: 'nonstandard', column: 30 }]);
    t.same(summary(checkRecord(lA, put(A, 65, 'é'), catalog)), [{ field: 'userText', kind: 'nonstandard', column: 65 }]);
    t.same(summary(checkRecord(lA, put(A, 4, '\x7f'), catalog)), [{ field: 'siteCode', kind: 'nonstandard', column: 4 }]);
    t.same(summary(checkRecord(lA, put(A, 1, '\t'), catalog)), [{ field: 'recordId', kind: 'nonstandard', column: 1 }]);
    const many = put(put(put(A, 2, '    '), 23, 'X'), 70, '\x1b');
    t.same(summary(checkRecord(lA, many, catalog)), [{ field: 'userText', kind: 'nonstandard', column: 70 }], 'reported before anything else');
  });
});

t.test('decodeRecord', async (t) => {
  const decoded = decodeRecord(catalog.layout('10'), R10, catalog);
  const byName = new Map(decoded.map((f) => [f.name, f]));
  t.notOk(byName.has('filler1'), 'filler is left out');
  t.same(byName.get('entryType'), {
    name: 'entryType',
    title: 'Entry Type Code',
    start: 34,
    length: 2,
    value: '01',
    meaning: 'Consumption - Free and Dutiable',
  });
  t.equal(byName.get('actionCode')?.meaning, 'Add');
  t.equal(byName.get('entryNumber')?.value, '03245278');
  t.notOk('meaning' in (byName.get('entryNumber') ?? {}), 'no meaning for an uncoded field');
  t.notOk('meaning' in (byName.get('pscIndicator') ?? {}), 'no meaning for a blank coded field');

  const a = decodeRecord(catalog.layout('A'), 'A2704B76PASSWD112526     SE', catalog);
  const app = a.find((f) => f.name === 'applicationId');
  t.equal(app?.meaning, 'Cargo Release Create/Update');
  t.equal(a.find((f) => f.name === 'userText')?.value, ' '.repeat(21), 'short records are padded');
  t.equal(decodeRecord(catalog.layout('A'), put(A, 26, 'QQ'), catalog).find((f) => f.name === 'applicationId')?.meaning, undefined);
});
