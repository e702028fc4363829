import t from 'tap';
import { loadCatalog } from '../../src/catair/catalog.js';
import { send, testMock } from '../helpers/mock.js';

/** GET /v1/dictionary and /v1/dictionary/:code: the error dictionary as data for people and clients. */
const { dictionary } = loadCatalog();

interface Shown {
  code: string;
  application?: string;
  narrative: string | null;
  severity: string | null;
  status: string;
  explanation: string | null;
  source: string;
}

t.test('GET /v1/dictionary lists every code with its narrative, severity, status, explanation and source', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const res = await mock.http.inject({ url: '/v1/dictionary' });
  t.equal(res.statusCode, 200);
  const body = res.json() as { count: number; conditions: Shown[] };
  t.equal(body.count, dictionary.list().length, 'as many as the dictionary holds, application codes included');
  t.equal(body.conditions.length, body.count);
  const b16 = body.conditions.find((c) => c.code === 'B16' && c.application === undefined);
  t.same(b16 && { ...b16, updated: undefined }, {
    code: 'B16',
    narrative: 'ENTRY NUMBER CHECK DIGIT MISMATCH',
    severity: 'F',
    status: 'in-use',
    explanation: dictionary.get('B16').explanation,
    source: 'ED 2026-07',
    updated: undefined,
  });
  const eliminated = body.conditions.find((c) => c.code === '245');
  t.match(eliminated, { status: 'eliminated', narrative: null, severity: null }, 'an eliminated code without text is listed with nulls');
  t.ok(
    body.conditions.some((c) => c.code === '006' && c.application === 'CL'),
    'codes of one answering application are listed with it',
  );
});

t.test('?q= filters on code, narrative and explanation text; ?status= on status', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const byText = (await mock.http.inject({ url: '/v1/dictionary?q=check%20digit' })).json() as { count: number; conditions: Shown[] };
  t.ok(byText.count > 0 && byText.count < 20, `${byText.count} codes mention a check digit`);
  t.ok(byText.conditions.some((c) => c.code === 'B16'));
  t.ok(
    byText.conditions.every((c) => [c.code, c.narrative, c.explanation].some((s) => s?.toLowerCase().includes('check digit'))),
    'each match mentions it',
  );
  const eliminated = (await mock.http.inject({ url: '/v1/dictionary?status=eliminated' })).json() as { count: number; conditions: Shown[] };
  t.equal(eliminated.count, dictionary.list().filter((r) => r.status === 'eliminated').length);
  t.ok(eliminated.conditions.every((c) => c.status === 'eliminated'));
  const bad = await mock.http.inject({ url: '/v1/dictionary?status=gone' });
  t.equal(bad.statusCode, 400);
  t.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(bad.json().detail, /status/);
});

t.test('GET /v1/dictionary/:code shows one code, in an application’s meaning on request', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const one = await mock.http.inject({ url: '/v1/dictionary/997' });
  t.equal(one.statusCode, 200);
  t.match(one.json(), { code: '997', narrative: 'ENTRY SUMMARY DELETED', severity: 'I', status: 'in-use', source: 'ESF-211 (c)' });
  t.equal(one.json().explanation, dictionary.get('997').explanation);
  t.equal((await mock.http.inject({ url: '/v1/dictionary/b16' })).json().code, 'B16', 'the code is read in any case');
  const query = await mock.http.inject({ url: '/v1/dictionary/006?application=CL' });
  t.match(query.json(), { code: '006', application: 'CL', narrative: 'ENTRY SUMMARY NOT FOUND FOR QUERY' });
});

t.test('an unknown code is a 404 problem naming the code', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const res = await mock.http.inject({ url: '/v1/dictionary/Q99' });
  t.equal(res.statusCode, 404);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(res.json(), { type: 'urn:ace-mock:problem:no-condition', status: 404, code: 'Q99', detail: /Q99/ });
  const perApplication = await mock.http.inject({ url: '/v1/dictionary/006' });
  t.equal(perApplication.statusCode, 404, 'a code with only per-application meanings needs ?application=');
  t.match(perApplication.json().detail, /CL/);
});

t.test('a batch condition of a rejected batch carries its explanation too', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const res = await send(mock, 'not a batch at all, just one short line of text that is 80 characters long ok\n', { accept: 'application/json' });
  const body = res.json() as { outcome: string; batchConditions: { code: string; explanation?: string }[] };
  t.equal(body.outcome, 'batch-rejected');
  t.ok(body.batchConditions.length > 0, 'the batch has conditions');
  for (const c of body.batchConditions) t.equal(c.explanation, dictionary.get(c.code).explanation, `${c.code} is explained`);
});
