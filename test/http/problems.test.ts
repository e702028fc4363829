import t from 'tap';
import { testMock } from '../helpers/mock.js';

/** What a client library relies on in errors: 405 with Allow, ace-mock's own problem types, a title per status. */

t.test('a path that exists with other methods answers 405 with Allow and a problem', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const [method, url, allow] of [
    ['DELETE', '/v1/transmissions', 'GET, HEAD, POST'],
    ['PUT', '/v1/transmissions/some-id', 'GET, HEAD'],
    ['GET', '/v1/admin/arm', 'POST'],
    ['DELETE', '/v1/sessions/B76/clock?x=1', 'GET, HEAD'],
  ] as const) {
    const res = await mock.http.inject({ method, url });
    t.equal(res.statusCode, 405, `${method} ${url}`);
    t.equal(res.headers.allow, allow, `${url} takes ${allow}`);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.match(res.json(), { type: 'urn:ace-mock:problem:method-not-allowed', title: 'Method not allowed', status: 405, detail: new RegExp(`takes ${allow}`) });
  }
  const nowhere = await mock.http.inject({ method: 'DELETE', url: '/v1/nowhere' });
  t.equal(nowhere.statusCode, 404, 'a path no route takes is still 404');
  t.equal(nowhere.headers.allow, undefined);
});

t.test("Fastify's own errors become ace-mock problems, each status with its own title", async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const cases = [
    { headers: { 'content-type': 'application/json' }, payload: '{bad', status: 400, type: 'bad-json' },
    { headers: { 'content-type': 'application/json' }, payload: '', status: 400, type: 'empty-json' },
    { headers: { 'content-type': 'text/xml' }, payload: '<a/>', status: 415, type: 'unsupported-media-type' },
  ];
  const titles = new Map<string, string>();
  for (const c of cases) {
    const res = await mock.http.inject({ method: 'POST', url: '/v1/admin/arm', headers: c.headers, payload: c.payload });
    t.equal(res.statusCode, c.status, `${c.headers['content-type']} ${JSON.stringify(c.payload)}`);
    const body = res.json();
    t.equal(body.type, `urn:ace-mock:problem:${c.type}`);
    t.notMatch(body.type, /fst_|FST_/, 'no Fastify code in the type');
    t.not(body.title, 'Bad request', 'a title that says what is wrong');
    t.ok(body.detail.length > 20, 'a detail that says what to do');
    titles.set(c.type, body.title);
  }
  t.equal(new Set(titles.values()).size, cases.length, `each problem type its own title: ${[...titles.values()].join(' / ')}`);
  const badUrl = await mock.http.inject({ url: '/v1/transmissions/%zz' });
  t.equal(badUrl.statusCode, 400);
  t.equal(badUrl.headers['content-type'], 'application/problem+json; charset=utf-8', 'a malformed URL is a problem too');
  t.match(badUrl.json(), { type: 'urn:ace-mock:problem:bad-url', title: 'Malformed URL' });
});
