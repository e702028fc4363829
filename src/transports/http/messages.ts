import type { FastifyPluginAsync } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Outbox, OutboxMessage } from '../../store/outbox.js';
import { problem, sendProblem } from './problem.js';

export interface MessageRoutesOptions {
  readonly outbox: Outbox;
  readonly clock: () => Date;
  /** How often a waiting request or stream looks for newly due messages (ms). */
  readonly pollMs?: number;
}

const MAX_BATCH = 100;

const Query = z
  .object({
    session: z.string().min(1, 'session is the filer code (default session) or your X-ACE-Session'),
    after: z.coerce.number().int().min(0).default(0),
    wait: z.coerce.number().min(0).max(60).default(0),
  })
  .strict();

const view = (m: OutboxMessage) => ({
  seq: m.seq,
  deliverAt: m.deliverAt,
  exchangeId: m.exchangeId,
  filer: m.filer,
  summary: m.summary,
  records: m.records,
});

/**
 * Unsolicited output (UC status notifications) for HTTP filers: `GET /v1/messages` returns what is
 * due after a sequence number, waiting up to `wait` seconds for the next one (long poll);
 * `GET /v1/messages/stream` pushes them as server-sent events. Over MQ they go to the filer's
 * notification queue instead.
 */
export const messageRoutes: FastifyPluginAsync<MessageRoutesOptions> = async (app, opts) => {
  const { outbox, clock } = opts;
  const pollMs = opts.pollMs ?? 200;
  const streams = new Set<() => void>();
  // Streams never end on their own: end them when the server closes, so shutdown does not wait.
  app.addHook('onClose', async () => {
    for (const end of streams) end();
  });

  app.get('/v1/messages', async (request, reply) => {
    const parsed = Query.safeParse(request.query);
    if (!parsed.success) {
      return sendProblem(reply, problem(400, 'bad-query', 'Invalid query', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')));
    }
    const { session, after, wait } = parsed.data;
    const deadline = Date.now() + wait * 1000;
    let due = outbox.dueFor(session, after, clock(), MAX_BATCH);
    while (due.length === 0 && Date.now() < deadline && !request.raw.destroyed) {
      await sleep(Math.min(pollMs, deadline - Date.now()));
      due = outbox.dueFor(session, after, clock(), MAX_BATCH);
    }
    const next = due.at(-1)?.seq ?? after;
    const pending = outbox.nextDueAt(session, next);
    return {
      messages: due.map(view),
      next,
      ...(pending && { nextDueAt: pending.toISOString() }),
      links: { next: `/v1/messages?${new URLSearchParams({ session, after: String(next), wait: String(wait) })}` },
    };
  });

  app.get('/v1/messages/stream', async (request, reply) => {
    const parsed = Query.safeParse(request.query);
    if (!parsed.success) {
      return sendProblem(reply, problem(400, 'bad-query', 'Invalid query', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')));
    }
    const { session } = parsed.data;
    let after = Number(request.headers['last-event-id'] ?? parsed.data.after) || 0;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': ace-mock messages\n\n');
    const timer = setInterval(() => {
      for (const m of outbox.dueFor(session, after, clock(), MAX_BATCH)) {
        res.write(`id: ${m.seq}\nevent: message\ndata: ${JSON.stringify(view(m))}\n\n`);
        after = m.seq;
      }
    }, pollMs);
    const end = (): void => {
      clearInterval(timer);
      streams.delete(end);
      res.end();
    };
    streams.add(end);
    request.raw.on('close', end);
  });
};
