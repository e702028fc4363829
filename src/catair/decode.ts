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
export function identifyLayout(catalog: Catalog, record: string, direction: 'in' | 'out', application = ''): Layout | undefined {
  const candidates = catalog.candidates(record).filter((l) => direction === 'out' || outputRank(l) === 2);
  const ordered = direction === 'out' ? [...candidates].sort((a, b) => outputRank(a) - outputRank(b)) : candidates;
  // Records whose id several applications use (E1 in AX and UC, SE13 in AE and SE) have layouts
  // named after the application; an answer echoes its input's records in the input's layouts.
  for (const family of layoutFamilies(catalog, application)) {
    const own = ordered.find((l) => l.name.startsWith(`${family}.`) && literalsMatch(l, record));
    if (own) return own;
  }
  return ordered.find((l) => literalsMatch(l, record));
}

/**
 * The applications whose named layouts a block of `application` is read with, in order: its own,
 * then those of the input applications it answers (an SX answer echoes SE records, SE-26..27).
 */
function layoutFamilies(catalog: Catalog, application: string): readonly string[] {
  if (application === '') return [];
  let known = familiesOf.get(catalog);
  if (!known) familiesOf.set(catalog, (known = new Map()));
  let families = known.get(application);
  if (!families) {
    const ids = catalog.codes('application-ids');
    known.set(application, (families = [application, ...ids.codes.filter((input) => ids.get(input)?.['response'] === application)]));
  }
  return families;
}

/** `layoutFamilies` per catalog and application: decoding looks them up for every record. */
const familiesOf = new WeakMap<Catalog, Map<string, readonly string[]>>();

/** The application a B record opens (columns 11-12), which decides among same-id layouts until the next B. */
const blockApplication = (record: string): string | undefined => (record.startsWith('B') ? record.slice(10, 12).trim() : undefined);

/** A record with its secret fields (the communication password) starred out, for anything people see. */
function withoutSecrets(layout: Layout, record: string): string {
  let text = record;
  for (const f of layout.secretFields) {
    if (text.slice(f.offset, f.end).trim() !== '') text = text.slice(0, f.offset) + '*'.repeat(f.length) + text.slice(f.end);
  }
  return text;
}

/** Every record of a transmission or answer decoded field by field, for people and the JSON API. */
export function decodeRecords(catalog: Catalog, records: readonly string[], direction: 'in' | 'out'): DecodedRecord[] {
  let application = '';
  return records.map((record, i) => {
    application = blockApplication(record) ?? application;
    const layout = identifyLayout(catalog, record, direction, application);
    return layout
      ? { position: i + 1, record: withoutSecrets(layout, record), layout: layout.name, title: layout.title, fields: decodeRecord(layout, record, catalog) }
      : { position: i + 1, record, fields: [] };
  });
}

/**
 * A transmission's text as sent, separators and all, with the secret fields of its records starred
 * out: the journal keeps the bytes, the API shows them without the password.
 */
export function maskSecrets(catalog: Catalog, text: string): string {
  const separated = text.includes('\n');
  const pieces = separated ? text.split('\n') : (text.match(/[\s\S]{1,80}/g) ?? []);
  return pieces
    .map((piece) => {
      const layout = identifyLayout(catalog, piece.padEnd(80).slice(0, 80), 'in');
      return layout && layout.secretFields.length > 0 ? withoutSecrets(layout, piece) : piece;
    })
    .join(separated ? '\n' : '');
}
