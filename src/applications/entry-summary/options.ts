import { z } from 'zod';

/**
 * Choices where CBP's documents are silent or where users want a stricter mock.
 * - `actionPolicy: cbp` follows the CATAIR: add and replace are interchangeable (an add of an entry
 *   on file replaces it, a replace of an unknown entry adds it). `strict` rejects an add of an entry
 *   on file (M01) and a replace of an unknown or deleted one (M02).
 * - `lineOrder: ascending` rejects line numbers that go down (M03); CBP documents only duplicates.
 * - `pscWindowDays`: a PSC must come within this many days of the entry's first acceptance (B48).
 */
export const EntrySummaryOptions = z
  .object({
    actionPolicy: z.enum(['cbp', 'strict']).default('cbp'),
    lineOrder: z.enum(['ascending', 'any']).default('ascending'),
    pscWindowDays: z.number().int().positive().default(300),
  })
  .strict();
export type EntrySummaryOptions = z.infer<typeof EntrySummaryOptions>;
