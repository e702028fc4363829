import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import t from 'tap';
import { send, testMock } from '../helpers/mock.js';

/**
 * The OpenAPI document is written beside the routes, by hand; this checks it against what the
 * server really answers: each live answer below must match the response schema the document gives
 * for its route, status and media type.
 */
const sample = (file: string) => readFileSync(new URL(`../../scenarios/samples/${file}`, import.meta.url));

interface OpenApi {
  readonly paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  readonly components: unknown;
}

t.test('live answers match the response schemas of /openapi.json', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const doc = (await mock.http.inject({ url: '/openapi.json' })).json() as OpenApi;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'openapi', components: doc.components });
  const schemaOf = (path: string, method: string, status: number, mediaType: string) => {
    const schema = doc.paths[path]?.[method]?.responses[String(status)]?.content?.[mediaType]?.schema;
    if (schema === undefined) throw new Error(`/openapi.json describes no ${mediaType} answer ${status} for ${method.toUpperCase()} ${path}`);
    // The document's references point into its own components; here they live in the schema added above.
    return JSON.parse(JSON.stringify(schema).replaceAll('"#/components', '"openapi#/components')) as object;
  };
  const check = (label: string, path: string, method: string, res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
    const mediaType = String(res.headers['content-type']).split(';')[0] as string;
    const validate = ajv.compile(schemaOf(path, method, res.statusCode, mediaType));
    t.ok(validate(res.json()), `${label}: ${res.statusCode} ${mediaType} ${JSON.stringify(validate.errors?.slice(0, 3) ?? [])}`);
  };

  // The check can fail: a document without its required fields does not pass for an exchange.
  t.notOk(ajv.compile(schemaOf('/v1/transmissions/{id}', 'get', 200, 'application/json'))({ id: 'x', outcome: 'maybe' }), 'a wrong exchange document is refused');

  const posted = await send(mock, sample('ae-bad-check-digit.txt'), { accept: 'application/json' });
  check('POST an AE (JSON)', '/v1/transmissions', 'post', posted);
  const id = (posted.json() as { id: string }).id;
  check('GET the exchange', '/v1/transmissions/{id}', 'get', await mock.http.inject({ url: `/v1/transmissions/${id}` }));
  check('list', '/v1/transmissions', 'get', await mock.http.inject({ url: '/v1/transmissions?limit=5' }));
  check('unknown cursor', '/v1/transmissions', 'get', await mock.http.inject({ url: '/v1/transmissions?before=nope' }));
  check('not CATAIR', '/v1/transmissions', 'post', await send(mock, '{"json": true}'));
  check('messages', '/v1/messages', 'get', await mock.http.inject({ url: '/v1/messages?session=B76' }));
  check('health', '/health', 'get', await mock.http.inject({ url: '/health' }));
  check('clock', '/v1/sessions/{session}/clock', 'get', await mock.http.inject({ url: '/v1/sessions/B76/clock' }));
  check('arm', '/v1/admin/arm', 'post', await mock.http.inject({ method: 'POST', url: '/v1/admin/arm', payload: { scenario: 'importer-unknown', session: 'doc' } }));
  check('no such sample', '/v1/samples/{file}', 'get', await mock.http.inject({ url: '/v1/samples/nope.txt' }));
  check('certification report', '/v1/certification/report', 'get', await mock.http.inject({ url: '/v1/certification/report?filer=B76' }));
  check('certification, bad query', '/v1/certification/report', 'get', await mock.http.inject({ url: '/v1/certification/report?days=0' }));
});
