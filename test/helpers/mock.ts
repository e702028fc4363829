import { pino } from 'pino';
import { type Catalog, loadCatalog } from '../../src/catair/catalog.js';
import { loadConfig } from '../../src/config.js';
import { type AceMock, createAceMock } from '../../src/server.js';

/** The clock every test runs at, so answers and goldens never depend on the day they run. */
export const TEST_NOW = new Date('2026-11-25T15:00:00.000Z');

/** Schemas loaded once per test process and folder: they are read-only once loaded. */
const catalogs = new Map<string, Catalog>();

/** The catalog of a schemas folder, loaded once per test process (parsing the dictionary is slow). */
export function sharedCatalog(dir: string): Catalog {
  let catalog = catalogs.get(dir);
  if (!catalog) catalogs.set(dir, (catalog = loadCatalog(dir)));
  return catalog;
}

/** A fresh ace-mock on an in-memory database, silent, with a fixed clock. Env-style overrides allowed. */
export function testMock(env: Record<string, string> = {}, clock: () => Date = () => TEST_NOW): AceMock {
  const config = loadConfig({ ACE_MOCK_DB: ':memory:', LOG_LEVEL: 'silent', ACE_MOCK_WATCH: '0', ...env });
  return createAceMock(config, { logger: pino({ level: 'silent' }), clock, catalog: sharedCatalog(config.schemas) });
}

/** POSTs a transmission through the real HTTP stack (fastify.inject) and returns the text answer. */
export async function send(mock: AceMock, body: string | Buffer, headers: Record<string, string> = {}) {
  return mock.http.inject({
    method: 'POST',
    url: '/v1/transmissions',
    headers: { 'content-type': 'text/plain', ...headers },
    payload: body,
  });
}
