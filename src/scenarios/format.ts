import { z } from 'zod';

/**
 * The scenario file format (YAML in `scenarios/`). The JSON Schema generated from it is
 * `schemas/scenario.schema.json` (`npm run schema`), so editors can complete and check files.
 * It holds every part any application offers; which parts a scenario may use is declared by the
 * application it answers (support.ts) and checked when the file loads.
 */

const conditionCode = z.string().regex(/^[A-Z0-9]{3}$/, 'a condition code is 3 characters, e.g. B16 or 27C');

/** Where an answer's condition points: the summary, a line (1-based, in input order), a tariff of a line, the totals. */
export const Target = z
  .union([
    z.enum(['summary', 'totals']),
    z.object({ line: z.number().int().positive(), tariff: z.number().int().positive().optional() }).strict(),
  ])
  .describe('summary, totals, {line: n} or {line: n, tariff: m}; lines and tariffs count from 1 in input order; the application says which it takes');

export const ScriptedCondition = z
  .object({
    code: conditionCode.describe('ACE error dictionary code, or a custom code with its narrative'),
    narrative: z
      .string()
      .max(40)
      .regex(/^[ -`{-~]+$/, 'narratives are upper-case printable ASCII')
      .optional()
      .describe('required for a code not in schemas/error-dictionary.yaml'),
    severity: z.enum(['F', 'W', 'P', 'I']).optional().describe('defaults to the dictionary severity, else F'),
    at: Target.default('summary'),
  })
  .strict();

export const CensusWarning = z
  .object({
    warning: z.string().regex(/^2[78][A-Z]$/, 'a Census warning code such as 27C'),
    line: z.number().int().positive().default(1),
  })
  .strict();

const Millis = z.number().int().min(0).max(600_000);
export const Delay = z.union([Millis, z.object({ min: Millis, max: Millis }).strict()]).describe('milliseconds, or a {min, max} range drawn from a seeded generator');

export const FollowUp = z
  .object({
    after: Millis.describe('milliseconds after the answer'),
    type: z.enum(['UC']).default('UC').describe('the kind of notification, also the application id of the batch it is sent in: UC entry summary status'),
    disposition: z
      .string()
      .regex(/^[0-9A-Z]$/)
      .describe('UC disposition type code (schemas/codes/uc-dispositions.yaml), e.g. 2 entry summary package requested, 4 rejected'),
    reason: z.string().regex(/^\d{3}$/).optional().describe('notification reason code for dispositions 4 and R (schemas/codes/uc-reasons.yaml)'),
    remarks: z.array(z.string().max(78).regex(/^[ -~]+$/)).max(7).default([]).describe('E3 remark records'),
    line: z.number().int().positive().optional().describe('the line the notice is about (1-based, input order)'),
  })
  .strict();

export const Answer = z
  .object({
    outcome: z
      .enum(['accept', 'reject', 'rules'])
      .default('rules')
      .describe('accept: accepted whatever the fatal conditions; reject: rejected; rules: fatal conditions decide; the application says which it offers'),
    conditions: z.array(ScriptedCondition).default([]),
    census: z.array(CensusWarning).default([]).describe('Census warnings to raise (severity W); they stay outstanding until overridden'),
    builtInRules: z.boolean().default(true).describe('run the CBP-faithful rules too (their conditions come first)'),
    entry: z
      .object({
        paid: z.boolean().optional().describe('paid in (a PSC needs it, else B47)'),
        liquidationScheduled: z.boolean().optional().describe('scheduled for liquidation (a PSC needs it, else B45)'),
        liquidationInDays: z
          .number()
          .int()
          .min(0)
          .optional()
          .describe('scheduled to liquidate this many days after this answer (B51 when a PSC comes too close, B50 on the day or after)'),
        liquidated: z.boolean().optional().describe('liquidated (a PSC is refused with B50)'),
        underReview: z.boolean().optional().describe('under CBP review (AE: a PSC is refused with B59; SE: a later replace or cancel is referred to CBP, SE-23..24)'),
        suspension: z
          .union([z.string().regex(/^\d\d$/), z.literal('none')])
          .optional()
          .describe('liquidation extended or suspended, with this status code (schemas/codes/extension-suspension-statuses.yaml); a suspension other than AD/CVD (43, 44, 45) refuses a PSC with B60; none lifts it'),
        tibClosed: z.boolean().optional().describe('a type 23 (TIB) summary closed as of this answer (a PSC is refused with B69); false takes the close date away'),
        tibClosesInDays: z.number().int().min(0).optional().describe('a type 23 (TIB) summary closes this many days after this answer (B69 from that day on)'),
        additionalDuty: z.boolean().optional().describe('CBP added a non-standard duty such as marking duty (a PSC is refused with B71)'),
      })
      .strict()
      .optional()
      .describe('marks the entry on file, e.g. paid and scheduled for liquidation so that a later PSC is accepted'),
    delay: Delay.optional(),
    followUps: z.array(FollowUp).default([]).describe('notifications queued when the transaction is accepted'),
  })
  .strict();

export const StepGuard = z
  .object({
    transmission: z.number().int().positive().optional().describe('the n-th transmission of this entry under this scenario (1-based)'),
    action: z.enum(['A', 'R', 'D', 'U']).optional().describe("the transaction's action code (AE: A, R, D; SE also U, update)"),
    psc: z.boolean().optional(),
    overrides: z
      .union([z.enum(['none', 'any']), z.array(z.string().regex(/^\d\d$/))])
      .optional()
      .describe('none: no CW02 override in the transmission; any: at least one; [codes]: one of these override codes'),
  })
  .strict();

export const Step = z
  .object({
    when: StepGuard.default({}),
    answer: Answer,
    note: z.string().optional(),
  })
  .strict();

const FieldMatch = z.union([
  z.string(),
  z.object({ equals: z.string() }).strict(),
  z.object({ prefix: z.string() }).strict(),
  z.object({ regex: z.string() }).strict(),
]);

export const ScenarioFile = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case words joined by hyphens'),
    title: z.string().min(1),
    application: z
      .string()
      .regex(/^[A-Z0-9$]{2}$/, 'an input application id, e.g. AE, CW or CJ')
      .default('AE')
      .describe('the input application whose transactions the scenario answers, e.g. AE (entry summary, the default), CW (Census override), CJ (Census query); each application says which parts of a scenario it offers'),
    description: z.string().optional(),
    certification: z
      .string()
      .regex(/^\d{3}$/)
      .optional()
      .describe('CBP certification scenario number: chosen when "SCENARIO nnn" is in B 60-80 or the broker reference'),
    match: z
      .record(z.string().regex(/^[A-Z0-9]{2,4}\.[a-z][A-Za-z0-9]*$|^[a-z][A-Za-z0-9]*$/), FieldMatch)
      .optional()
      .describe('field → value (exact), {prefix}, or {regex}; all must match. Fields: record.field of a record the application reads (e.g. "11.importerNumber", "50.hts", "CW01.entryNumber") or one of its aliases'),
    priority: z.number().int().default(0).describe('among matching scenarios, the highest priority wins (then file name order)'),
    steps: z.array(Step).min(1),
    afterLastStep: z.enum(['repeat-last', 'cycle', 'built-in']).default('repeat-last'),
  })
  .strict();
export type ScenarioFile = z.infer<typeof ScenarioFile>;
export type Answer = z.infer<typeof Answer>;
export type Step = z.infer<typeof Step>;
