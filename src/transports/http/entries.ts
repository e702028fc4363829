import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { SessionClocks } from '../../clock/session-clocks.js';
import { EntryLifeRefusal, type EntryLife } from '../../applications/entry-summary/entry-life/engine.js';
import { ADVANCE_TARGETS, type AdvanceTarget } from '../../applications/entry-summary/entry-life/stages.js';
import { entryView } from '../../applications/entry-summary/entry-life/view.js';
import type { EntryKey } from '../../applications/shared/entry-key.js';
import type { Schedule } from '../../schedule/schedule.js';
import type { Scheduler } from '../../schedule/scheduler.js';
import type { GroupCommit } from '../../store/group-commit.js';
import { adminOnly } from './admin.js';
import { documented, json, problems } from './openapi.js';
import { invalidInput, type Problem, problem, sendProblem } from './problem.js';

export interface EntryRoutesOptions {
  readonly life: EntryLife;
  /** Every accepted change of an entry, oldest first. */
  readonly historyOf: (key: EntryKey) => unknown[];
  readonly schedule: Schedule;
  readonly scheduler: Scheduler;
  readonly clocks: SessionClocks;
  readonly commits: GroupCommit;
  readonly adminToken?: string;
  readonly trustLoopback?: boolean;
}

interface EntryParams {
  session: string;
  filer: string;
  entryNumber: string;
}

const Params = z.object({
  session: z.string().min(1),
  filer: z.string().regex(/^[A-Z0-9]{3}$/i, 'filer is the 3-character filer code, e.g. B76'),
  entryNumber: z.string().regex(/^\d{7}-?\d$/, 'entryNumber is 7 digits and the check digit, e.g. 0324527-8 or 03245278'),
});

const Advance = z.object({ to: z.enum(ADVANCE_TARGETS as [AdvanceTarget, ...AdvanceTarget[]]) }).strict();

/**
 * An entry's life: `GET /v1/sessions/:session/entries/:filer/:entryNumber` shows its stage, dates,
 * scheduled work and history; `POST /v1/admin/…/advance` moves it on (`{"to": "paid"}`) with every
 * message the steps on the way send, for QA and trainers who cannot wait a year.
 */
export const entryRoutes: FastifyPluginAsync<EntryRoutesOptions> = async (app, opts) => {
  const { life, schedule, scheduler, clocks, commits } = opts;

  /** The entry the path names, or the 400 problem that says which part of the path is wrong. */
  const keyOf = (params: EntryParams): { key: EntryKey } | { problem: Problem } => {
    const parsed = Params.safeParse(params);
    if (!parsed.success) return { problem: invalidInput(parsed.error, 'bad-entry', 'Invalid entry', 'path') };
    const { session, filer, entryNumber } = parsed.data;
    return { key: { session, filer: filer.toUpperCase(), entryNumber: entryNumber.replace('-', '') } };
  };
  const view = (key: EntryKey) => {
    const state = life.get(key);
    if (!state) return undefined;
    // Its own jobs (liquidation) and its statement's (the preliminary statement it waits for).
    const jobKeys = new Set([`${key.filer}-${key.entryNumber}`, state.lifecycle.statementKey]);
    return {
      session: key.session,
      filer: key.filer,
      entryNumber: key.entryNumber,
      now: clocks.now(key.session).toISOString(),
      ...entryView(state),
      scheduled: schedule.pending(key.session).filter((j) => jobKeys.has(j.key)).map((j) => ({ kind: j.kind, dueAt: j.dueAt })),
      history: opts.historyOf(key),
    };
  };
  const unknown = (key: EntryKey) =>
    problem(404, 'unknown-entry', 'No such entry', `ace-mock has no entry summary ${key.filer}-${key.entryNumber} in session ${key.session}; file one first (POST /v1/transmissions).`);

  app.get<{ Params: EntryParams }>(
    '/v1/sessions/:session/entries/:filer/:entryNumber',
    documented({
      summary: "An entry's life: stage, dates, scheduled work and history",
      tags: ['entries'],
      params: Params,
      responses: { 200: json('Where the entry stands'), ...problems(400, 404) },
    }),
    async (request, reply) => {
      const named = keyOf(request.params);
      if ('problem' in named) return sendProblem(reply, named.problem);
      const { key } = named;
      await scheduler.catchUp(key.session);
      return view(key) ?? sendProblem(reply, unknown(key));
    },
  );

  app.post<{ Params: EntryParams }>(
    '/v1/admin/sessions/:session/entries/:filer/:entryNumber/advance',
    {
      onRequest: adminOnly(opts.adminToken, opts.trustLoopback),
      ...documented({
        summary: 'Move an entry on to a later stage',
        description: 'Every message the steps on the way send is sent.',
        tags: ['admin'],
        params: Params,
        body: { description: 'the stage to reach', content: { 'application/json': Advance } },
        responses: { 200: json('Where the entry stands now'), ...problems(400, 401, 403, 404, 409, 415) },
      }),
    },
    async (request, reply) => {
        const named = keyOf(request.params);
        if ('problem' in named) return sendProblem(reply, named.problem);
        const { key } = named;
        const body = Advance.safeParse(request.body ?? {});
        if (!body.success) return sendProblem(reply, invalidInput(body.error, 'bad-advance', 'Invalid advance', 'body'));
        await scheduler.catchUp(key.session);
        try {
          await commits.run(() => life.advance(key, body.data.to, clocks.now(key.session)));
        } catch (err) {
          if (!(err instanceof EntryLifeRefusal)) throw err;
          return sendProblem(reply, err.status === 404 ? unknown(key) : problem(409, 'cannot-advance', 'Entry cannot move there', err.message));
        }
        request.log.info({ session: key.session, entry: `${key.filer}-${key.entryNumber}`, to: body.data.to }, `entry ${key.filer}-${key.entryNumber} advanced to ${body.data.to}`);
        return view(key);
    },
  );
};
