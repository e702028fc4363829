import { join } from 'node:path';
import { z } from 'zod';
import { readYaml, SchemaError } from '../catair/catalog.js';

/** A two-character ACE application id, e.g. AE. */
export const ApplicationId = z.string().regex(/^[A-Z0-9]{2}$/, 'a two-character application id, e.g. AE');

/** A threshold and the page of CBP's text (or the ace-mock choice) it comes from. */
const Cited = <T extends z.ZodType>(value: T) => z.object({ value, source: z.string().min(1) }).strict();
const Rate = Cited(z.number().min(0).max(1));
const Days = Cited(z.number().int().min(1));

const Program = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    /** The application ids whose transactions this program counts. */
    applications: z.array(ApplicationId).min(1),
    source: z.string().min(1),
    minDays: Days.optional(),
    maxErrorRate: Rate,
    repetitiveErrors: z
      .object({
        allowed: z.boolean(),
        /** Only errors not yet corrected count: every entry they were raised on was accepted later. */
        unresolvedOnly: z.boolean().default(false),
        source: z.string().min(1),
      })
      .strict(),
    /** The share of the filer's monthly volume the period must reach: distinct entries filed with `application`. */
    minVolumeShare: z.object({ value: z.number().min(0).max(1), application: ApplicationId, source: z.string().min(1) }).strict().optional(),
    /** What CBP also asks and ace-mock cannot see: listed as "not judged" in every verdict. */
    notJudged: z.array(z.object({ text: z.string().min(1), source: z.string().min(1) }).strict()).default([]),
    qualification: z
      .object({
        days: Days,
        maxDailyErrorRate: Rate,
        fatalConditions: z.object({ codes: z.array(z.string().min(1)).min(1), source: z.string().min(1) }).strict(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Program = z.infer<typeof Program>;

const Criteria = z
  .object({
    repetitive: z
      .object({ minTransactions: z.number().int().min(2), minDays: z.number().int().min(2), source: z.string().min(1) })
      .strict(),
    batchRejectionCountsAs: Cited(z.number().int().min(0)),
    programs: z.array(Program).min(1),
  })
  .strict();
export type Criteria = z.infer<typeof Criteria>;

/** The shipped criteria: `<schemas>/certification/criteria.yaml`. */
export function defaultCriteriaPath(schemas: string): string {
  return join(schemas, 'certification', 'criteria.yaml');
}

/** Reads and checks a criteria file; a bad one is a SchemaError naming the file and each problem. */
export function loadCriteria(path: string): Criteria {
  const criteria = readYaml(path, Criteria);
  const seen = new Map<string, string>();
  for (const program of criteria.programs) {
    for (const app of program.applications) {
      const other = seen.get(app);
      if (other !== undefined) throw new SchemaError(`${path}: application ${app} is counted by both ${other} and ${program.id}; give each application to one program`);
      seen.set(app, program.id);
    }
  }
  return criteria;
}
