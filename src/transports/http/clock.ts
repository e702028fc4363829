import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { parseDuration } from '../../clock/duration.js';
import type { SessionClockReading, SessionClocks } from '../../clock/session-clocks.js';
import type { GroupCommit } from '../../store/group-commit.js';
import { adminOnly } from './admin.js';
import { documented, json, problems, SessionParams } from './openapi.js';
import { invalidInput, sendProblem } from './problem.js';

export interface ClockRoutesOptions {
  readonly clocks: SessionClocks;
  readonly commits: GroupCommit;
  readonly adminToken?: string;
  readonly trustLoopback?: boolean;
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

const ClockChange = z
  .object({
    advance: z.string().refine((d) => parseDuration(d) !== undefined, 'an ISO 8601 duration such as P30D, PT2H or P1M').optional(),
    set: z.string().regex(ISO_TIME, 'an ISO 8601 time with its offset, e.g. 2027-01-15T09:00:00Z').optional(),
  })
  .strict()
  .refine((b) => (b.advance === undefined) !== (b.set === undefined), 'send {"advance": "P30D"} (an ISO 8601 duration) or {"set": "2027-01-15T09:00:00Z"}, one of them');

const view = (r: SessionClockReading, real: Date) => ({
  session: r.session,
  now: r.now.toISOString(),
  real: real.toISOString(),
  offsetMs: r.offsetMs,
  moved: r.offsetMs !== 0,
});

/** What the clock routes answer: the session's mock time, the real time, and how far apart they are. */
export type SessionClockView = ReturnType<typeof view>;

/**
 * The mock clock of each session: `GET /v1/sessions/:session/clock` reads it; `POST
 * /v1/admin/sessions/:session/clock` sets it or moves it on, and what falls due in between
 * (notifications, statements, liquidations) falls due. Moving it back is allowed but undoes
 * nothing already sent.
 */
export const clockRoutes: FastifyPluginAsync<ClockRoutesOptions> = async (app, opts) => {
  const { clocks, commits } = opts;

  const ClockView = z.object({ session: z.string(), now: z.string(), real: z.string(), offsetMs: z.number(), moved: z.boolean() });

  app.get<{ Params: { session: string } }>(
    '/v1/sessions/:session/clock',
    documented({ summary: "A session's mock clock", tags: ['entries'], params: SessionParams, responses: { 200: json('The mock time, the real time and how far apart', ClockView) } }),
    async (request) => view(clocks.read(request.params.session), clocks.real()),
  );

  app.post<{ Params: { session: string } }>(
    '/v1/admin/sessions/:session/clock',
    {
      onRequest: adminOnly(opts.adminToken, opts.trustLoopback),
      ...documented({
        summary: "Set a session's clock or move it on",
        description: 'What falls due in between (notifications, statements, liquidations) falls due.',
        tags: ['admin'],
        params: SessionParams,
        body: { description: 'advance (an ISO 8601 duration) or set (an ISO time with offset), one of them', content: { 'application/json': ClockChange } },
        responses: { 200: json('The clock after the change', ClockView), ...problems(400, 401, 403, 415) },
      }),
    },
    async (request, reply) => {
        const parsed = ClockChange.safeParse(request.body ?? {});
        if (!parsed.success) return sendProblem(reply, invalidInput(parsed.error, 'bad-clock', 'Invalid clock change', 'body'));
        const { session } = request.params;
        const change = parsed.data;
        const by = change.advance === undefined ? undefined : parseDuration(change.advance);
        const reading = await commits.run(() => (by ? clocks.advance(session, by) : clocks.set(session, new Date(change.set as string))));
        request.log.info({ session, change, now: reading.now.toISOString() }, `clock of session ${session} now reads ${reading.now.toISOString()}`);
        return view(reading, clocks.real());
    },
  );
};
