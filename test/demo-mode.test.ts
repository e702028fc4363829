import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
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

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** `serve --demo` in a child process whose temporary directory is its own, so its demo folders can be counted. */
function demoServer(t: { teardown(fn: () => void): void }, args: string[]) {
  const tmp = mkdtempSync(join(tmpdir(), 'ace-mock-demo-test-'));
  t.teardown(() => rmSync(tmp, { recursive: true, force: true }));
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--demo', ...args], {
    env: { ...process.env, TMPDIR: tmp, LOG_LEVEL: 'info', ACE_MOCK_WATCH: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const demoFolders = () => readdirSync(tmp).filter((f) => f.startsWith('ace-mock-demo-'));
  return { child, exited, demoFolders };
}

t.test('serve --demo removes its folder when it cannot listen, and when its terminal closes (SIGHUP)', async (t) => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  t.teardown(() => busy.close());
  const port = String((busy.address() as AddressInfo).port);
  const refused = demoServer(t, ['--port', port]);
  let err = '';
  refused.child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  t.equal(await refused.exited, 2);
  t.match(err, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
  t.same(refused.demoFolders(), [], 'no demo folder left behind');

  const served = demoServer(t, ['--port', '0']);
  let log = '';
  await new Promise<void>((resolve, reject) => {
    served.child.stdout.on('data', (c: Buffer) => {
      log += c.toString();
      if (/ready on/.test(log)) resolve();
    });
    served.child.on('exit', () => reject(new Error(`exited before ready: ${log}`)));
  });
  t.equal(served.demoFolders().length, 1, 'one demo folder while serving');
  served.child.kill('SIGHUP');
  t.equal(await served.exited, 0);
  t.match(log, /SIGHUP: finishing the work in hand/);
  t.same(served.demoFolders(), [], 'gone after SIGHUP');
});
