import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance, FastifyPluginAsync, FastifySchema } from 'fastify';
import { z } from 'zod';

/** A body or answer's schema: a zod schema (the one the route validates with), or JSON Schema for what zod does not describe (raw text). */
type Schema = z.ZodType | Readonly<Record<string, unknown>>;

interface ResponseDoc {
  readonly description: string;
  /** By media type; none for an answer without a body (204). */
  readonly content?: Readonly<Record<string, Schema>>;
  readonly headers?: Readonly<Record<string, { readonly description: string; readonly type: 'string' }>>;
}

/** What a route's OpenAPI operation says: written beside the route, from the zod schemas its handler validates with. */
export interface RouteDoc {
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly ('transmissions' | 'messages' | 'entries' | 'certification' | 'reference' | 'admin' | 'health')[];
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly headers?: z.ZodType;
  readonly body?: { readonly description: string; readonly content: Readonly<Record<string, Schema>> };
  readonly responses: Readonly<Record<number, ResponseDoc>>;
}

/** Every problem document (RFC 9457) ace-mock answers: `type` is always `urn:ace-mock:problem:<slug>`. */
const ProblemDocument = z
  .object({
    type: z.string().regex(/^urn:ace-mock:problem:[a-z0-9-]+$/).describe('urn:ace-mock:problem:<slug>; the slug names the problem, e.g. not-catair'),
    title: z.string().describe('what is wrong, in a few words'),
    status: z.number().int().describe('the HTTP status'),
    detail: z.string().describe('what is wrong here and what to do about it'),
  })
  .catchall(z.unknown())
  .describe('A problem document (RFC 9457); some carry more fields, e.g. exchange (the journaled refusal)');

/** The problem answers a route may give, each described once here. */
const PROBLEM_WHEN: Readonly<Record<number, string>> = {
  400: 'The request is invalid: the detail names each bad parameter or field',
  401: 'An admin token is configured and the call did not send it (Authorization: Bearer <token>)',
  403: 'Refused: an admin call from a client the server does not trust, or a state-changing call from a web page of another site',
  404: 'Nothing by that name',
  409: 'The change conflicts with the state it would change',
  413: 'The body is over ACE_MOCK_BODY_LIMIT',
  415: 'The body is not of a media type this route reads (application/json)',
  503: 'Not ready: the problem names each component that cannot take work and why',
};

/** Problem answers point to one schema in the document's components. */
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

export function problems(...statuses: number[]): Record<number, ResponseDoc> {
  return Object.fromEntries(statuses.map((s) => [s, { description: PROBLEM_WHEN[s] ?? 'A problem', content: { 'application/problem+json': PROBLEM_REF } }]));
}

/** The `:session` of the session routes. */
export const SessionParams = z.object({ session: z.string().describe('a session: a filer code (the default session) or an X-ACE-Session name') });

/** The answer of a server-sent events route: an endless stream of the named events. */
export const eventStream = (events: string): ResponseDoc => ({
  description: 'An endless event stream; comment lines keep it open',
  content: { 'text/event-stream': { type: 'string', description: events } },
});

/** A JSON answer: a zod schema of it, or just what it is. */
export const json = (description: string, schema: Schema = { type: 'object' }): ResponseDoc => ({ description, content: { 'application/json': schema } });

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a client sends (io 'input': defaults make fields optional) or gets. */
function jsonSchemaOf(schema: Schema, io: 'input' | 'output'): Record<string, unknown> {
  if (!(schema instanceof z.ZodType)) return { ...schema };
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const contentOf = (content: Readonly<Record<string, Schema>>, io: 'input' | 'output') =>
  Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema: jsonSchemaOf(schema, io) }]));

/** The route schema @fastify/swagger reads, built from a RouteDoc. */
function swaggerSchemaOf(doc: RouteDoc): FastifySchema {
  return {
    summary: doc.summary,
    ...(doc.description !== undefined && { description: doc.description }),
    tags: doc.tags,
    ...(doc.params && { params: jsonSchemaOf(doc.params, 'input') }),
    ...(doc.query && { querystring: jsonSchemaOf(doc.query, 'input') }),
    ...(doc.headers && { headers: jsonSchemaOf(doc.headers, 'input') }),
    ...(doc.body && { body: { description: doc.body.description, content: contentOf(doc.body.content, 'input') } }),
    response: Object.fromEntries(
      Object.entries(doc.responses).map(([status, r]) => [
        status,
        {
          description: r.description,
          ...(r.content ? { content: contentOf(r.content, 'output') } : { type: 'null' }),
          ...(r.headers && { headers: r.headers }),
        },
      ]),
    ),
  };
}

/**
 * Route options that describe a route in the OpenAPI document and nowhere else: the description goes
 * to @fastify/swagger only (its per-route transform), so Fastify neither validates with it nor filters
 * answers through it. Handlers keep validating with zod, and their problems name each bad parameter.
 */
export function documented(doc: RouteDoc) {
  return { config: { swaggerTransform: ({ url }: { url: string }) => ({ schema: swaggerSchemaOf(doc), url }) } };
}

/** Registers the OpenAPI generator; it must come before the routes, as it records them when they are added. */
export function registerOpenApi(app: FastifyInstance, version: string): void {
  app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ace-mock',
        version,
        description:
          "A mock of CBP's ACE endpoint: CATAIR transmissions in, CBP's answers out, with a journal, unsolicited messages, scenarios and a mock clock. Errors are problem documents (application/problem+json).",
        license: { name: 'MIT', identifier: 'MIT' },
      },
      components: { schemas: { Problem: jsonSchemaOf(ProblemDocument, 'output') } },
      tags: [
        { name: 'transmissions', description: 'Filing and the exchange journal' },
        { name: 'messages', description: 'Unsolicited output (notifications) for HTTP filers' },
        { name: 'entries', description: "An entry's life and a session's mock clock" },
        { name: 'certification', description: "Would CBP certify this filer: the rehearsal report, its plans and criteria" },
        { name: 'reference', description: 'Samples, the error dictionary, inspection' },
        { name: 'admin', description: 'Steering the mock: scenarios, sessions, the clock (admin access rules apply)' },
        { name: 'health', description: 'Liveness, readiness and this description' },
      ],
    },
  });
}

/** `GET /openapi.json`: the description of every route, generated from the routes themselves. */
export const openApiRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/openapi.json',
    documented({ summary: 'This API described (OpenAPI 3.1)', tags: ['health'], responses: { 200: json('The OpenAPI 3.1 document') } }),
    async () => app.swagger(),
  );
};
