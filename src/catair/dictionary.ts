import { z } from 'zod';

/** F fatal, W Census warning, P PGA warning, I informational. */
export const Severity = z.enum(['F', 'W', 'P', 'I']);
export type Severity = z.infer<typeof Severity>;

export const DictionaryFile = z
  .object({
    description: z.string().optional(),
    conditions: z.record(
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
    ),
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

  constructor(file: z.infer<typeof DictionaryFile>) {
    this.entries = new Map(
      Object.entries(file.conditions).map(([code, e]) => [code, { code, severity: e.severity, narrative: e.narrative }]),
    );
  }

  /** Looks a code up; an unknown code is a programming error, since rules name codes from this file. */
  get(code: string): DictionaryEntry {
    const entry = this.entries.get(code);
    if (!entry) throw new Error(`condition code ${code} is not in schemas/error-dictionary.yaml`);
    return entry;
  }

  has(code: string): boolean {
    return this.entries.has(code);
  }

  get size(): number {
    return this.entries.size;
  }
}
