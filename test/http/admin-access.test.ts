import t from 'tap';
import { adminRefusal } from '../../src/transports/http/admin.js';
import { testMock } from '../helpers/mock.js';

t.test('without a token, admin calls are for loopback clients only', async (t) => {
  t.equal(adminRefusal(undefined, undefined, '127.0.0.1'), undefined);
  t.equal(adminRefusal(undefined, undefined, '::1'), undefined);
  t.equal(adminRefusal(undefined, undefined, '::ffff:127.0.0.1'), undefined);
  t.match(adminRefusal(undefined, undefined, '10.1.2.3'), { status: 403, detail: /Set one to allow remote admin calls/ });
  t.match(adminRefusal(undefined, undefined, '::ffff:192.0.2.1'), { status: 403 });
});

t.test('with a token, every client needs it, loopback too', async (t) => {
  const token = 'a-very-long-admin-token';
  t.equal(adminRefusal(token, `Bearer ${token}`, '10.1.2.3'), undefined);
  t.match(adminRefusal(token, undefined, '127.0.0.1'), { status: 401, title: 'Admin token required' });
  t.match(adminRefusal(token, `Bearer ${token}x`, '127.0.0.1'), { status: 401 });
  t.match(adminRefusal(token, token, '127.0.0.1'), { status: 401 }, 'the Bearer scheme is required');
});

t.test('the admin routes apply it; transmissions and health do not need it', async (t) => {
  const mock = testMock({ ACE_MOCK_ADMIN_TOKEN: 'a-very-long-admin-token' });
  t.teardown(() => mock.close());
  const refused = await mock.http.inject({ method: 'POST', url: '/v1/admin/sessions/B76/reset' });
  t.equal(refused.statusCode, 401);
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
  const allowed = await mock.http.inject({ method: 'POST', url: '/v1/admin/sessions/B76/reset', headers: { authorization: 'Bearer a-very-long-admin-token' } });
  t.equal(allowed.statusCode, 204);
  t.equal((await mock.http.inject({ url: '/v1/admin/scenarios' })).statusCode, 401);
  t.equal((await mock.http.inject({ url: '/health' })).statusCode, 200);
  t.equal((await mock.http.inject({ url: '/v1/transmissions' })).statusCode, 200);
});

t.test('a short token is refused at start-up', async (t) => {
  t.throws(() => testMock({ ACE_MOCK_ADMIN_TOKEN: 'short' }), /adminToken \(ACE_MOCK_ADMIN_TOKEN\): an admin token of at least 16 characters/);
});
