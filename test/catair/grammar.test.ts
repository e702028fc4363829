import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadCatalog } from '../../src/catair/catalog.js';
import { checkGrammar, loadTransactionGrammar } from '../../src/catair/grammar.js';
import { groupTransactions } from '../../src/catair/grouping.js';

/** A schemas folder holding only the given grammar files. */
function schemas(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-grammar-'));
  mkdirSync(join(dir, 'grammar'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'grammar', `${name}.yaml`), text);
  return dir;
}

const TOY = `
application: QQ
transaction:
  group: transaction
  children:
    - { record: H1, usage: M }
    - { record: H2, max: 2 }
    - group: item
      max: 3
      usage: M
      missing: "431"
      children:
        - { record: I1, usage: M }
        - include: notes
    - group: end
      children:
        - { record: T1 }
        - { record: T2, usage: M }
fragments:
  notes:
    - { record: N1, max: 2 }
    - { record: PG00, match: PG00S }
    - { record: PG00, match: PG00E }
`;

const grammar = loadTransactionGrammar(schemas({ toy: TOY }), 'toy');
const records = (...ids: string[]) => ids.map((id, i) => ({ text: id.padEnd(80), position: i + 1 }));
const run = (...ids: string[]) => groupTransactions(records(...ids), grammar);
const problems = (...ids: string[]) => run(...ids).problems.map((p) => `${p.code}@${p.record.position}`);

t.test('includes are spliced, leading texts are known longest first', async (t) => {
  t.equal(grammar.application, 'QQ');
  t.same(grammar.identify('PG00S0001'), 'PG00S');
  t.same(grammar.identify('PG00E'), 'PG00E');
  t.equal(grammar.identify('PG00R0001'), undefined, 'a variant the grammar does not list');
  t.equal(grammar.identify('I1 anything'), 'I1');
  t.equal(grammar.identify('ZZ'), undefined);
});

t.test('a group opens on any of its records up to the first mandatory one', async (t) => {
  const end = grammar.transaction.children[3];
  t.same(end?.kind === 'group' ? [...end.entries] : [], ['T1', 'T2'], 'T1 is conditional, so T2 may open the group too');
  t.same(problems('H1', 'I1', 'T2'), []);
  t.same(problems('H1', 'I1', 'T1', 'T2'), []);
});

t.test('records nest into occurrences, in input order', async (t) => {
  const r = run('H1', 'H2', 'I1', 'N1', 'PG00S', 'PG00E', 'I1', 'T1', 'H1', 'I1');
  t.same(r.problems, []);
  t.equal(r.transactions.length, 2, 'the transaction record starts the next transaction');
  const [first] = r.transactions;
  const items = first!.items.map((i) => ('items' in i ? `${i.node.name}#${i.ordinal}(${i.items.map((x) => ('node' in x && x.node.kind === 'record' ? x.node.match : '?')).join(',')})` : i.node.match));
  t.same(items, ['H1', 'H2', 'item#1(I1,N1,PG00S,PG00E)', 'item#2(I1)', 'end#1(T1)']);
});

t.test('X34 unknown, X35 out of sequence, X36 loop exceeded, X33 before any transaction (once)', async (t) => {
  t.same(problems('H2', 'N1', 'H1', 'I1'), ['X33@1'], 'X33 once for the records before the first H1');
  t.same(problems('H1', 'ZZ', 'I1'), ['X34@2']);
  t.same(problems('H1', 'I1', 'H2'), ['X35@3'], 'a header record after an item');
  t.same(problems('H1', 'H2', 'H2', 'H2', 'I1'), ['X36@4'], 'a record past its limit');
  t.same(problems('H1', 'I1', 'I1', 'I1', 'I1'), ['X36@5'], 'a group past its limit');
  t.same(problems('H1', 'I1', 'T1', 'T1'), ['X36@4'], 'a record repeated in a group that occurs once');
  t.same(problems('H1', 'I1', 'T2', 'T1'), ['X35@4'], 'a record behind its place in a group that cannot occur again');
  t.same(problems('H1', 'I1', 'PG00E', 'PG00S'), ['X35@4'], 'variants of one layout keep their order');
});

t.test('a mandatory group with a condition is reported when its parent closes without it', async (t) => {
  const r = run('H1', 'T1', 'H1', 'I1');
  t.same(r.problems, []);
  t.same(r.absent.map((a) => [a.node.name, a.node.missing, a.parent.ordinal]), [['item', '431', 1]]);
});

t.test('grammar files are checked when loaded', async (t) => {
  const bad = (files: Record<string, string>, name: string, message: RegExp) => t.throws(() => loadTransactionGrammar(schemas(files), name), message);
  bad({ a: 'transaction:\n  group: t\n  children:\n    - include: nowhere\n' }, 'a', /include nowhere: no grammar file defines that fragment/);
  bad({ a: 'transaction:\n  group: t\n  children:\n    - include: loop\nfragments:\n  loop:\n    - include: loop\n' }, 'a', /fragment loop includes itself/);
  bad({ a: 'fragments:\n  x:\n    - { record: A1 }\n', b: 'fragments:\n  x:\n    - { record: B1 }\n' }, 'a', /fragment x is also defined/);
  bad({ a: 'transaction:\n  group: t\n  children:\n    - { record: A1, max: 0 }\n' }, 'a', /at transaction/);
  bad({ a: 'transaction:\n  group: t\n  children:\n    - { record: A1, match: B1 }\n' }, 'a', /match "B1" must start with the record id/);
  bad({ a: 'transaction:\n  group: t\n  children:\n    - { record: A1 }\n' }, 'b', /no such grammar/);
  bad({ a: 'transaction: [unclosed\n' }, 'a', /not valid YAML/);
});

t.test('a grammar is checked against the layouts and the dictionary at start-up', async (t) => {
  const catalog = loadCatalog();
  const check = (text: string) => () => checkGrammar(loadTransactionGrammar(schemas({ g: text }), 'g'), catalog, 'g.yaml');
  const base = (extra: string) => `transaction:\n  group: t\n  children:\n    - { record: "10", usage: M }\n${extra}`;
  t.doesNotThrow(check(base('    - { record: "31", max: 2, reference: BNDDTL }\nreferences:\n  BNDDTL: { fields: { bondType: bondType } }\n')));
  t.throws(check(base('    - { record: ZZ99 }\n')), /g\.yaml: t > ZZ99: no record layout ZZ99/);
  // A record read with another application's layout of the same id (SE-22: SE13 of cargo release).
  t.doesNotThrow(check(base('    - { record: SE13, layout: SE.SE13 }\n')));
  t.throws(check(base('    - { record: SE15, layout: SE.SE10 }\n')), /t > SE15: layout SE\.SE10 is the layout of record SE10/);
  t.throws(check(base('    - group: x\n      missing: "Q9Q"\n      children:\n        - { record: "40" }\n')), /t > x: condition Q9Q is not in the error dictionary/);
  t.throws(check(base('    - { record: "31", reference: BNDDTL }\nreferences:\n  BNDDTL: { fields: { bondType: nosuchField } }\n')), /references\.BNDDTL\.bondType: record 31 has no field nosuchField/);
  t.throws(check(base('    - { record: "31", reference: BNDDTL }\nreferences:\n  BNDDTL: { fields: { nosuch: bondType } }\n')), /E0\.BNDDTL has no field nosuch/);
});
