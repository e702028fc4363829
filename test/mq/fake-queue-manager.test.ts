import t, { type Test } from 'tap';
import type { MqConnectOptions } from '../../src/transports/mq/client.js';
import { MQC, MQFMT_STRING } from '../../src/transports/mq/constants.js';
import { FakeQueueManager } from '../../src/transports/mq/fake-queue-manager.js';

/** What the contract suite cannot reach on a real queue manager: injected faults and the test helpers. */

const OPTIONS: MqConnectOptions = { queueManager: 'QM1', host: 'fake', port: 1414, channel: 'DEV.APP.SVRCONN' };
const Q = 'DEV.QUEUE.1';
const NOW = { syncpoint: false, waitMs: 0 };
const text = (s: string) => Buffer.from(s);

/** A connection whose unit of work holds a request gotten from Q and a reply put to DEV.QUEUE.2. */
async function unitWithGetAndPut(t: Test) {
  const qm = new FakeQueueManager();
  qm.put(Q, {}, text('request'));
  const c = await qm.connect(OPTIONS);
  const q = await qm.open(c, Q, 'input');
  t.ok(await qm.get(q, { syncpoint: true, waitMs: 0 }));
  await qm.put1(c, { queue: 'DEV.QUEUE.2' }, {}, text('reply'), { syncpoint: true });
  return { qm, c, q };
}

t.test('2009 fails the call, breaks the connection and backs out its unit of work', async (t) => {
  const { qm, c, q } = await unitWithGetAndPut(t);
  qm.failNext('commit', MQC.MQRC_CONNECTION_BROKEN);
  await t.rejects(qm.commit(c), { name: 'MqError', mqrc: MQC.MQRC_CONNECTION_BROKEN, verb: 'commit' });
  await t.rejects(qm.get(q, NOW), { name: 'MqError', mqrc: MQC.MQRC_CONNECTION_BROKEN }, 'its handles are dead');
  await t.rejects(qm.commit(c), { name: 'MqError', mqrc: MQC.MQRC_CONNECTION_BROKEN }, 'the fault was used up; the connection stays broken');
  const back = qm.browse(Q);
  t.equal(back.length, 1, 'the request is back on its queue');
  t.equal(back[0]?.md.BackoutCount, 1);
  t.equal(qm.queue('DEV.QUEUE.2').depth, 0, 'the uncommitted reply is gone');
  const fresh = await qm.connect(OPTIONS);
  t.equal((await qm.get(await qm.open(fresh, Q, 'input'), NOW))?.body.toString(), 'request', 'a new connection gets it');
});

t.test('a get waiting on a connection that breaks fails with 2009', async (t) => {
  const qm = new FakeQueueManager();
  const c = await qm.connect(OPTIONS);
  const waiting = qm.get(await qm.open(c, Q, 'input'), { syncpoint: true, waitMs: 60_000 });
  qm.failNext('backout', MQC.MQRC_CONNECTION_BROKEN);
  await t.rejects(qm.backout(c), { name: 'MqError', mqrc: MQC.MQRC_CONNECTION_BROKEN });
  await t.rejects(waiting, { name: 'MqError', mqrc: MQC.MQRC_CONNECTION_BROKEN });
});

t.test('2538 on connect, for as many calls as asked', async (t) => {
  const qm = new FakeQueueManager();
  qm.failNext('connect', MQC.MQRC_HOST_NOT_AVAILABLE, 2);
  await t.rejects(qm.connect(OPTIONS), { name: 'MqError', mqrc: MQC.MQRC_HOST_NOT_AVAILABLE, verb: 'connect' });
  await t.rejects(qm.connect(OPTIONS), { name: 'MqError', mqrc: MQC.MQRC_HOST_NOT_AVAILABLE });
  t.ok(await qm.connect(OPTIONS), 'the third attempt connects');
});

t.test('2035 on connect or open', async (t) => {
  const qm = new FakeQueueManager();
  qm.failNext('connect', MQC.MQRC_NOT_AUTHORIZED);
  await t.rejects(qm.connect(OPTIONS), { name: 'MqError', mqrc: MQC.MQRC_NOT_AUTHORIZED });
  const c = await qm.connect(OPTIONS);
  qm.failNext('open', MQC.MQRC_NOT_AUTHORIZED);
  await t.rejects(qm.open(c, Q, 'input'), { name: 'MqError', mqrc: MQC.MQRC_NOT_AUTHORIZED, verb: 'open' });
  t.ok(await qm.open(c, Q, 'input'), 'the connection itself is unharmed');
});

t.test('2085 injected on open of a queue that exists', async (t) => {
  const qm = new FakeQueueManager();
  const c = await qm.connect(OPTIONS);
  qm.failNext('open', MQC.MQRC_UNKNOWN_OBJECT_NAME);
  await t.rejects(qm.open(c, Q, 'output'), { name: 'MqError', mqrc: MQC.MQRC_UNKNOWN_OBJECT_NAME });
  t.ok(await qm.open(c, Q, 'output'));
});

t.test('2080 on get leaves the message on the queue, untouched', async (t) => {
  const qm = new FakeQueueManager();
  const sent = qm.put(Q, {}, text('x'.repeat(100)));
  const q = await qm.open(await qm.connect(OPTIONS), Q, 'input');
  qm.failNext('get', MQC.MQRC_TRUNCATED_MSG_FAILED);
  await t.rejects(qm.get(q, { syncpoint: true, waitMs: 0 }), { name: 'MqError', mqrc: MQC.MQRC_TRUNCATED_MSG_FAILED, verb: 'get' });
  t.equal(qm.queue(Q).depth, 1);
  const got = await qm.get(q, NOW);
  t.same(got?.md.MsgId, sent.MsgId);
  t.equal(got?.md.BackoutCount, 0, 'not counted as a backout');
});

t.test('a full queue refuses puts with 2053; uncommitted puts count towards MAXDEPTH', async (t) => {
  const qm = new FakeQueueManager();
  qm.defineQueue('SMALL', { maxDepth: 2 });
  const c = await qm.connect(OPTIONS);
  qm.put('SMALL', {}, text('1'));
  await qm.put1(c, { queue: 'SMALL' }, {}, text('2'), { syncpoint: true });
  await t.rejects(qm.put1(c, { queue: 'SMALL' }, {}, text('3'), { syncpoint: false }), { name: 'MqError', mqrc: MQC.MQRC_Q_FULL, verb: 'put1' });
  t.equal(qm.queue('SMALL').depth, 2);
  t.equal(qm.browse('SMALL').length, 1, 'browse sees committed messages only');
});

t.test('backout returns a message to its place, ahead of later ones', async (t) => {
  const qm = new FakeQueueManager();
  qm.put(Q, {}, text('first'));
  qm.put(Q, {}, text('second'));
  const c = await qm.connect(OPTIONS);
  const q = await qm.open(c, Q, 'input');
  t.equal((await qm.get(q, { syncpoint: true, waitMs: 0 }))?.body.toString(), 'first');
  await qm.backout(c);
  t.same(
    qm.browse(Q).map((m) => [m.body.toString(), m.md.BackoutCount]),
    [
      ['first', 1],
      ['second', 0],
    ],
  );
});

t.test('a get waiting on an empty queue takes a message another connection commits', async (t) => {
  const qm = new FakeQueueManager();
  const getter = await qm.open(await qm.connect(OPTIONS), Q, 'input');
  const putter = await qm.connect(OPTIONS);
  const waiting = qm.get(getter, { syncpoint: false, waitMs: 60_000 });
  await qm.put1(putter, { queue: Q }, {}, text('committed later'), { syncpoint: true });
  await qm.commit(putter);
  t.equal((await waiting)?.body.toString(), 'committed later');
});

t.test('MsgIds look like a queue manager made them; higher priority comes first', async (t) => {
  const qm = new FakeQueueManager({ name: 'ACEQM' });
  const low = qm.put(Q, {}, text('low'));
  qm.put(Q, { Priority: 9 }, text('high'));
  t.equal(low.MsgId.subarray(0, 16).toString('latin1'), 'AMQ ACEQM       ');
  t.same(
    qm.browse(Q).map((m) => m.body.toString()),
    ['high', 'low'],
  );
});

t.test('string data in the queue manager CCSID (819) is delivered as UTF-8', async (t) => {
  const qm = new FakeQueueManager();
  qm.put(Q, { Format: MQFMT_STRING, CodedCharSetId: 819 }, Buffer.from('café', 'latin1'));
  qm.put(Q, { CodedCharSetId: 819 }, Buffer.from('café', 'latin1'));
  const [string, bytes] = qm.browse(Q);
  t.same(string?.body, Buffer.from('café', 'utf8'));
  t.equal(string?.md.CodedCharSetId, 1208);
  t.same(bytes?.body, Buffer.from('café', 'latin1'), 'data of no format is not converted');
});

t.test('persistence and ReplyToQMgr are resolved at put; expired messages leave the depth', async (t) => {
  const qm = new FakeQueueManager();
  qm.defineQueue('DURABLE', { persistentByDefault: true });
  const put = qm.put('DURABLE', { ReplyToQ: 'DEV.QUEUE.2', Expiry: 1 }, text('x'));
  t.equal(put.Persistence, MQC.MQPER_PERSISTENT, 'DEFPSIST(YES)');
  t.equal(put.ReplyToQMgr, 'QM1');
  t.equal(qm.queue('DURABLE').depth, 1);
  await new Promise((resolve) => setTimeout(resolve, 150));
  t.equal(qm.queue('DURABLE').depth, 0);
});

t.test('reason codes of misuse', async (t) => {
  const qm = new FakeQueueManager();
  await t.rejects(qm.connect({ ...OPTIONS, queueManager: 'QM2' }), { name: 'MqError', mqrc: MQC.MQRC_Q_MGR_NAME_ERROR });
  const c = await qm.connect(OPTIONS);
  const out = await qm.open(c, Q, 'output');
  await t.rejects(qm.get(out, NOW), { name: 'MqError', mqrc: MQC.MQRC_NOT_OPEN_FOR_INPUT });
  await t.rejects(qm.inquire(out, ['BOTHRESH']), { name: 'MqError', mqrc: MQC.MQRC_NOT_OPEN_FOR_INQUIRE });
  const input = await qm.open(c, Q, 'input');
  await t.rejects(qm.put(input, {}, text('x'), { syncpoint: false }), { name: 'MqError', mqrc: MQC.MQRC_NOT_OPEN_FOR_OUTPUT });
  await t.rejects(qm.inquire(input, ['DEADQ']), { name: 'MqError', mqrc: MQC.MQRC_SELECTOR_NOT_FOR_TYPE, mqcc: MQC.MQCC_WARNING });
  await t.rejects(qm.put1(c, { queue: Q, queueManager: 'ELSEWHERE' }, {}, text('x'), { syncpoint: false }), { name: 'MqError', mqrc: MQC.MQRC_UNKNOWN_REMOTE_Q_MGR });
  await qm.close(input);
  await t.rejects(qm.get(input, NOW), { name: 'MqError', mqrc: MQC.MQRC_HOBJ_ERROR });
  await qm.disconnect(c);
  await t.rejects(qm.open(c, Q, 'input'), { name: 'MqError', mqrc: MQC.MQRC_HCONN_ERROR });
  const stranger = await new FakeQueueManager().connect(OPTIONS);
  await t.rejects(qm.commit(stranger), { name: 'MqError', mqrc: MQC.MQRC_HCONN_ERROR }, "another queue manager's connection");
  t.throws(() => qm.put(Q, { MsgId: Buffer.alloc(8) }, text('x')), RangeError, 'a MsgId must be 24 bytes');
});

t.test('warnNext: the next get takes the message as usual and warns; the message is in the unit of work', async (t) => {
  const qm = new FakeQueueManager();
  const sent = qm.put(Q, { Format: MQFMT_STRING, CodedCharSetId: 1208 }, text('request'));
  qm.put(Q, {}, text('next'));
  const c = await qm.connect(OPTIONS);
  const q = await qm.open(c, Q, 'input');
  const other = await qm.open(await qm.connect(OPTIONS), Q, 'input');
  qm.warnNext(MQC.MQRC_NOT_CONVERTED);
  const warned = await qm.get(q, { syncpoint: true, waitMs: 0 });
  t.equal(warned?.warning, MQC.MQRC_NOT_CONVERTED);
  t.same(warned?.md.MsgId, sent.MsgId);
  t.equal(qm.queue(Q).depth, 2, 'still counted on the queue until commit');
  t.same(
    qm.browse(Q).map((m) => m.body.toString()),
    ['next'],
    'hidden from others',
  );
  await qm.backout(c);
  const again = await qm.get(other, { syncpoint: false, waitMs: 0 });
  t.same(again?.md.MsgId, sent.MsgId, 'backed out like any gotten message');
  t.equal(again?.md.BackoutCount, 1);
  t.equal(again?.warning, undefined, 'one warning only');
});

t.test('warnNext skips gets that find nothing and lasts `times` gets; outside syncpoint the message is gone', async (t) => {
  const qm = new FakeQueueManager();
  const q = await qm.open(await qm.connect(OPTIONS), Q, 'input');
  qm.warnNext(MQC.MQRC_CONVERTED_MSG_TOO_BIG, 2);
  t.equal(await qm.get(q, NOW), null);
  for (const body of ['one', 'two', 'three']) qm.put(Q, {}, text(body));
  t.same(
    [await qm.get(q, NOW), await qm.get(q, NOW), await qm.get(q, NOW)].map((m) => [m?.body.toString(), m?.warning]),
    [
      ['one', MQC.MQRC_CONVERTED_MSG_TOO_BIG],
      ['two', MQC.MQRC_CONVERTED_MSG_TOO_BIG],
      ['three', undefined],
    ],
  );
  t.equal(qm.queue(Q).depth, 0);
});

t.test('2003 on commit backs the unit out, gets back with BackoutCount + 1, puts gone, and warns', async (t) => {
  const { qm, c, q } = await unitWithGetAndPut(t);
  qm.failNext('commit', MQC.MQRC_BACKED_OUT);
  await t.rejects(qm.commit(c), { name: 'MqError', mqrc: MQC.MQRC_BACKED_OUT, mqcc: MQC.MQCC_WARNING, verb: 'commit' });
  t.same(
    qm.browse(Q).map((m) => [m.body.toString(), m.md.BackoutCount]),
    [['request', 1]],
  );
  t.equal(qm.queue('DEV.QUEUE.2').depth, 0, 'the reply vanished');
  const again = await qm.get(q, { syncpoint: true, waitMs: 0 });
  t.equal(again?.md.BackoutCount, 1, 'the connection is still usable');
  await qm.commit(c);
  t.equal(qm.queue(Q).depth, 0, 'and commits normally afterwards');
});

t.test('2003 on a get or put dooms the unit: commit and disconnect back it out with 2003', async (t) => {
  const qm = new FakeQueueManager();
  qm.put(Q, {}, text('first'));
  qm.put(Q, {}, text('second'));
  const c = await qm.connect(OPTIONS);
  const q = await qm.open(c, Q, 'input');
  t.ok(await qm.get(q, { syncpoint: true, waitMs: 0 }));
  qm.failNext('put1', MQC.MQRC_BACKED_OUT);
  await t.rejects(qm.put1(c, { queue: 'DEV.QUEUE.2' }, {}, text('reply'), { syncpoint: true }), { name: 'MqError', mqrc: MQC.MQRC_BACKED_OUT, mqcc: MQC.MQCC_FAILED });
  await t.rejects(qm.commit(c), { name: 'MqError', mqrc: MQC.MQRC_BACKED_OUT, mqcc: MQC.MQCC_WARNING });
  t.equal(qm.browse(Q)[0]?.md.BackoutCount, 1, 'the commit backed out instead');

  const d = await qm.connect(OPTIONS);
  t.ok(await qm.get(await qm.open(d, Q, 'input'), { syncpoint: true, waitMs: 0 }));
  qm.failNext('get', MQC.MQRC_BACKED_OUT);
  await t.rejects(qm.get(await qm.open(d, Q, 'input'), { syncpoint: true, waitMs: 0 }), { name: 'MqError', mqrc: MQC.MQRC_BACKED_OUT });
  await t.rejects(qm.disconnect(d), { name: 'MqError', mqrc: MQC.MQRC_BACKED_OUT, mqcc: MQC.MQCC_WARNING }, 'MQDISC does not commit a doomed unit');
  t.equal(qm.queue(Q).depth, 2, 'both messages are back');
  await t.rejects(qm.commit(d), { name: 'MqError', mqrc: MQC.MQRC_HCONN_ERROR }, 'but it did disconnect');
});

t.test('restart: connections break, units back out, nonpersistent messages go, backout counts stay (UNIX)', async (t) => {
  const qm = new FakeQueueManager();
  qm.put(Q, { Persistence: MQC.MQPER_PERSISTENT }, text('persistent'));
  qm.put(Q, { Persistence: MQC.MQPER_NOT_PERSISTENT }, text('nonpersistent'));
  const c = await qm.connect(OPTIONS);
  const q = await qm.open(c, Q, 'input');
  t.equal((await qm.get(q, { syncpoint: true, waitMs: 0 }))?.body.toString(), 'persistent');
  const waiting = qm.get(await qm.open(await qm.connect(OPTIONS), 'DEV.QUEUE.2', 'input'), { syncpoint: false, waitMs: 60_000 });
  qm.restart();
  await t.rejects(waiting, { name: 'MqError', mqrc: MQC.MQRC_CONNECTION_BROKEN }, 'a waiting get fails');
  await t.rejects(qm.commit(c), { name: 'MqError', mqrc: MQC.MQRC_CONNECTION_BROKEN });
  t.same(
    qm.browse(Q).map((m) => [m.body.toString(), m.md.BackoutCount]),
    [['persistent', 1]],
  );
  qm.restart();
  t.equal(qm.browse(Q)[0]?.md.BackoutCount, 1, 'a second restart keeps the count');
});

t.test('restart on z/OS: only HARDENBO queues keep backout counts', async (t) => {
  const qm = new FakeQueueManager({ platform: 'zos', queues: { HARDENED: { hardenBackout: true, persistentByDefault: true }, SOFT: { persistentByDefault: true } } });
  const c = await qm.connect(OPTIONS);
  for (const name of ['HARDENED', 'SOFT']) {
    qm.put(name, {}, text(name));
    t.ok(await qm.get(await qm.open(c, name, 'input'), { syncpoint: true, waitMs: 0 }));
  }
  await qm.backout(c);
  t.equal(qm.browse('SOFT')[0]?.md.BackoutCount, 1, 'counted before the restart');
  qm.restart();
  t.equal(qm.browse('HARDENED')[0]?.md.BackoutCount, 1);
  t.equal(qm.browse('SOFT')[0]?.md.BackoutCount, 0);
});

t.test('MAXUMSGS: a get or put that would overfill the unit fails 2024 and changes nothing', async (t) => {
  const qm = new FakeQueueManager({ maxUncommittedMessages: 2 });
  qm.put(Q, {}, text('request'));
  const c = await qm.connect(OPTIONS);
  const q = await qm.open(c, Q, 'input');
  await qm.put1(c, { queue: 'DEV.QUEUE.2' }, {}, text('1'), { syncpoint: true });
  await qm.put1(c, { queue: 'DEV.QUEUE.2' }, {}, text('2'), { syncpoint: true });
  await t.rejects(qm.put1(c, { queue: 'DEV.QUEUE.2' }, {}, text('3'), { syncpoint: true }), { name: 'MqError', mqrc: MQC.MQRC_SYNCPOINT_LIMIT_REACHED, verb: 'put1' });
  await t.rejects(qm.get(q, { syncpoint: true, waitMs: 0 }), { name: 'MqError', mqrc: MQC.MQRC_SYNCPOINT_LIMIT_REACHED, verb: 'get' });
  t.equal(qm.browse(Q).length, 1, 'the message was not taken');
  await qm.put1(c, { queue: 'DEV.QUEUE.2' }, {}, text('outside'), { syncpoint: false });
  await qm.commit(c);
  t.equal(qm.queue('DEV.QUEUE.2').depth, 3, 'puts outside syncpoint do not count');
  t.ok(await qm.get(q, { syncpoint: true, waitMs: 0 }), 'a committed unit starts again from 0');
  t.same(await qm.inquire(c, ['MAXUMSGS']), [2]);
});

t.test('MAXUMSGS counts the COA and COD reports a call generates under syncpoint', async (t) => {
  const qm = new FakeQueueManager({ maxUncommittedMessages: 1 });
  const c = await qm.connect(OPTIONS);
  const withReport = (report: number) => ({ Report: report, ReplyToQ: 'DEV.QUEUE.3' });
  await t.rejects(qm.put1(c, { queue: Q }, withReport(MQC.MQRO_COA), text('x'), { syncpoint: true }), { name: 'MqError', mqrc: MQC.MQRC_SYNCPOINT_LIMIT_REACHED });
  qm.put(Q, withReport(MQC.MQRO_COD), text('y'));
  await t.rejects(qm.get(await qm.open(c, Q, 'input'), { syncpoint: true, waitMs: 0 }), { name: 'MqError', mqrc: MQC.MQRC_SYNCPOINT_LIMIT_REACHED });
  t.equal(qm.queue('DEV.QUEUE.3').depth, 0, 'no report either');
});

t.test('a report the queue manager cannot deliver is dropped (MQ would dead-letter it)', async (t) => {
  const qm = new FakeQueueManager();
  qm.put(Q, { Report: MQC.MQRO_COA, ReplyToQ: 'NO.SUCH.QUEUE' }, text('x'));
  qm.put(Q, { Report: MQC.MQRO_COA, ReplyToQ: 'DEV.QUEUE.2', ReplyToQMgr: 'ELSEWHERE' }, text('y'));
  t.equal(qm.queue(Q).depth, 2, 'the messages themselves arrive');
  t.equal(qm.queue('DEV.DEAD.LETTER.QUEUE').depth, 0);
  t.throws(() => qm.put(Q, { Report: MQC.MQRO_COD }, text('z')), { name: 'MqError', mqrc: MQC.MQRC_MISSING_REPLY_TO_Q }, 'a report needs a ReplyToQ');
});

t.test('context: the connecting user; passed on only from an input handle that got a message', async (t) => {
  const qm = new FakeQueueManager();
  const filer = await qm.connect({ ...OPTIONS, user: 'filer01' });
  await qm.put1(filer, { queue: Q }, {}, text('request'), { syncpoint: false });
  const mock = await qm.connect({ ...OPTIONS, user: 'acemock' });
  const input = await qm.open(mock, Q, 'input');
  await t.rejects(qm.put1(mock, { queue: 'DEV.QUEUE.2' }, {}, text('x'), { syncpoint: false, passContextFrom: input }), { name: 'MqError', mqrc: MQC.MQRC_CONTEXT_NOT_AVAILABLE });
  const request = await qm.get(input, NOW);
  t.equal(request?.md.UserIdentifier, 'filer01');
  t.equal(request?.md.PutApplType, MQC.MQAT_UNIX);
  await qm.put1(mock, { queue: 'DEV.QUEUE.2' }, {}, text('moved'), { syncpoint: false, passContextFrom: input });
  await qm.put1(mock, { queue: 'DEV.QUEUE.2' }, {}, text('own'), { syncpoint: false });
  const [moved, own] = qm.browse('DEV.QUEUE.2');
  t.equal(moved?.md.UserIdentifier, 'filer01', 'passed on');
  t.same(moved?.md.PutDateTime, request?.md.PutDateTime);
  t.equal(own?.md.UserIdentifier, 'acemock', 'its own otherwise');
  const output = await qm.open(mock, 'DEV.QUEUE.2', 'output');
  await t.rejects(qm.put1(mock, { queue: Q }, {}, text('x'), { syncpoint: false, passContextFrom: output }), { name: 'MqError', mqrc: MQC.MQRC_CONTEXT_HANDLE_ERROR }, 'not opened with MQOO_SAVE_ALL_CONTEXT');
  await t.rejects(
    qm.put(output, {}, text('x'), { syncpoint: false, passContextFrom: input }),
    { name: 'MqError', mqrc: MQC.MQRC_NOT_OPEN_FOR_PASS_ALL },
    'MQPUT needs an output handle opened with MQOO_PASS_ALL_CONTEXT',
  );
});

t.test('data of no format in another CCSID comes unconverted with 2110; an unknown CCSID with 2111', async (t) => {
  const qm = new FakeQueueManager();
  qm.put(Q, { CodedCharSetId: 819 }, Buffer.from('café', 'latin1'));
  qm.put(Q, { Format: MQFMT_STRING, CodedCharSetId: 4242 }, text('mystery'));
  qm.put(Q, { Format: MQFMT_STRING, CodedCharSetId: 4242 }, Buffer.alloc(0));
  const [none, unknown, empty] = qm.browse(Q);
  t.equal(none?.warning, MQC.MQRC_FORMAT_ERROR);
  t.same(none?.body, Buffer.from('café', 'latin1'));
  t.equal(none?.md.CodedCharSetId, 819);
  t.equal(unknown?.warning, MQC.MQRC_SOURCE_CCSID_ERROR);
  t.equal(unknown?.md.CodedCharSetId, 4242);
  t.equal(empty?.warning, undefined, 'nothing to convert, nothing to warn of');
});

t.test('a get waiting on a queue that becomes GET(DISABLED) fails 2016', async (t) => {
  const qm = new FakeQueueManager();
  const waiting = qm.get(await qm.open(await qm.connect(OPTIONS), Q, 'input'), { syncpoint: false, waitMs: 60_000 });
  qm.defineQueue(Q, { getInhibited: true });
  await t.rejects(waiting, { name: 'MqError', mqrc: MQC.MQRC_GET_INHIBITED });
});
