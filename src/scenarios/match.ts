import type { Catalog } from '../catair/catalog.js';
import type { ScenarioSupport } from './support.js';

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

type FieldMatch = string | { equals: string } | { prefix: string } | { regex: string };

/**
 * Compiles a scenario's `match` block for the application it answers. Each key is `record.field`
 * (e.g. `11.importerNumber`) of a record the application reads, or one of its aliases; the field
 * must exist in that record's layout, and a regex must compile.
 */
export function compileMatchers(
  match: Readonly<Record<string, FieldMatch>>,
  catalog: Catalog,
  application: { readonly id: string; readonly support: ScenarioSupport },
): { matchers: Matcher[]; errors: { key: string; message: string }[] } {
  const { aliases } = application.support;
  const matchers: Matcher[] = [];
  const errors: { key: string; message: string }[] = [];
  for (const [key, spec] of Object.entries(match)) {
    // An own alias only: `toString` or `constructor` must not find Object.prototype's.
    const path = Object.hasOwn(aliases, key) ? (aliases[key] as string) : key;
    const [recordId = '', field = ''] = path.split('.');
    if (!path.includes('.')) {
      errors.push({ key, message: `"${key}" is neither record.field nor an alias (${Object.keys(aliases).join(', ')})` });
      continue;
    }
    const layout = recordId === 'B' ? catalog.layout('B') : application.support.layoutOf(recordId, catalog);
    if (!layout && catalog.hasLayout(recordId)) {
      errors.push({ key, message: `record ${recordId} is not one application ${application.id} reads` });
      continue;
    }
    if (!layout?.byName.has(field)) {
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
