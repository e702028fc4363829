import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ConditionStatus, type DictionaryRecord, type ErrorDictionary } from '../../catair/dictionary.js';
import { documented, json, problems } from './openapi.js';
import { invalidInput, problem, sendProblem } from './problem.js';

export interface DictionaryRoutesOptions {
  readonly dictionary: ErrorDictionary;
}

const ListQuery = z
  .object({
    q: z.string().min(1).max(100).optional(),
    status: ConditionStatus.optional(),
  })
  .strict();

const OneQuery = z
  .object({ application: z.string().regex(/^[A-Z0-9$%]{2}$/i, 'application is a 2-character application id, e.g. CL').optional() })
  .strict();

/** A record as the API shows it: every field present, null where the dictionary has nothing. */
function shown(r: DictionaryRecord): Record<string, unknown> {
  return {
    code: r.code,
    ...(r.application !== undefined && { application: r.application }),
    narrative: r.narrative ?? null,
    severity: r.severity ?? null,
    status: r.status,
    explanation: r.explanation ?? null,
    source: r.source,
    ...(r.updated !== undefined && { updated: r.updated }),
    ...(r.note !== undefined && { note: r.note }),
  };
}

/**
 * `GET /v1/dictionary` lists the ACE error dictionary (optionally filtered by text and status);
 * `GET /v1/dictionary/:code` shows one code, in an answering application's meaning with
 * `?application=`.
 */
export const dictionaryRoutes: FastifyPluginAsync<DictionaryRoutesOptions> = async (app, { dictionary }) => {
  app.get(
    '/v1/dictionary',
    documented({
      summary: 'The ACE error dictionary',
      tags: ['reference'],
      query: ListQuery,
      responses: { 200: json('Every condition code that matches', z.object({ count: z.number().int(), conditions: z.array(z.object({}).loose()) })), ...problems(400) },
    }),
    async (request, reply) => {
      const parsed = ListQuery.safeParse(request.query);
      if (!parsed.success) return sendProblem(reply, invalidInput(parsed.error, 'bad-query', 'Invalid dictionary query', 'query'));
      const { q, status } = parsed.data;
      const needle = q?.toLowerCase();
      const conditions = dictionary
        .list()
        .filter((r) => status === undefined || r.status === status)
        .filter((r) => needle === undefined || [r.code, r.narrative, r.explanation].some((text) => text?.toLowerCase().includes(needle)))
        .map(shown);
      return { count: conditions.length, conditions };
    },
  );

  app.get<{ Params: { code: string } }>(
    '/v1/dictionary/:code',
    documented({
      summary: 'One condition code',
      tags: ['reference'],
      params: z.object({ code: z.string().describe('a condition code, e.g. B16') }),
      query: OneQuery,
      responses: { 200: json('The condition: narrative, severity, status, explanation, source'), ...problems(400, 404) },
    }),
    async (request, reply) => {
      const parsed = OneQuery.safeParse(request.query);
      if (!parsed.success) return sendProblem(reply, invalidInput(parsed.error, 'bad-query', 'Invalid dictionary query', 'query'));
      const code = request.params.code.toUpperCase();
      const application = parsed.data.application?.toUpperCase();
      const record = dictionary.lookup(code, application);
      if (record) return shown(record);
      const elsewhere = dictionary
        .list()
        .filter((r) => r.code === code && r.application !== undefined)
        .map((r) => r.application);
      const detail =
        elsewhere.length > 0
          ? `Condition code ${code} has no common meaning; it is defined for the answers of ${elsewhere.join(', ')}: add ?application=${elsewhere[0]}.`
          : `Condition code ${code} is not in the error dictionary; GET /v1/dictionary lists every code.`;
      return sendProblem(reply, problem(404, 'no-condition', 'No such condition code', detail, { code }));
    },
  );
};
