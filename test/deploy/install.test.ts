import { existsSync, readFileSync } from 'node:fs';
import t from 'tap';

const path = (p: string) => new URL(`../../${p}`, import.meta.url);

t.test('MQIJS_NOREDIST is an environment variable, not npm configuration', async (t) => {
  // npm warns on every command about unknown project config keys, and says they will stop working.
  const npmrc = existsSync(path('.npmrc')) ? readFileSync(path('.npmrc'), 'utf8') : '';
  t.notMatch(npmrc, /mqijs/i, '.npmrc has no mqijs_* key');
  t.match(readFileSync(path('.ci/run'), 'utf8'), /^export MQIJS_NOREDIST=1$/m, 'CI, which cannot reach IBM, skips the client download');
  t.match(readFileSync(path('README.md'), 'utf8'), /MQIJS_NOREDIST=1 npm ci/, 'the README says how to install without access to IBM');
});
