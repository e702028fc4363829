import type { FastifyPluginAsync } from 'fastify';

export interface HealthOptions {
  readonly version: string;
  readonly startedAt: Date;
  /** Extra components report here (the MQ listener, later). */
  readonly components: () => Record<string, unknown>;
}

/** `GET /health`: 200 while the server can take transmissions. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, opts) => {
  app.get('/health', async () => ({
    status: 'ok',
    version: opts.version,
    uptimeSeconds: Math.round((Date.now() - opts.startedAt.getTime()) / 1000),
    ...opts.components(),
  }));
};
