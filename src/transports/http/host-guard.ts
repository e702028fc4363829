import type { FastifyReply, FastifyRequest } from 'fastify';
import { hostNameOf, isLoopbackAddress, servedName } from './loopback.js';
import { type Problem, problem, sendProblem } from './problem.js';

/**
 * Why a loopback client's request is refused, if it is: it names this server by a name that is not
 * one of its own. That is how a web page arrives after rebinding its site's name to 127.0.0.1 (DNS
 * rebinding): its Origin then matches its Host, and the loopback trust would open the admin calls
 * to it. Clients from other machines are not concerned, nor a server that does not trust loopback.
 */
export function foreignHostRefusal(remoteAddress: string | undefined, host: string | undefined, allowed: readonly string[], trustLoopback: boolean): Problem | undefined {
  if (!trustLoopback || !isLoopbackAddress(remoteAddress) || host === undefined) return undefined;
  const name = hostNameOf(host);
  if (servedName(name, allowed)) return undefined;
  return problem(
    421,
    'foreign-host',
    'Not a name of this server',
    `This request came from this machine but names the server "${name}", which is not one of its names (localhost, 127.0.0.1, [::1], this machine's name): a web page that pointed its own name at this machine would look like this. Call it by one of those names, or, if a proxy on this machine forwards another name, list it in ACE_MOCK_ALLOWED_HOSTS.`,
  );
}

/** An onRequest hook for the whole server (see foreignHostRefusal). */
export function refuseForeignHosts(allowed: readonly string[], trustLoopback: boolean) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const refusal = foreignHostRefusal(request.socket.remoteAddress, request.headers.host, allowed, trustLoopback);
    return refusal ? sendProblem(reply, refusal) : undefined;
  };
}
