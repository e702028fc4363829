import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Problem, problem, sendProblem } from './problem.js';

/** Methods that change state (reset, arm, clock moves, transmissions); reads stay open. */
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const firstValue = (header: string | string[] | undefined): string | undefined => (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase();

/**
 * Why a state-changing request is refused, if it is: it came from a web page of another site. A
 * browser names the page's origin on every cross-site POST, including the text/plain ones it sends
 * without a preflight, so a page could otherwise reset a session or file a transmission through the
 * user's browser. Requests without an Origin (curl, filer software, the MQ door's tools) pass. The
 * request's own host is its Host, or the X-Forwarded-Host a proxy set: a page cannot set that header
 * on a cross-site request without a CORS preflight, which ace-mock never grants.
 */
export function crossSiteRefusal(method: string, url: string, headers: FastifyRequest['headers']): Problem | undefined {
  const origin = headers.origin;
  if (!WRITES.has(method) || origin === undefined) return undefined;
  const originHost = URL.canParse(origin) ? new URL(origin).host : undefined;
  const ownHosts = [firstValue(headers.host), firstValue(headers['x-forwarded-host'])];
  if (originHost !== undefined && originHost !== '' && ownHosts.includes(originHost)) return undefined;
  return problem(
    403,
    'cross-origin',
    'Cross-site request refused',
    `${method} ${url} came from a web page at ${origin}, not from ace-mock's own console at ${headers.host ?? 'this server'}: pages of other sites may not change ace-mock's state or send transmissions through your browser. Use the console, or call from a program that sends no Origin header (curl, filer software).`,
  );
}

/** An onRequest hook for the whole server: every state-changing route is guarded, today's and tomorrow's. */
export async function refuseCrossSiteWrites(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const refusal = crossSiteRefusal(request.method, request.url, request.headers);
  return refusal ? sendProblem(reply, refusal) : undefined;
}
