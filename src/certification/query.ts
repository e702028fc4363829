import { z } from 'zod';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a business day, YYYY-MM-DD');

/** What a certification report covers, as the API and the command line take it; every part narrows it. */
export const ReportQuery = z
  .object({
    filer: z
      .string()
      .regex(/^[A-Z0-9]{3}$/i, 'filer is a 3-character filer code')
      .transform((f) => f.toUpperCase())
      .optional(),
    /** A program id (`cargo-release`) or an application id (`SE`). */
    application: z.string().min(2).max(40).optional(),
    port: z.string().regex(/^\d{4}$/, 'port is a 4-digit Schedule D port code').optional(),
    session: z.string().min(1).optional(),
    /** Business days, inclusive. */
    from: Day.optional(),
    to: Day.optional(),
    /** For each program, only its last N business days with transmissions (up to `to`, or its newest). */
    days: z.coerce.number({ error: 'days is a whole number of days, e.g. 3' }).int('days is a whole number of days, e.g. 3').min(1, 'days is at least 1').max(366).optional(),
    /** A plan id to tick off. */
    plan: z.string().min(1).optional(),
    /** The filer's monthly entry summary volume, to judge REQ-5's 90 percent. */
    monthlyVolume: z.coerce.number({ error: 'monthlyVolume is a number of entry summaries, e.g. 400' }).int('monthlyVolume is a whole number').min(1, 'monthlyVolume is at least 1').optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from is after to', path: ['from'] });
export type ReportQuery = z.output<typeof ReportQuery>;
