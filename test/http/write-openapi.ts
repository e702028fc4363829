import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testMock } from '../helpers/mock.js';

/** Writes schemas/openapi.json: the document GET /openapi.json serves, as test/http/openapi.test.ts expects it. */
export const OPENAPI_FILE = fileURLToPath(new URL('../../schemas/openapi.json', import.meta.url));

/** The document as committed: the served JSON, two-space indented, with a final newline. */
export const committedForm = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const mock = testMock();
  const res = await mock.http.inject({ url: '/openapi.json' });
  await mock.close();
  if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}: ${res.body}`);
  writeFileSync(OPENAPI_FILE, committedForm(res.json()));
  console.log(`wrote ${OPENAPI_FILE}`);
}
