import { isLoopbackAddress } from './loopback.js';
import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SessionClocks } from '../../clock/session-clocks.js';
import type { ScenarioLibrary } from '../../scenarios/library.js';
import type { GroupCommit } from '../../store/group-commit.js';
import type { ScenarioState } from '../../store/scenario-state.js';
import { documented, json, problems, SessionParams } from './openapi.js';
import { invalidInput, problem, sendProblem } from './problem.js';

export interface AdminRoutesOptions {
  /** Bearer token required of admin calls; without one, only loopback clients may call them … */
  readonly token?: string;
  /** … unless this is false (a server behind a proxy, whose every request comes from loopback): then none may. */
  readonly trustLoopback?: boolean;
  readonly library: ScenarioLibrary;
  readonly state: ScenarioState;
  readonly commits: GroupCommit;
  readonly clock: () => Date;
  /** A reset session's clock goes back to real time. */
  readonly clocks: Pick<SessionClocks, 'reset'>;
}

const ENTRY = /^([A-Z0-9]{3})-?(\d{7})-?(\d)$/;

const ArmBody = z
  .object({
    scenario: z.string().min(1),
    count: z.number().int().min(1).max(100_000).default(1),
    session: z.string().min(1).optional(),
    filer: z.string().regex(/^[A-Z0-9]{3}$/, 'filer is a 3-character filer code').optional(),
    entry: z.string().regex(ENTRY, 'entry is an entry number with its filer: B76-0324527-8 or B7603245278').optional(),
  })
  .strict()
  .refine((b) => !(b.filer !== undefined && b.entry !== undefined), 'arm for a filer or for an entry, not both');

/** What the admin answers hold, for the OpenAPI description. */
const ArmedDoc = z.object({
  id: z.number().int(),
  session: z.string(),
  scope: z.enum(['session', 'filer', 'entry']),
  scopeValue: z.string().describe('the filer code or entry the arming is for; empty for the whole session'),
  scenario: z.string(),
  remaining: z.number().int().describe('transactions it still decides'),
  armedAt: z.string(),
});
const LoadErrorDoc = z.object({ file: z.string(), line: z.number().int(), column: z.number().int(), message: z.string() });

/**
 * Why an admin call is refused, if it is: a wrong or missing bearer token, or, with none configured,
 * a remote client (or any client, when loopback is not trusted).
 */
export function adminRefusal(token: string | undefined, authorization: string | undefined, remoteAddress: string | undefined, trustLoopback = true) {
  if (token !== undefined) {
    const given = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
    const expected = Buffer.from(token);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
    return problem(401, 'unauthorized', 'Admin token required', 'Send Authorization: Bearer <the ACE_MOCK_ADMIN_TOKEN of this server>.');
  }
  if (!trustLoopback) {
    return problem(
      403,
      'admin-token-needed',
      'Admin calls need a token here',
      'This server does not trust loopback clients (ACE_MOCK_TRUST_LOOPBACK=0, as behind a proxy) and has no ACE_MOCK_ADMIN_TOKEN, so no admin call is allowed. Set a token and send Authorization: Bearer <token>.',
    );
  }
  if (isLoopbackAddress(remoteAddress)) return undefined;
  return problem(
    403,
    'admin-local-only',
    'Admin calls are local only',
    'This server has no ACE_MOCK_ADMIN_TOKEN, so its admin endpoints answer loopback clients only. Set one to allow remote admin calls.',
  );
}

/** An onRequest hook that lets only admin callers through (see adminRefusal), for admin routes registered outside this plugin. */
export function adminOnly(token: string | undefined, trustLoopback = true) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const refusal = adminRefusal(token, request.headers.authorization, request.socket.remoteAddress, trustLoopback);
    if (refusal) return sendProblem(reply, refusal);
    return undefined;
  };
}

/**
 * `/v1/admin`: what QA and trainers steer the mock with — the loaded scenarios and their load
 * errors, reload, arming a scenario for the next N transactions, and resetting a session.
 */
export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, opts) => {
  const { library, state, commits } = opts;

  // Arming and resetting change what every user of a shared mock gets: guard them.
  app.addHook('onRequest', adminOnly(opts.token, opts.trustLoopback));

  app.get(
    '/v1/admin/scenarios',
    documented({
      summary: 'The loaded scenarios and their load errors',
      tags: ['admin'],
      responses: {
        200: json(
          'The scenario library',
          z.object({
            loadedAt: z.string(),
            folder: z.string(),
            count: z.number().int(),
            scenarios: z.array(z.object({}).loose()).describe('id, title, application, description, certification, file, steps, match, priority'),
            errors: z.array(LoadErrorDoc),
          }),
        ),
        ...problems(401, 403),
      },
    }),
    async () => ({
      loadedAt: library.loadedAt,
      folder: library.dir,
      count: library.scenarios.length,
      scenarios: library.scenarios.map((s) => ({
        id: s.id,
        title: s.title,
        application: s.application,
        ...(s.description !== undefined && { description: s.description }),
        ...(s.certification !== undefined && { certification: s.certification }),
        file: s.file,
        steps: s.steps.length,
        match: s.matchers.map((m) => m.describe),
        priority: s.priority,
      })),
      errors: library.errors,
    }),
  );

  app.post(
    '/v1/admin/scenarios/reload',
    documented({
      summary: 'Reload the scenario folder',
      tags: ['admin'],
      responses: {
        200: json(
          'Whether the new set replaced the old (not while any file fails to load), its size, and the load errors',
          z.object({ applied: z.boolean(), count: z.number().int(), errors: z.array(LoadErrorDoc) }),
        ),
        ...problems(401, 403),
      },
    }),
    async () => library.reload(),
  );

  app.post(
    '/v1/admin/arm',
    documented({
      summary: 'Arm a scenario for the next transactions of a session, filer or entry',
      tags: ['admin'],
      headers: z.object({ 'x-ace-session': z.string().optional().describe('the session, when the body names none') }),
      body: { description: 'what to arm', content: { 'application/json': ArmBody } },
      responses: { 201: json('The arming', ArmedDoc), ...problems(400, 401, 403, 404, 415) },
    }),
    async (request, reply) => {
      const parsed = ArmBody.safeParse(request.body ?? {});
      if (!parsed.success) return sendProblem(reply, invalidInput(parsed.error, 'bad-arm', 'Invalid arm request', 'body'));
      const body = parsed.data;
      if (!library.byIdOf(body.scenario)) {
        return sendProblem(
          reply,
          problem(404, 'unknown-scenario', 'No such scenario', `No scenario "${body.scenario}" is loaded; GET /v1/admin/scenarios lists them.`),
        );
      }
      const entry = body.entry !== undefined ? ENTRY.exec(body.entry.toUpperCase()) : null;
      const filer = entry?.[1] ?? body.filer;
      const header = request.headers['x-ace-session'];
      const session = body.session ?? (typeof header === 'string' && header !== '' ? header : filer);
      if (session === undefined) {
        return sendProblem(
          reply,
          problem(400, 'bad-arm', 'Which session?', 'Name the session (body "session" or header X-ACE-Session), or a filer or entry, whose filer code is the default session.'),
        );
      }
      const [scope, scopeValue] = entry ? (['entry', `${entry[1]}${entry[2]}${entry[3]}`] as const) : filer ? (['filer', filer] as const) : (['session', ''] as const);
      const armed = await commits.run(() => state.arm(session, scope, scopeValue, body.scenario, body.count, opts.clock().toISOString()));
      return reply.code(201).send(armed);
    },
  );

  app.get<{ Params: { session: string } }>(
    '/v1/admin/sessions/:session/armed',
    documented({ summary: 'What is armed for a session', tags: ['admin'], params: SessionParams, responses: { 200: json('What is still armed', z.object({ session: z.string(), armed: z.array(ArmedDoc) })), ...problems(401, 403) } }),
    async (request) => ({
      session: request.params.session,
      armed: state.armed(request.params.session),
    }),
  );

  app.post<{ Params: { session: string } }>(
    '/v1/admin/sessions/:session/reset',
    documented({
      summary: 'Reset a session: disarm its scenarios, its clock back to real time',
      tags: ['admin'],
      params: SessionParams,
      responses: { 204: { description: 'Reset' }, ...problems(401, 403) },
    }),
    async (request, reply) => {
      await commits.run(() => {
        state.reset(request.params.session);
        opts.clocks.reset(request.params.session);
      });
      return reply.code(204).send();
    },
  );
};
