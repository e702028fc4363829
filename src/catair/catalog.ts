import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { type CodeList, CodeListFile, compileCodeList } from './code-lists.js';
import { DictionaryFile, ErrorDictionary } from './dictionary.js';
import { checkMissingConditions, compileLayout, type Layout, LayoutError, LayoutFile } from './layout.js';

/** Everything the format and the applications know about CATAIR, loaded from `schemas/`. */
export interface Catalog {
  layout(name: string): Layout;
  hasLayout(name: string): boolean;
  /** Every layout whose record id the record starts with, longest id first. */
  candidates(record: string): readonly Layout[];
  codes(name: string): CodeList;
  readonly dictionary: ErrorDictionary;
}

/** The `schemas/` folder shipped with the package (resolved from src/ and dist/ alike). */
export const DEFAULT_SCHEMA_DIR = fileURLToPath(new URL('../../schemas', import.meta.url));

/** A schema file that cannot be used, with the file and the place in it named. */
export class SchemaError extends Error {
  override name = 'SchemaError';
}

/** Reads and checks one YAML data file; a problem throws a SchemaError naming the file and the place in it. */
export function readYaml<T>(path: string, schema: z.ZodType<T>): T {
  const shown = relative(process.cwd(), path) || path;
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new SchemaError(`${shown}: not valid YAML: ${(err as Error).message}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  at ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new SchemaError(`${shown}: does not match its schema:\n${issues.join('\n')}`);
  }
  return result.data;
}

/** The YAML files of a folder, in name order. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Loads and checks every layout, code list and the error dictionary. Any problem throws a
 * SchemaError naming the file, record and field, so a bad data file stops start-up loudly.
 */
export function loadCatalog(dir: string = DEFAULT_SCHEMA_DIR): Catalog {
  const layouts = new Map<string, Layout>();
  const fileOf = new Map<string, string>();
  /** The application whose records a layout is (its file's `application`), for its condition codes. */
  const applicationOf = new Map<string, string>();
  const unanswered: string[] = [];
  for (const path of yamlFiles(join(dir, 'layouts'))) {
    const file = readYaml(path, LayoutFile);
    const shown = relative(process.cwd(), path) || path;
    for (const spec of file.records) {
      let layout: Layout;
      try {
        layout = compileLayout(shown, spec);
      } catch (err) {
        if (err instanceof LayoutError) throw new SchemaError(err.message);
        throw err;
      }
      if (file.application !== undefined) unanswered.push(...checkMissingConditions(shown, layout));
      if (layouts.has(layout.name)) throw new SchemaError(`${shown}: record ${layout.name} is defined twice`);
      layouts.set(layout.name, layout);
      fileOf.set(layout.name, shown);
      if (file.application !== undefined) applicationOf.set(layout.name, file.application);
    }
  }
  if (unanswered.length > 0) throw new SchemaError(unanswered.join('\n'));
  const codeLists = new Map<string, CodeList>();
  for (const path of yamlFiles(join(dir, 'codes'))) {
    let list: CodeList;
    try {
      list = compileCodeList(readYaml(path, CodeListFile));
    } catch (err) {
      if (err instanceof SchemaError) throw err;
      throw new SchemaError(`${relative(process.cwd(), path) || path}: ${(err as Error).message}`);
    }
    codeLists.set(list.name, list);
  }
  const dictionary = new ErrorDictionary(readYaml(join(dir, 'error-dictionary.yaml'), DictionaryFile));
  const applications = codeLists.get('application-ids');

  for (const layout of layouts.values()) {
    // An application's fields name the codes of the application that answers it (SE's are SX's,
    // SE-83), looked up among that application's own codes first (see ErrorDictionary.lookup).
    const input = applicationOf.get(layout.name);
    const answering = input === undefined ? undefined : applications?.get(input)?.['response'];
    const answeredBy = typeof answering === 'string' ? answering : undefined;
    for (const f of layout.fields) {
      if (f.codes !== undefined && !codeLists.has(f.codes)) {
        throw new SchemaError(`${fileOf.get(layout.name)}: record ${layout.name}: field ${f.name} names code list "${f.codes}", which does not exist in schemas/codes`);
      }
      for (const code of [f.missing, f.invalid]) {
        if (code !== undefined && !dictionary.has(code, answeredBy)) {
          throw new SchemaError(`${fileOf.get(layout.name)}: record ${layout.name}: field ${f.name} names condition ${code}, which is not in error-dictionary.yaml`);
        }
      }
    }
  }

  // Layouts named after an application (UC.E1, SE.SE13) come after the plain layout of the same
  // id: the plain one is the record as most applications know it, and identifyLayout picks the
  // application's own by name when it knows the application.
  const byId = new Map<string, Layout[]>();
  const qualified = (l: Layout): boolean => l.name.endsWith(`.${l.id}`);
  for (const layout of layouts.values()) byId.set(layout.id, [...(byId.get(layout.id) ?? []), layout]);
  for (const list of byId.values()) list.sort((a, b) => Number(qualified(a)) - Number(qualified(b)));

  // An X0 TRNACT numbers transactions by the record that opens them (batch-output.ts); the
  // application registry requires one of every application it implements.
  for (const app of applications?.codes ?? []) {
    const start = applications?.get(app)?.['transactionStart'];
    if (start !== undefined && (typeof start !== 'string' || !byId.has(start))) {
      throw new SchemaError(`schemas/codes/application-ids.yaml: the transactionStart of ${app} names no record layout`);
    }
  }

  return {
    layout(name) {
      const layout = layouts.get(name);
      if (!layout) throw new Error(`no record layout named ${name} in schemas/layouts`);
      return layout;
    },
    hasLayout: (name) => layouts.has(name),
    candidates(record) {
      // Record ids are 1 to 4 characters: SE10, CJ1 and WR1 (the CJ and CQ queries), 10, A.
      return byId.get(record.slice(0, 4)) ?? byId.get(record.slice(0, 3)) ?? byId.get(record.slice(0, 2)) ?? byId.get(record.slice(0, 1)) ?? [];
    },
    codes(name) {
      const list = codeLists.get(name);
      if (!list) throw new Error(`no code list named ${name} in schemas/codes`);
      return list;
    },
    dictionary,
  };
}
