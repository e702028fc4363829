import type { FastifyPluginAsync } from 'fastify';
import { ReportQuery } from '../../certification/query.js';
import type { CertificationRehearsal } from '../../certification/rehearsal.js';
import { ReportQueryError } from '../../certification/report.js';
import { documented, json, problems } from './openapi.js';
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
  app.get(
    '/v1/certification/report',
    documented({
      summary: 'Would CBP certify this filer: volume, errors, repetitive errors and a verdict per program, from the journal',
      description:
        "Judged against the criteria file (GET /v1/certification/criteria), each threshold citing the page of CBP's ABI requirements it comes from; with plan, a rehearsal plan is ticked off. docs/certification.md explains every field.",
      tags: ['certification'],
      query: ReportQuery,
      responses: { 200: json('The report: programs with days, totals, conditions, repeated errors and verdict; the plan; wouldPass and summary lines'), ...problems(400) },
    }),
    async (request, reply) => {
      const parsed = ReportQuery.safeParse(request.query);
      if (!parsed.success) return sendProblem(reply, invalidInput(parsed.error, 'bad-query', TITLE, 'query'));
      try {
        return await certification.report(parsed.data);
      } catch (err) {
        if (err instanceof ReportQueryError) return sendProblem(reply, problem(400, 'bad-query', TITLE, err.message));
        throw err;
      }
    },
  );

  app.get(
    '/v1/certification/plans',
    documented({ summary: 'The rehearsal plans: what a team must show, item by item', tags: ['certification'], responses: { 200: json('{plans: [{id, title, description, source, items}]}') } }),
    async () => ({
      plans: [...certification.plans.values()].map((p) => ({ id: p.id, title: p.title, description: p.description, source: p.source, items: p.items.map((i) => ({ id: i.id, title: i.title })) })),
    }),
  );

  app.get(
    '/v1/certification/criteria',
    documented({ summary: 'The thresholds the report judges by, each with its source', tags: ['certification'], responses: { 200: json('The criteria file as loaded') } }),
    async () => certification.criteria,
  );
};
