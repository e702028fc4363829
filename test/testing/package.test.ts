import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

/**
 * ace-mock as a user gets it: what `npm pack` puts in the package (and so what `npm install` of a
 * tarball or a git URL installs), and the example suites, which import `ace-mock/testing` from the
 * built files as a user's tests would.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(join(root, 'package.json'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
};
// Neither the examples' environment nor a test runner's own variables may reach the examples.
const { ACE_MOCK_URL: _url, NODE_TEST_CONTEXT: _context, ...env } = process.env;

// The package and the examples use dist/: build what is out of date (after npm ci's prepare, nothing).
const build = spawnSync(process.execPath, [join(root, 'src/build/build-if-stale.mjs'), root], { encoding: 'utf8' });
t.equal(build.status, 0, 'dist/ is built', { stderr: build.stderr });

/** The script a package installs as the command `command` (what npx would run). */
function binOf(name: string, command = name): string {
  const manifest = require.resolve(`${name}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin[command] ?? '');
}

/** How many tests a suite declares with top-level `test(`, so a run that skipped some shows. */
const declaredTests = (file: string): number => (readFileSync(join(root, file), 'utf8').match(/^test\(/gm) ?? []).length;

t.test('npm pack ships the kit with its types, the CLI and the data read at run time, and nothing else', async (t) => {
  const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', env });
  t.equal(pack.status, 0, 'npm pack --dry-run exits 0', { stderr: pack.stderr });
  const [listing] = JSON.parse(pack.stdout) as { files: { path: string }[] }[];
  const files = new Set(listing?.files.map((f) => f.path));
  const targets = Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
  for (const path of [...targets.map((p) => p.replace(/^\.\//, '')), ...Object.values(pkg.bin)]) t.ok(files.has(path), `${path} (exports, bin)`);
  for (const path of ['dist/server.js', 'dist/console/index.html', 'schemas/error-dictionary.yaml', 'scenarios/library/importer-unknown.yaml', 'scenarios/samples/expect.json']) {
    t.ok(files.has(path), `${path} (read at run time)`);
  }
  const noise = [...files].filter((path) => /^(src|test|bench|examples|docs|docker|data|node_modules|\.ci)\/|^dist\/\.build-stamp\/|\.map$|\.tsbuildinfo$/.test(path));
  t.same(noise, [], 'no sources, tests, build stamps or source maps');
});

t.test('the node:test example passes, every test of it run', async (t) => {
  const file = 'examples/node-test/entry-summary.test.mjs';
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], { cwd: root, encoding: 'utf8', env });
  t.equal(run.status, 0, 'node --test exits 0', { output: run.stdout + run.stderr });
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(run.stdout)?.[1]);
  t.equal(count('tests'), declaredTests(file), `${declaredTests(file)} tests`);
  t.equal(count('pass'), declaredTests(file), 'all passed');
});

t.test('the Vitest example passes, every test of it run, and type-checks against the published types', async (t) => {
  const folder = join(root, 'examples/vitest');
  const run = spawnSync(process.execPath, [binOf('vitest'), 'run', '--reporter=json'], { cwd: folder, encoding: 'utf8', env });
  t.equal(run.status, 0, 'vitest run exits 0', { stderr: run.stderr });
  const report = JSON.parse(run.stdout) as { numTotalTests: number; numPassedTests: number };
  const declared = declaredTests('examples/vitest/entry-summary.test.ts');
  t.equal(report.numTotalTests, declared, `${declared} tests`);
  t.equal(report.numPassedTests, declared, 'all passed');
  const tsc = spawnSync(process.execPath, [binOf('typescript', 'tsc'), '-p', folder], { cwd: root, encoding: 'utf8' });
  t.equal(tsc.status, 0, 'tsc -p examples/vitest finds no type error', { output: tsc.stdout });
});
