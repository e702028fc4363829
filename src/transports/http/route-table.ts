import type { FastifyInstance, RouteOptions } from 'fastify';

/** A registered route as the table keeps it: its method and URL pattern (`/v1/transmissions/:id`). */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
}

/** `/v1/sessions/:session/clock` → a pattern matching `/v1/sessions/B76/clock`. */
function patternOf(url: string): RegExp {
  const escaped = url.split(/(:[A-Za-z0-9_]+)/).map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${escaped.join('')}$`);
}

/**
 * Every route of a server, recorded as it is registered (an onRoute hook, so it must be made before
 * the routes are): what answers 405 with the methods a path does take, and what the OpenAPI test
 * checks the description against.
 */
export class RouteTable {
  private readonly routes: { entry: RouteEntry; pattern: RegExp }[] = [];

  constructor(app: FastifyInstance) {
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) this.routes.push({ entry: { method, url: route.url }, pattern: patternOf(route.url) });
    });
  }

  all(): readonly RouteEntry[] {
    return this.routes.map((r) => r.entry);
  }

  /** The methods some route takes at this path (no query string), sorted; empty when none does. */
  methodsAt(path: string): string[] {
    return [...new Set(this.routes.filter((r) => r.pattern.test(path)).map((r) => r.entry.method))].sort();
  }
}
