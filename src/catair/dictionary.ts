import { z } from 'zod';

/** F fatal, W Census warning, P PGA warning, I informational (ESF-204, E1 position 4). */
export const Severity = z.enum(['F', 'W', 'P', 'I']);
export type Severity = z.infer<typeof Severity>;

/** Whether CBP's dictionary still lists the code as in use or marks it eliminated. */
export const ConditionStatus = z.enum(['in-use', 'eliminated']);
export type ConditionStatus = z.infer<typeof ConditionStatus>;

const Condition = z
  .object({
    narrative: z
      .string()
      .max(40, 'narratives are at most 40 characters (E1/X1 positions 11-50)')
      .regex(/^[ -`{-~]+$/, 'narratives are upper-case printable ASCII')
      .optional(),
    severity: Severity.optional(),
    status: z.literal('eliminated').optional(),
    source: z.string().min(1),
    /** The dictionary's date for the code. */
    updated: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    note: z.string().optional(),
    /** What the condition means and what the filer fixes, in ace-mock's own words. */
    explanation: z.string().min(1).optional(),
  })
  .strict()
  .refine((c) => c.status === 'eliminated' || (c.narrative !== undefined && c.severity !== undefined), {
    message: 'a code in use needs a narrative and a severity',
  });

const Conditions = z.record(z.string().regex(/^[A-Z0-9]{3}$/, 'condition codes are 3 characters'), Condition);

export const DictionaryFile = z
  .object({
    description: z.string().optional(),
    conditions: Conditions,
    /** Codes whose meaning depends on the response application (e.g. CL's 006 is not ER's 006). */
    applications: z.record(z.string().regex(/^[A-Z0-9$%]{2}$/), Conditions).optional(),
  })
  .strict();

/** One code as the dictionary describes it; an eliminated code may have no narrative or severity. */
export interface DictionaryRecord {
  readonly code: string;
  /** The response application the code belongs to, for codes of the `applications:` section. */
  readonly application?: string;
  readonly narrative?: string;
  readonly severity?: Severity;
  readonly status: ConditionStatus;
  readonly source: string;
  readonly updated?: string;
  readonly note?: string;
  readonly explanation?: string;
}

/** A code ace-mock can answer with: it has a narrative and a severity. */
export interface DictionaryEntry extends DictionaryRecord {
  readonly narrative: string;
  readonly severity: Severity;
}

const raisable = (r: DictionaryRecord | undefined): r is DictionaryEntry => r?.narrative !== undefined && r.severity !== undefined;

/** The ACE error dictionary: condition code → narrative, severity, status, source and explanation. */
export class ErrorDictionary {
  private readonly entries: ReadonlyMap<string, DictionaryRecord>;
  private readonly byApplication: ReadonlyMap<string, ReadonlyMap<string, DictionaryRecord>>;

  constructor(file: z.infer<typeof DictionaryFile>) {
    const compile = (conditions: z.infer<typeof Conditions>, application?: string) =>
      new Map(
        Object.entries(conditions).map(([code, { status, ...rest }]): [string, DictionaryRecord] => [
          code,
          { code, ...(application !== undefined ? { application } : {}), status: status ?? 'in-use', ...rest },
        ]),
      );
    this.entries = compile(file.conditions);
    this.byApplication = new Map(Object.entries(file.applications ?? {}).map(([app, conditions]) => [app, compile(conditions, app)]));
  }

  /** The record of a code, in the response application's own codes first when one is named. */
  lookup(code: string, application?: string): DictionaryRecord | undefined {
    return (application !== undefined ? this.byApplication.get(application)?.get(code) : undefined) ?? this.entries.get(code);
  }

  /**
   * Looks up a code ace-mock can answer with; an unknown code (or an eliminated one with no
   * narrative) is a programming error, since rules name codes from this file.
   */
  get(code: string, application?: string): DictionaryEntry {
    const entry = this.lookup(code, application);
    if (!raisable(entry)) throw new Error(`condition code ${code} is not in schemas/error-dictionary.yaml with a narrative`);
    return entry;
  }

  /** Whether ace-mock can answer with the code (known, with a narrative and a severity). */
  has(code: string, application?: string): boolean {
    return raisable(this.lookup(code, application));
  }

  /** Every record: the common codes, then each application's own, in file order. */
  list(): DictionaryRecord[] {
    return [...this.entries.values(), ...[...this.byApplication.values()].flatMap((codes) => [...codes.values()])];
  }

  /** How many common codes the dictionary holds (application-specific ones not counted). */
  get size(): number {
    return this.entries.size;
  }
}
