import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_SCHEMA_DIR, loadCatalog, SchemaError } from '../../src/catair/catalog.js';
import { checkMissingConditions, compileLayout, type FieldSpec, LayoutError } from '../../src/catair/layout.js';

const SCHEMAS = fileURLToPath(new URL('../../schemas', import.meta.url));

type Spec = Parameters<typeof compileLayout>[1];

/** A valid record "T": literal at 1, AN 2-10, N 11-20 (2 decimals), D 21-26, filler 27-80. */
function fields(): FieldSpec[] {
  return [
    { name: 'recordId', start: 1, length: 1, class: 'A', usage: 'M', literal: 'T' },
    { name: 'code', start: 2, length: 9, class: 'AN', usage: 'M' },
    { name: 'amount', start: 11, length: 10, class: 'N', usage: 'C', decimals: 2 },
    { name: 'when', start: 21, length: 6, class: 'D', usage: 'C' },
    { name: 'filler1', start: 27, length: 54, class: 'S', usage: 'O' },
  ];
}

function spec(fs: FieldSpec[] = fields()): Spec {
  return { name: 'T.rec', id: 'T', title: 'Test record', fields: fs };
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error, none was thrown');
}

function edit(fs: FieldSpec[], name: string, change: Partial<FieldSpec>): FieldSpec[] {
  return fs.map((f) => (f.name === name ? { ...f, ...change } : f));
}

t.test('compileLayout', async (t) => {
  t.test('a valid layout compiles with 0-based offsets and ends', async (t) => {
    const layout = compileLayout('t.yaml', spec());
    t.equal(layout.name, 'T.rec');
    t.equal(layout.id, 'T');
    t.same(
      layout.fields.map((f) => [f.name, f.offset, f.end]),
      [
        ['recordId', 0, 1],
        ['code', 1, 10],
        ['amount', 10, 20],
        ['when', 20, 26],
        ['filler1', 26, 80],
      ],
    );
    t.equal(layout.byName.get('amount')?.start, 11);
  });

  t.test('fields given out of order are sorted by start', async (t) => {
    const layout = compileLayout('t.yaml', spec(fields().reverse()));
    t.same(
      layout.fields.map((f) => f.name),
      ['recordId', 'code', 'amount', 'when', 'filler1'],
    );
  });

  t.test('overlapping fields', async (t) => {
    const err = errorOf(() => compileLayout('layouts/t.yaml', spec(edit(fields(), 'amount', { start: 9, length: 12 }))));
    t.type(err, LayoutError);
    t.equal(err.name, 'LayoutError');
    t.equal(err.message, 'layouts/t.yaml: record T.rec: field amount starts at 9 but the previous field ends at 10');
  });

  t.test('a gap between fields', async (t) => {
    const err = errorOf(() => compileLayout('layouts/t.yaml', spec(edit(fields(), 'code', { length: 5 }))));
    t.type(err, LayoutError);
    t.equal(err.message, 'layouts/t.yaml: record T.rec: columns 7-10 are not covered by any field (before amount)');
  });

  t.test('a gap at the end of the record', async (t) => {
    const err = errorOf(() => compileLayout('layouts/t.yaml', spec(edit(fields(), 'filler1', { length: 50 }))));
    t.type(err, LayoutError);
    t.equal(err.message, 'layouts/t.yaml: record T.rec: columns 77-80 are not covered by any field');
  });

  t.test('a field past column 80', async (t) => {
    const err = errorOf(() => compileLayout('layouts/t.yaml', spec(edit(fields(), 'filler1', { length: 55 }))));
    t.type(err, LayoutError);
    t.equal(err.message, 'layouts/t.yaml: record T.rec: field filler1 (27-81) runs past column 80');
  });

  t.test('a literal whose length is not the field length', async (t) => {
    const err = errorOf(() => compileLayout('layouts/t.yaml', spec(edit(fields(), 'recordId', { literal: 'TT' }))));
    t.type(err, LayoutError);
    t.equal(err.message, 'layouts/t.yaml: record T.rec: field recordId has literal "TT" of length 2, not 1');
  });

  t.test('decimals on a field that is not class N', async (t) => {
    const err = errorOf(() => compileLayout('layouts/t.yaml', spec(edit(fields(), 'code', { decimals: 2 }))));
    t.type(err, LayoutError);
    t.equal(err.message, 'layouts/t.yaml: record T.rec: field code has decimals but is not class N');
  });

  t.test('a date field that is not 6 long', async (t) => {
    const fs = edit(edit(fields(), 'when', { length: 8 }), 'filler1', { start: 29, length: 52 });
    const err = errorOf(() => compileLayout('layouts/t.yaml', spec(fs)));
    t.type(err, LayoutError);
    t.equal(err.message, 'layouts/t.yaml: record T.rec: field when is a date (MMDDYY) and must be 6 long');
  });

  t.test('a field defined twice', async (t) => {
    const err = errorOf(() => compileLayout('layouts/t.yaml', spec(edit(fields(), 'when', { name: 'code' }))));
    t.type(err, LayoutError);
    t.equal(err.message, 'layouts/t.yaml: record T.rec: field code is defined twice');
  });

  t.test('mandatory filler', async (t) => {
    const err = errorOf(() => compileLayout('layouts/t.yaml', spec(edit(fields(), 'filler1', { usage: 'M' }))));
    t.type(err, LayoutError);
    t.equal(err.message, 'layouts/t.yaml: record T.rec: field filler1 is filler and cannot be mandatory');
  });

  t.test('a field with both a missing condition and noCondition', async (t) => {
    const err = errorOf(() => compileLayout('layouts/t.yaml', spec(edit(fields(), 'code', { missing: 'B05', noCondition: 'none in the text' }))));
    t.type(err, LayoutError);
    t.equal(err.message, 'layouts/t.yaml: record T.rec: field code has both a missing condition and noCondition; keep one');
  });

  t.test('a first field that is not the record-id literal', async (t) => {
    const expected = 'layouts/t.yaml: record T.rec: the first field (recordId) must be a literal starting with the record id "T"';
    const noLiteral = errorOf(() => {
      const fs = fields();
      const { literal: _drop, ...first } = fs[0] as FieldSpec;
      return compileLayout('layouts/t.yaml', spec([first, ...fs.slice(1)]));
    });
    t.type(noLiteral, LayoutError);
    t.equal(noLiteral.message, expected);
    const wrongLiteral = errorOf(() => compileLayout('layouts/t.yaml', spec(edit(fields(), 'recordId', { literal: 'Q' }))));
    t.type(wrongLiteral, LayoutError);
    t.equal(wrongLiteral.message, expected);
  });

  t.test('a record id longer than one character must prefix the literal', async (t) => {
    const fs = edit(edit(fields(), 'recordId', { length: 4, literal: 'SE30' }), 'code', { start: 5, length: 6 });
    t.equal(compileLayout('x.yaml', { name: 'SE30', id: 'SE30', title: 'ok', fields: fs }).id, 'SE30');
    const err = errorOf(() => compileLayout('x.yaml', { name: 'SE30', id: 'SE31', title: 'bad', fields: fs }));
    t.equal(err.message, 'x.yaml: record SE30: the first field (recordId) must be a literal starting with the record id "SE31"');
  });
});

t.test('checkMissingConditions: every mandatory input field names its missing condition', async (t) => {
  const check = (fs: FieldSpec[], extra: Partial<Spec> = {}) => checkMissingConditions('t.yaml', compileLayout('t.yaml', { ...spec(fs), ...extra }));
  t.same(check(fields()), ['t.yaml: record T.rec: mandatory field code names no missing condition (or noCondition: why none)'], 'mandatory code has none');
  t.same(check(edit(fields(), 'code', { missing: 'B05' })), [], 'a missing condition');
  t.same(check(edit(fields(), 'code', { noCondition: 'ESF-nn gives none' })), [], 'or the reason there is none');
  t.same(check(edit(fields(), 'code', { usage: 'C' })), [], 'conditional fields are not held to it');
  t.same(check(fields(), { output: true }), [], 'output records are written, never checked');
});

/** A private copy of the shipped schemas, removed when the test ends. */
function schemaCopy(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-schemas-'));
  cpSync(SCHEMAS, dir, { recursive: true });
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function replaceIn(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} does not contain ${from}`);
  writeFileSync(path, text.replace(from, to));
}

/** The file name as loadCatalog shows it: relative to the working directory. */
const shown = (path: string): string => relative(process.cwd(), path) || path;

t.test('loadCatalog on a broken schema copy', async (t) => {
  t.test('the unbroken copy loads', async (t) => {
    const dir = schemaCopy(t);
    t.equal(loadCatalog(dir).dictionary.size, loadCatalog().dictionary.size);
  });

  t.test('invalid YAML names the file', async (t) => {
    const dir = schemaCopy(t);
    const path = join(dir, 'codes', 'bond-types.yaml');
    writeFileSync(path, 'name: bond-types\ncodes: { "8": [unclosed\n');
    const err = errorOf(() => loadCatalog(dir));
    t.type(err, SchemaError);
    t.equal(err.name, 'SchemaError');
    t.ok(err.message.startsWith(`${shown(path)}: not valid YAML: `), err.message);
  });

  t.test('a layout file that fails compileLayout names the file, record and field', async (t) => {
    const dir = schemaCopy(t);
    const path = join(dir, 'layouts', 'batch-block.yaml');
    replaceIn(path, '{ name: senderId, start: 6, length: 3,', '{ name: senderId, start: 6, length: 4,');
    const err = errorOf(() => loadCatalog(dir));
    t.type(err, SchemaError);
    t.equal(err.message, `${shown(path)}: record A: field password starts at 9 but the previous field ends at 9`);
  });

  t.test('a field naming an unknown code list', async (t) => {
    const dir = schemaCopy(t);
    const path = join(dir, 'layouts', 'entry-summary.yaml');
    replaceIn(path, 'codes: bond-types,', 'codes: bond-typez,');
    const err = errorOf(() => loadCatalog(dir));
    t.type(err, SchemaError);
    t.equal(err.message, `${shown(path)}: record 31: field bondType names code list "bond-typez", which does not exist in schemas/codes`);
  });

  t.test('a field naming a condition code not in the dictionary', async (t) => {
    const dir = schemaCopy(t);
    const path = join(dir, 'layouts', 'entry-summary.yaml');
    replaceIn(path, 'codes: bond-types, missing: "112", invalid: "112"', 'codes: bond-types, missing: "112", invalid: "Q99"');
    const err = errorOf(() => loadCatalog(dir));
    t.type(err, SchemaError);
    t.equal(err.message, `${shown(path)}: record 31: field bondType names condition Q99, which is not in error-dictionary.yaml`);
  });

  t.test('a mandatory Entry Summary input field with no missing condition', async (t) => {
    const dir = schemaCopy(t);
    const path = join(dir, 'layouts', 'entry-summary.yaml');
    replaceIn(path, 'usage: M, missing: "259", invalid: "264", title: Manifested Quantity', 'usage: M, invalid: "264", title: Manifested Quantity');
    replaceIn(path, 'usage: M, missing: "P02", title: Commercial Description Text', 'usage: M, title: Commercial Description Text');
    const err = errorOf(() => loadCatalog(dir));
    t.type(err, SchemaError);
    t.equal(
      err.message,
      `${shown(path)}: record 22: mandatory field manifestedQuantity names no missing condition (or noCondition: why none)\n` +
        `${shown(path)}: record OI: mandatory field description names no missing condition (or noCondition: why none)`,
    );
  });

  t.test('only input records of application files are held to it', async (t) => {
    const dir = schemaCopy(t);
    // The A record's password and the E1 condition are mandatory with no missing condition: the
    // envelope answers batch records with X-codes, and E1 is an output record.
    t.ok(loadCatalog(dir).layout('A').byName.get('password')?.usage === 'M');
    const path = join(dir, 'layouts', 'entry-summary.yaml');
    replaceIn(path, '    title: Entry Summary Condition/Disposition Response\n    output: true\n', '    title: Entry Summary Condition/Disposition Response\n');
    const err = errorOf(() => loadCatalog(dir));
    t.match(err.message, `${shown(path)}: record E1: mandatory field condition names no missing condition`);
  });

  t.test('a dictionary narrative over 40 characters', async (t) => {
    const dir = schemaCopy(t);
    const path = join(dir, 'error-dictionary.yaml');
    const long = 'BLOCK CONTROL MISSING - B-RECORD PLUS MOR';
    t.equal(long.length, 41);
    replaceIn(path, '"BLOCK CONTROL MISSING - B-RECORD"', `"${long}"`);
    const err = errorOf(() => loadCatalog(dir));
    t.type(err, SchemaError);
    t.equal(
      err.message,
      `${shown(path)}: does not match its schema:\n` +
        '  at conditions.X03.narrative: narratives are at most 40 characters (E1/X1 positions 11-50)',
    );
  });

  t.test('a narrative of exactly 40 characters is accepted', async (t) => {
    const dir = schemaCopy(t);
    const forty = 'BLOCK CONTROL MISSING - B-RECORD PLUS MO';
    t.equal(forty.length, 40);
    replaceIn(join(dir, 'error-dictionary.yaml'), '"BLOCK CONTROL MISSING - B-RECORD"', `"${forty}"`);
    t.equal(loadCatalog(dir).dictionary.get('X03').narrative, forty);
  });

  t.test('a lower-case dictionary narrative', async (t) => {
    const dir = schemaCopy(t);
    const path = join(dir, 'error-dictionary.yaml');
    replaceIn(path, '"BLOCK CONTROL MISSING - B-RECORD"', '"Block control missing - B-record"');
    const err = errorOf(() => loadCatalog(dir));
    t.type(err, SchemaError);
    t.equal(
      err.message,
      `${shown(path)}: does not match its schema:\n  at conditions.X03.narrative: narratives are upper-case printable ASCII`,
    );
  });

  t.test('an application whose transactionStart names no record', async (t) => {
    const dir = schemaCopy(t);
    replaceIn(join(dir, 'codes', 'application-ids.yaml'), 'transactionStart: "CW01"', 'transactionStart: "CW09"');
    const err = errorOf(() => loadCatalog(dir));
    t.type(err, SchemaError);
    t.equal(err.message, 'schemas/codes/application-ids.yaml: the transactionStart of CW names no record layout');
  });
});

t.test('loadCatalog() of the shipped schemas', async (t) => {
  t.equal(DEFAULT_SCHEMA_DIR, SCHEMAS);
  const catalog = loadCatalog();
  t.equal(catalog.dictionary.get('X03').narrative, 'BLOCK CONTROL MISSING - B-RECORD');
  t.equal(catalog.codes('application-ids').get('AE')?.['response'], 'AX');

  const layoutDir = join(SCHEMAS, 'layouts');
  const names: string[] = [];
  for (const file of readdirSync(layoutDir).filter((f) => f.endsWith('.yaml'))) {
    const data = parseYaml(readFileSync(join(layoutDir, file), 'utf8')) as { records: { name: string }[] };
    names.push(...data.records.map((r) => r.name));
  }
  t.ok(names.length > 20, `found ${names.length} layouts`);
  for (const name of ['A', 'B', 'Y', 'Z', 'Y.out', 'B.fallback', 'X0.BLOCK', 'X1', '10', '40', 'E0.SUMMRY']) {
    t.ok(names.includes(name), `layout ${name} is shipped`);
  }
  for (const name of names) {
    const layout = catalog.layout(name);
    t.equal(
      layout.fields.reduce((sum, f) => sum + f.length, 0),
      80,
      `${name}: field lengths add up to 80`,
    );
    let next = 1;
    for (const f of layout.fields) {
      if (f.start !== next) t.fail(`${name}: field ${f.name} starts at ${f.start}, expected ${next}`);
      next = f.start + f.length;
    }
    t.equal(next, 81, `${name}: fields cover 1-80 in order`);
  }
  t.throws(() => catalog.layout('NOPE'), { message: 'no record layout named NOPE in schemas/layouts' });
  t.throws(() => catalog.codes('nope'), { message: 'no code list named nope in schemas/codes' });
});
