import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { RouteOptions } from 'fastify';
import t from 'tap';
import { testMock } from '../helpers/mock.js';
import { committedForm, OPENAPI_FILE } from './write-openapi.js';

/** GET /openapi.json: generated from the routes, committed as schemas/openapi.json, valid OpenAPI 3.1, complete. */

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { summary?: string; responses: Record<string, unknown> }>>;
}

interface SeenRoute {
  method: string;
  url: string;
  hidden: boolean;
}

/** A mock whose routes are recorded as Fastify registers them, and its served document. */
async function servedWithRoutes(extra?: (mock: ReturnType<typeof testMock>) => void) {
  const mock = testMock();
  const routes: SeenRoute[] = [];
  mock.http.addHook('onRoute', (route: RouteOptions) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, hidden: (route.schema as { hide?: boolean } | undefined)?.hide === true });
  });
  extra?.(mock);
  const res = await mock.http.inject({ url: '/openapi.json' });
  await mock.close();
  return { status: res.statusCode, contentType: res.headers['content-type'], document: res.json() as OpenApi, routes };
}

/** `/v1/transmissions/:id` → `/v1/transmissions/{id}`, as OpenAPI writes paths. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Routes an API client may call that the document does not describe (HEAD is described by its GET). */
function undescribed(document: OpenApi, routes: readonly SeenRoute[]): string[] {
  return routes
    .filter((r) => r.method !== 'HEAD' && !r.hidden)
    .filter((r) => document.paths[openApiPath(r.url)]?.[r.method.toLowerCase()]?.summary === undefined)
    .map((r) => `${r.method} ${r.url}`);
}

t.test('GET /openapi.json serves the committed schemas/openapi.json', async (t) => {
  const { status, contentType, document } = await servedWithRoutes();
  t.equal(status, 200);
  t.match(contentType, /^application\/json/);
  const committed = readFileSync(OPENAPI_FILE, 'utf8');
  t.ok(committed === committedForm(document), 'schemas/openapi.json is out of date with the routes: run `npm run openapi` and commit schemas/openapi.json');
});

t.test('the document is valid OpenAPI 3.1', async (t) => {
  const { document } = await servedWithRoutes();
  t.equal(document.openapi, '3.1.0');
  const result = await new Validator().validate(document as unknown as Record<string, unknown>);
  t.same(result.errors ?? [], [], 'no schema errors');
  t.ok(result.valid, 'valid');
});

t.test('every route is described, with its problems, streams and raw-text body', async (t) => {
  const { document, routes } = await servedWithRoutes();
  t.ok(routes.length > 20, `${routes.length} routes registered`);
  t.same(undescribed(document, routes), [], 'every route registered has an operation with a summary');
  const hidden = routes.filter((r) => r.hidden);
  t.same(hidden.filter((r) => /^\/(v1|health|openapi)/.test(r.url)), [], 'only the console page and its files are hidden, never API routes');
  const registered = new Set(routes.map((r) => `${r.method.toLowerCase()} ${openApiPath(r.url)}`));
  const described = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
  t.same(described.filter((op) => !registered.has(op)), [], 'nothing is described that is not a route');

  const post = document.paths['/v1/transmissions']?.['post'] as unknown as {
    requestBody: { content: Record<string, unknown> };
    responses: Record<string, { content: Record<string, unknown> }>;
  };
  t.ok(post.requestBody.content['text/plain'], 'the raw CATAIR body is text/plain');
  t.ok(post.responses['200']?.content['text/plain'] && post.responses['200']?.content['application/json'], 'answered as text or JSON');
  t.ok(post.responses['400']?.content['application/problem+json'], 'problems are application/problem+json');
  for (const stream of ['/v1/transmissions/stream', '/v1/messages/stream']) {
    const ok = document.paths[stream]?.['get']?.responses['200'] as { content: Record<string, unknown> } | undefined;
    t.ok(ok?.content['text/event-stream'], `${stream} is text/event-stream`);
  }
});

t.test('a route added without a description is caught', async (t) => {
  const { document, routes } = await servedWithRoutes((mock) => mock.http.get('/v1/undescribed', async () => ({})));
  t.same(undescribed(document, routes), ['GET /v1/undescribed']);
});
