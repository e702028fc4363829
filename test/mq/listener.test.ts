import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { type MqConnection, MqError, SCENARIO_PROPERTY, SESSION_PROPERTY } from '../../src/transports/mq/client.js';
import type { FakeQueueManager } from '../../src/transports/mq/fake-queue-manager.js';
import { MQC, MQFMT_STRING } from '../../src/transports/mq/constants.js';
import { IbmMqClient } from '../../src/transports/mq/ibmmq-client.js';
import { send } from '../helpers/mock.js';
import { aceQueueManager, mqMock, putRequest, untilDepth } from '../helpers/mq.js';
import { scenarioDir } from '../helpers/scenario-dir.js';
import { put, sampleWith } from '../helpers/transmission.js';

const records = (body: Buffer) => body.toString('latin1').match(/.{80}/g) ?? [];

t.test('1,000 requests in, 1,000 correlated replies out, none lost or duplicated', async (t) => {
  const qm = aceQueueManager();
  const mock = mqMock(qm);
  t.teardown(() => mock.close());
  const requests = Array.from({ length: 1000 }, (_, i) => putRequest(qm, sampleWith('ae-add-1-line.txt', String(1_000_000 + i))));
  await untilDepth(qm, 'ACE.REPLY', 1000);
  const replies = qm.browse('ACE.REPLY');
  t.equal(replies.length, 1000);
  const byCorrelId = new Map(replies.map((r) => [r.md.CorrelId.toString('hex'), r]));
  t.equal(byCorrelId.size, 1000, 'every reply correlates to a different request');
  t.ok(requests.every((req) => byCorrelId.has(req.MsgId.toString('hex'))), 'every request has its reply (CorrelId = request MsgId)');
  const reply = byCorrelId.get(requests[0]?.MsgId.toString('hex') ?? '');
  t.match(reply?.md, { MsgType: MQC.MQMT_REPLY, Format: MQFMT_STRING, CodedCharSetId: 1208 });
  const out = records(reply?.body ?? Buffer.alloc(0));
  t.equal(out.length, 6, 'the answer as 80-character records back to back');
  t.match(out[3], /^E1A 995   SUMMARY HAS BEEN ADDED/);
  t.equal(qm.queue('ACE.REQUEST').depth, 0);
  t.equal(mock.mq?.health.answered, 1000);
  const journaled = (mock.db.prepare("SELECT count(*) AS n FROM exchanges WHERE transport = 'mq'").get() as { n: number }).n;
  t.equal(journaled, 1000);
});

t.test('report options, reply-to and expiry are honoured', async (t) => {
  const qm = aceQueueManager();
  const mock = mqMock(qm, { ACE_MOCK_MQ_FRAMING: 'lines' });
  t.teardown(() => mock.close());
  const correl = Buffer.alloc(24, 7);
  const passCorrel = putRequest(qm, sampleWith('ae-add-1-line.txt', '0700001'), { Report: MQC.MQRO_PASS_CORREL_ID, CorrelId: correl });
  const passMsgId = putRequest(qm, sampleWith('ae-add-1-line.txt', '0700002'), { Report: MQC.MQRO_PASS_MSG_ID | MQC.MQRO_PASS_DISCARD_AND_EXPIRY, Expiry: 600_000 });
  const noReplyTo = putRequest(qm, sampleWith('ae-add-1-line.txt', '0700003'), { ReplyToQ: '' });
  const elsewhere = putRequest(qm, sampleWith('ae-add-1-line.txt', '0700004'), { ReplyToQ: 'FILER.REPLY' });
  await untilDepth(qm, 'ACE.REPLY', 3);
  await untilDepth(qm, 'FILER.REPLY', 1);
  const replies = qm.browse('ACE.REPLY');
  const a = replies.find((r) => r.md.CorrelId.equals(correl));
  t.ok(a, 'MQRO_PASS_CORREL_ID: the reply carries the request CorrelId');
  t.notOk(a?.md.MsgId.equals(passCorrel.MsgId), 'and a new MsgId');
  const b = replies.find((r) => r.md.MsgId.equals(passMsgId.MsgId));
  t.ok(b, 'MQRO_PASS_MSG_ID: the reply carries the request MsgId');
  t.ok(b?.md.CorrelId.equals(passMsgId.MsgId), 'CorrelId defaults to the request MsgId');
  t.ok((b?.md.Expiry ?? 0) > 0 && (b?.md.Expiry ?? 0) <= 600_000, 'MQRO_PASS_DISCARD_AND_EXPIRY passes the remaining expiry');
  t.equal(a?.md.Expiry, MQC.MQEI_UNLIMITED, 'without it, the reply does not expire');
  t.ok(replies.some((r) => r.md.CorrelId.equals(noReplyTo.MsgId)), 'no ReplyToQ: answered on the configured default queue');
  t.ok(qm.browse('FILER.REPLY')[0]?.md.CorrelId.equals(elsewhere.MsgId), 'answered on the ReplyToQ the request names');
  t.match(a?.body.toString('latin1'), /^A2704B76 {6}112526 {5}AX {53}\nB {2}2704B76AX/, 'framing lines: one record per line');
});

t.test('a unit of work backed out at commit (2003): redelivered with BackoutCount 1, one reply in the end, processed once', async (t) => {
  const qm = aceQueueManager();
  const mock = mqMock(qm);
  t.teardown(() => mock.close());
  qm.failNext('commit', MQC.MQRC_BACKED_OUT, 1);
  const request = putRequest(qm, sampleWith('ae-add-1-line.txt', '0700010'));
  await untilDepth(qm, 'ACE.REPLY', 1);
  await sleep(100);
  t.equal(qm.queue('ACE.REPLY').depth, 1, 'exactly one reply');
  t.ok(qm.browse('ACE.REPLY')[0]?.md.CorrelId.equals(request.MsgId));
  t.match(records(qm.browse('ACE.REPLY')[0]?.body ?? Buffer.alloc(0))[3], /^E1A 995/, 'the original answer, not a replace');
  t.match(mock.mq?.health, { backedOut: 1, answered: 1 });
  const history = mock.db.prepare("SELECT count(*) AS n FROM entry_history WHERE entry_number LIKE '0700010%'").get() as { n: number };
  t.equal(history.n, 1, 'the entry changed once');
  const exchanges = mock.db.prepare('SELECT count(*) AS n FROM exchanges WHERE transport_ref = ?').get(request.MsgId.toString('hex')) as { n: number };
  t.equal(exchanges.n, 1, 'journaled once');
});

/**
 * The queue manager as one process sees it, a process that will freeze at `stage` and then be killed:
 * its pipeline never returns, or its MQCMIT never reaches the queue manager. `kill()` is what the
 * queue manager does when such a client dies: the connection ends and its unit of work is backed out.
 */
function doomedProcess(qm: FakeQueueManager, stage: 'pipeline' | 'commit') {
  const connections: MqConnection[] = [];
  let frozen!: () => void;
  const reached = new Promise<void>((resolve) => {
    frozen = resolve;
  });
  let thaw: (err: Error) => void = () => undefined;
  const hang = <T>(): Promise<T> => {
    frozen();
    return new Promise<T>((_, reject) => {
      thaw = reject;
    });
  };
  const client = new Proxy(qm, {
    get(target, verb, receiver) {
      if (verb === 'connect') {
        return async (...args: Parameters<FakeQueueManager['connect']>) => {
          const connection = await target.connect(...args);
          connections.push(connection);
          return connection;
        };
      }
      if (verb === 'commit' && stage === 'commit') return () => hang<void>();
      const value = Reflect.get(target, verb, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    client,
    hang,
    /** Resolves once the process is frozen with the request in its unit of work. */
    reached,
    kill: () => {
      for (const connection of connections) qm.abandon(connection);
    },
    /** Lets the frozen code fail (as the dead process never would), so its mock can be closed. */
    bury: () => thaw(new MqError('commit', MQC.MQRC_CONNECTION_BROKEN)),
  };
}

for (const stage of ['pipeline', 'commit'] as const) {
  t.test(`a listener killed mid-unit-of-work (frozen in its ${stage}): the request goes back, no reply escapes, a new listener answers once`, async (t) => {
    const db = join(mkdtempSync(join(tmpdir(), 'ace-mock-killed-')), 'mq.db'); // the restarted process opens the same database
    const qm = aceQueueManager();
    const doomed = doomedProcess(qm, stage);
    const dead = mqMock(doomed.client, { ACE_MOCK_DB: db });
    let restarted: ReturnType<typeof mqMock> | undefined;
    const closeBoth = async () => {
      await restarted?.close();
      const closing = dead.close();
      doomed.bury();
      await closing;
    };
    t.teardown(closeBoth);
    if (stage === 'pipeline') dead.pipeline.process = () => doomed.hang();
    const number7 = stage === 'pipeline' ? '0700070' : '0700071';
    const request = putRequest(qm, sampleWith('ae-add-1-line.txt', number7));
    await doomed.reached;
    const journaled = (m: typeof dead) => (m.db.prepare('SELECT count(*) AS n FROM exchanges WHERE transport_ref = ?').get(request.MsgId.toString('hex')) as { n: number }).n;
    t.equal(qm.browse('ACE.REQUEST').length, 0, 'in hand: the request is hidden in the unit of work');
    t.equal(qm.queue('ACE.REPLY').depth, stage === 'commit' ? 1 : 0, stage === 'commit' ? 'the reply is put, uncommitted' : 'no reply put yet');
    t.equal(qm.browse('ACE.REPLY').length, 0, 'no reply visible to the filer');
    t.equal(journaled(dead), stage === 'commit' ? 1 : 0, stage === 'commit' ? 'the exchange is journaled before the MQ commit' : 'nothing journaled yet');

    doomed.kill();
    const back = qm.browse('ACE.REQUEST');
    t.equal(back.length, 1, 'the request is back on the queue');
    t.ok(back[0]?.md.MsgId.equals(request.MsgId), 'the same message');
    t.equal(back[0]?.md.BackoutCount, 1, 'with BackoutCount 1');
    t.equal(qm.queue('ACE.REPLY').depth, 0, 'the uncommitted reply went with the unit of work');

    // The dead mock's own start-up retention pass is still to commit on its next turn; a killed
    // process would have released the database, so let it finish before the new process opens it.
    await sleep(10);
    t.notOk(dead.db.inTransaction, 'the dead process holds no transaction');
    restarted = mqMock(qm, { ACE_MOCK_DB: db });
    await untilDepth(qm, 'ACE.REPLY', 1);
    await sleep(100);
    const replies = qm.browse('ACE.REPLY');
    t.equal(replies.length, 1, 'exactly one reply');
    t.ok(replies[0]?.md.CorrelId.equals(request.MsgId), 'correlated to the request');
    t.match(records(replies[0]?.body ?? Buffer.alloc(0))[3], /^E1A 995/, 'the add answered as an add, not as a replace of itself');
    t.equal(qm.queue('ACE.REQUEST').depth, 0, 'the request is consumed');
    t.equal(journaled(restarted), 1, 'journaled once');
    const history = restarted.db.prepare('SELECT count(*) AS n FROM entry_history WHERE entry_number LIKE ?').get(`${number7}%`) as { n: number };
    t.equal(history.n, 1, 'the entry changed once');
    t.match(restarted.mq?.health, { answered: 1, backedOut: 0 });

    await closeBoth();
    t.equal(qm.queue('ACE.REPLY').depth, 1, 'the dead listener, buried, commits nothing');
  });
}

t.test('a message that keeps failing moves to the backout queue and the loop goes on', async (t) => {
  const qm = aceQueueManager();
  const mock = mqMock(qm);
  t.teardown(() => mock.close());
  qm.failNext('commit', MQC.MQRC_BACKED_OUT, 3);
  const poison = putRequest(qm, sampleWith('ae-add-1-line.txt', '0700020'));
  const next = putRequest(qm, sampleWith('ae-add-1-line.txt', '0700021'));
  await untilDepth(qm, 'ACE.BACKOUT', 1);
  await untilDepth(qm, 'ACE.REPLY', 1);
  const moved = qm.browse('ACE.BACKOUT')[0];
  t.ok(moved?.md.MsgId.equals(poison.MsgId), 'the poison message, with its MsgId');
  t.equal(moved?.md.BackoutCount, 0, 'a fresh count on its new queue');
  t.ok(qm.browse('ACE.REPLY')[0]?.md.CorrelId.equals(next.MsgId), 'the next request was answered');
  t.equal(qm.queue('ACE.REQUEST').depth, 0);
  t.match(mock.mq?.health, { movedToBackoutQueue: 1, backedOut: 3 });
});

t.test('a connection broken mid-stream: reconnect, nothing lost', async (t) => {
  const qm = aceQueueManager();
  const mock = mqMock(qm);
  t.teardown(() => mock.close());
  const first = Array.from({ length: 5 }, (_, i) => putRequest(qm, sampleWith('ae-add-1-line.txt', String(7_000_100 + i))));
  await untilDepth(qm, 'ACE.REPLY', 5);
  qm.failNext('commit', MQC.MQRC_CONNECTION_BROKEN, 1);
  const second = Array.from({ length: 5 }, (_, i) => putRequest(qm, sampleWith('ae-add-1-line.txt', String(7_000_200 + i))));
  await untilDepth(qm, 'ACE.REPLY', 10);
  const correlIds = new Set(qm.browse('ACE.REPLY').map((r) => r.md.CorrelId.toString('hex')));
  t.equal(correlIds.size, 10, 'ten distinct replies');
  t.ok([...first, ...second].every((r) => correlIds.has(r.MsgId.toString('hex'))), 'one for every request');
  t.equal(mock.mq?.health.status, 'connected', 'connected again');
  t.equal(mock.mq?.health.lastReason, undefined, 'a fresh connection clears the last reason');
  const http = await mock.http.inject({ url: '/health' });
  t.match(http.json().mq, { status: 'connected', queueManager: 'QM1', requestQueue: 'ACE.REQUEST' });
});

t.test('while the queue manager is down, /health says reconnecting with the reason', async (t) => {
  const qm = aceQueueManager();
  qm.failNext('connect', MQC.MQRC_HOST_NOT_AVAILABLE, 100);
  const mock = mqMock(qm);
  t.teardown(() => mock.close());
  for (let i = 0; i < 100 && mock.mq?.health.status !== 'reconnecting'; i++) await sleep(10);
  t.match((await mock.http.inject({ url: '/health' })).json().mq, { status: 'reconnecting', lastReason: 'MQRC_HOST_NOT_AVAILABLE [2538]' });
});

t.test('without the MQ client library the server boots, /health says so, HTTP answers', async (t) => {
  const mock = mqMock(new IbmMqClient());
  t.teardown(() => mock.close());
  for (let i = 0; i < 200 && mock.mq?.health.status !== 'client-library-missing'; i++) await sleep(10);
  const health = (await mock.http.inject({ url: '/health' })).json();
  t.equal(health.mq.status, 'client-library-missing');
  t.match(health.mq.lastError, /libmqm_r\.so/);
  const res = await send(mock, sampleWith('ae-add-1-line.txt', '0700030'));
  t.equal(res.statusCode, 200);
  t.match(res.body, /E1A 995/);
});

t.test('UC notifications of MQ exchanges go to the notification queue as whole batches', async (t) => {
  const dir = scenarioDir({ 'uc.yaml': 'id: uc\ntitle: UC\nsteps:\n  - answer:\n      followUps:\n        - { after: 0, disposition: "2" }\n' });
  const qm = aceQueueManager();
  const mock = mqMock(qm, { ACE_MOCK_SCENARIOS: dir }, () => new Date());
  t.teardown(() => mock.close());
  await mock.http.inject({ method: 'POST', url: '/v1/admin/arm', payload: { scenario: 'uc', filer: 'B76', count: 2 } });
  // Sent from site 1234 for port 2704: the notice is addressed to the site, as B&B-38 shows.
  putRequest(qm, sampleWith('ae-add-1-line.txt', '0700040').replace(/^([AZ])2704/gm, '$11234'));
  await untilDepth(qm, 'ACE.NOTIFY', 1);
  const notice = records(qm.browse('ACE.NOTIFY')[0]?.body ?? Buffer.alloc(0));
  t.same(notice.map((r) => r.slice(0, 4)), ['A123', 'B  2', 'E122', 'Y  2', 'Z123']);
  t.same([notice[0]?.slice(0, 8), notice[1]?.slice(0, 10), notice[4]?.slice(0, 8)], ['A1234B76', 'B  2704B76', 'Z1234B76'], 'A and Z to the sending site, B for the port');
  t.equal(notice[0]?.slice(25, 27), 'UC', 'A carries the application id UC');
  await send(mock, sampleWith('ae-add-1-line.txt', '0700041'));
  await sleep(200);
  t.equal(qm.queue('ACE.NOTIFY').depth, 1, 'an HTTP exchange’s notice is for HTTP clients, not pushed to MQ');
});

t.test('a daily statement of an MQ filing goes to the notification queue when the session clock reaches its print date', async (t) => {
  const qm = aceQueueManager();
  const mock = mqMock(qm, {}, () => new Date('2026-11-25T15:00:00.000Z'));
  t.teardown(() => mock.close());
  // Payment type 2, preliminary statement printed 2026-12-01 (10 record 51-57).
  putRequest(qm, sampleWith('ae-add-1-line.txt', '0700042', { edit: (r) => (r.startsWith('10') ? put(put(r, 51, '2'), 52, '120126') : r) }));
  await untilDepth(qm, 'ACE.REPLY', 1);
  await sleep(200);
  t.equal(qm.queue('ACE.NOTIFY').depth, 0, 'nothing before the print date');
  await mock.http.inject({ method: 'POST', url: '/v1/admin/sessions/B76/clock', payload: { set: '2026-12-01T06:00:00Z' } });
  await untilDepth(qm, 'ACE.NOTIFY', 1);
  const statement = records(qm.browse('ACE.NOTIFY')[0]?.body ?? Buffer.alloc(0));
  t.same(statement.map((r) => r.slice(0, 2)), ['A2', 'B ', 'Q1', 'Q2', 'QA', 'Q3', 'Q4', 'QE', 'Y ', 'Z2']);
  t.equal(statement[0]?.slice(25, 27), 'PF', 'A carries the application id PF');
  t.match(statement[1], /^B  2704B76PFP2727335001120126/, 'the statement block as written');
});

t.test('stopping finishes the message in hand', async (t) => {
  const qm = aceQueueManager();
  const mock = mqMock(qm);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let inHand!: () => void;
  const reached = new Promise<void>((resolve) => {
    inHand = resolve;
  });
  const process = mock.pipeline.process.bind(mock.pipeline);
  mock.pipeline.process = async (input) => {
    inHand();
    await gate;
    return process(input);
  };
  putRequest(qm, sampleWith('ae-add-1-line.txt', '0700050'));
  await reached;
  const closing = mock.close();
  release();
  await closing;
  t.equal(qm.queue('ACE.REPLY').depth, 1, 'the reply was committed before the listener stopped');
  t.equal(qm.queue('ACE.REQUEST').depth, 0);
  t.equal(mock.mq?.health.status, 'stopped');
  t.equal(mock.mq?.health.notifications.status, 'stopped', 'the push side stopped too');
});

t.test('message properties play the part of X-ACE-Session and X-ACE-Scenario', async (t) => {
  const dir = scenarioDir({ 'reject.yaml': 'id: reject-101\ntitle: R\nsteps:\n  - answer:\n      conditions: [{ code: "101" }]\n' });
  const qm = aceQueueManager();
  const mock = mqMock(qm, { ACE_MOCK_SCENARIOS: dir });
  t.teardown(() => mock.close());
  const body = Buffer.from(sampleWith('ae-add-1-line.txt', '0700060').replace(/\n/g, ''), 'latin1');
  qm.put('ACE.REQUEST', { MsgType: MQC.MQMT_REQUEST, ReplyToQ: 'ACE.REPLY', Format: MQFMT_STRING }, body, {
    properties: { [SCENARIO_PROPERTY]: 'reject-101', [SESSION_PROPERTY]: 'mq-trainer' },
  });
  await untilDepth(qm, 'ACE.REPLY', 1);
  t.match(records(qm.browse('ACE.REPLY')[0]?.body ?? Buffer.alloc(0)).find((r) => r.startsWith('E1 F')), /^E1 F101/);
  const row = mock.db.prepare("SELECT session, scenario FROM exchanges WHERE transport = 'mq'").get();
  t.same(row, { session: 'mq-trainer', scenario: 'reject-101' });
});
