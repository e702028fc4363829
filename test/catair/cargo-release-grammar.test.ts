import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { DEFAULT_SCHEMA_DIR, loadCatalog } from '../../src/catair/catalog.js';
import { checkGrammar, loadTransactionGrammar } from '../../src/catair/grammar.js';
import { type GroupOccurrence, groupsNamed, groupTransactions, recordsOf } from '../../src/catair/grouping.js';

/**
 * The ACE Cargo Release grammar (schemas/grammar/cargo-release.yaml; input maps SE-22, SE-24,
 * SE-25, SE-30): it passes the start-up check against the catalog, and the sample transmissions
 * (test/fixtures/cargo-release) group without a problem, as the maps nest them.
 */
const catalog = loadCatalog();
const grammar = loadTransactionGrammar(DEFAULT_SCHEMA_DIR, 'cargo-release');
const FIXTURES = fileURLToPath(new URL('../fixtures/cargo-release/', import.meta.url));

/** The records between B and Y of a sample, as a block's details (A at 1, B at 2). */
function details(file: string): { text: string; position: number }[] {
  const lines = readFileSync(FIXTURES + file, 'utf8').split('\n').filter((l) => l !== '');
  const b = lines.findIndex((l) => l.startsWith('B'));
  const y = lines.findIndex((l) => l.startsWith('Y'));
  return lines.slice(b + 1, y).map((text, i) => ({ text, position: i + 3 }));
}

const group = (file: string) => groupTransactions(details(file), grammar);
/** The record ids of a group occurrence, in order. */
const ids = (occurrence: GroupOccurrence): string[] => [...recordsOf(occurrence)].map((p) => p.record.text.slice(0, 4).trim());
const only = <T>(items: readonly T[]): T => {
  if (items.length !== 1) throw new Error(`expected one, found ${items.length}`);
  return items[0] as T;
};
/** Grouping problems of a run of records given by their leading text. */
const problems = (...texts: string[]) =>
  groupTransactions(
    texts.map((text, i) => ({ text: text.padEnd(80), position: i + 1 })),
    grammar,
  ).problems.map((p) => `${p.code}@${p.record.position}`);

t.test('the grammar loads through the catalog and passes the start-up check', async (t) => {
  t.doesNotThrow(() => checkGrammar(grammar, catalog, 'schemas/grammar/cargo-release.yaml'));
  t.equal(grammar.application, 'SE');
  t.same([...grammar.transaction.entries], ['SE10'], 'an SE10 starts each transaction');
  t.equal(grammar.identify('SE13JANE DOE'), 'SE13');
  t.equal(grammar.identify('PG01001EP VNE'), 'PG01', 'the PGA records are spliced in from pga.yaml');
  t.equal(grammar.identify('PG00S0001'), undefined, 'no PG00 header or line substitution grouping (not in the chapter)');
  // The Entry Summary grammar still loads with this file beside it (fragments are shared by name).
  t.doesNotThrow(() => checkGrammar(loadTransactionGrammar(DEFAULT_SCHEMA_DIR, 'entry-summary'), catalog, 'schemas/grammar/entry-summary.yaml'));
});

t.test('records are read with the SE layouts, the PGA records with the shared ones', async (t) => {
  const tx = only(group('pga.txt').transactions);
  const layouts = [...recordsOf(tx)].map((p) => p.node.id);
  t.same(layouts.slice(0, 3), ['SE.SE10', 'SE.SE13', 'SE.SE15']);
  t.ok(layouts.includes('OI') && layouts.includes('PG01') && layouts.includes('PG55'));
});

t.test('every sample transmission groups without a problem', async (t) => {
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'))) {
    const result = group(file);
    t.same(result.problems, [], `${file}: no grouping problem`);
    t.same(result.absent, [], `${file}: no mandatory group missing`);
    t.ok(result.transactions.length >= 1, `${file}: ${result.transactions.length} transaction(s)`);
  }
});

t.test('SE-86 example 2: each SE15 run with its SE16s is one bill of lading grouping', async (t) => {
  const tx = only(group('split-example-2.txt').transactions);
  const header = only(groupsNamed(tx, 'header'));
  t.same(groupsNamed(header, 'billOfLading').map(ids), [
    ['SE15', 'SE16', 'SE16'],
    ['SE15', 'SE15', 'SE16'],
  ], 'the in-bond and its regular bill share a grouping, with split part B');
  t.equal(groupsNamed(header, 'headerEntity').length, 3, 'seller, buyer, consignee');
  const line = only(groupsNamed(tx, 'line'));
  t.same(ids(line), ['SE40', 'SE50', 'SE55', 'SE56', 'SE60']);
});

t.test('SE-87 example 4 and SE-24: several transactions in one block', async (t) => {
  t.equal(group('split-example-4.txt').transactions.length, 2);
  const [add, cancel] = group('cancel.txt').transactions as [GroupOccurrence, GroupOccurrence];
  t.same(ids(cancel), ['SE10', 'SE13'], 'SE-24: a cancel carries SE10 and SE13');
  t.ok(ids(add).includes('SE60'));
  const [, update] = group('update.txt').transactions as [GroupOccurrence, GroupOccurrence];
  t.same(ids(update), ['SE10', 'SE11', 'SE13', 'SE15', 'SE17'], 'SE-25: an update');
});

t.test('PG-13: the PGA message set follows its SE60 inside the tariff grouping', async (t) => {
  const tx = only(group('pga.txt').transactions);
  const tariff = only(groupsNamed(only(groupsNamed(tx, 'line')), 'tariff'));
  t.same(ids(tariff), ['SE60', 'OI', 'PG01', 'PG02', 'PG19', 'PG20', 'PG21', 'PG55']);
});

t.test('SE-28, SE-30: the SF records of a unified filing after the last entry record', async (t) => {
  const tx = only(group('unified-isf.txt').transactions);
  const isf = only(groupsNamed(tx, 'isf'));
  const entities = groupsNamed(isf, 'isfEntity');
  t.equal(entities.length, 7, 'MF, SE, BY, ST, CS, LG and CN');
  t.same(ids(entities[0] as GroupOccurrence), ['SF30', 'SF35', 'SF36']);
  t.same(ids(entities[6] as GroupOccurrence), ['SF30'], 'the consignee by number alone');
});

t.test('FTZ (SE-63) and type 86 (SE-57): the groupings those entries use', async (t) => {
  const ftz = only(group('ftz-type-06.txt').transactions);
  t.same(ids(only(groupsNamed(ftz, 'line'))), ['SE40', 'SE41', 'SE50', 'SE55', 'SE56', 'SE60']);
  t.same(groupsNamed(only(groupsNamed(ftz, 'header')), 'billOfLading'), [], 'no bill for type 06 (SE-50 note 10)');
  const t86 = only(group('type-86.txt').transactions);
  t.same(groupsNamed(only(groupsNamed(t86, 'header')), 'headerEntity').map(ids), [
    ['SE30', 'SE35', 'SE36'],
    ['SE30', 'SE35', 'SE36'],
  ], 'the consignee by name and address, and the seller');
});

t.test('grouping problems as the maps give the limits (SE-22, SE-30)', async (t) => {
  t.same(problems('SE13', 'SE10A', 'SE13'), ['X33@1'], 'a record before any SE10');
  t.same(problems('SE10A', 'SE13', 'SE15R', 'SE11'), ['X35@4'], 'SE11 after the bills');
  t.same(problems('SE10A', 'SE13', 'SE15R', 'SE15M', 'SE15H', 'SE15I'), [], 'a fourth SE15 opens the next bill grouping');
  t.same(problems('SE10A', 'SE13', ...Array.from({ length: 13 }, () => 'SE30SE')), ['X36@15'], 'thirteen header entities (x12)');
  t.same(problems('SE10A', 'SE13', 'SE30SE', 'SE35', 'SE35', 'SE35', 'SE35'), ['X36@7'], 'four address records (x3)');
  t.same(problems('SE10A', 'SE13', 'SE40', 'SE41', 'SE41'), ['X36@5'], 'SE41 once per line');
  t.same(problems('SE10A', 'SE13', 'SE40', ...Array.from({ length: 33 }, () => 'SE60')), ['X36@36'], 'thirty-three tariff groupings (x32)');
  t.same(problems('SE10A', 'SE13', 'SE40', 'SE60', 'SF10', 'SF30', 'SF20'), ['X35@7'], 'SF20 after the ISF parties');
  t.same(problems('SE10A', 'SE13', 'SE40', 'SE60', 'SF10', 'SE40'), ['X35@6'], 'entry records after the SF records');
  t.same(problems('SE10A', 'SE13', 'SE62'), ['X34@3'], 'SE62 (sanctions) is not a v40 record');
});
