import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

/** npm's prepare script where it cannot build: it says why and lets the install go on. */
const prepare = fileURLToPath(new URL('../../src/build/prepare.mjs', import.meta.url));
const run = (root: string) => spawnSync(process.execPath, [prepare, root], { encoding: 'utf8' });

t.test('no sources (the image before it copies src/): nothing built, the install goes on', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'ace-mock-prepare-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'package.json'), '{}\n');
  const result = run(root);
  t.equal(result.status, 0);
  t.equal(result.stderr, 'ace-mock: dist/ not built: no sources (src/cli.ts) here\n');
  t.notOk(existsSync(join(root, 'dist')), 'no dist/');
});

t.test('no compilers (npm ci --omit=dev): says which are missing and what to run', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'ace-mock-prepare-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'package.json'), '{}\n');
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'cli.ts'), 'export {};\n');
  const result = run(root);
  t.equal(result.status, 0);
  t.equal(result.stderr, 'ace-mock: dist/ not built: typescript and esbuild not installed (devDependencies left out); npm install, then npm run build\n');
  t.notOk(existsSync(join(root, 'dist')), 'no dist/');
});
