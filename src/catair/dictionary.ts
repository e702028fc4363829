import { z } from 'zod';

/** F fatal, W Census warning, P PGA warning, I informational. */
export const Severity = z.enum(['F', 'W', 'P', 'I']);
export type Severity = z.infer<typeof Severity>;

const Conditions = z.record(
  z.string().regex(/^[A-Z0-9]{3}$/, 'condition codes are 3 characters'),
  z
    .object({
      severity: Severity,
      narrative: z
        .string()
        .max(40, 'narratives are at most 40 characters (E1/X1 positions 11-50)')
        .regex(/^[ -`{-~]+$/, 'narratives are upper-case printable ASCII'),
      source: z.string().optional(),
      note: z.string().optional(),
    })
    .strict(),
);

export const DictionaryFile = z
  .object({
    description: z.string().optional(),
    conditions: Conditions,
    /** Codes whose meaning depends on the response application (e.g. CL's 006 is not EQ's 006). */
    applications: z.record(z.string().regex(/^[A-Z0-9$%]{2}$/), Conditions).optional(),
  })
  .strict();

export interface DictionaryEntry {
  readonly code: string;
  readonly severity: Severity;
  readonly narrative: string;
}

/** The ACE error dictionary: condition code → severity and narrative. */
export class ErrorDictionary {
  private readonly entries: ReadonlyMap<string, DictionaryEntry>;
  private readonly byApplication: ReadonlyMap<string, ReadonlyMap<string, DictionaryEntry>>;

  constructor(file: z.infer<typeof DictionaryFile>) {
    const compile = (conditions: z.infer<typeof Conditions>) =>
      new Map(Object.entries(conditions).map(([code, e]) => [code, { code, severity: e.severity, narrative: e.narrative }]));
    this.entries = compile(file.conditions);
    this.byApplication = new Map(Object.entries(file.applications ?? {}).map(([app, conditions]) => [app, compile(conditions)]));
  }

  /**
   * Looks a code up, in the response application's own codes first when one is named; an unknown
   * code is a programming error, since rules name codes from this file.
   */
  get(code: string, application?: string): DictionaryEntry {
    const entry = (application !== undefined ? this.byApplication.get(application)?.get(code) : undefined) ?? this.entries.get(code);
    if (!entry) throw new Error(`condition code ${code} is not in schemas/error-dictionary.yaml`);
    return entry;
  }

  has(code: string, application?: string): boolean {
    return (application !== undefined && this.byApplication.get(application)?.has(code) === true) || this.entries.has(code);
  }

  get size(): number {
    return this.entries.size;
  }
}
