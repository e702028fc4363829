import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { documented, json, problems } from './openapi.js';
import { problem, sendProblem } from './problem.js';

/** The sample transmissions shipped with ace-mock, described in their folder's `expect.json`. */
export const DEFAULT_SAMPLE_DIR = fileURLToPath(new URL('../../../scenarios/samples', import.meta.url));

const SampleIndex = z.array(z.object({ file: z.string().regex(/^[\w.-]+\.txt$/), title: z.string(), expect: z.array(z.string()) }));

export interface SampleRoutesOptions {
  readonly dir?: string;
}

/**
 * `GET /v1/samples` lists the shipped sample transmissions; `GET /v1/samples/:file` returns one as
 * text. The console composes from them; filers can fetch one to try their client against.
 */
export const sampleRoutes: FastifyPluginAsync<SampleRoutesOptions> = async (app, opts) => {
  const dir = opts.dir ?? DEFAULT_SAMPLE_DIR;
  const index = SampleIndex.parse(JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')));
  const byFile = new Map(index.map((s) => [s.file, s]));

  app.get(
    '/v1/samples',
    documented({
      summary: 'The sample transmissions shipped with ace-mock',
      tags: ['reference'],
      responses: { 200: json('The samples', z.object({ samples: z.array(z.object({ file: z.string(), title: z.string(), links: z.object({ self: z.string() }) })) })) },
    }),
    async () => ({
      samples: index.map((s) => ({ file: s.file, title: s.title, links: { self: `/v1/samples/${s.file}` } })),
    }),
  );

  app.get<{ Params: { file: string } }>(
    '/v1/samples/:file',
    documented({
      summary: 'One sample transmission',
      tags: ['reference'],
      params: z.object({ file: z.string().describe('a file name from GET /v1/samples') }),
      responses: { 200: { description: 'The transmission', content: { 'text/plain': { type: 'string' } } }, ...problems(404) },
    }),
    async (request, reply) => {
      // Only files named in the index are served: the name never reaches the file system otherwise.
      const sample = byFile.get(request.params.file);
      if (!sample) {
        return sendProblem(reply, problem(404, 'no-sample', 'No such sample', `No sample "${request.params.file}"; GET /v1/samples lists them.`));
      }
      return reply.type('text/plain; charset=us-ascii').send(readFileSync(join(dir, sample.file)));
    },
  );
};
