import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import t from 'tap';
import { loadConfig } from '../src/config.js';
import { send, testMock } from './helpers/mock.js';

const sample = readFileSync(new URL('../scenarios/samples/ae-add-1-line.txt', import.meta.url));

t.test('ACE_MOCK_DEMO and the demo override turn demo mode on; it is off by default', async (t) => {
  t.equal(loadConfig({}).demo, false);
  t.equal(loadConfig({ ACE_MOCK_DEMO: '1' }).demo, true);
  t.equal(loadConfig({}, { demo: true }).demo, true, 'the --demo flag');
});

t.test('demo mode keeps its database in a fresh temporary folder and removes it at close', async (t) => {
  const first = testMock({ ACE_MOCK_DEMO: '1', ACE_MOCK_DB: './never-used.db' });
  const folder = dirname(first.dbPath);
  t.ok(folder.startsWith(tmpdir()), `under the temporary directory (${folder})`);
  t.not(first.dbPath, './never-used.db', 'the configured db is not used');
  t.equal((await send(first, sample)).headers['x-ace-outcome'], 'accepted');
  t.ok(existsSync(first.dbPath), 'the database is a file while serving');
  const health = (await first.http.inject({ method: 'GET', url: '/health' })).json() as { demo?: boolean };
  t.equal(health.demo, true, '/health says so (the console shows a banner)');

  const second = testMock({ ACE_MOCK_DEMO: '1' });
  t.not(dirname(second.dbPath), folder, 'each start has its own folder');
  const listed = (await second.http.inject({ method: 'GET', url: '/v1/transmissions' })).json() as { items: unknown[] };
  t.same(listed.items, [], 'and starts with an empty journal');
  await second.close();

  await first.close();
  t.notOk(existsSync(folder), 'the folder is gone after close');
  t.notOk(existsSync('./never-used.db'));
});

t.test('without demo mode /health says nothing of it', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const health = (await mock.http.inject({ method: 'GET', url: '/health' })).json() as Record<string, unknown>;
  t.notOk('demo' in health);
});
