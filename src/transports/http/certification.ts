import type { FastifyPluginAsync } from 'fastify';
import { ReportQuery } from '../../certification/query.js';
import type { CertificationRehearsal } from '../../certification/rehearsal.js';
import { ReportQueryError } from '../../certification/report.js';
import { invalidInput, problem, sendProblem } from './problem.js';

export interface CertificationRoutesOptions {
  readonly certification: CertificationRehearsal;
}

const TITLE = 'Invalid certification report query';

/**
 * `GET /v1/certification/report`: would CBP certify this filer, from what the journal holds;
 * `GET /v1/certification/plans` and `/criteria`: what a rehearsal must show and the thresholds it is judged by.
 */
export const certificationRoutes: FastifyPluginAsync<CertificationRoutesOptions> = async (app, { certification }) => {
  app.get('/v1/certification/report', async (request, reply) => {
    const parsed = ReportQuery.safeParse(request.query);
    if (!parsed.success) return sendProblem(reply, invalidInput(parsed.error, 'bad-query', TITLE, 'query'));
    try {
      return await certification.report(parsed.data);
    } catch (err) {
      if (err instanceof ReportQueryError) return sendProblem(reply, problem(400, 'bad-query', TITLE, err.message));
      throw err;
    }
  });

  app.get('/v1/certification/plans', async () => ({
    plans: [...certification.plans.values()].map((p) => ({ id: p.id, title: p.title, description: p.description, source: p.source, items: p.items.map((i) => ({ id: i.id, title: i.title })) })),
  }));

  app.get('/v1/certification/criteria', async () => certification.criteria);
};
