import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { connect, expectAccepted, expectRejected } from '../../src/testing/index.js';
import { testMock } from '../helpers/mock.js';

/** connect(url): the kit against an ace-mock someone else runs, here a shared one with an admin token. */
const addOneLine = readFileSync(fileURLToPath(new URL('../../scenarios/samples/ae-add-1-line.txt', import.meta.url)), 'latin1');
const token = 'shared-instance-token';
const server = testMock({ ACE_MOCK_ADMIN_TOKEN: token }, () => new Date());
await server.http.listen({ host: '127.0.0.1', port: 0 });
const url = `http://127.0.0.1:${(server.http.server.address() as AddressInfo).port}`;
t.teardown(() => server.close());

t.test('with the admin token, a connected client sends, arms and resets', async (t) => {
  const shared = connect(`${url}/`, { adminToken: token });
  t.equal(shared.url, url, 'a trailing slash is dropped');
  await shared.arm('importer-unknown', { session: 'team-a' });
  expectRejected(await shared.send(addOneLine, { session: 'team-a' }), { condition: '101' });
  expectAccepted(await shared.send(addOneLine, { session: 'team-a' }));
  await shared.reset('team-a');
  t.equal((await shared.send(addOneLine, { session: 'team-a' })).transactions[0]?.disposition, '995', 'the reset went through');
  await shared.close();
  t.equal((await shared.send(addOneLine, { session: 'team-a' })).outcome, 'accepted', 'close() leaves a server it did not start running');
});

t.test('without it, admin calls fail saying what to send; transmissions still go', async (t) => {
  const anonymous = connect(url);
  await t.rejects(anonymous.arm('importer-unknown', { session: 'team-b' }), { name: 'AceMockRequestError', status: 401, message: /answered 401: Admin token required: Send Authorization: Bearer/ });
  await t.rejects(anonymous.reset('team-b'), { name: 'AceMockRequestError', status: 401 });
  expectAccepted(await anonymous.send(addOneLine, { session: 'team-b' }));
});

t.test('nothing listening: the error names the URL and asks whether ace-mock serves there', async (t) => {
  const spare = testMock();
  await spare.http.listen({ host: '127.0.0.1', port: 0 });
  const gone = `http://127.0.0.1:${(spare.http.server.address() as AddressInfo).port}`;
  await spare.close();
  await t.rejects(connect(gone).send(addOneLine), { name: 'AceMockRequestError', message: `POST ${gone}/v1/transmissions: fetch failed (connect ECONNREFUSED` });
  await t.rejects(connect(gone).send(addOneLine), { message: /is ace-mock serving HTTP at http:\/\/127\.0\.0\.1:\d+\?$/ });
});
