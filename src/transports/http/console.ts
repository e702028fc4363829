import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** Where `npm run build` puts the console's page, script and styles. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../../dist/console', import.meta.url));

export interface ConsoleRoutesOptions {
  readonly dir?: string;
}

/** The console loads only its own script, styles and API: nothing inline, nothing from elsewhere. */
const CONSOLE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>ace-mock</title>
<h1>ace-mock is running</h1>
<p>The web console has not been built. Run <code>npm run build</code> (or <code>npm start</code>, which builds first), then reload.</p>
<p>The API answers meanwhile: <code>POST /v1/transmissions</code>, <code>GET /v1/transmissions</code>, <code>GET /health</code>.</p>`;

/**
 * The web console at `/`: static files built from `src/console` by `npm run build`. Its data comes
 * from the public API; its controls (arm, reset, reload) from the admin API with its access rules.
 */
export const consoleRoutes: FastifyPluginAsync<ConsoleRoutesOptions> = async (app, opts) => {
  const dir = opts.dir ?? DEFAULT_CONSOLE_DIR;
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', CONSOLE_POLICY);
  });
  if (!existsSync(`${dir}/index.html`)) {
    // The console is a page, not API: hidden from the OpenAPI description, like its static files.
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT));
    return;
  }
  // Files are listed once at start (no wildcard route), so unknown paths still get the API's 404 problem.
  await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: ['index.html'], cacheControl: true, maxAge: 0 });
};
