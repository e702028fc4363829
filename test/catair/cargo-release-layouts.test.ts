import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { parse as parseYaml } from 'yaml';
import { loadCatalog } from '../../src/catair/catalog.js';
import { identifyLayout } from '../../src/catair/decode.js';
import { checkRecord, readField } from '../../src/catair/record.js';

/**
 * The ACE Cargo Release layouts (schemas/layouts/cargo-release.yaml, chapter v40, SE-nn pages) and
 * the release notification's (cargo-release-notification.yaml, WO layouts of ACMQ-45..63): every
 * record of the chapter is there under its application's name, covers columns 1-80 once, and reads
 * the sample transmissions (test/fixtures/cargo-release, built from the text's positions) as the
 * text places their fields.
 */
const catalog = loadCatalog();
const FIXTURES = fileURLToPath(new URL('../fixtures/cargo-release/', import.meta.url));
const LAYOUTS = fileURLToPath(new URL('../../schemas/layouts/cargo-release.yaml', import.meta.url));

/** The input records of the chapter's contents (SE-1..2), SE10..SF36, and its one output record. */
const SE_RECORDS = [
  'SE10', 'SE11', 'SE13', 'SE15', 'SE16', 'SE17', 'SE20', 'SE30', 'SE31', 'SE35', 'SE36', 'SE40', 'SE41',
  'SE50', 'SE51', 'SE55', 'SE56', 'SE60', 'SE61', 'SF10', 'SF20', 'SF25', 'SF30', 'SF31', 'SF35', 'SF36',
];
const SO_RECORDS = ['SO10', 'SO20', 'SO30', 'SO40', 'SO42', 'SO50', 'SO60', 'SO70', 'SO71', 'SO72'];

/** Every record of every sample transmission, with its file. */
const samples = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .flatMap((file) =>
    readFileSync(FIXTURES + file, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((text) => ({ file, text })),
  );
/** The first `id` record of a sample file. */
const sample = (file: string, id: string): string => {
  const found = samples.find((s) => s.file === file && s.text.startsWith(id));
  if (!found) throw new Error(`no ${id} record in ${file}`);
  return found.text;
};

t.test('every record of the chapter has its layout, named after its application, covering 1-80 once', async (t) => {
  const layouts = [...SE_RECORDS.map((id) => `SE.${id}`), 'SX.SE90', ...SO_RECORDS];
  for (const name of layouts) {
    const layout = catalog.layout(name);
    let next = 1;
    for (const f of [...layout.fields].sort((a, b) => a.start - b.start)) {
      t.equal(f.start, next, `${name}.${f.name} starts where the previous field ended`);
      next = f.start + f.length;
    }
    t.equal(next, 81, `${name} ends at column 80`);
    t.equal(layout.fields[0]?.literal, layout.id, `${name} starts with its record id`);
  }
  t.ok(catalog.layout('SX.SE90').output && catalog.layout('SO60').output, 'SE90 and the SO records are output records');
  t.notOk(catalog.layout('SE.SE10').output, 'SE10 is an input record');
});

t.test('cargo-release.yaml holds exactly the records of the chapter', async (t) => {
  const file = parseYaml(readFileSync(LAYOUTS, 'utf8')) as { application: string; records: Array<{ id: string }> };
  t.equal(file.application, 'SE');
  t.same(file.records.map((r) => r.id).sort(), [...SE_RECORDS, 'SE90'].sort());
});

t.test('shared record ids keep the Entry Summary layout first; an SE block reads its own', async (t) => {
  const se13 = sample('split-example-1.txt', 'SE13');
  t.same(catalog.candidates(se13).map((l) => l.name), ['SE13', 'SE.SE13'], 'AE decoding and grouping are unchanged');
  t.equal(identifyLayout(catalog, se13, 'in', 'AE')?.name, 'SE13');
  t.equal(identifyLayout(catalog, se13, 'in', 'SE')?.name, 'SE.SE13');
  t.equal(identifyLayout(catalog, sample('split-example-1.txt', 'SE10'), 'in', 'SE')?.name, 'SE.SE10');
});

t.test('every field condition of an SE record is a cargo release (SX) condition', async (t) => {
  for (const id of SE_RECORDS) {
    for (const f of catalog.layout(`SE.${id}`).fields) {
      for (const code of [f.missing, f.invalid]) {
        if (code === undefined) continue;
        t.ok(catalog.dictionary.get(code, 'SX').source.length > 0, `SE.${id}.${f.name}: ${code}`);
        t.equal(catalog.dictionary.lookup(code, 'SX')?.application, 'SX', `${code} is the SX code, not another application's`);
      }
    }
  }
  t.equal(catalog.dictionary.get('001', 'SX').narrative, 'MISSING ACTION CODE');
  t.equal(catalog.dictionary.get('001', 'ER').narrative, 'RETURN DETAIL REQUEST IND MUST BE Y', 'the same number means another thing in ER');
});

t.test('every record of the sample transmissions is valid in its layout', async (t) => {
  for (const { file, text } of samples) {
    const application = /^[AB]/.test(text) ? '' : 'SE';
    const layout = identifyLayout(catalog, text, 'in', application);
    if (!layout) {
      t.fail(`${file}: no layout for ${text.slice(0, 4)}`);
      continue;
    }
    t.same(checkRecord(layout, text, catalog).map((p) => `${p.field.name} ${p.kind}`), [], `${file}: ${layout.name}`);
  }
});

t.test('SE-31..34: the SE10 fields where the text puts them', async (t) => {
  const layout = catalog.layout('SE.SE10');
  const record = sample('split-example-1.txt', 'SE10');
  const field = (name: string) => readField(layout, record, name);
  t.equal(
    ['actionCode', 'entryFiler', 'entryNumber', 'entryType', 'importerType', 'importerNumber', 'modeOfTransport', 'bondType', 'estimatedValue', 'plannedPortOfEntry'].map(field).join('|'),
    'A|B76|04700016|01|EI|12-3456789AB|11|8|0000012000|2704',
  );
});

t.test('SE-55: the surety and bond amount of a single transaction bond', async (t) => {
  const layout = catalog.layout('SE.SE20');
  const records = samples.filter((s) => s.file === 'bond-type-9.txt' && s.text.startsWith('SE20')).map((s) => s.text);
  t.same(records.map((r) => `${readField(layout, r, 'qualifier')}=${readField(layout, r, 'reference')}`), ['V1=123', 'AMT=90000']);
  // The text's own example, SE20AMT90000, is the record's first twelve columns.
  t.equal(records[1]?.slice(0, 12), 'SE20AMT90000');
});

t.test('SE-44..52: bills, split parts and the hand-carried bill', async (t) => {
  const se15 = catalog.layout('SE.SE15');
  const bills = samples.filter((s) => s.file === 'split-example-2.txt' && s.text.startsWith('SE15')).map((s) => s.text);
  t.same(bills.map((r) => [readField(se15, r, 'billType'), readField(se15, r, 'issuerCode'), readField(se15, r, 'billNumber'), readField(se15, r, 'quantity')]), [
    ['R', 'MAEU', '12345', ''],
    ['I', '', '123456789', ''],
    ['R', 'MAEU', '12345', ''],
  ]);
  const se16 = catalog.layout('SE.SE16');
  const parts = samples.filter((s) => s.file === 'split-example-2.txt' && s.text.startsWith('SE16')).map((s) => Number(readField(se16, s.text, 'quantity')));
  t.same(parts, [20, 50, 30], 'SE-86 example 2: split parts A and C, then B under the in-bond');
  const hand = samples.filter((s) => s.file === 'hand-carried.txt' && s.text.startsWith('SE1')).map((s) => s.text);
  const [bill, conveyance] = hand.filter((r) => r.startsWith('SE15') || r.startsWith('SE16')) as [string, string];
  t.same([readField(se15, bill, 'billNumber'), readField(se15, bill, 'quantity'), readField(se15, bill, 'nonAms')], ['HANDCARRIED', '00000001', 'Y'], 'SE-49 note 9');
  t.equal(readField(se16, conveyance, 'quantity'), '00000001', 'SE-52 note 3');
});

t.test('SE-73..82: the ISF records of a unified filing', async (t) => {
  const sf10 = catalog.layout('SE.SF10');
  const header = sample('unified-isf.txt', 'SF10');
  t.same(
    ['submissionType', 'shipmentType', 'actionCode', 'actionReason', 'importerQualifier', 'importerNumber', 'modeOfTransport', 'bondHolder', 'bondType'].map((n) => readField(sf10, header, n)),
    ['1', '01', 'A', 'CT', 'EI', '12-3456789AB', '11', '', ''],
    'the ISF importer is the SE10 importer; the bond fields are blank (SE-18 rules 9 and 11)',
  );
  const sf30 = catalog.layout('SE.SF30');
  const codes = samples.filter((s) => s.file === 'unified-isf.txt' && s.text.startsWith('SF30')).map((s) => readField(sf30, s.text, 'entityCode'));
  t.same(codes.sort(), ['BY', 'CN', 'CS', 'LG', 'MF', 'SE', 'ST'], 'SE-74 note 1: every party but IM, which CBP adds');
});

t.test('SE-83: the SE90 answer record', async (t) => {
  const layout = catalog.layout('SX.SE90');
  t.same(
    layout.fields.map((f) => [f.name, f.start, f.length]),
    [['recordId', 1, 4], ['messageType', 5, 2], ['messageId', 7, 3], ['narrative', 10, 40], ['filler1', 50, 31]],
  );
  const types = catalog.codes('se90-message-types');
  t.same(['01', '02', '03', '04'].map((c) => types.get(c)?.['level']), ['message', 'message', 'message', 'message']);
  t.same(['11', '13'].map((c) => types.get(c)?.['level']), ['record', 'record']);
});

t.test('code lists the chapter defines', async (t) => {
  const entryTypes = catalog.codes('entry-types');
  const cargoRelease = entryTypes.codes.filter((c) => entryTypes.get(c)?.['cargoRelease'] === true).sort();
  t.same(cargoRelease, ['01', '02', '03', '06', '07', '11', '12', '21', '22', '23', '52', '86'], 'SE-33 note 2');
  t.same(['A', 'D', 'R', 'U'].map((c) => catalog.codes('cargo-release-actions').has(c)), [true, true, true, true], 'SE-32 note 1');
  t.notOk(catalog.codes('cargo-release-actions').has('C'));
  t.same(['0', '8', '9'].map((c) => catalog.codes('cargo-release-bond-types').has(c)), [true, true, true], 'SE-34 note 6');
  t.equal(catalog.codes('cargo-release-cancellation-reasons').get('03')?.['replacement'], 'EN', 'SE-42 note 1');
  t.ok(catalog.codes('entity-identifier-qualifiers').has('ANI'), 'SE-33 note 3 reuses the entity qualifiers');
});
