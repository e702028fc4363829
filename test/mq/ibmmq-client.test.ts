import { createRequire } from 'node:module';
import t from 'tap';
import { IbmMqClient, MqClientUnavailable } from '../../src/transports/mq/ibmmq-client.js';
import { putDateTime } from '../../src/transports/mq/ibmmq-descriptor.js';

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

t.test('PutDate and PutTime (GMT, hundredths) become a Date', async (t) => {
  t.same(putDateTime('20261125', '15000042'), new Date('2026-11-25T15:00:00.420Z'));
  t.equal(putDateTime('', ''), undefined);
  t.equal(putDateTime(null, null), undefined);
});
