import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { CertificationRehearsal } from '../../certification/rehearsal.js';
import { ReportQueryError } from '../../certification/report.js';
import { invalidInput, problem, sendProblem } from './problem.js';

export interface CertificationRoutesOptions {
  readonly certification: CertificationRehearsal;
}

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a business day, YYYY-MM-DD');

const ReportQuery = z
  .object({
    filer: z.string().regex(/^[A-Z0-9]{3}$/i, 'filer is a 3-character filer code').optional(),
    application: z.string().min(2).max(40).optional(),
    port: z.string().regex(/^\d{4}$/, 'port is a 4-digit Schedule D port code').optional(),
    session: z.string().min(1).optional(),
    from: Day.optional(),
    to: Day.optional(),
    days: z.coerce.number().int().min(1).max(366).optional(),
    plan: z.string().min(1).optional(),
    monthlyVolume: z.coerce.number().int().min(1).optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from is after to', path: ['from'] });

/**
 * `GET /v1/certification/report`: would CBP certify this filer, from what the journal holds;
 * `GET /v1/certification/plans` and `/criteria`: what a rehearsal must show and the thresholds it is judged by.
 */
export const certificationRoutes: FastifyPluginAsync<CertificationRoutesOptions> = async (app, { certification }) => {
  app.get('/v1/certification/report', async (request, reply) => {
    const parsed = ReportQuery.safeParse(request.query);
    if (!parsed.success) return sendProblem(reply, invalidInput(parsed.error, 'bad-query', 'Invalid certification report query', 'query'));
    const q = parsed.data;
    try {
      return await certification.report({
        ...(q.filer !== undefined && { filer: q.filer.toUpperCase() }),
        ...(q.application !== undefined && { application: q.application }),
        ...(q.port !== undefined && { port: q.port }),
        ...(q.session !== undefined && { session: q.session }),
        ...(q.from !== undefined && { from: q.from }),
        ...(q.to !== undefined && { to: q.to }),
        ...(q.days !== undefined && { days: q.days }),
        ...(q.plan !== undefined && { plan: q.plan }),
        ...(q.monthlyVolume !== undefined && { monthlyVolume: q.monthlyVolume }),
      });
    } catch (err) {
      if (err instanceof ReportQueryError) return sendProblem(reply, problem(400, 'bad-query', 'Invalid certification report query', err.message));
      throw err;
    }
  });

  app.get('/v1/certification/plans', async () => ({
    plans: [...certification.plans.values()].map((p) => ({ id: p.id, title: p.title, description: p.description, source: p.source, items: p.items.map((i) => ({ id: i.id, title: i.title })) })),
  }));

  app.get('/v1/certification/criteria', async () => certification.criteria);
};
