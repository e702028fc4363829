import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';

const freshness = fileURLToPath(new URL('../../src/build/freshness.mjs', import.meta.url));
const buildIfStale = fileURLToPath(new URL('../../src/build/build-if-stale.mjs', import.meta.url));

/** A project in a temporary folder: the inputs the build parts read, and their outputs. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'ace-mock-freshness-'));
  const files: Record<string, string> = {
    'src/cli.ts': 'export {};\n',
    'src/catair/catalog.ts': 'export const a = 1;\n',
    'src/console/main.tsx': 'export {};\n',
    'tsconfig.json': '{}\n',
    'tsconfig.build.json': '{}\n',
    'package.json': '{}\n',
    'dist/cli.js': '',
    'dist/console/index.html': '',
    'dist/console/assets/app.js': '',
  };
  for (const [path, text] of Object.entries(files)) write(root, path, text);
  return root;
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Moves a file's modification time by some seconds (no waiting, no clock read in an assertion). */
function shiftMtime(root: string, path: string, seconds: number): void {
  const { mtime } = statSync(join(root, path));
  const moved = new Date(mtime.getTime() + seconds * 1000);
  utimesSync(join(root, path), moved, moved);
}

const cli = (root: string, ...args: string[]) => spawnSync(process.execPath, [freshness, ...args, root], { encoding: 'utf8' });
const check = (root: string, part: string) => cli(root, 'check', part).stdout.trim();
const built = (t: Test, root: string, part: string) => {
  t.equal(cli(root, 'begin', part).status, 0);
  t.equal(cli(root, 'done', part).status, 0);
};

t.test('stale without a record of a finished build, fresh once built', async (t) => {
  const root = project();
  t.equal(check(root, 'server'), 'stale: no record of a finished build');
  t.equal(cli(root, 'check', 'server').status, 1);
  built(t, root, 'server');
  t.equal(check(root, 'server'), 'fresh');
  t.equal(cli(root, 'check', 'server').status, 0);
  t.equal(check(root, 'console'), 'stale: no record of a finished build', 'each part has its own record');
});

t.test('stale when a source is newer than the build, or put back older', async (t) => {
  const root = project();
  built(t, root, 'server');
  shiftMtime(root, 'src/catair/catalog.ts', 60);
  t.equal(check(root, 'server'), 'stale: src/catair/catalog.ts changed');
  built(t, root, 'server');
  shiftMtime(root, 'src/catair/catalog.ts', -3600);
  t.equal(check(root, 'server'), 'stale: src/catair/catalog.ts changed', 'an older file (restored from a copy) is a change too');
  built(t, root, 'server');
  appendFileSync(join(root, 'tsconfig.build.json'), ' ');
  t.match(check(root, 'server'), /^stale: tsconfig.build.json changed$/, 'the compiler options are an input');
});

t.test('stale when a source is added or removed', async (t) => {
  const root = project();
  built(t, root, 'server');
  write(root, 'src/new.ts', 'export {};\n');
  t.equal(check(root, 'server'), 'stale: src/new.ts was added');
  built(t, root, 'server');
  rmSync(join(root, 'src/catair/catalog.ts'));
  t.equal(check(root, 'server'), 'stale: src/catair/catalog.ts was removed');
  write(root, 'package-lock.json', '{}\n');
  built(t, root, 'server');
  rmSync(join(root, 'package-lock.json'));
  t.equal(check(root, 'server'), 'stale: package-lock.json was removed', 'an optional input going away counts');
});

t.test('stale when an output is missing', async (t) => {
  const root = project();
  built(t, root, 'console');
  rmSync(join(root, 'dist/console/assets/app.js'));
  t.equal(check(root, 'console'), 'stale: dist/console/assets/app.js is missing');
});

t.test('the console is built from all of src/, the server from all but the console', async (t) => {
  const root = project();
  built(t, root, 'server');
  built(t, root, 'console');
  shiftMtime(root, 'src/console/main.tsx', 60);
  t.equal(check(root, 'server'), 'fresh');
  t.equal(check(root, 'console'), 'stale: src/console/main.tsx changed');
  built(t, root, 'console');
  shiftMtime(root, 'src/cli.ts', 60);
  t.equal(check(root, 'server'), 'stale: src/cli.ts changed');
  t.equal(check(root, 'console'), 'stale: src/cli.ts changed');
});

t.test('a build that began and did not finish leaves the part stale, even if it was fresh before', async (t) => {
  const root = project();
  built(t, root, 'server');
  t.equal(cli(root, 'begin', 'server').status, 0);
  t.equal(check(root, 'server'), 'stale: no record of a finished build');
});

t.test('a file saved during the build leaves the part stale', async (t) => {
  const root = project();
  t.equal(cli(root, 'begin', 'server').status, 0);
  shiftMtime(root, 'src/cli.ts', 60);
  t.equal(cli(root, 'done', 'server').status, 0);
  t.equal(check(root, 'server'), 'stale: src/cli.ts changed');
});

t.test('mistakes are named', async (t) => {
  const root = project();
  const notBegun = cli(root, 'done', 'server');
  t.equal(notBegun.status, 2);
  t.match(notBegun.stderr, /no build of "server" was begun/);
  const unknown = cli(root, 'check', 'docs');
  t.equal(unknown.status, 2);
  t.match(unknown.stderr, /unknown build part "docs": one of server, console/);
});

t.test('build-if-stale runs npm run build:<part> for the stale parts only', async (t) => {
  const root = project();
  rmSync(join(root, 'dist'), { recursive: true });
  // Each part's script stamps itself as the real ones do, and notes that it ran.
  const script = (part: string, outputs: string[]) =>
    `node ${JSON.stringify(freshness)} begin ${part} . && node fake-build.mjs ${part} ${outputs.join(' ')} && node ${JSON.stringify(freshness)} done ${part} .`;
  write(root, 'package.json', JSON.stringify({ scripts: { 'build:server': script('server', ['dist/cli.js']), 'build:console': script('console', ['dist/console/index.html', 'dist/console/assets/app.js']) } }));
  write(
    root,
    'fake-build.mjs',
    `import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
const [part, ...outputs] = process.argv.slice(2);
appendFileSync('built.log', part + '\\n');
for (const o of outputs) { mkdirSync(dirname(o), { recursive: true }); writeFileSync(o, ''); }
process.exitCode = process.env.FAIL_BUILD === part ? 1 : 0;
`,
  );
  const run = (env: Record<string, string> = {}) => spawnSync(process.execPath, [buildIfStale, root], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  const log = () => readFileSync(join(root, 'built.log'), 'utf8').trim().split('\n');

  const fresh = run();
  t.equal(fresh.status, 0);
  t.same(log(), ['server', 'console'], 'a clone with no dist/ builds everything');
  t.match(fresh.stderr, /building server \(dist\/cli.js is missing\)/);

  t.equal(run().status, 0);
  t.same(log(), ['server', 'console'], 'nothing is built when dist/ is up to date');

  shiftMtime(root, 'src/console/main.tsx', 60);
  t.equal(run().status, 0);
  t.same(log(), ['server', 'console', 'console'], 'a console change rebuilds the console only');

  shiftMtime(root, 'src/cli.ts', 60);
  const failed = run({ FAIL_BUILD: 'server' });
  t.equal(failed.status, 1, 'a failed build stops npm start');
  t.same(log(), ['server', 'console', 'console', 'server'], 'nothing more is built after a failure');
  t.equal(check(root, 'server'), 'stale: no record of a finished build');
});
