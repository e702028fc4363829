import type { Catalog } from './catalog.js';
import type { Layout } from './layout.js';
import { type DecodedField, decodeRecord } from './record.js';

export interface DecodedRecord {
  readonly position: number;
  readonly record: string;
  /** The layout used, e.g. `10`, `E0.SUMMRY`; absent when no layout fits. */
  readonly layout?: string;
  readonly title?: string;
  readonly fields: readonly DecodedField[];
}

function literalsMatch(layout: Layout, record: string): boolean {
  return layout.fields.every((f) => f.literal === undefined || record.slice(f.offset, f.end) === f.literal);
}

/** On output, ACE-generated fallback records (most literals) are tried first, then output variants. */
function outputRank(layout: Layout): number {
  if (layout.name.endsWith('.fallback')) return 0;
  return layout.name.endsWith('.out') ? 1 : 2;
}

/**
 * Picks the layout of a record: among those with its record id, the first whose literals all match.
 * Output variants (`Y.out`, `B.fallback` …) are preferred on output and never used on input.
 */
export function identifyLayout(catalog: Catalog, record: string, direction: 'in' | 'out'): Layout | undefined {
  const candidates = catalog.candidates(record).filter((l) => direction === 'out' || outputRank(l) === 2);
  const ordered = direction === 'out' ? [...candidates].sort((a, b) => outputRank(a) - outputRank(b)) : candidates;
  return ordered.find((l) => literalsMatch(l, record));
}

/** Every record of a transmission or answer decoded field by field, for people and the JSON API. */
export function decodeRecords(catalog: Catalog, records: readonly string[], direction: 'in' | 'out'): DecodedRecord[] {
  return records.map((record, i) => {
    const layout = identifyLayout(catalog, record, direction);
    return layout
      ? { position: i + 1, record, layout: layout.name, title: layout.title, fields: decodeRecord(layout, record, catalog) }
      : { position: i + 1, record, fields: [] };
  });
}
