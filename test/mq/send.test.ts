import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { outcomeOfReply } from '../../src/commands/reply-outcome.js';
import { MqSendOptions, send, type SendOptions } from '../../src/commands/send.js';
import {
  type MqConnection,
  type MqConnectOptions,
  type MqMessage,
  type Mqmd,
  type MqmdInput,
  type PutOptions,
  type QueueAddress,
  SCENARIO_PROPERTY,
  SESSION_PROPERTY,
} from '../../src/transports/mq/client.js';
import { MQC, MQFMT_STRING } from '../../src/transports/mq/constants.js';
import { FakeQueueManager } from '../../src/transports/mq/fake-queue-manager.js';
import { testMock } from '../helpers/mock.js';

/**
 * `ace-mock send` as a filer's software uses it: over MQ against the in-memory queue manager, with
 * a stand-in for ace-mock's listener that answers through ace-mock's own pipeline; over HTTP
 * against a real ace-mock listening on a port.
 */

const samples = fileURLToPath(new URL('../../scenarios/samples/', import.meta.url));
const sample = (name: string) => join(samples, name);
const MQ = { queueManager: 'QM1', host: 'fake', port: 1414, channel: 'DEV.APP.SVRCONN' };

/** What `send` wrote, by stream. */
function capture() {
  const written = { out: '', err: '' };
  return {
    written,
    writers: { out: (text: string) => void (written.out += text), err: (text: string) => void (written.err += text) },
  };
}

/** The queue manager as docker/mqsc/ace-mock.mqsc sets up IBM MQ, noting what the sender asked of it. */
class RecordingQueueManager extends FakeQueueManager {
  readonly connects: MqConnectOptions[] = [];
  readonly puts: { target: QueueAddress; md: MqmdInput; options: PutOptions }[] = [];

  constructor() {
    super({ queues: { 'ACE.REQUEST': {}, 'ACE.REPLY': {}, 'DEV.DEAD.LETTER.QUEUE': {} } });
  }

  override connect(options: MqConnectOptions): Promise<MqConnection> {
    this.connects.push(options);
    return super.connect(options);
  }

  override put1(connection: MqConnection, target: QueueAddress, md: MqmdInput, body: Buffer, options: PutOptions): Promise<Mqmd> {
    this.puts.push({ target, md, options });
    return super.put1(connection, target, md, body, options);
  }
}

/**
 * A stand-in for ace-mock's MQ listener: takes each request off ACE.REQUEST, answers it with
 * ace-mock's pipeline and put1s the records back to back to its ReplyToQ, CorrelId = the request's
 * MsgId (the default report options). Returns the requests it took.
 */
function responder(t: Test, qm: FakeQueueManager): MqMessage[] {
  const mock = testMock();
  const requests: MqMessage[] = [];
  let running = true;
  const loop = (async () => {
    const c = await qm.connect(MQ);
    const q = await qm.open(c, 'ACE.REQUEST', 'input');
    while (running) {
      const request = await qm.get(q, { syncpoint: false, waitMs: 20 });
      if (!request) continue;
      requests.push(request);
      const exchange = await mock.pipeline.process({
        bytes: request.body,
        transport: 'mq',
        scenario: request.properties?.[SCENARIO_PROPERTY],
        session: request.properties?.[SESSION_PROPERTY],
      });
      const md = { MsgType: MQC.MQMT_REPLY, Format: MQFMT_STRING, CodedCharSetId: 1208, CorrelId: request.md.MsgId };
      await qm.put1(c, { queue: request.md.ReplyToQ }, md, Buffer.from(exchange.output.join(''), 'latin1'), { syncpoint: false });
    }
    await qm.disconnect(c);
  })();
  t.teardown(async () => {
    running = false;
    await loop;
    await mock.close();
  });
  return requests;
}

async function sendMq(qm: FakeQueueManager, file: string, options: Partial<SendOptions> = {}) {
  const { written, writers } = capture();
  const status = await send(sample(file), { mq: MQ, mqClient: qm, timeoutMs: 30_000, json: false, ...writers, ...options });
  return { status, ...written, lines: written.out.split('\n').filter((l) => l !== '') };
}

t.test('over MQ', async (t) => {
  t.test('an accepted transmission: status 0, the reply printed as 80-character records', async (t) => {
    const qm = new RecordingQueueManager();
    const requests = responder(t, qm);
    const { status, lines, err } = await sendMq(qm, 'ae-add-1-line.txt');
    t.equal(status, 0);
    t.ok(lines.length > 1, 'several records');
    t.ok(lines.every((l) => l.length === 80), 'each exactly 80 characters');
    t.match(lines.join('\n'), /^E1A 995   SUMMARY HAS BEEN ADDED/m);
    t.match(err, 'outcome: accepted');
    const body = readFileSync(sample('ae-add-1-line.txt'), 'latin1').replace(/\n/g, '');
    t.equal(requests[0]?.body.toString('latin1'), body, 'the records back to back, line ends removed');
    t.equal(qm.queue('ACE.REPLY').depth, 0, 'the reply was taken');
  });

  t.test('the request: a REQUEST, MQSTR in CCSID 819, ReplyToQ the reply queue, outside syncpoint', async (t) => {
    const qm = new RecordingQueueManager();
    responder(t, qm);
    await sendMq(qm, 'ae-add-1-line.txt');
    const request = qm.puts.find((p) => p.target.queue === 'ACE.REQUEST');
    t.match(request?.md, { MsgType: MQC.MQMT_REQUEST, Format: MQFMT_STRING, CodedCharSetId: 819, ReplyToQ: 'ACE.REPLY' });
    t.equal(request?.options.syncpoint, false);
    t.same(request?.options.properties, {}, 'no properties when neither scenario nor session is given');
  });

  t.test('scenario and session travel as message properties', async (t) => {
    const qm = new RecordingQueueManager();
    const requests = responder(t, qm);
    const { status, lines } = await sendMq(qm, 'ae-add-1-line.txt', { scenario: 'importer-unknown', session: 'mq-session' });
    t.same(requests[0]?.properties, { [SCENARIO_PROPERTY]: 'importer-unknown', [SESSION_PROPERTY]: 'mq-session' });
    t.equal(status, 1, 'the scenario rejected it');
    t.ok(lines.some((l) => l.startsWith('E1 F101')), 'IMPORTER UNKNOWN');
  });

  t.test('a rejected transaction: status 1', async (t) => {
    const qm = new RecordingQueueManager();
    responder(t, qm);
    const { status, lines, err } = await sendMq(qm, 'ae-bad-check-digit.txt');
    t.equal(status, 1);
    t.ok(lines.some((l) => l.startsWith('E1RF998')));
    t.match(err, 'outcome: rejected');
  });

  t.test('a rejected batch: status 1', async (t) => {
    const qm = new RecordingQueueManager();
    responder(t, qm);
    const { status, lines, err } = await sendMq(qm, 'batch-missing-z.txt');
    t.equal(status, 1);
    t.ok(lines.some((l) => l.startsWith('X1RF999')));
    t.match(err, 'outcome: batch-rejected');
  });

  t.test('with json: the outcome, the request MsgId and the records', async (t) => {
    const qm = new RecordingQueueManager();
    responder(t, qm);
    const { status, out } = await sendMq(qm, 'ae-add-1-line.txt', { json: true });
    t.equal(status, 0);
    const printed = JSON.parse(out) as { outcome: string; msgId: string; records: string[] };
    t.equal(printed.outcome, 'accepted');
    t.match(printed.msgId, /^[0-9a-f]{48}$/);
    t.ok(printed.records.some((r) => r.startsWith('E1A 995')));
  });

  t.test("another request's reply on the reply queue is left there", async (t) => {
    const qm = new RecordingQueueManager();
    qm.put('ACE.REPLY', { CorrelId: randomBytes(24), Format: MQFMT_STRING }, Buffer.from('not yours'));
    responder(t, qm);
    const { status } = await sendMq(qm, 'ae-add-1-line.txt');
    t.equal(status, 0, 'its own reply was found');
    t.equal(qm.browse('ACE.REPLY')[0]?.body.toString(), 'not yours', 'the other reply stays');
  });

  t.test('no reply within the timeout: status 2, saying what to check', async (t) => {
    const qm = new RecordingQueueManager();
    const { status, err } = await sendMq(qm, 'ae-add-1-line.txt', { timeoutMs: 200 });
    t.equal(status, 2);
    t.match(err, /no reply on ACE\.REPLY within 200 ms/);
    t.match(err, /MQ listener on \(ACE_MOCK_MQ_ENABLED=1\) against queue manager QM1/);
    t.equal(qm.queue('ACE.REQUEST').depth, 1, 'the request was put');
  });

  t.test('an unreachable queue manager: status 2 with the reason code', async (t) => {
    const qm = new RecordingQueueManager();
    qm.failNext('connect', MQC.MQRC_HOST_NOT_AVAILABLE);
    const { status, err, out } = await sendMq(qm, 'ae-add-1-line.txt');
    t.equal(status, 2);
    t.match(err, /MQRC_HOST_NOT_AVAILABLE \[2538\]/);
    t.equal(out, '');
  });

  t.test('a missing reply queue fails before any request is put', async (t) => {
    const qm = new RecordingQueueManager();
    const { status, err } = await sendMq(qm, 'ae-add-1-line.txt', { mq: { ...MQ, replyQueue: 'NO.SUCH.QUEUE' } });
    t.equal(status, 2);
    t.match(err, /MQRC_UNKNOWN_OBJECT_NAME/);
    t.equal(qm.queue('ACE.REQUEST').depth, 0);
  });

  t.test('the user and the password read from its file, without the line end', async (t) => {
    const qm = new RecordingQueueManager();
    const dir = t.testdir({ 'mq-password': 'passw0rd\n' });
    await sendMq(qm, 'ae-add-1-line.txt', { mq: { ...MQ, user: 'app', passwordFile: join(dir, 'mq-password') }, timeoutMs: 0 });
    t.equal(qm.connects.length, 1, 'only the sender connected');
    t.match(qm.connects[0], { user: 'app', password: 'passw0rd' });
  });
});

t.test('MQ options default to ace-mock queues on the developer queue manager', async (t) => {
  t.same(MqSendOptions.parse({}), {
    queueManager: 'QM1',
    host: '127.0.0.1',
    port: 1414,
    channel: 'DEV.APP.SVRCONN',
    requestQueue: 'ACE.REQUEST',
    replyQueue: 'ACE.REPLY',
  });
  t.throws(() => MqSendOptions.parse({ port: 0 }), 'a port is 1-65535');
});

t.test('exactly one way to send', async (t) => {
  const { written, writers } = capture();
  t.equal(await send(sample('ae-add-1-line.txt'), { timeoutMs: 1000, json: false, ...writers }), 2);
  t.equal(await send(sample('ae-add-1-line.txt'), { http: 'http://127.0.0.1:1', mq: MQ, timeoutMs: 1000, json: false, ...writers }), 2);
  t.match(written.err, 'give exactly one way to send');
});

t.test('the outcome read from the answer records', async (t) => {
  const pad = (r: string) => r.padEnd(80);
  const transaction = (final: string) => [pad('E0 SUMMRY 000001'), pad('E1 FB16   A CONDITION'), pad(final)];
  t.equal(outcomeOfReply([pad('A'), ...transaction('E1A 995'), ...transaction('E1A 995'), pad('Z')]), 'accepted');
  t.equal(outcomeOfReply([...transaction('E1A 995'), ...transaction('E1RF998')]), 'partial');
  t.equal(outcomeOfReply(transaction('E1RF998')), 'rejected');
  t.equal(outcomeOfReply([...transaction('E1A 995'), pad('E0 SUMMRY 000002')]), 'partial', 'a transaction without its final disposition is not accepted');
  t.equal(outcomeOfReply([pad('A'), pad('Z')]), 'rejected', 'nothing settled, nothing accepted');
  t.equal(outcomeOfReply([...transaction('E1A 995'), pad('X1RF999   BATCH REJECTED')]), 'batch-rejected');
});

t.test('over HTTP', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await mock.http.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(mock.http.server.address() as AddressInfo).port}`;
  const sendHttp = async (file: string, options: Partial<SendOptions> = {}) => {
    const { written, writers } = capture();
    const status = await send(file, { http: base, timeoutMs: 30_000, json: false, ...writers, ...options });
    return { status, ...written };
  };

  t.test('an accepted transmission: status 0, the answer records printed', async (t) => {
    const { status, out, err } = await sendHttp(sample('ae-add-1-line.txt'));
    t.equal(status, 0);
    t.match(out, /^E1A 995   SUMMARY HAS BEEN ADDED/m);
    t.match(err, 'outcome: accepted');
  });

  t.test('a rejected transaction and a rejected batch: status 1', async (t) => {
    const rejected = await sendHttp(sample('ae-bad-check-digit.txt'));
    t.equal(rejected.status, 1);
    t.match(rejected.out, /^E1RF998/m);
    const batch = await sendHttp(sample('batch-missing-z.txt'));
    t.equal(batch.status, 1);
    t.match(batch.err, 'outcome: batch-rejected');
  });

  t.test('scenario and session go as X-ACE-Scenario and X-ACE-Session', async (t) => {
    const { status, out } = await sendHttp(sample('ae-add-1-line.txt'), { scenario: 'importer-unknown', session: 'http-session' });
    t.equal(status, 1);
    t.match(out, /^E1 F101/m);
    t.equal(mock.journal.find({ session: 'http-session', limit: 10 }).length, 1, 'journaled under the session');
  });

  t.test('with json: the exchange', async (t) => {
    const { status, out } = await sendHttp(sample('ae-add-1-line.txt'), { json: true, session: 'json-session' });
    t.equal(status, 0);
    t.match(JSON.parse(out), { outcome: 'accepted', session: 'json-session' });
  });

  t.test('a file that is not CATAIR is refused: status 1', async (t) => {
    const dir = t.testdir({ 'not-catair.json': '{"entry": "B76-0324527-8"}\n' });
    const { status, err } = await sendHttp(join(dir, 'not-catair.json'));
    t.equal(status, 1);
    t.match(err, /answered 400/);
  });

  t.test('nothing listening: status 2, saying where it tried', async (t) => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { written, writers } = capture();
    t.equal(await send(sample('ae-add-1-line.txt'), { http: url, timeoutMs: 30_000, json: false, ...writers }), 2);
    t.match(written.err, `POST ${url}/v1/transmissions`);
    t.match(written.err, /ECONNREFUSED/);
  });
});

/** A port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
