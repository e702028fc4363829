import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import type { Catalog } from '../../catair/catalog.js';
import type { Pipeline } from '../../pipeline.js';
import type { Journal } from '../../store/journal.js';
import { healthRoutes } from './health.js';
import { readinessRoutes, type Unready } from './readiness.js';
import { clientErrorProblem } from './client-errors.js';
import { problem, sendProblem } from './problem.js';
import { openApiRoutes, registerOpenApi } from './openapi.js';
import { RouteTable } from './route-table.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { refuseForeignHosts } from './host-guard.js';
import { refuseCrossSiteWrites } from './same-origin.js';
import { transmissionRoutes } from './transmissions.js';
import { adminRoutes } from './admin.js';
import { messageRoutes } from './messages.js';
import { consoleRoutes } from './console.js';
import { exchangeStreamRoutes } from './exchange-stream.js';
import { inspectRoutes } from './inspect.js';
import { sampleRoutes } from './samples.js';
import { dictionaryRoutes } from './dictionary.js';
import { clockRoutes } from './clock.js';
import { entryRoutes, type EntryRoutesOptions } from './entries.js';
import { certificationRoutes } from './certification.js';
import type { CertificationRehearsal } from '../../certification/rehearsal.js';
import type { SessionClocks } from '../../clock/session-clocks.js';
import type { ScenarioLibrary } from '../../scenarios/library.js';
import type { GroupCommit } from '../../store/group-commit.js';
import type { Outbox } from '../../store/outbox.js';
import type { ScenarioState } from '../../store/scenario-state.js';

export interface HttpDependencies {
  readonly pipeline: Pipeline;
  readonly journal: Journal;
  readonly catalog: Catalog;
  readonly library: ScenarioLibrary;
  readonly state: ScenarioState;
  readonly commits: GroupCommit;
  readonly outbox: Outbox;
  readonly clock: () => Date;
  readonly clocks: SessionClocks;
  readonly certification: CertificationRehearsal;
  /** What the entry routes read and move: each entry's life, its history and scheduled work. */
  readonly entries: Omit<EntryRoutesOptions, 'clocks' | 'commits' | 'adminToken' | 'trustLoopback'>;
  readonly adminToken?: string;
  /** Without an admin token, whether loopback clients may make admin calls (off behind a proxy). */
  readonly trustLoopback: boolean;
  /** More names loopback clients may call the server by (host-guard.ts). */
  readonly allowedHosts: readonly string[];
  /** Other doors' state for /health (the MQ listener). */
  readonly health: () => Record<string, unknown>;
  /** Components that cannot take work yet, for /health/ready (the MQ listener while not connected). */
  readonly readiness: () => readonly Unready[];
  readonly bodyLimit: number;
  /** Right-pad short records (the pipeline's setting), so the editor reports what the pipeline would. */
  readonly lenient: boolean;
  readonly version: string;
  readonly logger: FastifyServerOptions['loggerInstance'];
}

/** The HTTP door: transmissions, journal and health, each a plugin; every error is a problem document. */
export function buildHttpServer(deps: HttpDependencies): FastifyInstance {
  const app = Fastify({
    ...(deps.logger && { loggerInstance: deps.logger }),
    // The transmission route logs one line telling the exchange's story instead of Fastify's two per request.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimit,
    return503OnClosing: true,
    // Errors met before routing (a malformed URL) are problems like any other.
    frameworkErrors: (err, request, reply) => sendProblem(reply, clientErrorProblem(request, err)),
  }) as unknown as FastifyInstance;
  const routes = new RouteTable(app);

  // Streams bypass onSend: openEventStream writes the same headers itself.
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });

  // A web page that rebound its name to this machine must not pass for a local client (host-guard.ts) …
  app.addHook('onRequest', refuseForeignHosts(deps.allowedHosts, deps.trustLoopback));
  // … and a web page of another site must not change state through the user's browser (same-origin.ts).
  app.addHook('onRequest', refuseCrossSiteWrites);

  app.setErrorHandler(async (err: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = err.statusCode ?? 500;
    if (status === 413) {
      const detail = `The body (${request.headers['content-length'] ?? 'unknown'} bytes) is over the limit of ${deps.bodyLimit} bytes (ACE_MOCK_BODY_LIMIT).`;
      // The body was never read; the journal keeps the refusal, with no input bytes.
      const id = await deps.pipeline.recordRefusal({ bytes: Buffer.alloc(0), transport: 'http' }, { title: 'Transmission too large', detail, status });
      return sendProblem(reply, problem(413, 'too-large', 'Transmission too large', detail, { exchange: id }));
    }
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      return sendProblem(reply, problem(500, 'internal', 'Internal error', 'ace-mock failed to answer; the error is in its log.'));
    }
    return sendProblem(reply, clientErrorProblem(request, err));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    const allowed = routes.methodsAt(path);
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, problem(405, 'method-not-allowed', 'Method not allowed', `${path} does not take ${request.method}; it takes ${allowed.join(', ')}.`));
    }
    return sendProblem(
      reply,
      problem(404, 'no-route', 'No such endpoint', `${request.method} ${request.url} is not an ace-mock endpoint. Transmissions go to POST /v1/transmissions.`),
    );
  });

  const startedAt = new Date();
  registerOpenApi(app, deps.version);
  app.register(openApiRoutes);
  app.register(healthRoutes, { version: deps.version, startedAt, components: deps.health });
  app.register(readinessRoutes, { readiness: deps.readiness });
  app.register(transmissionRoutes, { pipeline: deps.pipeline, journal: deps.journal, catalog: deps.catalog, outbox: deps.outbox, bodyLimit: deps.bodyLimit });
  app.register(adminRoutes, {
    library: deps.library,
    state: deps.state,
    commits: deps.commits,
    clock: deps.clock,
    clocks: deps.clocks,
    ...(deps.adminToken !== undefined && { token: deps.adminToken }),
    trustLoopback: deps.trustLoopback,
  });
  const admin = { ...(deps.adminToken !== undefined && { adminToken: deps.adminToken }), trustLoopback: deps.trustLoopback };
  app.register(clockRoutes, { clocks: deps.clocks, commits: deps.commits, ...admin });
  app.register(entryRoutes, { ...deps.entries, clocks: deps.clocks, commits: deps.commits, ...admin });
  app.register(messageRoutes, { outbox: deps.outbox, sessionNow: (session) => deps.clocks.now(session), catchUp: (session) => deps.entries.scheduler.catchUp(session) });
  app.register(exchangeStreamRoutes, { journal: deps.journal });
  app.register(inspectRoutes, { catalog: deps.catalog, lenient: deps.lenient, bodyLimit: deps.bodyLimit });
  app.register(sampleRoutes);
  app.register(dictionaryRoutes, { dictionary: deps.catalog.dictionary });
  app.register(certificationRoutes, { certification: deps.certification });
  app.register(consoleRoutes);
  return app;
}
