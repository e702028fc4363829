// `npm start`'s prestart: builds each part of dist/ whose sources changed since its last build, and
// nothing when dist/ is up to date (a fresh clone has no dist/, so its first start builds it all).
//
//   node src/build/build-if-stale.mjs [ROOT]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BUILD_PARTS, PROJECT_ROOT, staleReason } from './freshness.mjs';

/** Builds the stale parts in order with `npm run build:<part>`; returns the exit status. */
export function buildIfStale(root) {
  for (const part of Object.keys(BUILD_PARTS)) {
    const reason = staleReason(root, part);
    if (reason === undefined) continue;
    process.stderr.write(`ace-mock: building ${part} (${reason})\n`);
    // Under npm, npm_execpath is npm's own script: run it with this node, on every platform.
    const npm = process.env['npm_execpath'];
    const run = npm
      ? spawnSync(process.execPath, [npm, 'run', `build:${part}`], { cwd: root, stdio: 'inherit' })
      : spawnSync('npm', ['run', `build:${part}`], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    if (run.error !== undefined) {
      process.stderr.write(`ace-mock: could not run npm run build:${part} (${run.error.message}); is npm on the PATH?\n`);
      return 1;
    }
    if (run.status !== 0) {
      process.stderr.write(`ace-mock: building ${part} failed; fix the errors above, then npm start again (or npm run build:${part} alone)\n`);
      return run.status ?? 1;
    }
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = buildIfStale(process.argv[2] ?? PROJECT_ROOT);
}
