import { join } from 'node:path';
import t from 'tap';
import { loadCatalog } from '../../src/catair/catalog.js';
import { codesIn, scanSource, sourceFiles } from '../helpers/condition-scan.js';

/**
 * Every condition code the source raises must be in the shipped error dictionary: a code missing
 * there makes ErrorDictionary.get throw while answering, i.e. a 500 instead of an answer.
 */
const catalog = loadCatalog();
const found = scanSource();

t.test('the scan reads the source tree and finds a realistic number of codes', async (t) => {
  const files = sourceFiles();
  t.ok(files.some((f) => f.endsWith(join('entry-summary', 'rules', 'psc.ts'))), 'nested folders are read');
  t.ok(files.length > 20, `${files.length} source files`);
  t.ok(found.size > 40, `${found.size} codes found`);
  for (const code of ['B16', 'B12', 'B53', 'X34', 'X35', 'X36', 'X42', 'X05', 'M03', '726', '995', '996', '997', '998', '999']) {
    t.ok(found.has(code), `the scan finds ${code}`);
  }
});

t.test('every code the source raises is in the error dictionary', async (t) => {
  for (const [code, files] of [...found].sort(([a], [b]) => a.localeCompare(b))) {
    t.ok(catalog.dictionary.has(code), `${code} (${[...files].join(', ')}) is in schemas/error-dictionary.yaml`);
  }
});

t.test('the scan would catch a code missing from the dictionary', async (t) => {
  t.notOk(catalog.dictionary.has('Q99'), 'an unknown code is not in the dictionary');
  const sample = "found.push({ code: 'Q99', ref }); add('Q98', p); return cond ? 'Q97' : 'Q96';";
  t.same([...new Set(codesIn(sample))].sort(), ['Q96', 'Q97', 'Q98', 'Q99']);
});
