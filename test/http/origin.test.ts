import { readFileSync } from 'node:fs';
import t from 'tap';
import { hostname } from 'node:os';
import { adminRefusal } from '../../src/transports/http/admin.js';
import { foreignHostRefusal } from '../../src/transports/http/host-guard.js';
import { testMock } from '../helpers/mock.js';

/** A web page of another site must not change ace-mock's state through the user's browser. */
const sample = readFileSync(new URL('../../scenarios/samples/ae-add-1-line.txt', import.meta.url));
const HOST = 'localhost:8080';

const writes = [
  { method: 'POST', url: '/v1/admin/sessions/B76/reset', payload: undefined, contentType: undefined, ok: 204 },
  { method: 'POST', url: '/v1/admin/arm', payload: '{"scenario":"pga-warning","session":"s"}', contentType: 'application/json', ok: 201 },
  { method: 'POST', url: '/v1/admin/sessions/B76/clock', payload: '{"advance":"P1D"}', contentType: 'application/json', ok: 200 },
  { method: 'POST', url: '/v1/transmissions', payload: sample, contentType: 'text/plain', ok: 200 },
] as const;

t.test('state-changing calls from a page of another site are refused; same-origin and Origin-less calls pass', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const w of writes) {
    const call = (origin: string | undefined, extra: Record<string, string> = {}) =>
      mock.http.inject({
        method: w.method,
        url: w.url,
        headers: { host: HOST, ...(w.contentType && { 'content-type': w.contentType }), ...(origin !== undefined && { origin }), ...extra },
        ...(w.payload !== undefined && { payload: w.payload }),
      });
    for (const origin of ['https://evil.example', 'http://localhost:9999', 'null']) {
      const res = await call(origin);
      t.equal(res.statusCode, 403, `${w.url} from ${origin}`);
      t.match(res.json(), { type: 'urn:ace-mock:problem:cross-origin', detail: /Use the console, or call from a program that sends no Origin header/ });
    }
    t.equal((await call(`http://${HOST}`)).statusCode, w.ok, `${w.url} from the console's own origin`);
    t.equal((await call(undefined)).statusCode, w.ok, `${w.url} with no Origin (curl, filer software)`);
    t.equal((await call('https://mock.example.com', { 'x-forwarded-host': 'mock.example.com' })).statusCode, w.ok, `${w.url} through a proxy that forwards the host`);
  }
  t.equal(mock.journal.find({ limit: 100 }).length, 3, 'refused transmissions are not journaled: only the three allowed ones');
  const read = await mock.http.inject({ url: '/v1/transmissions', headers: { host: HOST, origin: 'https://evil.example' } });
  t.equal(read.statusCode, 200, 'reads are not refused (a browser keeps their answer from the other page anyway)');
});

t.test('ACE_MOCK_TRUST_LOOPBACK=0 (behind a proxy): without a token no admin call passes, loopback or not', async (t) => {
  t.match(adminRefusal(undefined, undefined, '127.0.0.1', false), { status: 403, detail: /ACE_MOCK_TRUST_LOOPBACK=0/ });
  t.equal(adminRefusal('a-very-long-admin-token', 'Bearer a-very-long-admin-token', '127.0.0.1', false), undefined, 'the token still works');

  const proxied = testMock({ ACE_MOCK_TRUST_LOOPBACK: '0' });
  t.teardown(() => proxied.close());
  for (const url of ['/v1/admin/sessions/B76/reset', '/v1/admin/sessions/B76/clock', '/v1/admin/sessions/B76/entries/B76/0324527-8/advance']) {
    const res = await proxied.http.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{}' });
    t.equal(res.statusCode, 403, `${url} from loopback`);
    t.match(res.json().detail, /Set a token/);
  }
  t.equal((await proxied.http.inject({ url: '/v1/admin/scenarios' })).statusCode, 403);

  const trusted = testMock();
  t.teardown(() => trusted.close());
  t.equal((await trusted.http.inject({ method: 'POST', url: '/v1/admin/sessions/B76/reset' })).statusCode, 204, 'trusted by default');
});

t.test('DNS rebinding: a loopback client naming the server by a foreign name is refused, before the admin trust applies', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  // inject connects from 127.0.0.1, as a browser does once a page's name is rebound to this machine.
  const reset = (host: string) => mock.http.inject({ method: 'POST', url: '/v1/admin/sessions/ZZ/reset', headers: { host, origin: `http://${host}` } });
  const rebound = await reset('evil.example:8080');
  t.equal(rebound.statusCode, 421);
  t.match(rebound.json(), { type: 'urn:ace-mock:problem:foreign-host', title: 'Not a name of this server', detail: /names the server "evil\.example".*ACE_MOCK_ALLOWED_HOSTS/ });
  const read = await mock.http.inject({ method: 'GET', url: '/v1/transmissions', headers: { host: 'evil.example:8080' } });
  t.equal(read.statusCode, 421, 'reads too: the journal is not for that page to see');
  for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LOCALHOST', 'app.localhost:3000']) t.equal((await reset(host)).statusCode, 204, host);

  const allowed = testMock({ ACE_MOCK_ALLOWED_HOSTS: 'ace-mock.internal, Other.Name' });
  t.teardown(() => allowed.close());
  const viaProxy = await allowed.http.inject({ method: 'POST', url: '/v1/admin/sessions/ZZ/reset', headers: { host: 'ace-mock.internal:443', origin: 'http://ace-mock.internal:443' } });
  t.equal(viaProxy.statusCode, 204, 'a name listed in ACE_MOCK_ALLOWED_HOSTS is served');

  const untrusted = testMock({ ACE_MOCK_TRUST_LOOPBACK: '0' });
  t.teardown(() => untrusted.close());
  const proxied = await untrusted.http.inject({ method: 'GET', url: '/v1/transmissions', headers: { host: 'team-mock.example.com' } });
  t.equal(proxied.statusCode, 200, 'behind a proxy (loopback not trusted) any name is served: the token guards the admin calls');
  t.equal(foreignHostRefusal('10.0.0.5', 'ace-mock.team.example:8080', [], true), undefined, 'clients of other machines name the server as they please');
  t.equal(foreignHostRefusal('::ffff:127.0.0.1', hostname(), [], true), undefined, "this machine's own name (Debian maps it to 127.0.1.1)");
});
