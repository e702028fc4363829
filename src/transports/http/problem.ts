import type { FastifyReply } from 'fastify';

/** An RFC 9457 problem document: says what is wrong and what to do about it. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [extra: string]: unknown;
}

export function problem(status: number, slug: string, title: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `urn:ace-mock:problem:${slug}`, title, status, detail, ...extra };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}
