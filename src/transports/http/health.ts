import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { documented, json } from './openapi.js';

export interface HealthOptions {
  readonly version: string;
  readonly startedAt: Date;
  /** Extra components report here (the MQ listener, later). */
  readonly components: () => Record<string, unknown>;
}

/** `GET /health`: 200 while the server can take transmissions. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, opts) => {
  app.get(
    '/health',
    documented({
      summary: 'Liveness: the process answers',
      tags: ['health'],
      responses: {
        200: json(
          'The process answers',
          z.object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number().int() }).catchall(z.unknown()).describe("and each other door's state, e.g. mq"),
        ),
      },
    }),
    async () => ({
      status: 'ok',
      version: opts.version,
      uptimeSeconds: Math.round((Date.now() - opts.startedAt.getTime()) / 1000),
      ...opts.components(),
    }),
  );
};
