import type { FastifyPluginAsync } from 'fastify';
import type { Catalog } from '../../catair/catalog.js';
import { inspectTransmission } from '../../catair/inspect.js';
import { sniffTransmission } from '../../catair/sniff.js';
import { documented, json, problems } from './openapi.js';
import { problem, sendProblem } from './problem.js';

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
      responses: { 200: json('The records decoded field by field, and the layout problems found'), ...problems(400, 403, 413) },
    }),
    async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const notCatair = sniffTransmission(body);
      if (notCatair) return sendProblem(reply, problem(400, 'not-catair', notCatair.title, notCatair.detail));
      return inspectTransmission(opts.catalog, body.toString('latin1'), opts.lenient);
    },
  );
};
