import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Mqmd, MqVerb } from '../../src/transports/mq/client.js';
import { encode } from '../../src/transports/mq/code-pages.js';
import { requestBytes } from '../../src/transports/mq/request-body.js';
import { MQC, MQFMT_STRING } from '../../src/transports/mq/constants.js';
import { readDeadLetterHeader } from '../../src/transports/mq/dead-letter-header.js';
import { FakeQueueManager } from '../../src/transports/mq/fake-queue-manager.js';
import { replyBody } from '../../src/transports/mq/reply.js';
import { aceQueueManager, mqMock, putRequest, untilDepth } from '../helpers/mq.js';
import { scenarioDir } from '../helpers/scenario-dir.js';
import { sampleWith } from '../helpers/transmission.js';

/**
 * The MQ faults a real queue manager shows on a bad day, one test each; every one of them failed
 * on the listener as it was before (one loop, one connection, sleeping in the unit of work).
 */

const records = (body: Buffer) => body.toString('latin1').match(/.{80}/g) ?? [];

/** The queue manager, counting each MQI verb the listener calls on it. */
function counted(qm: FakeQueueManager) {
  const calls = new Map<MqVerb, number>();
  const client = new Proxy(qm, {
    get(target, verb, receiver) {
      const value = Reflect.get(target, verb, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(verb as MqVerb, (calls.get(verb as MqVerb) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { client, calls: (verb: MqVerb) => calls.get(verb) ?? 0 };
}

/** The replies on ACE.REPLY to the request with this MsgId. */
const repliesTo = (qm: FakeQueueManager, msgId: Buffer) => qm.browse('ACE.REPLY').filter((r) => r.md.CorrelId.equals(msgId));

/** Scenarios in which B76's next filings are answered `delayMs` late (armed by `armSlow`). */
const slowScenarios = (delayMs: number) => scenarioDir({ 'slow.yaml': `id: slow\ntitle: Slow\nsteps:\n  - answer:\n      delay: ${delayMs}\n` });

async function armSlow(mock: ReturnType<typeof mqMock>, count: number): Promise<void> {
  await mock.http.inject({ method: 'POST', url: '/v1/admin/arm', payload: { scenario: 'slow', filer: 'B76', count } });
}

/** A request queue whose poison has nowhere to go: no BOQNAME and no dead-letter queue. */
function queueManagerWithoutBackout(): FakeQueueManager {
  return new FakeQueueManager({
    deadLetterQueue: '',
    queues: { 'ACE.REQUEST': { backoutThreshold: 2 }, 'ACE.REPLY': {}, 'ACE.NOTIFY': {} },
  });
}

t.test('a request at its threshold that nothing will take stays on the queue, and the listener waits instead of spinning', async (t) => {
  const qm = queueManagerWithoutBackout();
  const { client, calls } = counted(qm);
  const mock = mqMock(client);
  t.teardown(() => mock.close());
  qm.failNext('commit', MQC.MQRC_BACKED_OUT, 2);
  const poison = putRequest(qm, sampleWith('ae-add-1-line.txt', '0710001'));
  for (let i = 0; i < 500 && mock.mq?.health.poison === undefined; i++) await sleep(10);
  const getsWhenStuck = calls('get');
  await sleep(1500);
  const gets = calls('get') - getsWhenStuck;
  t.ok(gets <= 4, `at most a few gets in the next 1.5 s while stuck (${gets}); the old loop made tens of thousands`);
  t.match(mock.mq?.health.poison, { msgId: poison.MsgId.toString('hex'), reason: /no backout or dead-letter queue/ });
  const left = qm.browse('ACE.REQUEST');
  t.equal(left.length, 1, 'the request is not lost: still on the request queue');
  t.ok(left[0]?.md.MsgId.equals(poison.MsgId));
  t.equal(mock.mq?.health.status, 'connected', 'the connection stays up: nothing is wrong with it');
  qm.defineQueue('ACE.BACKOUT');
  qm.defineQueue('ACE.REQUEST', { backoutThreshold: 2, backoutQueue: 'ACE.BACKOUT' });
  await untilDepth(qm, 'ACE.BACKOUT', 1, 90_000);
  const next = putRequest(qm, sampleWith('ae-add-1-line.txt', '0710009'));
  await untilDepth(qm, 'ACE.REPLY', 1);
  t.ok(repliesTo(qm, next.MsgId).length === 1, 'once a backout queue is defined the queue moves again');
  t.equal(mock.mq?.health.poison, undefined, 'and /health stops naming the stuck request');
});

t.test('when the backout queue refuses (2085), the request goes to the dead-letter queue behind an MQDLH, with its context and properties', async (t) => {
  const qm = new FakeQueueManager({
    queues: { 'ACE.REQUEST': { backoutThreshold: 2, backoutQueue: 'NO.SUCH.QUEUE' }, 'ACE.REPLY': {}, 'ACE.NOTIFY': {}, 'DEV.DEAD.LETTER.QUEUE': {} },
  });
  qm.failNext('commit', MQC.MQRC_BACKED_OUT, 2);
  const body = Buffer.from(sampleWith('ae-add-1-line.txt', '0710002').replace(/\n/g, ''), 'latin1');
  const poison = qm.put('ACE.REQUEST', { MsgType: MQC.MQMT_REQUEST, ReplyToQ: 'ACE.REPLY', Format: MQFMT_STRING, CodedCharSetId: 1208 }, body, {
    properties: { XACESession: 'dlq-session' },
  });
  await sleep(50); // so that a put date of the listener's own would differ from the filer's
  const mock = mqMock(qm);
  t.teardown(() => mock.close());
  await untilDepth(qm, 'DEV.DEAD.LETTER.QUEUE', 1);
  const [dead] = qm.browse('DEV.DEAD.LETTER.QUEUE');
  t.equal(dead?.md.Format, 'MQDEAD', 'the descriptor names the dead-letter header');
  t.ok(dead?.md.MsgId.equals(poison.MsgId), 'the message keeps its MsgId');
  const { header, data } = readDeadLetterHeader(dead?.body ?? Buffer.alloc(0));
  t.match(header, { reason: MQC.MQRC_BACKOUT_THRESHOLD_REACHED, destQueue: 'ACE.REQUEST', destQueueManager: 'QM1', format: MQFMT_STRING, codedCharSetId: 1208, putApplName: 'ace-mock' });
  t.ok(data.equals(body), 'after the header, the request as it was put');
  t.same(dead?.properties, { XACESession: 'dlq-session' }, 'its properties go along');
  t.equal(dead?.md.PutDateTime?.getTime(), poison.PutDateTime?.getTime(), 'its context goes along: put when the filer put it');
  t.equal(dead?.md.UserIdentifier, poison.UserIdentifier, 'and by whom');
  t.equal(qm.queue('ACE.REQUEST').depth, 0);
  t.match(mock.mq?.health, { deadLettered: 1, movedToBackoutQueue: 0 });
});

t.test('a poison request that asked for MQRO_DISCARD_MSG still goes to a backout queue that takes it; without one it is discarded, not dead-lettered', async (t) => {
  const withBackout = aceQueueManager();
  const first = mqMock(withBackout);
  t.teardown(() => first.close());
  withBackout.failNext('commit', MQC.MQRC_BACKED_OUT, 3);
  const kept = putRequest(withBackout, sampleWith('ae-add-1-line.txt', '0710003'), { Report: MQC.MQRO_DISCARD_MSG });
  await untilDepth(withBackout, 'ACE.BACKOUT', 1);
  t.ok(withBackout.browse('ACE.BACKOUT')[0]?.md.MsgId.equals(kept.MsgId), 'moved to BOQNAME like any other');
  t.match(first.mq?.health, { discarded: 0, movedToBackoutQueue: 1 });

  const withoutBackout = new FakeQueueManager({
    queues: { 'ACE.REQUEST': { backoutThreshold: 2, backoutQueue: 'NO.SUCH.QUEUE' }, 'ACE.REPLY': {}, 'ACE.NOTIFY': {}, 'DEV.DEAD.LETTER.QUEUE': {} },
  });
  const second = mqMock(withoutBackout);
  t.teardown(() => second.close());
  withoutBackout.failNext('commit', MQC.MQRC_BACKED_OUT, 2);
  putRequest(withoutBackout, sampleWith('ae-add-1-line.txt', '0710007'), { Report: MQC.MQRO_DISCARD_MSG });
  for (let i = 0; i < 500 && second.mq?.health.discarded === 0; i++) await sleep(10);
  t.match(second.mq?.health, { discarded: 1, movedToBackoutQueue: 0, deadLettered: 0 });
  t.equal(withoutBackout.queue('DEV.DEAD.LETTER.QUEUE').depth, 0, 'not dead-lettered: it asked to be discarded');
  t.equal(withoutBackout.queue('ACE.REQUEST').depth, 0);
});

t.test('a put that fails for the queue manager’s sake (2102) is backed out and retried, not dead-lettered', async (t) => {
  const qm = aceQueueManager();
  const mock = mqMock(qm);
  t.teardown(() => mock.close());
  qm.failNext('put1', MQC.MQRC_RESOURCE_PROBLEM, 1);
  const request = putRequest(qm, sampleWith('ae-add-1-line.txt', '0710008'));
  await untilDepth(qm, 'ACE.REPLY', 1);
  t.ok(qm.browse('ACE.REPLY')[0]?.md.CorrelId.equals(request.MsgId), 'the reply reached its queue on the second try');
  t.equal(qm.queue('DEV.DEAD.LETTER.QUEUE').depth, 0);
  t.match(mock.mq?.health, { backedOut: 1, answered: 1, deadLettered: 0 });
});

t.test('a reply its ReplyToQ refuses goes to the dead-letter queue with the reason, or nowhere when the request passed MQRO_DISCARD_MSG', async (t) => {
  const qm = aceQueueManager();
  const mock = mqMock(qm);
  t.teardown(() => mock.close());
  const kept = putRequest(qm, sampleWith('ae-add-1-line.txt', '0710004'), { ReplyToQ: 'FILER.GONE' });
  const dropped = putRequest(qm, sampleWith('ae-add-1-line.txt', '0710005'), { ReplyToQ: 'FILER.GONE', Report: MQC.MQRO_DISCARD_MSG | MQC.MQRO_PASS_DISCARD_AND_EXPIRY });
  const next = putRequest(qm, sampleWith('ae-add-1-line.txt', '0710006'));
  await untilDepth(qm, 'ACE.REPLY', 1);
  const dead = qm.browse('DEV.DEAD.LETTER.QUEUE');
  t.equal(dead.length, 1, 'one reply dead-lettered, the other discarded');
  const { header, data } = readDeadLetterHeader(dead[0]?.body ?? Buffer.alloc(0));
  t.match(header, { reason: MQC.MQRC_UNKNOWN_OBJECT_NAME, destQueue: 'FILER.GONE', format: MQFMT_STRING });
  t.ok(dead[0]?.md.CorrelId.equals(kept.MsgId), 'the dead-lettered reply is the first request’s');
  t.match(records(data)[3], /^E1A 995/, 'and carries its answer');
  t.notOk(dead.some((m) => m.md.CorrelId.equals(dropped.MsgId)), 'the MQRO_DISCARD_MSG reply went nowhere');
  t.ok(qm.browse('ACE.REPLY')[0]?.md.CorrelId.equals(next.MsgId), 'the next request is answered as usual');
  t.equal(qm.queue('ACE.REQUEST').depth, 0, 'all three requests consumed: each was answered, the answer journaled');
  t.equal(mock.mq?.health.answered, 3);
});

t.test('an undeliverable notification is retried on its own: requests keep being answered on the same connection', async (t) => {
  const qm = new FakeQueueManager({ queues: { 'ACE.REQUEST': { backoutThreshold: 3, backoutQueue: 'ACE.BACKOUT' }, 'ACE.REPLY': {}, 'ACE.BACKOUT': {}, 'DEV.DEAD.LETTER.QUEUE': {} } });
  const { client, calls } = counted(qm);
  const dir = scenarioDir({ 'uc.yaml': 'id: uc\ntitle: UC\nsteps:\n  - answer:\n      followUps:\n        - { after: 0, disposition: "2" }\n' });
  const mock = mqMock(client, { ACE_MOCK_SCENARIOS: dir }, () => new Date());
  t.teardown(() => mock.close());
  await mock.http.inject({ method: 'POST', url: '/v1/admin/arm', payload: { scenario: 'uc', filer: 'B76' } });
  putRequest(qm, sampleWith('ae-add-1-line.txt', '0710010'));
  await untilDepth(qm, 'ACE.REPLY', 1);
  for (let i = 0; i < 500 && mock.mq?.health.notifications.failing === 0; i++) await sleep(10);
  t.equal(mock.mq?.health.notifications.failing, 1, 'the notice to the missing ACE.NOTIFY is failing');
  const more = Array.from({ length: 20 }, (_, i) => putRequest(qm, sampleWith('ae-add-1-line.txt', String(711_000 + i))));
  await untilDepth(qm, 'ACE.REPLY', 21);
  t.ok(more.every((r) => qm.browse('ACE.REPLY').some((reply) => reply.md.CorrelId.equals(r.MsgId))), 'every later request answered');
  t.equal(calls('connect'), 2, 'one connection for requests, one for notifications: no reconnects');
  t.match(mock.mq?.health, { status: 'connected', notifications: { status: 'connected', queue: 'ACE.NOTIFY' } });
  qm.defineQueue('ACE.NOTIFY');
  await untilDepth(qm, 'ACE.NOTIFY', 1, 10_000);
  t.equal(mock.mq?.health.notifications.failing, 0, 'once the queue exists the notice goes out');
});

t.test('a scripted delay holds the reply back without holding the listener: later requests are answered meanwhile, stop is prompt, a restart still sends it', async (t) => {
  const dir = slowScenarios(1500);
  const db = join(mkdtempSync(join(tmpdir(), 'ace-mock-delay-')), 'mq.db');
  const qm = aceQueueManager();
  const first = mqMock(qm, { ACE_MOCK_SCENARIOS: dir, ACE_MOCK_DB: db }, () => new Date());
  let second: ReturnType<typeof mqMock> | undefined;
  t.teardown(async () => {
    await first.close();
    await second?.close();
  });
  await armSlow(first, 1);
  const slow = putRequest(qm, sampleWith('ae-add-1-line.txt', '0710020'));
  const quick = putRequest(qm, sampleWith('ae-add-1-line.txt', '0710021'));
  await untilDepth(qm, 'ACE.REPLY', 1);
  t.ok(qm.browse('ACE.REPLY')[0]?.md.CorrelId.equals(quick.MsgId), 'the request behind the slow one is answered first');
  t.equal(qm.queue('ACE.REQUEST').depth, 0, 'the slow request is consumed: its reply waits in the database, not in a unit of work');
  await first.close();
  t.equal(qm.queue('ACE.REPLY').depth, 1, 'stopped before the delay ran out: the slow reply is not out yet');
  second = mqMock(qm, { ACE_MOCK_SCENARIOS: dir, ACE_MOCK_DB: db }, () => new Date());
  await untilDepth(qm, 'ACE.REPLY', 2);
  const replies = repliesTo(qm, slow.MsgId);
  t.equal(replies.length, 1, 'the restarted process puts the held-back reply, once');
  t.match(records(replies[0]?.body ?? Buffer.alloc(0))[3], /^E1A 995/);
  await sleep(300);
  t.equal(qm.queue('ACE.REPLY').depth, 2, 'and only once');
});

t.test('a request queue that refuses gets (2016) keeps the door reconnecting with the reason, less and less often; replies go out once it is enabled', async (t) => {
  const qm = aceQueueManager();
  const { client, calls } = counted(qm);
  const request = { backoutThreshold: 3, backoutQueue: 'ACE.BACKOUT', hardenBackout: true };
  qm.defineQueue('ACE.REQUEST', { ...request, getInhibited: true }); // ALTER QLOCAL(ACE.REQUEST) GET(DISABLED)
  const mock = mqMock(client);
  t.teardown(() => mock.close());
  await sleep(3200);
  const connects = calls('connect') - 1; // the push loop's one connection
  t.ok(connects >= 2 && connects <= 4, `reconnects back off (0.5 s, 1 s, 2 s …): ${connects} connects in 3.2 s, not one every half second`);
  t.match(mock.mq?.health, { lastReason: 'MQRC_GET_INHIBITED [2016]' });
  qm.defineQueue('ACE.REQUEST', request);
  const put = putRequest(qm, sampleWith('ae-add-1-line.txt', '0710030'));
  await untilDepth(qm, 'ACE.REPLY', 1, 30_000);
  t.ok(qm.browse('ACE.REPLY')[0]?.md.CorrelId.equals(put.MsgId));
});

t.test('a held-back reply goes once, and only once its request is consumed', async (t) => {
  const qm = aceQueueManager();
  const mock = mqMock(qm, { ACE_MOCK_SCENARIOS: slowScenarios(100) }, () => new Date());
  t.teardown(() => mock.close());
  await armSlow(mock, 5);
  qm.failNext('commit', MQC.MQRC_CONNECTION_BROKEN, 1);
  const once = putRequest(qm, sampleWith('ae-add-1-line.txt', '0710060'));
  await untilDepth(qm, 'ACE.REPLY', 1);
  await sleep(500);
  t.equal(repliesTo(qm, once.MsgId).length, 1, 'a commit lost with the connection: still one reply');

  qm.failNext('commit', MQC.MQRC_BACKED_OUT, 3);
  const poison = putRequest(qm, sampleWith('ae-add-1-line.txt', '0710061'));
  await untilDepth(qm, 'ACE.BACKOUT', 1);
  await sleep(500);
  t.equal(repliesTo(qm, poison.MsgId).length, 0, 'a request set aside never has its held reply sent');
  t.ok(qm.browse('ACE.BACKOUT')[0]?.md.MsgId.equals(poison.MsgId));
});

t.test('a filer that reuses a MsgId gets a reply to each request, delayed or not', async (t) => {
  const qm = aceQueueManager();
  const mock = mqMock(qm, { ACE_MOCK_SCENARIOS: slowScenarios(50) }, () => new Date());
  t.teardown(() => mock.close());
  await armSlow(mock, 2);
  const msgId = Buffer.alloc(24, 0x42);
  putRequest(qm, sampleWith('ae-add-1-line.txt', '0710070'), { MsgId: msgId });
  putRequest(qm, sampleWith('ae-add-1-line.txt', '0710071'), { MsgId: msgId });
  await untilDepth(qm, 'ACE.REPLY', 2);
  t.equal(repliesTo(qm, msgId).length, 2, 'two replies for two requests');
});

t.test('a get that completes with a warning still answers the request, once', async (t) => {
  const qm = aceQueueManager();
  qm.warnNext(MQC.MQRC_NOT_CONVERTED);
  const mock = mqMock(qm);
  t.teardown(() => mock.close());
  const request = putRequest(qm, sampleWith('ae-add-1-line.txt', '0710040'));
  await untilDepth(qm, 'ACE.REPLY', 1);
  await sleep(100);
  t.equal(qm.queue('ACE.REPLY').depth, 1, 'one reply');
  t.ok(qm.browse('ACE.REPLY')[0]?.md.CorrelId.equals(request.MsgId));
  t.match(records(qm.browse('ACE.REPLY')[0]?.body ?? Buffer.alloc(0))[3], /^E1A 995/);
  t.equal(qm.queue('ACE.REQUEST').depth, 0);
  t.match(mock.mq?.health, { answered: 1, backedOut: 0 });
});

t.test('a request put in EBCDIC (CCSID 500 or 037) is answered like its ASCII twin', async (t) => {
  const qm = aceQueueManager();
  const mock = mqMock(qm);
  t.teardown(() => mock.close());
  for (const [ccsid, number] of [
    [500, '0710050'],
    [37, '0710051'],
  ] as const) {
    putRequest(qm, encode(ccsid, sampleWith('ae-add-1-line.txt', number).replace(/\n/g, '')), { CodedCharSetId: ccsid });
  }
  await untilDepth(qm, 'ACE.REPLY', 2);
  for (const reply of qm.browse('ACE.REPLY')) t.match(records(reply.body)[3], /^E1A 995/, 'accepted: MQ converted it to text the pipeline reads');
});

t.test('data MQ could not convert is decoded from its own code page when ace-mock knows it', async (t) => {
  const text = sampleWith('ae-add-1-line.txt', '0710052').replace(/\n/g, '');
  const request = (ccsid: number, body: Buffer, warning?: number) => ({ md: { CodedCharSetId: ccsid } as Mqmd, body, ...(warning !== undefined && { warning }) });
  t.equal(requestBytes(request(500, encode(500, text), MQC.MQRC_NOT_CONVERTED)).toString('latin1'), text, 'EBCDIC 500, unconverted');
  t.equal(requestBytes(request(37, encode(37, text), MQC.MQRC_SOURCE_CCSID_ERROR)).toString('latin1'), text, 'EBCDIC 037, unconverted');
  t.equal(requestBytes(request(1208, Buffer.from(text))).toString('latin1'), text, 'converted by MQ: as it came');
  const unknown = Buffer.from([0x01, 0x02, 0xff]);
  t.same(requestBytes(request(4242, unknown, MQC.MQRC_SOURCE_CCSID_ERROR)), unknown, 'an unknown code page goes in as it came');
});

t.test('replies are UTF-8, as their CCSID 1208 says', async (t) => {
  const body = replyBody(['A caf\u00e9'], 'concatenated');
  t.same([...body.subarray(5)], [0xc3, 0xa9], 'é as two UTF-8 bytes, not one Latin-1 byte');
  t.equal(body.toString('utf8'), 'A caf\u00e9');
});
