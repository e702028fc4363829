import type { FastifyPluginAsync } from 'fastify';
import type { Catalog } from '../../catair/catalog.js';
import { maskSecrets } from '../../catair/decode.js';
import { type Inspection, inspectTransmission } from '../../catair/inspect.js';
import { sniffTransmission } from '../../catair/sniff.js';
import { documented, json, problems } from './openapi.js';
import { problem, sendProblem } from './problem.js';

/** What `POST /v1/inspect` answers: the inspection, and the text as sent with its secret fields starred (for editors to show). */
export type InspectAnswer = Inspection & { readonly masked: string };

export interface InspectRoutesOptions {
  readonly catalog: Catalog;
  readonly lenient: boolean;
  readonly bodyLimit: number;
}

/**
 * `POST /v1/inspect`: a transmission decoded field by field with its layout problems, without
 * answering it, journaling it or changing state. The console's editor calls it as the user types.
 */
export const inspectRoutes: FastifyPluginAsync<InspectRoutesOptions> = async (app, opts) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (_req, body, done) => done(null, body));

  app.post(
    '/v1/inspect',
    documented({
      summary: 'Decode a transmission and check its layouts, without answering or journaling it',
      tags: ['reference'],
      body: { description: 'the CATAIR transmission, as for POST /v1/transmissions', content: { 'text/plain': { type: 'string' } } },
      responses: { 200: json('The records decoded field by field, the layout problems found, and the text with its secret fields starred (masked)'), ...problems(400, 403, 413) },
    }),
    async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const notCatair = sniffTransmission(body);
      if (notCatair) return sendProblem(reply, problem(400, 'not-catair', notCatair.title, notCatair.detail));
      const text = body.toString('latin1');
      const answer: InspectAnswer = { ...inspectTransmission(opts.catalog, text, opts.lenient), masked: maskSecrets(opts.catalog, text) };
      return answer;
    },
  );
};
