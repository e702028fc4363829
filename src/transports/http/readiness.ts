import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { MqHealth } from '../mq/listener.js';
import { documented, json, problems } from './openapi.js';
import { problem, sendProblem } from './problem.js';

/** One component that cannot take work yet, and why. */
export interface Unready {
  /** The component, e.g. `mq`. */
  readonly component: string;
  /** What is wrong and what to look at, in a sentence. */
  readonly detail: string;
  /** The component's own state (for MQ: status, lastReason, lastError …). */
  readonly state: Readonly<Record<string, unknown>>;
}

interface ReadinessOptions {
  /** The components that are not ready now; empty when ace-mock can take work at every door. */
  readonly readiness: () => readonly Unready[];
}

/**
 * `GET /health/ready`: 200 when every enabled door can take work, else 503 with a problem document
 * naming each component that cannot and why. `/health` stays the liveness check (the process
 * answers); orchestrators route traffic on this one.
 */
export const readinessRoutes: FastifyPluginAsync<ReadinessOptions> = async (app, opts) => {
  app.get(
    '/health/ready',
    documented({ summary: 'Readiness: every enabled door can take work', tags: ['health'], responses: { 200: json('Every enabled door can take work', z.object({ status: z.literal('ready') })), ...problems(503) } }),
    async (_request, reply) => {
      const unready = opts.readiness();
      if (unready.length === 0) return { status: 'ready' };
      return sendProblem(
        reply,
        problem(503, 'not-ready', 'Not ready', unready.map((u) => u.detail).join(' '), {
          unready: Object.fromEntries(unready.map((u) => [u.component, u.state])),
        }),
      );
    },
  );
};

/** The MQ door's readiness: none when MQ is off (`health` undefined) or connected. */
export function mqReadiness(health: Pick<MqHealth, 'status' | 'queueManager' | 'requestQueue' | 'since' | 'lastReason' | 'lastError'> | undefined): Unready[] {
  if (health === undefined || health.status === 'connected') return [];
  const why = health.lastReason ?? health.lastError;
  const detail = (() => {
    switch (health.status) {
      case 'client-library-missing':
        return `The MQ listener is off: the IBM MQ client library cannot be loaded (${health.lastError ?? 'no detail'}); install the MQ client or run ace-mock from its image.`;
      case 'stopped':
        return 'The MQ listener has stopped: ace-mock is shutting down.';
      default:
        return `The MQ listener is ${health.status}, not yet reading ${health.requestQueue} on ${health.queueManager}${why !== undefined ? ` (last failure: ${why})` : ''}; check ACE_MOCK_MQ_HOST, ACE_MOCK_MQ_PORT, ACE_MOCK_MQ_QMGR and ACE_MOCK_MQ_CHANNEL, the user and password file, and that the queue exists.`;
    }
  })();
  const { status, lastReason, lastError, since } = health;
  return [{ component: 'mq', detail, state: { status, since, ...(lastReason !== undefined && { lastReason }), ...(lastError !== undefined && { lastError }) } }];
}
