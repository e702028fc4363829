import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SchemaError } from '../../catair/catalog.js';

const RangesFile = z
  .object({
    description: z.string().optional(),
    ranges: z.array(
      z
        .object({
          hts: z.string().regex(/^\d{2,10}$/, 'an HTS number or prefix (digits only)'),
          uom: z.string().min(1).max(3),
          min: z.number().nonnegative(),
          max: z.number().positive(),
          note: z.string().optional(),
        })
        .strict()
        .refine((r) => r.min < r.max, 'min must be below max'),
    ),
  })
  .strict();

export interface UnitValueRange {
  readonly hts: string;
  readonly uom: string;
  readonly min: number;
  readonly max: number;
}

/** Census unit-value ranges by HTS prefix and unit of measure (`schemas/census/unit-values.yaml`). */
export class CensusRanges {
  constructor(private readonly ranges: readonly UnitValueRange[]) {}

  static load(schemaDir: string): CensusRanges {
    const path = join(schemaDir, 'census', 'unit-values.yaml');
    const parsed = RangesFile.safeParse(parseYaml(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      throw new SchemaError(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    // Longest prefix first, so the most specific row wins.
    return new CensusRanges([...parsed.data.ranges].sort((a, b) => b.hts.length - a.hts.length));
  }

  /** The range for a tariff's HTS number and unit of measure, if one applies. */
  find(hts: string, uom: string): UnitValueRange | undefined {
    return this.ranges.find((r) => r.uom === uom && hts.startsWith(r.hts));
  }
}
