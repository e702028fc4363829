import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SchemaError } from '../../catair/catalog.js';

const Slot = z.object({ id: z.string().min(2).max(4), max: z.number().int().positive().default(1) }).strict();

const GrammarFile = z
  .object({
    description: z.string().optional(),
    application: z.string().length(2),
    header: z.string(),
    headerRecords: z.array(Slot),
    line: Slot,
    lineRecords: z.array(Slot),
    tariff: Slot,
    tariffRecords: z.array(Slot),
    lineTrailerRecords: z.array(Slot),
    totalsRecords: z.array(Slot),
    trailer: z.string(),
  })
  .strict();

export type GroupName = 'header' | 'headerRecords' | 'line' | 'lineRecords' | 'tariff' | 'tariffRecords' | 'lineTrailerRecords' | 'totalsRecords' | 'trailer';

/** Where a record id belongs in a transaction, its order within its group and how often it may occur. */
export interface Placement {
  readonly group: GroupName;
  readonly order: number;
  readonly max: number;
}

export interface Grammar {
  readonly application: string;
  /** Record id → placement. */
  readonly placements: ReadonlyMap<string, Placement>;
  /** Identifies a record: its 4-character id when the grammar has one, else its 2-character id. */
  recordId(text: string): string | undefined;
}

/** Loads a transaction grammar (`schemas/grammar/*.yaml`). */
export function loadGrammar(schemaDir: string, name: string): Grammar {
  const path = join(schemaDir, 'grammar', `${name}.yaml`);
  const parsed = GrammarFile.safeParse(parseYaml(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new SchemaError(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const g = parsed.data;
  const placements = new Map<string, Placement>();
  const place = (id: string, group: GroupName, order: number, max: number): void => {
    if (placements.has(id)) throw new SchemaError(`${path}: record ${id} is placed twice`);
    placements.set(id, { group, order, max });
  };
  place(g.header, 'header', 0, 1);
  place(g.line.id, 'line', 0, g.line.max);
  place(g.tariff.id, 'tariff', 0, g.tariff.max);
  place(g.trailer, 'trailer', 0, 1);
  for (const group of ['headerRecords', 'lineRecords', 'tariffRecords', 'lineTrailerRecords', 'totalsRecords'] as const) {
    g[group].forEach((slot, i) => place(slot.id, group, i, slot.max));
  }
  const long = new Set([...placements.keys()].filter((id) => id.length > 2));
  return {
    application: g.application,
    placements,
    recordId(text) {
      const four = text.slice(0, 4);
      if (long.has(four)) return four;
      const two = text.slice(0, 2);
      return placements.has(two) ? two : undefined;
    },
  };
}
