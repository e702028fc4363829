import { z } from 'zod';

const attribute = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

export const CodeListFile = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
    title: z.string(),
    source: z.string().optional(),
    codes: z.record(z.string().min(1), z.object({ title: z.string() }).catchall(attribute)),
  })
  .strict();

export type CodeEntry = { title: string } & Record<string, z.infer<typeof attribute>>;

/** A named list of codes (entry types, application identifiers …) with their meanings. */
export interface CodeList {
  readonly name: string;
  readonly title: string;
  has(code: string): boolean;
  get(code: string): CodeEntry | undefined;
  /** Every code of the list, in file order. */
  readonly codes: readonly string[];
  /** The compiled `pattern` attributes of the entries that have one (format lists). */
  readonly patterns: readonly RegExp[];
}

export function compileCodeList(file: z.infer<typeof CodeListFile>): CodeList {
  const entries = new Map(Object.entries(file.codes));
  const patterns = [...entries]
    .filter(([, e]) => typeof e['pattern'] === 'string')
    .map(([code, e]) => {
      try {
        return new RegExp(e['pattern'] as string);
      } catch (err) {
        throw new Error(`code list ${file.name}: ${code} has a bad pattern: ${(err as Error).message}`);
      }
    });
  return {
    patterns,
    name: file.name,
    title: file.title,
    has: (code) => entries.has(code),
    get: (code) => entries.get(code),
    codes: [...entries.keys()],
  };
}
