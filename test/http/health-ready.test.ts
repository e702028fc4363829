import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import t from 'tap';
import type { AceMock } from '../../src/server.js';
import { mqReadiness, readinessRoutes, type Unready } from '../../src/transports/http/readiness.js';
import type { MqStatus } from '../../src/transports/mq/listener.js';
import { testMock } from '../helpers/mock.js';
import { aceQueueManager, mqMock } from '../helpers/mq.js';

/** Waits for the listener to reach a status (a deadlock guard, not a speed assertion). */
async function untilStatus(mock: AceMock, status: MqStatus): Promise<void> {
  for (let i = 0; i < 1000 && mock.mq?.health.status !== status; i++) await sleep(10);
  if (mock.mq?.health.status !== status) throw new Error(`the MQ listener stayed ${mock.mq?.health.status}, never ${status}`);
}

t.test('the plugin answers 200 with nothing unready and 503 naming each unready component', async (t) => {
  let unready: Unready[] = [];
  const app = Fastify();
  app.register(readinessRoutes, { readiness: () => unready });
  t.teardown(() => app.close());

  const ready = await app.inject({ url: '/health/ready' });
  t.equal(ready.statusCode, 200);
  t.same(ready.json(), { status: 'ready' });

  unready = [{ component: 'mq', detail: 'The MQ listener is connecting.', state: { status: 'connecting' } }];
  const notReady = await app.inject({ url: '/health/ready' });
  t.equal(notReady.statusCode, 503);
  t.match(notReady.headers['content-type'], /^application\/problem\+json/);
  t.match(notReady.json(), {
    type: 'urn:ace-mock:problem:not-ready',
    status: 503,
    detail: 'The MQ listener is connecting.',
    unready: { mq: { status: 'connecting' } },
  });
});

t.test('mqReadiness: ready when MQ is off or connected, else the status and the reason', async (t) => {
  const base = { queueManager: 'QM1', requestQueue: 'ACE.REQUEST', since: '2026-11-25T15:00:00.000Z' };
  t.same(mqReadiness(undefined), [], 'MQ disabled: ready');
  t.same(mqReadiness({ ...base, status: 'connected' }), [], 'connected: ready');

  const [connecting] = mqReadiness({ ...base, status: 'connecting' });
  t.match(connecting, { component: 'mq', state: { status: 'connecting' } });
  t.match(connecting?.detail, /connecting, not yet reading ACE\.REQUEST on QM1/);

  const [reconnecting] = mqReadiness({ ...base, status: 'reconnecting', lastReason: 'MQRC_HOST_NOT_AVAILABLE [2538]', lastError: 'MQCONNX: 2538' });
  t.match(reconnecting?.detail, /reconnecting.*MQRC_HOST_NOT_AVAILABLE \[2538\]/);
  t.match(reconnecting?.state, { status: 'reconnecting', lastReason: 'MQRC_HOST_NOT_AVAILABLE [2538]', lastError: 'MQCONNX: 2538' });

  const [missing] = mqReadiness({ ...base, status: 'client-library-missing', lastError: 'libmqm_r.so: cannot open shared object file' });
  t.match(missing?.detail, /client library cannot be loaded \(libmqm_r\.so/);
  t.match(missing?.state, { status: 'client-library-missing', lastError: /libmqm_r\.so/ });

  t.equal(mqReadiness({ ...base, status: 'stopped' }).length, 1, 'a stopped listener takes no work');
});

t.test('ace-mock with MQ disabled is ready', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const res = await mock.http.inject({ url: '/health/ready' });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { status: 'ready' });
});

t.test('while the listener cannot connect: 503 with the reason, and /health still 200', async (t) => {
  // The fake queue manager is QM1; asking for another name keeps the listener reconnecting (2058).
  const mock = mqMock(aceQueueManager(), { ACE_MOCK_MQ_QMGR: 'QM2' });
  t.teardown(() => mock.close());
  await untilStatus(mock, 'reconnecting');

  const res = await mock.http.inject({ url: '/health/ready' });
  t.equal(res.statusCode, 503);
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  const body = res.json();
  t.match(body, { type: 'urn:ace-mock:problem:not-ready', status: 503, unready: { mq: { status: 'reconnecting', lastReason: 'MQRC_Q_MGR_NAME_ERROR [2058]' } } });
  t.match(body.detail, /ACE\.REQUEST on QM2.*MQRC_Q_MGR_NAME_ERROR \[2058\]/);

  const live = await mock.http.inject({ url: '/health' });
  t.equal(live.statusCode, 200, 'liveness does not depend on MQ');
  t.equal(live.json().mq.status, 'reconnecting');
});

t.test('once the listener is connected: 200, over a real loopback socket', async (t) => {
  const mock = mqMock(aceQueueManager());
  t.teardown(() => mock.close());
  await untilStatus(mock, 'connected');
  const address = await mock.http.listen({ host: '127.0.0.1', port: 0 });
  const res = await fetch(`${address}/health/ready`);
  t.equal(res.status, 200);
  t.same(await res.json(), { status: 'ready' });
});
