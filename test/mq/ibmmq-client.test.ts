import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import t from 'tap';
import { IbmMqClient, MqClientUnavailable } from '../../src/transports/mq/ibmmq-client.js';
import { MqError } from '../../src/transports/mq/client.js';
import { MQC } from '../../src/transports/mq/constants.js';
import { copyPmoContext } from '../../src/transports/mq/ibmmq-pmo-context.js';
import { type ScriptedIbmmq, scriptedIbmmq } from '../helpers/scripted-ibmmq-control.js';

const OPTIONS = { queueManager: 'QM1', host: '127.0.0.1', port: 1414, channel: 'DEV.APP.SVRCONN' };

/** Whether this machine has the MQ C client; the test below is about machines that have not. */
function mqClientLibraryLoads(): boolean {
  try {
    createRequire(import.meta.url)('ibmmq');
    return true;
  } catch {
    return false;
  }
}

t.test(
  'without libmqm_r.so, connect rejects with MqClientUnavailable, and keeps doing so',
  { skip: mqClientLibraryLoads() ? 'the MQ C client library is installed here' : false },
  async (t) => {
    const client = new IbmMqClient();
    const first = await client.connect(OPTIONS).then(
      () => undefined,
      (err: unknown) => err,
    );
    t.type(first, MqClientUnavailable);
    t.match((first as Error).message, /libmqm_r\.so/, 'names the missing library');
    const second = await new IbmMqClient().connect(OPTIONS).then(
      () => undefined,
      (err: unknown) => err,
    );
    t.equal(second, first, 'the load failure is cached: the same error, not a new attempt');
  },
);


/*
 * Through the MQ thread with a scripted ibmmq (test/helpers/scripted-ibmmq.ts): what the adapter
 * asks of ibmmq, and what it makes of ibmmq's answers.
 */

const REQUESTS = 'ACE.REQUEST';

async function connected(script: Parameters<typeof scriptedIbmmq>[0] = {}) {
  const mq = scriptedIbmmq(script);
  const client = new IbmMqClient({ binding: mq.binding });
  const connection = await client.connect(OPTIONS);
  const input = await client.open(connection, REQUESTS, 'input');
  return { mq, client, connection, input };
}

const getCalls = async (mq: ScriptedIbmmq) => (await mq.calls()).filter((c) => c.verb === 'GetSync');

t.test('a get that completes with a warning (2119, not converted) returns the message, its body and the warning', async (t) => {
  const { mq, client, connection, input } = await connected({
    messages: [{ body: 'SE  ABI', warning: MQC.MQRC_NOT_CONVERTED, md: { Format: 'MQSTR', CodedCharSetId: 37 } }],
  });
  t.teardown(() => mq.close());
  const message = await client.get(input, { syncpoint: true, waitMs: 0 });
  t.equal(message?.warning, MQC.MQRC_NOT_CONVERTED);
  t.equal(message?.body.toString(), 'SE  ABI');
  t.equal(message?.md.CodedCharSetId, 37, 'the descriptor as MQ returned it');
  await client.backout(connection);
  const again = await client.get(input, { syncpoint: true, waitMs: 0 });
  t.equal(again?.md.BackoutCount, 1, 'it was taken under syncpoint, so backout returns it');
  await client.disconnect(connection);
});

t.test('a get that finds no message (2033) is null', async (t) => {
  const { mq, client, connection, input } = await connected();
  t.teardown(() => mq.close());
  t.equal(await client.get(input, { syncpoint: true, waitMs: 0 }), null);
  await client.disconnect(connection);
});

t.test('an idle get waits with MQGMO_WAIT in a few MQGETs, not by polling', async (t) => {
  const { mq, client, connection, input } = await connected();
  t.teardown(() => mq.close());
  t.equal(await client.get(input, { syncpoint: true, waitMs: 1500 }), null);
  const gets = await getCalls(mq);
  t.ok(gets.length >= 1 && gets.length <= 3, `${gets.length} MQGETs`);
  for (const get of gets) {
    t.ok((get.options as number) & MQC.MQGMO_WAIT, 'MQGMO_WAIT');
    t.ok((get.waitInterval as number) <= 1000, 'a wait slice of at most a second, so a disconnect is not held up longer');
  }
  await client.disconnect(connection);
});

t.test('while a get waits, the main event loop is free', async (t) => {
  const { mq, client, connection, input } = await connected();
  t.teardown(() => mq.close());
  let ticks = 0;
  const ticker = setInterval(() => ticks++, 5);
  const waiting = client.get(input, { syncpoint: true, waitMs: 600 });
  await waiting;
  clearInterval(ticker);
  t.ok(ticks > 0, `the interval ticked ${ticks} times during the wait`);
  t.ok((await getCalls(mq)).some((g) => (g.waitInterval as number) > 0), 'the MQGET itself waited (on the MQ thread)');
  await client.disconnect(connection);
});

t.test('a disconnect ends a waiting get at its next MQGET, with null', async (t) => {
  const { mq, client, connection, input } = await connected();
  t.teardown(() => mq.close());
  // A second connection keeps the MQ thread (and the scripted ibmmq's call log) after the disconnect.
  const keeper = await client.connect(OPTIONS);
  const waiting = client.get(input, { syncpoint: true, waitMs: 60_000 });
  await new Promise((resolve) => setTimeout(resolve, 50));
  await client.disconnect(connection);
  t.equal(await waiting, null);
  t.ok((await getCalls(mq)).length <= 2, 'not a minute of MQGETs');
  t.ok((await mq.calls()).some((c) => c.verb === 'DiscPromise'), 'then the MQDISC');
  await client.disconnect(keeper);
});

t.test('a message longer than the buffer (2080, left on the queue) is gotten again with room for it', async (t) => {
  const big = 'x'.repeat(1024 * 1024 + 10);
  const { mq, client, connection, input } = await connected({ messages: [{ body: big }] });
  t.teardown(() => mq.close());
  const message = await client.get(input, { syncpoint: true, waitMs: 0 });
  t.equal(message?.body.length, big.length);
  t.equal(message?.warning, undefined);
  const gets = await getCalls(mq);
  t.equal(gets.length, 2);
  t.ok((gets[1]?.bufferLength as number) >= big.length, 'the second MQGET had a buffer long enough');
  await client.disconnect(connection);
});

t.test('an MQCC_FAILED completion is an MqError with the verb and reason', async (t) => {
  const { mq, client, connection, input } = await connected({ failures: { GetSync: MQC.MQRC_GET_INHIBITED, Put1Promise: MQC.MQRC_UNKNOWN_OBJECT_NAME } });
  t.teardown(() => mq.close());
  const getError = await client.get(input, { syncpoint: true, waitMs: 0 }).catch((err: unknown) => err);
  t.type(getError, MqError);
  t.match(getError, { verb: 'get', mqrc: MQC.MQRC_GET_INHIBITED, mqcc: MQC.MQCC_FAILED });
  const putError = await client.put1(connection, { queue: 'NOWHERE' }, {}, Buffer.from('x'), { syncpoint: true }).catch((err: unknown) => err);
  t.match(putError, { verb: 'put1', mqrc: MQC.MQRC_UNKNOWN_OBJECT_NAME });
  await client.disconnect(connection);
});

t.test('passContextFrom puts with MQPMO_PASS_ALL_CONTEXT and the input queue handle in pmo.Context', async (t) => {
  const { mq, client, connection, input } = await connected({ messages: [{ body: 'request' }] });
  t.teardown(() => mq.close());
  await client.get(input, { syncpoint: true, waitMs: 0 });
  await client.put1(connection, { queue: 'ACE.BACKOUT' }, { Feedback: MQC.MQFB_COA }, Buffer.from('request'), { syncpoint: true, passContextFrom: input });
  await client.put1(connection, { queue: 'ACE.REPLY' }, {}, Buffer.from('reply'), { syncpoint: true });
  const calls = await mq.calls();
  const inputHObj = calls.find((c) => c.verb === 'OpenPromise' && c.name === REQUESTS)?.hObj;
  const [passing, plain] = calls.filter((c) => c.verb === 'Put1Promise');
  t.equal(passing?.context, inputHObj, 'pmo.Context is the input queue object');
  t.ok((passing?.options as number) & MQC.MQPMO_PASS_ALL_CONTEXT, 'MQPMO_PASS_ALL_CONTEXT');
  t.match(passing?.md, { Feedback: MQC.MQFB_COA }, 'Feedback goes into the MQMD');
  t.equal(plain?.context, null);
  t.notOk((plain?.options as number) & MQC.MQPMO_PASS_ALL_CONTEXT, 'no context passed unless asked');
  await client.disconnect(connection);
});

t.test('passContextFrom a queue of another connection is MQRC_CONTEXT_HANDLE_ERROR', async (t) => {
  const { mq, client, connection } = await connected();
  const other = await connected();
  t.teardown(() => (mq.close(), other.mq.close()));
  const err = await client.put1(connection, { queue: 'Q' }, {}, Buffer.from('x'), { syncpoint: false, passContextFrom: other.input }).catch((e: unknown) => e);
  t.match(err, { verb: 'put1', mqrc: MQC.MQRC_CONTEXT_HANDLE_ERROR });
  await client.disconnect(connection);
  await other.client.disconnect(other.connection);
});

t.test('a gotten message carries its context fields, and its properties', async (t) => {
  const { mq, client, connection, input } = await connected({
    messages: [
      {
        body: 'hello',
        md: { UserIdentifier: 'broker1     ', PutApplName: 'abi-gateway ', PutApplType: 6, ApplIdentityData: 'ident', PutDate: '20261125', PutTime: '15000042' },
        properties: { XACEScenario: 'cargo-hold' },
      },
    ],
  });
  t.teardown(() => mq.close());
  const message = await client.get(input, { syncpoint: true, waitMs: 0 });
  t.match(message?.md, { UserIdentifier: 'broker1', PutApplName: 'abi-gateway', PutApplType: 6, ApplIdentityData: 'ident' });
  t.same(message?.md.PutDateTime, new Date('2026-11-25T15:00:00.420Z'));
  t.same(message?.properties, { XACEScenario: 'cargo-hold' });
  t.ok(Buffer.isBuffer(message?.md.MsgId) && Buffer.isBuffer(message?.body), 'Buffers again on this side of the thread');
  await client.disconnect(connection);
});

t.test('a crashed MQ thread breaks its connections (2009); a new connection gets a new thread', async (t) => {
  const mq = scriptedIbmmq({ crashOn: 'GetSync' });
  t.teardown(() => mq.close());
  const client = new IbmMqClient({ binding: mq.binding });
  const connection = await client.connect(OPTIONS);
  const input = await client.open(connection, REQUESTS, 'input');
  t.match(await client.get(input, { syncpoint: true, waitMs: 0 }).catch((e: unknown) => e), { verb: 'get', mqrc: MQC.MQRC_CONNECTION_BROKEN });
  t.match(await client.commit(connection).catch((e: unknown) => e), { verb: 'commit', mqrc: MQC.MQRC_CONNECTION_BROKEN });
  await client.disconnect(connection).catch(() => undefined);
  const again = await client.connect(OPTIONS);
  t.ok(again, 'connects through a fresh thread');
  await client.disconnect(again);
});

t.test('ibmmq 2.1.9 leaves MQPMO.Context out of the MQPMO it passes; the shim writes the hObj there', async (t) => {
  const pmo = createRequire(import.meta.url)('ibmmq/lib/mqpmo.js') as NonNullable<Parameters<typeof copyPmoContext>[0]>;
  const copied = (hObj: number | null) => {
    const jspmo = new pmo.MQPMO();
    jspmo.Context = hObj === null ? null : { _hObj: hObj };
    const buffer = pmo._newBuf();
    pmo._copyPMOtoBuf(jspmo, buffer);
    return endianness() === 'LE' ? buffer.readInt32LE(16) : buffer.readInt32BE(16);
  };
  t.equal(copied(42), 0, 'unpatched, Context stays MQHO_NONE');
  t.equal(copyPmoContext(pmo), true, 'the probe finds it missing');
  t.equal(copied(42), 42);
  t.equal(copied(null), 0, 'no Context, nothing written');
  t.equal(copyPmoContext(pmo), false, 'patched once only');
});
