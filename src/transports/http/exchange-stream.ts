import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Journal } from '../../store/journal.js';
import { openEventStream, sendPages, streamRegistry } from './event-stream.js';
import { exchangeSummary } from './exchange-summary.js';
import { documented, eventStream, json, problems } from './openapi.js';
import { invalidInput, problem, sendProblem, UNKNOWN_CURSOR } from './problem.js';

export interface ExchangeStreamOptions {
  readonly journal: Journal;
  /** How often the stream looks for new exchanges in the journal (ms). */
  readonly pollMs?: number;
  readonly heartbeatMs?: number;
}

/** Exchanges sent per look: a reader that falls behind catches up in steps, never in one huge write. */
const BATCH = 50;

const Query = z
  .object({
    session: z.string().min(1).optional(),
    after: z.string().min(1).optional(),
  })
  .strict();

/**
 * `GET /v1/transmissions/stream`: every new exchange (of one session, or all) as a server-sent event
 * `exchange` carrying its summary, whatever door it came in by. The event id is the exchange id, so a
 * reconnecting client (Last-Event-ID) or `?after=<id>` resumes where it left off; without either the
 * stream starts with the next exchange.
 */
export const exchangeStreamRoutes: FastifyPluginAsync<ExchangeStreamOptions> = async (app, opts) => {
  const { journal } = opts;
  const track = streamRegistry((hook) => app.addHook('onClose', hook));

  app.get(
    '/v1/transmissions/stream',
    documented({
      summary: 'New exchanges as they happen (server-sent events)',
      description:
        'Each event is `exchange`, its id the exchange id and its data the exchange summary as GET /v1/transmissions lists it. Without Last-Event-ID or ?after= the stream starts with the next exchange; with one it resumes after that exchange (400 if the journal does not hold it).',
      tags: ['transmissions'],
      query: Query,
      headers: z.object({ 'last-event-id': z.string().optional().describe('the id of the last event received: resume after it') }),
      responses: {
        200: eventStream('event: exchange, id: <exchange id>, data: <summary JSON>'),
        ...problems(400),
      },
    }),
    async (request, reply) => {
      const parsed = Query.safeParse(request.query);
      if (!parsed.success) {
        return sendProblem(reply, invalidInput(parsed.error, 'bad-query', 'Invalid query', 'query'));
      }
      const { session } = parsed.data;
      const lastEventId = request.headers['last-event-id'];
      const resumeFrom = (typeof lastEventId === 'string' ? lastEventId : undefined) ?? parsed.data.after;
      // Resuming after an exchange the journal does not hold would silently skip or repeat: say so instead.
      const resumeAt = resumeFrom === undefined ? journal.newestPosition() : journal.positionOf(resumeFrom);
      if (resumeAt === undefined) {
        return sendProblem(
          reply,
          problem(
            400,
            'unknown-cursor',
            UNKNOWN_CURSOR,
            `No exchange ${resumeFrom} is in the journal (a wrong id, or removed by retention). Reconnect without Last-Event-ID and ?after= to start with the next exchange; GET /v1/transmissions lists what is kept.`,
          ),
        );
      }
      let position = resumeAt;
      const end = openEventStream(request, reply, {
        greeting: `ace-mock exchanges${session === undefined ? '' : ` of session ${session}`}`,
        pollMs: opts.pollMs ?? 200,
        heartbeatMs: opts.heartbeatMs ?? 15_000,
        pump: (stream) =>
          sendPages(
            () => journal.after(position, session, BATCH),
            BATCH,
            (next) => {
              position = next.position;
              return stream.send('exchange', next.entry.id, exchangeSummary(next.entry));
            },
          ),
      });
      track(end, request);
    },
  );

  app.get(
    '/v1/sessions',
    documented({
      summary: 'Sessions seen in the journal',
      description: 'Most recently active first, at most 200.',
      tags: ['transmissions'],
      responses: { 200: json('The sessions', z.object({ sessions: z.array(z.object({ session: z.string(), exchanges: z.number().int(), lastAt: z.string() })) })) },
    }),
    async () => ({ sessions: journal.sessions(200) }),
  );
};
