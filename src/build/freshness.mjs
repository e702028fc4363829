// Whether dist/ still matches the sources it was built from, so `npm start` builds only when it must.
//
// Plain JavaScript with no dependencies: it runs before anything is compiled.
//
// Each build part records, when it succeeds, the inputs it was built from: every file's path, size
// and modification time. A part is stale when that record is missing, when its outputs are missing,
// or when any input was added, removed or changed (including a file put back with an older mtime,
// which a "newest mtime" comparison would miss). The record is taken before the build starts and
// kept only when the build finishes, so a file saved during a build leaves the part stale.
//
//   node src/build/freshness.mjs begin PART [ROOT]   before building PART: note its inputs
//   node src/build/freshness.mjs done PART [ROOT]    after building PART: keep that note as its stamp
//   node src/build/freshness.mjs check PART [ROOT]   print "fresh" (exit 0) or "stale: why" (exit 1)
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder (this file is src/build/freshness.mjs). */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What each part of `npm run build` is made from and makes, in build order; `npm run build:<part>`
 * builds it. The lockfile stands for the compiler and bundler versions.
 */
export const BUILD_PARTS = {
  server: {
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'],
    // tsconfig.build.json leaves the console out; esbuild builds it.
    ignore: ['src/console'],
    outputs: ['dist/cli.js'],
  },
  console: {
    // All of src/, not only src/console: the bundle may import from the rest of the sources.
    inputs: ['src', 'package.json', 'package-lock.json'],
    ignore: [],
    outputs: ['dist/console/index.html', 'dist/console/assets/app.js'],
  },
};

const stampPath = (root, part) => join(root, 'dist', '.build-stamp', `${part}.json`);
const pendingPath = (root, part) => join(root, 'dist', '.build-stamp', `${part}.pending.json`);

function partOf(name) {
  const part = BUILD_PARTS[name];
  if (!part) throw new Error(`unknown build part "${name}": one of ${Object.keys(BUILD_PARTS).join(', ')}`);
  return part;
}

/** Every input file of a part, by path relative to root (with /), as "size mtime". */
export function inputsOf(root, name) {
  const { inputs, ignore } = partOf(name);
  const found = {};
  const visit = (path) => {
    const shown = relative(root, path).split(sep).join('/');
    if (ignore.includes(shown)) return;
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return; // an optional input that is absent (its absence is part of the record)
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else {
      found[shown] = `${stat.size} ${stat.mtimeMs}`;
    }
  };
  for (const input of inputs) visit(join(root, input));
  return found;
}

/** Why the part must be built again, or undefined when dist/ is up to date for it. */
export function staleReason(root, name) {
  const missing = partOf(name).outputs.find((output) => !existsSync(join(root, output)));
  if (missing) return `${missing} is missing`;
  let built;
  try {
    built = JSON.parse(readFileSync(stampPath(root, name), 'utf8')).inputs;
  } catch {
    return 'no record of a finished build';
  }
  const now = inputsOf(root, name);
  for (const [path, seen] of Object.entries(now)) {
    if (built[path] === undefined) return `${path} was added`;
    if (built[path] !== seen) return `${path} changed`;
  }
  const removed = Object.keys(built).find((path) => now[path] === undefined);
  if (removed) return `${removed} was removed`;
  return undefined;
}

/** Before a build: forget the old stamp and note the inputs as they are now. */
export function beginBuild(root, name) {
  mkdirSync(join(root, 'dist', '.build-stamp'), { recursive: true });
  rmSync(stampPath(root, name), { force: true });
  writeFileSync(pendingPath(root, name), JSON.stringify({ inputs: inputsOf(root, name) }));
}

/** After a successful build: the inputs noted before it become the stamp. */
export function finishBuild(root, name) {
  if (!existsSync(pendingPath(root, name))) {
    throw new Error(`no build of "${name}" was begun: run "node src/build/freshness.mjs begin ${name}" before building it`);
  }
  renameSync(pendingPath(root, name), stampPath(root, name));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, name, root = PROJECT_ROOT] = process.argv.slice(2);
  try {
    if (name === undefined) throw new Error(`usage: node src/build/freshness.mjs begin|done|check PART [ROOT], PART one of ${Object.keys(BUILD_PARTS).join(', ')}`);
    if (command === 'begin') beginBuild(root, name);
    else if (command === 'done') finishBuild(root, name);
    else if (command === 'check') {
      const reason = staleReason(root, name);
      process.stdout.write(reason === undefined ? 'fresh\n' : `stale: ${reason}\n`);
      process.exitCode = reason === undefined ? 0 : 1;
    } else throw new Error(`usage: node src/build/freshness.mjs begin|done|check PART [ROOT]`);
  } catch (err) {
    process.stderr.write(`freshness: ${err.message}\n`);
    process.exitCode = 2;
  }
}
