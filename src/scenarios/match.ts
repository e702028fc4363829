import type { Catalog } from '../catair/catalog.js';

/** Reads the values a transaction has for a field: every record with that id (B = its block header). */
export interface FieldSource {
  valuesOf(recordId: string, field: string): readonly string[];
}

export interface Matcher {
  readonly key: string;
  readonly recordId: string;
  readonly field: string;
  readonly describe: string;
  /** The value, for an exact matcher (used to index scenarios). */
  readonly exact?: string;
  test(value: string): boolean;
}

/** Short names for the fields scenarios match on most. */
export const FIELD_ALIASES: Readonly<Record<string, string>> = {
  filer: 'B.filer',
  userText: 'B.userText',
  action: '10.actionCode',
  entryFiler: '10.entryFiler',
  entryNumber: '10.entryNumber',
  port: '10.port',
  brokerReference: '10.brokerReference',
  entryType: '10.entryType',
  modeOfTransport: '10.modeOfTransport',
  importer: '11.importerNumber',
  countryOfOrigin: '40.countryOfOrigin',
  hts: '50.hts',
};

type FieldMatch = string | { equals: string } | { prefix: string } | { regex: string };

/**
 * Compiles a scenario's `match` block. Each key is `record.field` (e.g. `11.importerNumber`) or an
 * alias; the field must exist in that record's layout, and a regex must compile.
 */
export function compileMatchers(
  match: Readonly<Record<string, FieldMatch>>,
  catalog: Catalog,
): { matchers: Matcher[]; errors: { key: string; message: string }[] } {
  const matchers: Matcher[] = [];
  const errors: { key: string; message: string }[] = [];
  for (const [key, spec] of Object.entries(match)) {
    // An own alias only: `toString` or `constructor` must not find Object.prototype's.
    const path = Object.hasOwn(FIELD_ALIASES, key) ? (FIELD_ALIASES[key] as string) : key;
    const [recordId = '', field = ''] = path.split('.');
    if (!path.includes('.')) {
      errors.push({ key, message: `"${key}" is neither record.field nor an alias (${Object.keys(FIELD_ALIASES).join(', ')})` });
      continue;
    }
    if (!catalog.hasLayout(recordId) || !catalog.layout(recordId).byName.has(field)) {
      errors.push({ key, message: `record ${recordId} has no field ${field} (see schemas/layouts)` });
      continue;
    }
    let test: (v: string) => boolean;
    let describe: string;
    let exact: string | undefined;
    if (typeof spec === 'string' || 'equals' in spec) {
      const expected = typeof spec === 'string' ? spec : spec.equals;
      test = (v) => v === expected;
      describe = `${path} = "${expected}"`;
      exact = expected;
    } else if ('prefix' in spec) {
      test = (v) => v.startsWith(spec.prefix);
      describe = `${path} starts with "${spec.prefix}"`;
    } else {
      let re: RegExp;
      try {
        re = new RegExp(spec.regex);
      } catch (err) {
        errors.push({ key, message: `bad regex: ${(err as Error).message}` });
        continue;
      }
      test = (v) => re.test(v);
      describe = `${path} ~ /${spec.regex}/`;
    }
    matchers.push({ key, recordId, field, describe, test, ...(exact !== undefined && { exact }) });
  }
  return { matchers, errors };
}

/** True when every matcher finds at least one value of its field that passes (values are trimmed). */
export function matchesAll(matchers: readonly Matcher[], source: FieldSource): boolean {
  return matchers.every((m) => source.valuesOf(m.recordId, m.field).some((v) => m.test(v)));
}
