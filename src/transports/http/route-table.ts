import type { FastifyInstance, RouteOptions } from 'fastify';

/** `/v1/sessions/:session/clock` → a pattern matching `/v1/sessions/B76/clock`. */
function patternOf(url: string): RegExp {
  const parts = url.split(/(:[A-Za-z0-9_]+)/).map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${parts.join('')}$`);
}

/**
 * Every route of a server with its method, recorded as it is registered (an onRoute hook, so the
 * table must be made before the routes are): what a 405 answer names in its Allow header.
 */
export class RouteTable {
  private readonly routes: { method: string; pattern: RegExp }[] = [];

  constructor(app: FastifyInstance) {
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) this.routes.push({ method, pattern: patternOf(route.url) });
    });
  }

  /** The methods some route takes at this path (no query string), sorted; empty when none does. */
  methodsAt(path: string): string[] {
    return [...new Set(this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method))].sort();
  }
}
