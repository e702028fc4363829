import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { conformanceReport, START } from './conformance/report.js';

t.test('docs/conformance.md lists every condition code and golden case as the repository has them now', async (t) => {
  const text = readFileSync(fileURLToPath(new URL('../docs/conformance.md', import.meta.url)), 'utf8');
  const at = text.indexOf(START);
  t.ok(at >= 0, 'the document has its generated part');
  t.equal(text.slice(at), conformanceReport(), 'up to date (run `npm run conformance` to regenerate it)');
});
