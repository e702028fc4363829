import type { FastifyPluginAsync } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Outbox, OutboxMessage } from '../../store/outbox.js';
import { openEventStream, sendPages, streamRegistry } from './event-stream.js';
import { documented, eventStream, json, problems } from './openapi.js';
import { invalidInput, problem, sendProblem, UNKNOWN_CURSOR } from './problem.js';

export interface MessageRoutesOptions {
  readonly outbox: Outbox;
  /** A session's time (the mock clock): its messages are due by it. */
  readonly sessionNow: (session: string) => Date;
  /** Runs the session's due scheduled work first, so a statement due by its clock is there to read. */
  readonly catchUp?: (session: string) => Promise<void>;
  /** How often a waiting request or stream looks for newly due messages (ms). */
  readonly pollMs?: number;
  /** How often an open stream sends a comment line, so that proxies do not close it as idle (ms). */
  readonly heartbeatMs?: number;
}

const MAX_BATCH = 100;
const HEARTBEAT_MS = 15_000;

const Query = z
  .object({
    session: z.string().min(1, 'session is the filer code (default session) or your X-ACE-Session'),
    after: z.coerce.number().int().min(0).default(0),
    wait: z.coerce.number().min(0).max(60).default(0),
  })
  .strict();

const MessageDoc = z.object({ seq: z.number().int(), deliverAt: z.string(), exchangeId: z.string(), filer: z.string(), summary: z.string(), records: z.array(z.string()) });

const view = (m: OutboxMessage) => ({
  seq: m.seq,
  deliverAt: m.deliverAt,
  exchangeId: m.exchangeId,
  filer: m.filer,
  summary: m.summary,
  records: m.records,
});

/** One unsolicited message as `GET /v1/messages` and its stream send it. */
export type MessageView = ReturnType<typeof view>;

/**
 * Unsolicited output (UC status notifications) for HTTP filers: `GET /v1/messages` returns what is
 * due after a sequence number, waiting up to `wait` seconds for the next one (long poll);
 * `GET /v1/messages/stream` pushes them as server-sent events. Over MQ they go to the filer's
 * notification queue instead.
 *
 * A stream reads the outbox only while its client keeps up: once the socket's buffer is full it
 * waits for 'drain', so a slow or stalled client costs one buffer, not the whole outbox in memory.
 */
export const messageRoutes: FastifyPluginAsync<MessageRoutesOptions> = async (app, opts) => {
  const { outbox, sessionNow } = opts;
  // A number above any ever given names no message: reading on from it would skip the real ones.
  const beyondRefusal = (after: number, name: string) =>
    after > outbox.lastNumbered()
      ? problem(400, 'unknown-cursor', UNKNOWN_CURSOR, `${name} ${after} is beyond the last message ever numbered (${outbox.lastNumbered()}): this server never sent it (another server, or a database started afresh). Read again from after=0.`)
      : undefined;
  const pollMs = opts.pollMs ?? 200;
  const heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_MS;
  const track = streamRegistry((hook) => app.addHook('onClose', hook));

  app.get(
    '/v1/messages',
    documented({
      summary: "A session's unsolicited messages due after a sequence number (long poll)",
      description: 'Waits up to `wait` seconds for the next message when none is due. `links.next` reads on from the last one.',
      tags: ['messages'],
      query: Query,
      responses: {
        200: json(
          'The messages due, oldest first',
          z.object({ messages: z.array(MessageDoc), next: z.number().int(), nextDueAt: z.string().optional(), links: z.object({ next: z.string() }) }),
        ),
        ...problems(400),
      },
    }),
    async (request, reply) => {
      const parsed = Query.safeParse(request.query);
      if (!parsed.success) {
        return sendProblem(reply, invalidInput(parsed.error, 'bad-query', 'Invalid query', 'query'));
      }
      const { session, after, wait } = parsed.data;
      const beyond = beyondRefusal(after, 'after');
      if (beyond) return sendProblem(reply, beyond);
      await opts.catchUp?.(session);
      const deadline = Date.now() + wait * 1000;
      let due = outbox.dueFor(session, after, sessionNow(session), MAX_BATCH);
      while (due.length === 0 && Date.now() < deadline && !request.raw.destroyed) {
        await sleep(Math.min(pollMs, deadline - Date.now()));
        due = outbox.dueFor(session, after, sessionNow(session), MAX_BATCH);
      }
      const next = due.at(-1)?.seq ?? after;
      const pending = outbox.nextDueAt(session, next);
      return {
        messages: due.map(view),
        next,
        ...(pending && { nextDueAt: pending.toISOString() }),
        links: { next: `/v1/messages?${new URLSearchParams({ session, after: String(next), wait: String(wait) })}` },
      };
    },
  );

  app.get(
    '/v1/messages/stream',
    documented({
      summary: "A session's unsolicited messages as they fall due (server-sent events)",
      description: 'Each event is `message`, its id the sequence number and its data the message. Last-Event-ID (or ?after=) resumes after that sequence number.',
      tags: ['messages'],
      query: Query.omit({ wait: true }),
      headers: z.object({ 'last-event-id': z.string().regex(/^\d+$/).optional().describe('the sequence number of the last message received') }),
      responses: {
        200: eventStream('event: message, id: <seq>, data: <message JSON>'),
        ...problems(400),
      },
    }),
    async (request, reply) => {
      const parsed = Query.safeParse(request.query);
      if (!parsed.success) {
        return sendProblem(reply, invalidInput(parsed.error, 'bad-query', 'Invalid query', 'query'));
      }
      const { session } = parsed.data;
      const header = request.headers['last-event-id'];
      const lastEventId = typeof header === 'string' ? header : undefined;
      // Event ids here are sequence numbers; anything else would silently replay the whole outbox.
      if (lastEventId !== undefined && !/^\d+$/.test(lastEventId)) {
        return sendProblem(
          reply,
          problem(400, 'unknown-cursor', UNKNOWN_CURSOR, `Last-Event-ID "${lastEventId}" is not one of this stream's event ids (sequence numbers such as 42); reconnect without it, or with ?after=<seq>.`),
        );
      }
      let after = lastEventId === undefined ? parsed.data.after : Number(lastEventId);
      const beyond = beyondRefusal(after, lastEventId === undefined ? 'after' : 'Last-Event-ID');
      if (beyond) return sendProblem(reply, beyond);
      const end = openEventStream(request, reply, {
        greeting: 'ace-mock messages',
        pollMs,
        heartbeatMs,
        pump: (stream) =>
          sendPages(
            () => outbox.dueFor(session, after, sessionNow(session), MAX_BATCH),
            MAX_BATCH,
            (m) => {
              after = m.seq;
              return stream.send('message', m.seq, view(m));
            },
          ),
      });
      track(end, request);
    },
  );
};
