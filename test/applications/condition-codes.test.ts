import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadCatalog } from '../../src/catair/catalog.js';

/**
 * Every condition code the source raises must be in the shipped error dictionary: a code missing
 * there makes ErrorDictionary.get throw while answering, i.e. a 500 instead of an answer.
 */
const srcDir = fileURLToPath(new URL('../../src', import.meta.url));
const CODE = `'([A-Z0-9]{3})'`;
const PATTERNS: readonly RegExp[] = [
  new RegExp(`\\bcode\\s*:\\s*${CODE}`, 'g'), // { code: 'B16', … }
  new RegExp(`\\b(?:add|flag)\\(\\s*${CODE}`, 'g'), // add('X05', …), flag('X34', …)
  new RegExp(`\\breturn\\s+${CODE}`, 'g'), // return 'X35'
  new RegExp(`\\?\\s*${CODE}\\s*:\\s*${CODE}`, 'g'), // remote ? 'B12' : 'B53', last ? 'X42' : 'X40'
  new RegExp(`${CODE}\\s*\\|\\s*${CODE}`, 'g'), // 'X35' | 'X36' (a function's possible results)
  /'(99[5-9])'/g, // dispositions 995-998, batch rejected 999
];

function sourceFiles(): string[] {
  return (readdirSync(srcDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(srcDir, f));
}

function scan(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const file of sourceFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of PATTERNS) {
      for (const m of text.matchAll(pattern)) {
        for (const code of m.slice(1)) {
          if (code === undefined) continue;
          const where = found.get(code) ?? new Set<string>();
          where.add(file.slice(srcDir.length + 1));
          found.set(code, where);
        }
      }
    }
  }
  return found;
}

const catalog = loadCatalog();
const found = scan();

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
  const codes = PATTERNS.flatMap((p) => [...sample.matchAll(p)].flatMap((m) => m.slice(1).filter((c) => c !== undefined)));
  t.same([...new Set(codes)].sort(), ['Q96', 'Q97', 'Q98', 'Q99']);
});
