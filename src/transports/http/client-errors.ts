import { STATUS_CODES } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { type Problem, problem } from './problem.js';

/** The request errors Fastify raises before a handler runs, in ace-mock's words: a slug, a title, what to do. */
const KNOWN: Readonly<Record<string, (request: FastifyRequest, message: string) => Problem>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: (_r, message) => problem(400, 'bad-json', 'Body is not valid JSON', `${message}. Fix the JSON, or send no Content-Type header with an empty body.`),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    problem(400, 'empty-json', 'Empty JSON body', 'The Content-Type says application/json but the body is empty: send a JSON object (at least {}) or drop the header.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (r) =>
    problem(415, 'unsupported-media-type', 'Unsupported media type', `${r.method} ${r.url} reads application/json; a body of type ${r.headers['content-type'] ?? '(none)'} is not read.`),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    problem(400, 'bad-content-length', 'Content-Length does not match the body', 'The Content-Length header differs from the bytes sent: let the HTTP client set it.'),
  FST_ERR_CTP_INVALID_TYPE: () => problem(400, 'bad-content-type', 'Invalid Content-Type header', 'Send one Content-Type header, e.g. application/json.'),
  FST_ERR_BAD_URL: (r) => problem(400, 'bad-url', 'Malformed URL', `${r.url} is not a valid URL: percent-encode reserved characters (% as %25).`),
};

/** `Unsupported Media Type` → `unsupported-media-type`, the slug of a status with no closer match. */
const slugOf = (title: string): string => title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * A 4xx error raised by Fastify (body parsing, a bad URL …) as an ace-mock problem. Fastify's own
 * codes (FST_ERR_…) are its internals and may change between versions: they never become a problem type.
 */
export function clientErrorProblem(request: FastifyRequest, err: { statusCode?: number; code?: string; message: string }): Problem {
  const known = err.code === undefined ? undefined : KNOWN[err.code];
  if (known) return known(request, err.message);
  const status = err.statusCode ?? 400;
  const title = STATUS_CODES[status] ?? 'Bad Request';
  return problem(status, slugOf(title), title.charAt(0) + title.slice(1).toLowerCase(), err.message);
}
