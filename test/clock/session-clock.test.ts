import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { createAceMock } from '../../src/server.js';
import { scenarioDir } from '../helpers/scenario-dir.js';
import { send, sharedCatalog, TEST_NOW, testMock } from '../helpers/mock.js';
import { sampleWith } from '../helpers/transmission.js';

const clockOf = async (mock: ReturnType<typeof testMock>, session: string) =>
  (await mock.http.inject({ method: 'GET', url: `/v1/sessions/${session}/clock` })).json() as { now: string; real: string; offsetMs: number; moved: boolean };
const change = (mock: ReturnType<typeof testMock>, session: string, body: unknown, remoteAddress?: string) =>
  mock.http.inject({ method: 'POST', url: `/v1/admin/sessions/${session}/clock`, payload: body as object, ...(remoteAddress && { remoteAddress }) });

t.test('a session clock reads real time until it is set or advanced, each session its own', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  t.same(await clockOf(mock, 'qa'), { session: 'qa', now: TEST_NOW.toISOString(), real: TEST_NOW.toISOString(), offsetMs: 0, moved: false });

  const advanced = await change(mock, 'qa', { advance: 'P30D' });
  t.equal(advanced.statusCode, 200);
  t.equal(advanced.json().now, '2026-12-25T15:00:00.000Z');
  t.equal((await change(mock, 'qa', { advance: 'PT6H' })).json().now, '2026-12-25T21:00:00.000Z', 'advances add up');
  t.equal((await clockOf(mock, 'qa')).offsetMs, (30 * 24 + 6) * 3_600_000);
  t.equal((await clockOf(mock, 'other')).now, TEST_NOW.toISOString(), 'another session keeps real time');

  t.equal((await change(mock, 'train', { set: '2027-03-01T08:00:00-05:00' })).json().now, '2027-03-01T13:00:00.000Z', 'set takes an offset');
  t.equal((await mock.http.inject({ method: 'POST', url: '/v1/admin/sessions/train/reset' })).statusCode, 204);
  t.same((await clockOf(mock, 'train')).moved, false, 'a reset session is back on real time');
});

t.test('a clock change that cannot be read is a 400 that says what to send; remote callers are refused', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const body of [{}, { advance: '30 days' }, { set: '2027-03-01' }, { advance: 'P1D', set: '2027-03-01T00:00:00Z' }, { advance: 'P1D', extra: 1 }]) {
    const res = await change(mock, 'qa', body);
    t.equal(res.statusCode, 400, JSON.stringify(body));
    t.equal(res.json().type, 'urn:ace-mock:problem:bad-clock');
  }
  t.match((await change(mock, 'qa', { advance: 'P' })).json().detail, /ISO 8601 duration/);
  t.equal((await change(mock, 'qa', { advance: 'P1D' }, '203.0.113.9')).statusCode, 403, 'moving a clock is an admin call');
  t.equal((await clockOf(mock, 'qa')).moved, false, 'nothing moved by the refused calls');
});

t.test('a follow-up falls due by the session clock: advancing it delivers a UC due in two hours', async (t) => {
  const scenarios = scenarioDir({
    'later.yaml': 'id: later-notice\ntitle: Notice after two hours\nsteps:\n  - answer:\n      followUps: [{ after: 2h, disposition: "2" }]\n',
  });
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarios });
  t.teardown(() => mock.close());
  const res = await send(mock, sampleWith('ae-add-1-line.txt', '1234567'), { 'x-ace-session': 'qa', 'x-ace-scenario': 'later-notice' });
  t.equal(res.statusCode, 200);
  const messages = async () => (await mock.http.inject({ method: 'GET', url: '/v1/messages?session=qa' })).json() as { messages: { deliverAt: string }[] };
  t.equal((await messages()).messages.length, 0, 'not due at real time');
  await change(mock, 'qa', { advance: 'PT1H59M' });
  t.equal((await messages()).messages.length, 0, 'not due a minute early');
  await change(mock, 'qa', { advance: 'PT1M' });
  const due = (await messages()).messages;
  t.equal(due.length, 1, 'due once the session clock reaches it');
  t.equal(due[0]?.deliverAt, '2026-11-25T17:00:00.000Z');
});

t.test('a scenario step moves the clock on after its answer; the answer is dated before the move', async (t) => {
  const scenarios = scenarioDir({
    'week.yaml': 'id: a-week-later\ntitle: A week passes\nsteps:\n  - answer:\n      advanceClock: P7D\n',
  });
  const mock = testMock({ ACE_MOCK_SCENARIOS: scenarios });
  t.teardown(() => mock.close());
  const res = await send(mock, sampleWith('ae-add-1-line.txt', '1234568'), { 'x-ace-session': 'qa', 'x-ace-scenario': 'a-week-later', accept: 'application/json' });
  t.equal(res.statusCode, 200);
  t.equal(res.json().transactions[0].advanceClock, 'P7D', 'the journal says the step moved the clock');
  t.equal((await clockOf(mock, 'qa')).now, '2026-12-02T15:00:00.000Z');
  const entry = mock.entries.get({ session: 'qa', filer: 'B76', entryNumber: res.json().transactions[0].entryNumber });
  t.equal(entry?.firstAcceptedAt.slice(0, 10), '2026-11-25', 'accepted at the time before the move');
});

t.test('a moved clock survives a restart', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-clock-'));
  const config = loadConfig({ ACE_MOCK_DB: join(dir, 'mock.db'), LOG_LEVEL: 'silent', ACE_MOCK_WATCH: '0' });
  const start = () => createAceMock(config, { logger: pino({ level: 'silent' }), clock: () => TEST_NOW, catalog: sharedCatalog(config.schemas) });
  const first = start();
  await change(first, 'qa', { advance: 'P100D' });
  await first.close();
  const second = start();
  t.teardown(() => second.close());
  t.equal((await clockOf(second, 'qa')).now, '2027-03-05T15:00:00.000Z');
});
