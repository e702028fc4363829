import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { send, testMock } from './helpers/mock.js';

/**
 * Golden files: each folder under test/golden holds a transmission (input.txt, or numbered steps
 * 01-input.txt, 02-input.txt … sent in order to one server) and the exact bytes ace-mock must answer
 * (expected.txt / NN-expected.txt). case.json describes the case and may set environment options
 * and request headers.
 * UPDATE_GOLDEN=1 writes missing expected files, for review before committing.
 */
const root = fileURLToPath(new URL('./golden', import.meta.url));
const update = process.env['UPDATE_GOLDEN'] === '1';

interface CaseFile {
  description: string;
  /** The CBP page id(s) the expected answer follows, or "ace-mock choice: <why>" (issue 10). */
  source?: string;
  env?: Record<string, string>;
  /** Request headers for every step, e.g. {"x-ace-scenario": "importer-unknown"}. */
  headers?: Record<string, string>;
}

for (const name of readdirSync(root).sort()) {
  const dir = join(root, name);
  const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseFile;
  const inputs = readdirSync(dir)
    .filter((f) => /^(\d\d-)?input\.txt$/.test(f))
    .sort();
  t.test(`${name}: ${meta.description}`, async (t) => {
    t.ok(inputs.length > 0, 'the case has an input');
    t.ok(
      typeof meta.source === 'string' && meta.source.trim() !== '',
      `${name}/case.json names the CBP page its expected answer follows, or the ace-mock choice, in "source"`,
    );
    const mock = testMock(meta.env ?? {});
    t.teardown(() => mock.close());
    for (const input of inputs) {
      const expectedFile = join(dir, input.replace('input', 'expected'));
      const res = await send(mock, readFileSync(join(dir, input)), meta.headers ?? {});
      t.equal(res.statusCode, 200, `${input}: HTTP 200`);
      if (!existsSync(expectedFile)) {
        if (update) writeFileSync(expectedFile, res.body);
        t.fail(`${expectedFile} is missing${update ? ' (written now: review it)' : ''}`);
        continue;
      }
      t.equal(res.body, readFileSync(expectedFile, 'latin1'), `${input}: answer matches ${expectedFile.slice(root.length + 1)}`);
    }
  });
}
