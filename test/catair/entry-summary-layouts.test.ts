import t from 'tap';
import { loadCatalog } from '../../src/catair/catalog.js';
import { checkRecord, readField } from '../../src/catair/record.js';

// The Entry Summary records of the July 2026 chapter that carry cargo release, entity, sanctions and
// PGA data, checked against records built column by column from the text's layout pages (ESF-nn),
// not from anything ace-mock writes.

const catalog = loadCatalog();

/** An 80-column record with each text placed at its 1-based starting column. */
function record(...parts: [column: number, text: string][]): string {
  let out = ' '.repeat(80);
  for (const [column, text] of parts) out = out.slice(0, column - 1) + text + out.slice(column - 1 + text.length);
  if (out.length !== 80) throw new Error(`test record runs past column 80: ${out}`);
  return out;
}

const put = (r: string, column: number, text: string): string => r.slice(0, column - 1) + text + r.slice(column - 1 + text.length);

interface Sample {
  readonly page: string;
  readonly text: string;
  /** Every non-filler field with data, as the text's positions place it. */
  readonly fields: Readonly<Record<string, string>>;
}

const SAMPLES: Readonly<Record<string, Sample>> = {
  SE13: {
    page: 'ESF-41',
    text: record([1, 'SE13'], [5, 'PAT DOE'], [45, '2025550143'], [60, '1']),
    fields: { contactName: 'PAT DOE', contactPhone: '2025550143', disIndicator: '1' },
  },
  SE16: {
    page: 'ESF-46',
    text: record([1, 'SE16'], [5, 'MAEU'], [9, '123E'], [14, '112526'], [20, '00000040'], [28, 'CTN'], [33, 'MAERSK KENTUCKY']),
    fields: { carrierCode: 'MAEU', voyage: '123E', arrivalDate: '112526', quantity: '00000040', uom: 'CTN', conveyanceName: 'MAERSK KENTUCKY' },
  },
  SE17: { page: 'ESF-47', text: record([1, 'SE17'], [5, 'MSKU1234565']), fields: { equipmentNumber: 'MSKU1234565' } },
  SE20: { page: 'ESF-56', text: record([1, 'SE20'], [5, 'NAM'], [8, 'Y']), fields: { qualifier: 'NAM', reference: 'Y' } },
  SE30: {
    page: 'ESF-59',
    text: record([1, 'SE30'], [5, 'BY'], [43, 'EI'], [46, '12-3456789AB']),
    fields: { entityCode: 'BY', idQualifier: 'EI', identifier: '12-3456789AB' },
  },
  SE31: { page: 'ESF-61', text: record([1, 'SE31'], [5, 'LEI'], [9, '5493001KJTIIGC8Y1R12']), fields: { gbiQualifier: 'LEI', identifier: '5493001KJTIIGC8Y1R12' } },
  SE32: { page: 'ESF-62', text: record([1, 'SE32'], [5, '1'], [6, 'SELLING PARTY, HEAD OFFICE']), fields: { sequence: '1', description: 'SELLING PARTY, HEAD OFFICE' } },
  SE35: {
    page: 'ESF-63',
    text: record([1, 'SE35'], [5, '01'], [7, '12'], [42, '02'], [44, 'RUE DE LA PAIX']),
    fields: { qualifier1: '01', address1: '12', qualifier2: '02', address2: 'RUE DE LA PAIX' },
  },
  SE36: {
    page: 'ESF-64',
    text: record([1, 'SE36'], [5, 'PARIS'], [40, '75'], [49, '75002'], [64, 'FR']),
    fields: { city: 'PARIS', subEntity: '75', postalCode: '75002', country: 'FR' },
  },
  SE50: {
    page: 'ESF-80',
    text: record([1, 'SE50'], [5, 'MF'], [8, 'SHENZHEN WIDGET FACTORY CO., LTD.']),
    fields: { entityCode: 'MF', entityName: 'SHENZHEN WIDGET FACTORY CO., LTD.' },
  },
  SE51: { page: 'ESF-85', text: record([1, 'SE51'], [5, 'DUNS'], [9, '150483782']), fields: { gbiQualifier: 'DUNS', identifier: '150483782' } },
  SE52: { page: 'ESF-86', text: record([1, 'SE52'], [5, '2'], [6, 'PACKAGER']), fields: { sequence: '2', description: 'PACKAGER' } },
  SE55: { page: 'ESF-87', text: record([1, 'SE55'], [5, '15'], [7, '88 INDUSTRIAL ROAD']), fields: { qualifier1: '15', address1: '88 INDUSTRIAL ROAD' } },
  SE56: {
    page: 'ESF-88',
    text: record([1, 'SE56'], [5, 'SHENZHEN'], [40, 'GD'], [49, '518000'], [64, 'CN']),
    fields: { city: 'SHENZHEN', subEntity: 'GD', postalCode: '518000', country: 'CN' },
  },
  SE60: { page: 'ESF-91 (its example: SE60Y)', text: record([1, 'SE60Y']), fields: { sanctionDisclaim: 'Y' } },
  SE61: { page: 'ESF-92', text: record([1, 'SE61'], [5, '8471300100']), fields: { currentHts: '8471300100' } },
  SE62: {
    page: 'ESF-121 (its example)',
    text: record([1, 'SE6201FSHNG INFOMETHOD OF HARVEST']),
    fields: { sanctionRecordId: '01', recordType: 'FSHNG INFO', fieldName: 'METHOD OF HARVEST' },
  },
  SE63: { page: 'ESF-121 (its example)', text: record([1, 'SE63VESSEL']), fields: { fieldValue: 'VESSEL' } },
  OI: { page: 'ESF-93', text: record([1, 'OI'], [11, "MEN'S KNIT T-SHIRTS, 100% COTTON"]), fields: { description: "MEN'S KNIT T-SHIRTS, 100% COTTON" } },
  CW02: {
    page: 'ESF-126 (codes from appendix H)',
    text: record([1, 'CW02'], [10, '27A'], [13, '03'], [15, '27B'], [18, '09']),
    fields: { warning1: '27A', override1: '03', warning2: '27B', override2: '09' },
  },
};

t.test('each record decodes to the fields its page gives, with no problem', async (t) => {
  for (const [name, sample] of Object.entries(SAMPLES)) {
    const layout = catalog.layout(name);
    t.equal(layout.id, name, `${name}: the record id`);
    t.same(checkRecord(layout, sample.text, catalog), [], `${name} (${sample.page}): a well-formed record`);
    const read = Object.fromEntries(
      layout.fields
        .filter((f) => f.literal === undefined && !f.name.startsWith('filler'))
        .map((f) => [f.name, readField(layout, sample.text, f.name)])
        .filter(([, v]) => v !== ''),
    );
    t.same(read, sample.fields, `${name} (${sample.page}): every field where the text puts it`);
  }
});

t.test('class X fillers take data; class S fillers do not (audit item 3)', async (t) => {
  const xFillers: [string, number, number][] = [
    ['SE16', 53, 80],
    ['SE17', 25, 80],
    ['SE20', 58, 80],
    ['SE30', 66, 80],
    ['SE31', 44, 80],
    ['SE35', 79, 80],
    ['SE36', 43, 48],
    ['SE50', 66, 80],
    ['SE51', 44, 80],
    ['SE55', 79, 80],
    ['SE56', 43, 48],
  ];
  for (const [name, from, to] of xFillers) {
    const layout = catalog.layout(name);
    const filler = layout.fields.find((f) => f.start === from);
    t.same([filler?.class, filler?.start, filler?.end], ['X', from, to], `${name} ${from}-${to} is class X`);
    t.same(checkRecord(layout, put(SAMPLES[name]!.text, from, 'Z#'.slice(0, to - from + 1)), catalog), [], `${name}: data at ${from} is not refused`);
  }
  for (const name of ['SE36', 'SE56']) {
    const layout = catalog.layout(name);
    t.equal(layout.byName.get('country')?.end, 65, `${name}: the text's layout ends at 65 (country 64-65)`);
    t.same(checkRecord(layout, put(SAMPLES[name]!.text, 70, 'X'), catalog), [], `${name}: 66-80, beyond the text, take data`);
  }
  for (const [name, column] of [['SE13', 61], ['SE60', 6], ['SE61', 15], ['OI', 3]] as const) {
    const problems = checkRecord(catalog.layout(name), put(SAMPLES[name]!.text, column, 'Z'), catalog);
    t.same(problems.map((p) => [p.kind, p.column]), [['filler', column]], `${name}: ${column} is class S filler`);
  }
});

t.test('code lists from the text', async (t) => {
  const invalid = (name: string, column: number, text: string) =>
    checkRecord(catalog.layout(name), put(SAMPLES[name]!.text, column, text), catalog).map((p) => [p.kind, p.field.name]);
  t.same(invalid('SE30', 5, 'MF '), [['invalid', 'entityCode']], 'MF (manufacturer) is a line level entity only (ESF-59, ESF-82)');
  t.same(invalid('SE50', 5, 'CN '), [], 'CN at the line level (ESF-82)');
  t.same(invalid('SE30', 43, 'XX '), [['invalid', 'idQualifier']], 'identifier qualifiers EI, ANI, 34 (ESF-60)');
  t.same(invalid('SE31', 5, 'ABCD'), [['invalid', 'gbiQualifier']], 'GBI qualifiers LEI, GLN, DUNS, ALTA (ESF-61)');
  t.same(invalid('SE35', 5, '99'), [['invalid', 'qualifier1']], 'address component qualifiers (ESF-63)');
  t.same(invalid('SE20', 5, 'ZZZ'), [['invalid', 'qualifier']], 'reference qualifiers (ESF-56)');
  t.same(invalid('SE62', 7, 'OIL INFO  '), [['invalid', 'recordType']], 'record types FSHNG INFO, MINE INFO (ESF-122)');
  t.same(invalid('SE36', 64, 'ZZ'), [['invalid', 'country']], 'ISO country code');
});

t.test('blank mandatory fields and the conditions they name', async (t) => {
  const missing = (name: string, column: number, length: number) =>
    checkRecord(catalog.layout(name), put(SAMPLES[name]!.text, column, ' '.repeat(length)), catalog).map((p) => [p.kind, p.field.name, p.field.missing]);
  t.same(missing('OI', 11, 70), [['missing', 'description', 'P02']], 'OI description: P02');
  t.same(missing('SE61', 5, 10), [['missing', 'currentHts', '432']], 'SE61 current HTS: 432');
  t.same(missing('SE16', 20, 8), [['missing', 'quantity', '259']], 'SE16 quantity: 259');
  t.same(missing('SE30', 5, 3), [['missing', 'entityCode', undefined]], 'SE30 entity code: mandatory, no AX condition');
  t.ok(catalog.layout('SE30').byName.get('entityCode')?.noCondition, 'which the layout says why');
});

t.test('89 and 90 records (audit item 14)', async (t) => {
  const l89 = catalog.layout('89');
  t.same(
    ['class1', 'class2', 'class3', 'class4', 'class5'].map((n) => l89.byName.get(n)?.class),
    ['N', 'AN', 'AN', 'AN', 'AN'],
    'class 1 is 3N, classes 2-5 are 3AN (ESF-129)',
  );
  const fees = record([1, '89'], [3, '499'], [6, '00000002500'], [17, 'A1B'], [20, '00000000100']);
  t.same(checkRecord(l89, fees, catalog), [], 'an AN accounting class (2) is well formed');
  t.same(
    checkRecord(l89, put(fees, 3, 'A1B'), catalog).map((p) => [p.kind, p.field.name, p.field.invalid]),
    [['invalid', 'class1', '734']],
    'class (1) stays numeric',
  );
  const l90 = catalog.layout('90');
  t.same(
    ['dutyTotal', 'feeTotal', 'taxTotal', 'adTotal', 'cvdTotal', 'otherTotal'].map((n) => [l90.byName.get(n)?.usage, l90.byName.get(n)?.missing]),
    [
      ['C', '721'],
      ['C', '725'],
      ['C', '723'],
      ['C', '728'],
      ['C', '729'],
      ['C', undefined],
    ],
    'C on ESF-131; the codes the totals rule raises for a blank one on an add or replace (ESF-133 c)',
  );
});
