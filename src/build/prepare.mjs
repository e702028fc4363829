// npm's `prepare`, which npm runs on `npm ci` and `npm install` in this folder, on `npm pack`, and on
// `npm install <git URL>` before it packs the clone: builds what is out of date in dist/, so that a
// package made or installed from the sources carries its built files.
//
// It builds nothing, and says why, where there is nothing to build with: the image's `npm ci`, which
// runs before the sources are copied in, and `npm ci --omit=dev`, which leaves the compilers out.
//
//   node src/build/prepare.mjs [ROOT]
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';
import { PROJECT_ROOT } from './freshness.mjs';

/** What building needs that is not there, or undefined when it can build. */
export function cannotBuild(root) {
  if (!existsSync(join(root, 'src', 'cli.ts'))) return 'no sources (src/cli.ts) here';
  const require = createRequire(join(root, 'package.json'));
  const missing = ['typescript', 'esbuild'].filter((name) => {
    try {
      require.resolve(`${name}/package.json`);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) return `${missing.join(' and ')} not installed (devDependencies left out); npm install, then npm run build`;
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? PROJECT_ROOT;
  const why = cannotBuild(root);
  if (why !== undefined) process.stderr.write(`ace-mock: dist/ not built: ${why}\n`);
  else process.exitCode = buildIfStale(root);
}
