import { z } from 'zod';
import { DAY_MS, parseDuration } from '../clock/duration.js';
import { ADVANCE_TARGETS, type AdvanceTarget } from '../applications/entry-summary/entry-life/stages.js';

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

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS };

/** When a follow-up is due after the answer: milliseconds, or a duration such as 90s, 30m, 2h or 1d; at most 30 days. */
export const After = z
  .union([z.number().int().min(0), z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a duration is a whole number and a unit: ms, s, m, h or d (e.g. 2h)')])
  .transform((after) => {
    if (typeof after === 'number') return after;
    const [, amount, unit] = /^(\d+)([a-z]+)$/.exec(after) as RegExpExecArray;
    return Number(amount) * (UNIT_MS[unit as string] as number);
  })
  .pipe(z.number().max(30 * DAY_MS, 'a follow-up is due at most 30 days after the answer'))
  .describe('milliseconds after the answer, or a duration such as 90s, 30m, 2h or 1d (at most 30 days)');

export const UcFollowUp = z
  .object({
    after: After,
    type: z.enum(['UC']).default('UC').describe('the kind of notification, also the application id of the batch it is sent in: UC entry summary status (the default), SO cargo release status'),
    disposition: z
      .string()
      .regex(/^[0-9A-Z]$/)
      .describe('UC disposition type code (schemas/codes/uc-dispositions.yaml), e.g. 2 entry summary package requested, 4 rejected'),
    reason: z.string().regex(/^\d{3}$/).optional().describe('notification reason code for dispositions 4 and R (schemas/codes/uc-reasons.yaml)'),
    remarks: z.array(z.string().max(78).regex(/^[ -~]+$/)).max(7).default([]).describe('E3 remark records'),
    line: z.number().int().positive().optional().describe('the line the notice is about (1-based, input order)'),
  })
  .strict();

const twoDigits = z.string().regex(/^\d\d$/, 'a two-digit code, e.g. "98"');
const printable = (max: number) => z.string().max(max).regex(/^[ -~]+$/, 'printable ASCII');

/** A PGA's review of the entry or of one of its lines, as an SO70 (with an SO71 and SO72s) reports it. */
export const PgaStatus = z
  .object({
    agency: z.string().regex(/^[A-Z0-9]{2,3}$/).describe('government agency code (SO70 5-7), e.g. FDA, APH, NHT'),
    program: z.string().regex(/^[A-Z0-9]{1,3}$/).optional().describe('government agency program code (SO70 8-10), e.g. FOO'),
    status: twoDigits.optional().describe('entry level status (schemas/codes/pga-review-statuses.yaml), e.g. 02 hold intact, 07 may proceed'),
    lineStatus: twoDigits.optional().describe('PGA line level status (pga-review-statuses with level line), e.g. 07 may proceed'),
    reason: twoDigits.optional().describe('status reason (schemas/codes/pga-status-reasons.yaml), one of those its status allows'),
    line: z.number().int().positive().optional().describe('the line the review is about (1-based, input order); none: the entry'),
    tariff: z.number().int().positive().optional().describe('the tariff of that line (1-based, default 1)'),
    documentType: z.string().regex(/^[A-Z0-9]{1,5}$/).optional().describe('a document the agency asks for (SO70 73-77)'),
    holdType: z.enum(['1', '2']).optional().describe('1: intensive exam or document required set by CBP for the agency; 2: by the agency'),
    confirmation: z
      .object({ qualifier: z.string().regex(/^[A-Z0-9]{2}$/), number: printable(12) })
      .strict()
      .optional()
      .describe('an SO71 with the agency\'s reference (e.g. FDA prior notice confirmation), received when the notice is sent'),
    comments: z.array(printable(76)).max(9).default([]).describe('SO72 comments to trade, 76 characters each'),
  })
  .strict();

/**
 * Where an entry's cargo release stands as CBP reports it: what an SO notice says (SO50, SO60,
 * SO70..SO72) and what a CQ answer by entry number says (the same in WO records, ACMQ-45).
 */
const releaseStatusFields = {
  disposition: z
    .union([twoDigits, z.array(twoDigits).min(1).max(9)])
    .optional()
    .describe('SO60 processing result code, or several (schemas/codes/cargo-release-dispositions.yaml), e.g. 98 released, 03 pending intensive exam, 96 document required, 23 entry cancelled'),
  bill: twoDigits
    .optional()
    .describe('SO50 bill match code given to every bill (schemas/codes/cargo-release-bill-dispositions.yaml), e.g. 95 bill arrived, 53 CBP hold, 56 CBP hold removed; default 93 bill on file'),
  releaseOrigin: twoDigits.optional().describe('with 98 or 22: the SO60 release origin code (schemas/codes/cargo-release-release-origins.yaml), e.g. 05 intensive exam completed'),
  documentType: z.string().regex(/^[A-Z0-9]{1,6}$/).optional().describe('with 84, 85 or 96: the document CBP asks for (SO60 65-70; DIS document type codes)'),
  rejection: z
    .object({
      reason: twoDigits.describe('schemas/codes/cargo-release-request-rejections.yaml, e.g. 10 entry on hold'),
      comments: z.array(printable(50)).max(9).default([]),
    })
    .strict()
    .optional()
    .describe('with 86 or 87: why CBP rejected the correction or cancellation request (SO20 RSN, then CMT records)'),
  pga: z.array(PgaStatus).max(9).default([]).describe('PGA reviews (SO70, with SO71 and SO72)'),
};

export const ReleaseStatusScript = z.object(releaseStatusFields).strict();

export const SoFollowUp = z
  .object({
    after: After,
    type: z.literal('SO').describe('SO: an ACE cargo release status notification (for SE transactions)'),
    ...releaseStatusFields,
  })
  .strict();

export const FollowUp = z.discriminatedUnion('type', [UcFollowUp, SoFollowUp]);

export const Answer = z
  .object({
    outcome: z
      .enum(['accept', 'reject', 'rules', 'review'])
      .default('rules')
      .describe('accept: accepted whatever the fatal conditions; reject: rejected; rules: fatal conditions decide; review (SE): referred to CBP review; the application says which it offers'),
    conditions: z.array(ScriptedCondition).default([]),
    census: z.array(CensusWarning).default([]).describe('Census warnings to raise (severity W); they stay outstanding until overridden'),
    builtInRules: z.boolean().default(true).describe('run the CBP-faithful rules too (their conditions come first)'),
    entry: z
      .object({
        advanceTo: z
          .enum(ADVANCE_TARGETS as [AdvanceTarget, ...AdvanceTarget[]])
          .optional()
          .describe('after the answer, moves the entry on to this stage with every message on the way, as POST …/advance does: preliminary-statement, paid, cbp-review, liquidation-scheduled or liquidated'),
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
    advanceClock: z
      .string()
      .refine((d) => parseDuration(d) !== undefined, 'an ISO 8601 duration such as P30D, PT2H or P1M')
      .optional()
      .describe("after this answer, moves the session's mock clock on by an ISO 8601 duration (e.g. P10D), so what falls due in that time (statements, notices, liquidation) falls due"),
    followUps: z.array(FollowUp).default([]).describe('notifications queued when the transaction is accepted (SE: or referred to review)'),
    releaseStatus: ReleaseStatusScript.optional().describe(
      'CQ: the cargo release status a query by entry number reports (WO50, WO60, WO70..WO72), as if CBP had set it when the query came; the same parts as an SO follow-up',
    ),
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
export type UcFollowUp = z.infer<typeof UcFollowUp>;
export type SoFollowUp = z.infer<typeof SoFollowUp>;
export type ReleaseStatusScript = z.infer<typeof ReleaseStatusScript>;
export type PgaStatus = z.infer<typeof PgaStatus>;
