import t from 'tap';
import { sampleWith } from '../helpers/transmission.js';
import { send, testMock } from '../helpers/mock.js';

// A client that read message N of a session waits for N+1 onwards (GET /v1/messages?after=N, SSE
// Last-Event-ID). A reset deletes the session's messages; the next one must still be numbered after
// every number ever given, or a second client (another test worker, the console) would skip it.

t.test('after a session reset the next message is numbered after every message ever numbered', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const queueOne = async (n7: string) => {
    const res = await send(mock, sampleWith('ae-add-1-line.txt', n7), { 'x-ace-scenario': 'uc-package-requested', 'x-ace-session': 'numbered' });
    t.equal(res.statusCode, 200);
    return mock.outbox.ofExchange(res.headers['x-ace-exchange-id'] as string)[0]?.seq;
  };
  const first = await queueOne('0610001');
  t.ok(first !== undefined && first > 0, 'the scenario queued a message');
  const reset = await mock.http.inject({ method: 'POST', url: '/v1/admin/sessions/numbered/reset' });
  t.equal(reset.statusCode, 204);
  const second = await queueOne('0610002');
  t.ok((second ?? 0) > (first ?? 0), `the new message (${second}) is numbered after the deleted one (${first})`);
});
