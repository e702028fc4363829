import t from 'tap';
import { groupCargoReleases } from '../../../src/applications/cargo-release/grouping.js';
import { catalog, filing, fixtureDetails, grammar, se, txOf } from '../../helpers/cargo-release.js';
import { entry, rec } from '../../helpers/census.js';

/**
 * Grouping an SE block (schemas/grammar/cargo-release.yaml): the syntax problems that reject the
 * whole batch, as for every application (B&B-31..32), and the view the rules read.
 */
const N = entry(480902);
const conditions = (details: readonly string[]) =>
  groupCargoReleases({ number: 1, header: { text: rec('B  2704B76SE'), position: 2 }, details: details.map((text, i) => ({ text: rec(text), position: i + 3 })) }, grammar, catalog).conditions.map(
    (c) => `${c.code}@${c.pointer.position}:${c.pointer.column}`,
  );

t.test('syntax problems: X33 before the first SE10, X34 unknown, X35 out of place, X36 past its limit, X40 non-standard', async (t) => {
  const d = filing(N);
  t.same(conditions(d), []);
  t.same(conditions([d[1] as string, ...d]), ['X33@3:0'], 'an SE13 before any SE10');
  t.same(conditions([...d, 'SE62 SANCTIONS']), [`X34@${d.length + 3}:0`], 'SE62 is not a v40 record (docs/cargo-release.md)');
  t.same(conditions([...d, d[1] as string]), [`X35@${d.length + 3}:0`], 'an SE13 after the lines');
  // Ten more parties before the sample's seller, buyer and consignee: the consignee is the 13th (SE-22: x12).
  const ten = Array.from({ length: 10 }, () => se('SE30', { entityCode: 'ST', entityName: 'X' }));
  const crowded = [...d.slice(0, 3), ...ten, ...d.slice(3)];
  t.same(conditions(crowded), [`X36@${crowded.findIndex((r) => r.startsWith('SE30CN')) + 3}:0`], 'a 13th header party');
  t.same(conditions([...d.slice(0, -1), `${(d.at(-1) as string).slice(0, 30)}\u00e9`]), [`X40@${d.length + 2}:31`]);
});

t.test('the rules\' view: bills split where the grammar lets three SE15 share a grouping (SE-46..49 note 1)', async (t) => {
  const tx = txOf(fixtureDetails('split-example-2.txt'));
  t.same(tx.bills.map((g) => [g.bills.map((b) => b.text[4]).join(''), g.conveyances.length]), [['R', 2], ['IR', 1]]);
  const runs = txOf([...filing(N).slice(0, 2), se('SE15', { billType: 'R', billNumber: 'A1' }), se('SE15', { billType: 'M', billNumber: 'M1' }), se('SE15', { billType: 'H', billNumber: 'H1' }), ...filing(N).slice(3)]);
  t.same(runs.bills.map((g) => g.bills.map((b) => b.text[4]).join('')), ['R', 'MH'], 'a simple bill, then a master and its house');
  t.equal(tx.lines.length, 1);
  t.equal(tx.entities.length, 3);
  t.equal(tx.lines[0]?.entities.length, 1);
  t.equal(txOf(fixtureDetails('unified-isf.txt')).isf?.entities.length, 7);
  t.equal(txOf(fixtureDetails('pga.txt')).lines[0]?.tariffs[0]?.pga.length, 7, 'OI and the PGA records after the SE60 (PG-13)');
});
