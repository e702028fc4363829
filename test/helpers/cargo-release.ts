import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RuleContext } from '../../src/applications/cargo-release/rules/rule.js';
import { groupCargoReleases } from '../../src/applications/cargo-release/grouping.js';
import type { CargoReleaseTx } from '../../src/applications/cargo-release/transaction.js';
import { DEFAULT_SCHEMA_DIR } from '../../src/catair/catalog.js';
import { loadTransactionGrammar } from '../../src/catair/grammar.js';
import { writeRecord } from '../../src/catair/record.js';
import { batch, rec } from './census.js';
import { sharedCatalog, TEST_NOW } from './mock.js';

/** Cargo release (SE) test transactions, filer B76, port 2704, built from the chapter's samples (test/fixtures/cargo-release). */

export const catalog = sharedCatalog(DEFAULT_SCHEMA_DIR);
export const grammar = loadTransactionGrammar(DEFAULT_SCHEMA_DIR, 'cargo-release');
const fixtures = fileURLToPath(new URL('../fixtures/cargo-release/', import.meta.url));

/** The records between B and Y of a sample transmission. */
export function fixtureDetails(file: string): string[] {
  const lines = readFileSync(fixtures + file, 'utf8').split('\n').filter((l) => l !== '');
  return lines.slice(lines.findIndex((l) => l.startsWith('B')) + 1, lines.findIndex((l) => l.startsWith('Y')));
}

/** Overwrites named fields of an SE record, as its SE. layout places and pads them. */
export function setFields(record: string, values: Readonly<Record<string, string>>): string {
  const layout = catalog.layout(`SE.${record.slice(0, 4)}`);
  let out = rec(record);
  for (const [name, value] of Object.entries(values)) {
    const field = layout.byName.get(name);
    if (!field) throw new Error(`SE.${layout.id} has no field ${name}`);
    const text = field.class === 'N' && value !== '' ? value.padStart(field.length, '0') : value.padEnd(field.length);
    out = out.slice(0, field.offset) + text.slice(0, field.length) + out.slice(field.end);
  }
  return out;
}

/** A new SE record from named values. */
export const se = (id: string, values: Readonly<Record<string, string>> = {}): string => writeRecord(catalog.layout(`SE.${id}`), values);

/** Sets fields on every record of the given id. */
export const edit = (details: readonly string[], id: string, values: Readonly<Record<string, string>>): string[] => details.map((r) => (r.startsWith(id) ? setFields(r, values) : r));

/**
 * A complete type 01 ocean (MOT 11) add of one line, as split-example-1.txt files it (SE-86 example
 * 1), for the given entry number and action: seller, buyer, consignee by number, manufacturer on the
 * line, a continuous bond, a regular bill with its quantity.
 */
export function filing(entryNumber: string, action = 'A'): string[] {
  return edit(fixtureDetails('split-example-1.txt'), 'SE10', { actionCode: action, entryNumber });
}

/** The first transaction of the details, grouped with the cargo release grammar. */
export function txOf(details: readonly string[]): CargoReleaseTx {
  const block = { number: 1, header: { text: rec('B  2704B76SE'), position: 2 }, details: details.map((text, i) => ({ text: rec(text), position: i + 3 })) };
  const [tx] = groupCargoReleases(block, grammar, catalog).units;
  if (!tx) throw new Error('no transaction');
  return tx;
}

/** A rule context: block filer B76, no release or summary on file, the test clock. */
export function ruleContext(over: Partial<RuleContext> = {}): RuleContext {
  return { catalog, blockFiler: 'B76', summaryOnFile: false, now: TEST_NOW, ...over };
}

/** A whole SE transmission of the details. */
export const seBatch = (details: readonly string[]): string => batch('SE', details);

/** The SE block of a whole transmission (one record a line), as the pipeline reads it. */
function seBlock(text: string) {
  const lines = text.split('\n').filter((l) => l !== '');
  const b = lines.findIndex((l) => l.startsWith('B'));
  const y = lines.findIndex((l) => l.startsWith('Y'));
  const header = { text: rec(lines[b] as string), position: b + 1 };
  return { number: 1, header, details: lines.slice(b + 1, y).map((line, i) => ({ text: rec(line), position: b + i + 2 })) };
}

/** A transmission's SE block grouped by the cargo release application (SE-22): its transactions and grouping conditions. */
export const groupTransmission = (text: string) => groupCargoReleases(seBlock(text), grammar, catalog);

/** The SE transactions of a transmission, each as its records in input order, read with their layouts, with what their layout check finds. */
export const seTransactions = (text: string): CargoReleaseTx['records'][] => groupTransmission(text).units.map((tx) => tx.records);
