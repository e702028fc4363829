import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

/** An RFC 9457 problem document: says what is wrong and what to do about it. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [extra: string]: unknown;
}

/** The title of every `unknown-cursor` problem: a page or stream asked to go on from a place ace-mock does not hold (RFC 9457: one title per type). */
export const UNKNOWN_CURSOR = 'Unknown cursor';

export function problem(status: number, slug: string, title: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `urn:ace-mock:problem:${slug}`, title, status, detail, ...extra };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

/** A 400 for a query string or body that failed its schema, naming each bad parameter and why. */
export function invalidInput(error: z.ZodError, slug: string, title: string, whole: string): Problem {
  return problem(400, slug, title, error.issues.map((i) => `${i.path.join('.') || whole}: ${i.message}`).join('; '));
}
