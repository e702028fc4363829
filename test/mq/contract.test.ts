import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import t, { type Test } from 'tap';
import { type MqClient, MqConnectOptions, type MqConnection, SCENARIO_PROPERTY, SESSION_PROPERTY } from '../../src/transports/mq/client.js';
import { encode } from '../../src/transports/mq/code-pages.js';
import { MQC, MQFMT_NONE, MQFMT_STRING } from '../../src/transports/mq/constants.js';
import { FakeQueueManager } from '../../src/transports/mq/fake-queue-manager.js';
import { IbmMqClient } from '../../src/transports/mq/ibmmq-client.js';

/**
 * One contract, two queue managers: what ace-mock's listener relies on from IBM MQ, run against
 * the in-memory fake always and against a real queue manager (docker/docker-compose.yml) with
 * MQ_INTEGRATION=1. The queues are the developer container's DEV.QUEUE.n plus ace-mock's own,
 * defined in docker/mqsc/ace-mock.mqsc; the fake is set up the same way.
 */

const Q1 = 'DEV.QUEUE.1';
const Q2 = 'DEV.QUEUE.2';
const REQUEST = 'ACE.REQUEST';
const DEAD_LETTER = 'DEV.DEAD.LETTER.QUEUE';
/** The test queues of docker/mqsc/ace-mock.mqsc. */
const SMALL = 'ACE.TEST.SMALL';
const GET_OFF = 'ACE.TEST.GETOFF';
const PUT_OFF = 'ACE.TEST.PUTOFF';
const REPORTS = 'ACE.TEST.REPORTS';
const CONTEXT = 'ACE.TEST.CONTEXT';

interface Subject {
  readonly client: MqClient;
  readonly options: MqConnectOptions;
}

function fakeSubject(): Subject {
  const qm = new FakeQueueManager({
    name: 'QM1',
    deadLetterQueue: DEAD_LETTER,
    queues: {
      [Q1]: {},
      [Q2]: {},
      'ACE.BACKOUT': {},
      [REQUEST]: { backoutThreshold: 3, backoutQueue: 'ACE.BACKOUT', persistentByDefault: true, hardenBackout: true },
      [SMALL]: { maxMessageLength: 100 },
      [GET_OFF]: { getInhibited: true },
      [PUT_OFF]: { putInhibited: true },
      [REPORTS]: {},
      [CONTEXT]: {},
    },
  });
  return { client: qm, options: { queueManager: 'QM1', host: 'fake', port: 1414, channel: 'DEV.APP.SVRCONN' } };
}

function ibmMqSubject(): Subject {
  const env = process.env;
  const options = MqConnectOptions.parse({
    queueManager: env.MQ_QMGR ?? 'QM1',
    host: env.MQ_HOST ?? '127.0.0.1',
    port: Number(env.MQ_PORT ?? 1414),
    channel: env.MQ_CHANNEL ?? 'DEV.APP.SVRCONN',
    user: env.MQ_USER ?? 'app',
    password: env.MQ_PASSWORD,
  });
  return { client: new IbmMqClient(), options };
}

/** A connected test bench: every connection is closed after the test, and the test queues start empty. */
async function bench(t: Test, subject: Subject) {
  const { client, options } = subject;
  const opened: MqConnection[] = [];
  const connect = async (): Promise<MqConnection> => {
    const c = await client.connect(options);
    opened.push(c);
    return c;
  };
  t.teardown(async () => {
    // Some were disconnected or broken by the test itself; their second disconnect fails and that is fine.
    for (const c of opened) await client.disconnect(c).catch(() => undefined);
  });
  const janitor = await connect();
  for (const name of [Q1, Q2, SMALL, REPORTS, CONTEXT]) {
    const q = await client.open(janitor, name, 'input');
    while (await client.get(q, { syncpoint: false, waitMs: 0 }));
    await client.close(q);
  }
  /** A filer's put outside syncpoint. */
  const send = async (queue: string, text: string) =>
    client.put1(janitor, { queue }, { Format: MQFMT_STRING, CodedCharSetId: 1208 }, Buffer.from(text), { syncpoint: false });
  return { client, connect, send, queueManager: options.queueManager, user: options.user ?? 'app' };
}

function contract(t: Test, subject: () => Subject): void {
  t.test('a put and a get round-trip the body and the descriptor', async (t) => {
    const { client, connect, queueManager } = await bench(t, subject());
    const c = await connect();
    const correlId = randomBytes(24);
    const body = Buffer.from('A2704B76PASSWD112526     AE\nZ2704B76 é\n', 'utf8');
    const put = await client.put1(
      c,
      { queue: Q1 },
      {
        CorrelId: correlId,
        MsgType: MQC.MQMT_REQUEST,
        Report: MQC.MQRO_PASS_CORREL_ID | MQC.MQRO_PASS_MSG_ID,
        ReplyToQ: Q2,
        Format: MQFMT_STRING,
        CodedCharSetId: 1208,
        Persistence: MQC.MQPER_PERSISTENT,
        Priority: 4,
      },
      body,
      { syncpoint: false },
    );
    const q = await client.open(c, Q1, 'input');
    const got = await client.get(q, { syncpoint: false, waitMs: 1000 });
    if (!got) return t.fail('no message');
    t.same(got.body, body, 'body bytes unchanged');
    t.same(got.md.MsgId, put.MsgId, 'the MsgId the put reported');
    t.same(got.md.CorrelId, correlId);
    t.equal(got.md.MsgType, MQC.MQMT_REQUEST);
    t.equal(got.md.Report, MQC.MQRO_PASS_CORREL_ID | MQC.MQRO_PASS_MSG_ID);
    t.equal(got.md.ReplyToQ, Q2);
    t.equal(got.md.ReplyToQMgr, queueManager, 'a blank ReplyToQMgr is filled with the local queue manager');
    t.equal(got.md.Format, MQFMT_STRING);
    t.equal(got.md.CodedCharSetId, 1208);
    t.equal(got.md.Encoding, MQC.MQENC_NATIVE);
    t.equal(got.md.Persistence, MQC.MQPER_PERSISTENT);
    t.equal(got.md.Priority, 4);
    t.equal(got.md.Expiry, MQC.MQEI_UNLIMITED);
    t.equal(got.md.BackoutCount, 0);
    t.ok(got.md.PutDateTime instanceof Date && !Number.isNaN(got.md.PutDateTime.getTime()), 'put date and time stamped');
  });

  t.test('the queue manager gives each message a unique 24-byte MsgId and no CorrelId', async (t) => {
    const { client, connect, send } = await bench(t, subject());
    const put = [await send(Q1, 'one'), await send(Q1, 'two'), await send(Q1, 'three')];
    const q = await client.open(await connect(), Q1, 'input');
    const got = [];
    for (let m = await client.get(q, { syncpoint: false, waitMs: 0 }); m; m = await client.get(q, { syncpoint: false, waitMs: 0 })) got.push(m);
    t.same(
      got.map((m) => m.body.toString()),
      ['one', 'two', 'three'],
      'first in, first out',
    );
    t.same(
      got.map((m) => m.md.MsgId),
      put.map((md) => md.MsgId),
    );
    for (const m of got) {
      t.equal(m.md.MsgId.length, 24);
      t.ok(m.md.MsgId.some((b) => b !== 0), 'not MQMI_NONE');
      t.same(m.md.CorrelId, Buffer.alloc(24), 'MQCI_NONE');
    }
    t.equal(new Set(got.map((m) => m.md.MsgId.toString('hex'))).size, 3, 'all different');
  });

  t.test('a put under syncpoint is invisible to others until committed', async (t) => {
    const { client, connect } = await bench(t, subject());
    const putter = await connect();
    const getter = await client.open(await connect(), Q1, 'input');
    await client.put1(putter, { queue: Q1 }, {}, Buffer.from('pending'), { syncpoint: true });
    t.equal(await client.get(getter, { syncpoint: false, waitMs: 100 }), null, 'not before commit');
    await client.commit(putter);
    t.equal((await client.get(getter, { syncpoint: false, waitMs: 1000 }))?.body.toString(), 'pending', 'after commit');
  });

  t.test('backout returns a gotten message with BackoutCount 1; commit removes it', async (t) => {
    const { client, connect, send } = await bench(t, subject());
    const sent = await send(Q1, 'poison?');
    const a = await connect();
    const qa = await client.open(a, Q1, 'input');
    const qb = await client.open(await connect(), Q1, 'input');
    const first = await client.get(qa, { syncpoint: true, waitMs: 1000 });
    t.equal(first?.md.BackoutCount, 0);
    t.equal(await client.get(qb, { syncpoint: false, waitMs: 0 }), null, 'hidden from others while in the unit of work');
    await client.backout(a);
    const again = await client.get(qb, { syncpoint: true, waitMs: 1000 });
    t.same(again?.md.MsgId, sent.MsgId, 'the same message');
    t.equal(again?.md.BackoutCount, 1);
    await client.commit(qb.connection);
    t.equal(await client.get(qa, { syncpoint: false, waitMs: 100 }), null, 'gone once committed');
  });

  t.test('a normal disconnect commits the unit of work', async (t) => {
    const { client, connect, send } = await bench(t, subject());
    await send(Q1, 'request');
    const worker = await connect();
    const q = await client.open(worker, Q1, 'input');
    t.ok(await client.get(q, { syncpoint: true, waitMs: 1000 }));
    await client.put1(worker, { queue: Q2 }, {}, Buffer.from('reply'), { syncpoint: true });
    await client.disconnect(worker);
    const other = await connect();
    t.equal(await client.get(await client.open(other, Q1, 'input'), { syncpoint: false, waitMs: 100 }), null, 'the get was committed');
    t.equal((await client.get(await client.open(other, Q2, 'input'), { syncpoint: false, waitMs: 1000 }))?.body.toString(), 'reply', 'the put was committed');
  });

  t.test('a get on an empty queue waits waitMs, then answers null (2033)', async (t) => {
    const { client, connect } = await bench(t, subject());
    const q = await client.open(await connect(), Q1, 'input');
    const started = Date.now();
    t.equal(await client.get(q, { syncpoint: false, waitMs: 300 }), null);
    t.ok(Date.now() - started >= 290, 'it waited');
  });

  t.test('a waiting get takes a message that arrives during the wait', async (t) => {
    const { client, connect, send } = await bench(t, subject());
    const q = await client.open(await connect(), Q1, 'input');
    const waiting = client.get(q, { syncpoint: false, waitMs: 10_000 });
    await sleep(100);
    await send(Q1, 'late');
    t.equal((await waiting)?.body.toString(), 'late');
  });

  t.test('an expired message is discarded; one within its expiry reports the time it has left', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    await client.put1(c, { queue: Q1 }, { Expiry: 1 }, Buffer.from('stale'), { syncpoint: false });
    await client.put1(c, { queue: Q1 }, { Expiry: 600 }, Buffer.from('fresh'), { syncpoint: false });
    await sleep(400);
    const q = await client.open(c, Q1, 'input');
    const got = await client.get(q, { syncpoint: false, waitMs: 0 });
    t.equal(got?.body.toString(), 'fresh', 'the expired one is skipped');
    t.ok(got && got.md.Expiry > 0 && got.md.Expiry <= 600, `remaining expiry ${got?.md.Expiry} in (0, 600]`);
    t.equal(await client.get(q, { syncpoint: false, waitMs: 0 }), null, 'nothing else');
  });

  t.test('an unknown queue is MQRC_UNKNOWN_OBJECT_NAME (2085)', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    await t.rejects(client.open(c, 'NO.SUCH.QUEUE', 'input'), { name: 'MqError', mqrc: MQC.MQRC_UNKNOWN_OBJECT_NAME, verb: 'open' });
    await t.rejects(client.put1(c, { queue: 'NO.SUCH.QUEUE' }, {}, Buffer.from('x'), { syncpoint: false }), {
      name: 'MqError',
      mqrc: MQC.MQRC_UNKNOWN_OBJECT_NAME,
      verb: 'put1',
    });
  });

  t.test('a get matching a CorrelId takes that message and leaves the others in order', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    const ids = [randomBytes(24), randomBytes(24), randomBytes(24)];
    for (const [i, id] of ids.entries()) await client.put1(c, { queue: Q1 }, { CorrelId: id }, Buffer.from(`reply ${i + 1}`), { syncpoint: false });
    const q = await client.open(c, Q1, 'input');
    const matched = await client.get(q, { syncpoint: false, waitMs: 1000, match: { correlId: ids[1]! } });
    t.equal(matched?.body.toString(), 'reply 2');
    t.same(matched?.md.CorrelId, ids[1]);
    t.equal((await client.get(q, { syncpoint: false, waitMs: 0 }))?.body.toString(), 'reply 1', 'the others stay');
    t.equal((await client.get(q, { syncpoint: false, waitMs: 0 }))?.body.toString(), 'reply 3', 'in their order');
  });

  t.test('a get matching a MsgId takes that message', async (t) => {
    const { client, connect, send } = await bench(t, subject());
    await send(Q1, 'first');
    const second = await send(Q1, 'second');
    const q = await client.open(await connect(), Q1, 'input');
    t.equal((await client.get(q, { syncpoint: false, waitMs: 1000, match: { msgId: second.MsgId } }))?.body.toString(), 'second');
    t.equal((await client.get(q, { syncpoint: false, waitMs: 0 }))?.body.toString(), 'first', 'the other stays');
  });

  t.test('a get matching a CorrelId no message has waits waitMs, then answers null', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    await client.put1(c, { queue: Q1 }, { CorrelId: randomBytes(24) }, Buffer.from("another requester's reply"), { syncpoint: false });
    const q = await client.open(c, Q1, 'input');
    const started = Date.now();
    t.equal(await client.get(q, { syncpoint: false, waitMs: 300, match: { correlId: randomBytes(24) } }), null);
    t.ok(Date.now() - started >= 290, 'it waited');
    t.ok(await client.get(q, { syncpoint: false, waitMs: 0 }), 'the unmatched message is still there');
  });

  t.test('message properties put with a message come back with it', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    const properties = { [SCENARIO_PROPERTY]: 'importer-unknown', [SESSION_PROPERTY]: 'B76 test session' };
    await client.put1(c, { queue: Q1 }, { Format: MQFMT_STRING }, Buffer.from('with properties'), { syncpoint: false, properties });
    await client.put1(c, { queue: Q1 }, { Format: MQFMT_STRING }, Buffer.from('without'), { syncpoint: false });
    const q = await client.open(c, Q1, 'input');
    const got = await client.get(q, { syncpoint: false, waitMs: 1000 });
    t.same(got?.properties, properties);
    t.equal(got?.body.toString(), 'with properties', 'the body carries no property header');
    t.same((await client.get(q, { syncpoint: false, waitMs: 1000 }))?.properties, {}, 'none on a message put without');
  });

  t.test('a property name MQ does not allow (a hyphen) fails the put with MQRC_PROPERTY_NAME_ERROR (2442)', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    await t.rejects(client.put1(c, { queue: Q1 }, {}, Buffer.from('x'), { syncpoint: false, properties: { 'X-ACE-Scenario': 'reject-101' } }), {
      name: 'MqError',
      mqrc: MQC.MQRC_PROPERTY_NAME_ERROR,
      verb: 'put1',
    });
    t.equal(await client.get(await client.open(c, Q1, 'input'), { syncpoint: false, waitMs: 100 }), null, 'nothing was put');
  });

  t.test('inquire reads BOTHRESH and BOQNAME of a queue and DEADQ of the queue manager', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    const request = await client.open(c, REQUEST, 'input');
    t.same(await client.inquire(request, ['BOTHRESH', 'BOQNAME']), [3, 'ACE.BACKOUT']);
    t.same(await client.inquire(request, [MQC.MQIA_BACKOUT_THRESHOLD, MQC.MQCA_Q_NAME]), [3, REQUEST], 'by MQ selector too');
    t.same(await client.inquire(c, ['DEADQ']), [DEAD_LETTER]);
  });
  t.test('inquire reads HARDENBO and MAXMSGL of a queue and MAXUMSGS of the queue manager', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    t.same(await client.inquire(await client.open(c, REQUEST, 'inquire'), ['HARDENBO', 'MAXMSGL']), [MQC.MQQA_BACKOUT_HARDENED, 4 * 1024 * 1024]);
    t.same(await client.inquire(await client.open(c, SMALL, 'inquire'), ['HARDENBO', 'MAXMSGL']), [MQC.MQQA_BACKOUT_NOT_HARDENED, 100]);
    t.same(await client.inquire(c, ['MAXUMSGS']), [10_000], "the queue manager's default");
  });

  t.test('a message longer than the queue MAXMSGL is refused with MQRC_MSG_TOO_BIG_FOR_Q (2030)', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    await client.put1(c, { queue: SMALL }, {}, Buffer.alloc(100, 'x'), { syncpoint: false });
    await t.rejects(client.put1(c, { queue: SMALL }, {}, Buffer.alloc(101, 'x'), { syncpoint: false }), { name: 'MqError', mqrc: MQC.MQRC_MSG_TOO_BIG_FOR_Q, verb: 'put1' });
    const out = await client.open(c, SMALL, 'output');
    await t.rejects(client.put(out, {}, Buffer.alloc(101, 'x'), { syncpoint: true }), { name: 'MqError', mqrc: MQC.MQRC_MSG_TOO_BIG_FOR_Q, verb: 'put' });
    const q = await client.open(c, SMALL, 'input');
    t.equal((await client.get(q, { syncpoint: false, waitMs: 1000 }))?.body.length, 100);
    t.equal(await client.get(q, { syncpoint: false, waitMs: 0 }), null, 'only the one that fitted');
  });

  t.test('GET(DISABLED) fails gets with 2016 and PUT(DISABLED) puts with 2051; opening still works', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    const getOff = await client.open(c, GET_OFF, 'input');
    await t.rejects(client.get(getOff, { syncpoint: true, waitMs: 0 }), { name: 'MqError', mqrc: MQC.MQRC_GET_INHIBITED, verb: 'get' });
    await t.rejects(client.put1(c, { queue: PUT_OFF }, {}, Buffer.from('x'), { syncpoint: false }), { name: 'MqError', mqrc: MQC.MQRC_PUT_INHIBITED, verb: 'put1' });
    const putOff = await client.open(c, PUT_OFF, 'output');
    await t.rejects(client.put(putOff, {}, Buffer.from('x'), { syncpoint: false }), { name: 'MqError', mqrc: MQC.MQRC_PUT_INHIBITED, verb: 'put' });
  });

  for (const ccsid of [500, 37]) {
    t.test(`string data in EBCDIC (CCSID ${ccsid}) arrives converted to UTF-8`, async (t) => {
      const { client, connect } = await bench(t, subject());
      const c = await connect();
      const text = 'A2704B76 [ACE] ! | ^ 0123 abc';
      await client.put1(c, { queue: Q1 }, { Format: MQFMT_STRING, CodedCharSetId: ccsid }, encode(ccsid, text), { syncpoint: false });
      const got = await client.get(await client.open(c, Q1, 'input'), { syncpoint: false, waitMs: 1000 });
      t.equal(got?.body.toString('utf8'), text);
      t.equal(got?.md.CodedCharSetId, 1208);
      t.equal(got?.warning, undefined);
    });
  }

  t.test('string data in a CCSID MQ cannot convert arrives unconverted, taken, with MQRC_SOURCE_CCSID_ERROR (2111)', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    // 4242: no IBM code page has this CCSID as far as the docs show; MQ then cannot convert from it.
    const body = Buffer.from([0xc1, 0xc3, 0xc5]);
    await client.put1(c, { queue: Q1 }, { Format: MQFMT_STRING, CodedCharSetId: 4242 }, body, { syncpoint: false });
    const q = await client.open(c, Q1, 'input');
    const got = await client.get(q, { syncpoint: true, waitMs: 1000 });
    t.equal(got?.warning, MQC.MQRC_SOURCE_CCSID_ERROR);
    t.same(got?.body, body, 'the bytes as put');
    t.equal(got?.md.CodedCharSetId, 4242, 'with their own CCSID');
    await client.backout(c);
    t.equal((await client.get(q, { syncpoint: false, waitMs: 1000 }))?.md.BackoutCount, 1, 'it was in the unit of work like any get');
  });

  t.test('confirm on arrival: a report to the ReplyToQ once the put is committed, CorrelId = the MsgId', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    const put = await client.put1(c, { queue: Q1 }, { Report: MQC.MQRO_COA, ReplyToQ: REPORTS, Persistence: MQC.MQPER_NOT_PERSISTENT }, Buffer.from('arriving'), { syncpoint: true });
    const reports = await client.open(c, REPORTS, 'input');
    t.equal(await client.get(reports, { syncpoint: false, waitMs: 100 }), null, 'none before commit');
    await client.commit(c);
    const report = await client.get(reports, { syncpoint: false, waitMs: 1000 });
    t.equal(report?.md.MsgType, MQC.MQMT_REPORT);
    t.equal(report?.md.Feedback, MQC.MQFB_COA);
    t.same(report?.md.CorrelId, put.MsgId);
    t.notSame(report?.md.MsgId, put.MsgId, 'a new MsgId');
    t.equal(report?.body.length, 0, 'no data');
    t.equal(report?.md.Format, MQFMT_NONE);
    t.equal(report?.md.Persistence, MQC.MQPER_NOT_PERSISTENT, "the original's persistence");
    t.equal(await client.get(reports, { syncpoint: false, waitMs: 0 }), null, 'one report');
  });

  t.test('confirm on delivery: a report when the get commits, none for a get backed out', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    const correlId = randomBytes(24);
    const put = await client.put1(
      c,
      { queue: Q1 },
      { Report: MQC.MQRO_COD | MQC.MQRO_PASS_CORREL_ID | MQC.MQRO_PASS_MSG_ID, ReplyToQ: REPORTS, CorrelId: correlId },
      Buffer.from('delivered'),
      { syncpoint: false },
    );
    const q = await client.open(c, Q1, 'input');
    const reports = await client.open(c, REPORTS, 'input');
    t.ok(await client.get(q, { syncpoint: true, waitMs: 1000 }));
    await client.backout(c);
    t.equal(await client.get(reports, { syncpoint: false, waitMs: 100 }), null, 'backed out: no report');
    t.ok(await client.get(q, { syncpoint: true, waitMs: 1000 }));
    await client.commit(c);
    const report = await client.get(reports, { syncpoint: false, waitMs: 1000 });
    t.equal(report?.md.Feedback, MQC.MQFB_COD);
    t.same(report?.md.CorrelId, correlId, 'MQRO_PASS_CORREL_ID');
    t.same(report?.md.MsgId, put.MsgId, 'MQRO_PASS_MSG_ID');
    t.equal(await client.get(reports, { syncpoint: false, waitMs: 0 }), null, 'one report');
  });

  t.test('reports with data carry the first 100 bytes, or all of them', async (t) => {
    const { client, connect } = await bench(t, subject());
    const c = await connect();
    const body = Buffer.from('0123456789'.repeat(15));
    const md = { ReplyToQ: REPORTS, Format: MQFMT_STRING, CodedCharSetId: 1208 };
    await client.put1(c, { queue: Q1 }, { ...md, Report: MQC.MQRO_COA_WITH_DATA }, body, { syncpoint: false });
    await client.put1(c, { queue: Q1 }, { ...md, Report: MQC.MQRO_COA_WITH_FULL_DATA }, body, { syncpoint: false });
    const reports = await client.open(c, REPORTS, 'input');
    t.same((await client.get(reports, { syncpoint: false, waitMs: 1000 }))?.body, body.subarray(0, 100));
    const full = await client.get(reports, { syncpoint: false, waitMs: 1000 });
    t.same(full?.body, body);
    t.equal(full?.md.Format, MQFMT_STRING);
  });

  t.test('a put carries the context of the connection; MQPMO_PASS_ALL_CONTEXT carries that of the message gotten', async (t) => {
    const { client, connect, send, user } = await bench(t, subject());
    const original = await send(Q1, 'request');
    t.equal(original.UserIdentifier, user);
    t.equal(original.PutApplType, MQC.MQAT_UNIX);
    await sleep(50);
    const c = await connect();
    const input = await client.open(c, Q1, 'input');
    await t.rejects(client.put1(c, { queue: CONTEXT }, {}, Buffer.from('x'), { syncpoint: false, passContextFrom: input }), {
      name: 'MqError',
      mqrc: MQC.MQRC_CONTEXT_NOT_AVAILABLE,
    });
    const request = await client.get(input, { syncpoint: true, waitMs: 1000 });
    t.equal(request?.md.UserIdentifier, user);
    await client.put1(c, { queue: CONTEXT }, {}, Buffer.from('moved'), { syncpoint: true, passContextFrom: input });
    await client.put1(c, { queue: CONTEXT }, {}, Buffer.from('own'), { syncpoint: true });
    await client.commit(c);
    const out = await client.open(c, CONTEXT, 'input');
    const moved = await client.get(out, { syncpoint: false, waitMs: 1000 });
    const own = await client.get(out, { syncpoint: false, waitMs: 1000 });
    t.same(moved?.md.PutDateTime, request?.md.PutDateTime, 'the original put time');
    t.equal(moved?.md.PutApplName, request?.md.PutApplName);
    t.notSame(own?.md.PutDateTime, request?.md.PutDateTime, 'a put of its own is stamped anew');
    const output = await client.open(c, Q2, 'output');
    await t.rejects(client.put1(c, { queue: CONTEXT }, {}, Buffer.from('x'), { syncpoint: false, passContextFrom: output }), {
      name: 'MqError',
      mqrc: MQC.MQRC_CONTEXT_HANDLE_ERROR,
    });
  });
}

t.test('contract: FakeQueueManager', async (t) => contract(t, fakeSubject));

t.test(
  'contract: IbmMqClient against IBM MQ',
  { skip: process.env.MQ_INTEGRATION === '1' ? false : 'set MQ_INTEGRATION=1 with a queue manager from docker/docker-compose.yml to run against IBM MQ' },
  async (t) => contract(t, ibmMqSubject),
);
