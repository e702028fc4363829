import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadTransactionGrammar } from '../../../src/catair/grammar.js';
import { groupEntrySummaries } from '../../../src/applications/entry-summary/grouping.js';
import { DEFAULT_SCHEMA_DIR, loadCatalog } from '../../../src/catair/catalog.js';
import type { Block } from '../../../src/catair/envelope.js';

const catalog = loadCatalog();
const grammar = loadTransactionGrammar(DEFAULT_SCHEMA_DIR, 'entry-summary');
const samples = fileURLToPath(new URL('../../../scenarios/samples/', import.meta.url));

/** The records between B and Y of a sample (each 80 characters). */
function sampleDetails(file: string): string[] {
  const lines = readFileSync(samples + file, 'latin1').split('\n').filter((l) => l !== '');
  const b = lines.findIndex((l) => l.startsWith('B'));
  const y = lines.findIndex((l) => l.startsWith('Y'));
  return lines.slice(b + 1, y);
}

const ONE_LINE = sampleDetails('ae-add-1-line.txt');
/** The sample's header records after its 10: the 11, the air shipment's 20 and cargo manifest (22, 23; ESF-144), the 31 bond. */
const HEADER = ['11', '20', '22', '23', '31'];
const B_RECORD = 'B  2704B76AE'.padEnd(80);

/** A record: text padded to 80 characters. */
const rec = (text: string): string => text.padEnd(80).slice(0, 80);

/** Overwrites `text` at 1-based column `col`. */
function put(record: string, col: number, text: string): string {
  return record.slice(0, col - 1) + text + record.slice(col - 1 + text.length);
}

/** A block: B at position 2 (after an A record), details from position 3. */
function block(details: readonly string[], number = 1): Block {
  return {
    number,
    header: { text: B_RECORD, position: 2 },
    details: details.map((text, i) => ({ text, position: i + 3 })),
  };
}

const group = (details: readonly string[]) => groupEntrySummaries(block(details), grammar, catalog);
const codes = (r: ReturnType<typeof group>) => r.conditions.map((c) => c.code);

/** The one record of a sample whose id is `id`. */
function recordOf(details: readonly string[], id: string): string {
  const r = details.find((d) => d.startsWith(id));
  if (!r) throw new Error(`no ${id} record`);
  return r;
}

/** The detail records with `extra` inserted before index `at`. */
const insert = (details: readonly string[], at: number, ...extra: string[]): string[] => [...details.slice(0, at), ...extra, ...details.slice(at)];
const indexOf = (details: readonly string[], id: string): number => details.findIndex((d) => d.startsWith(id));

t.test('the 1-line sample is one transaction with its header records, one line, one tariff, totals and trailer', async (t) => {
  const r = group(ONE_LINE);
  t.same(r.conditions, []);
  t.equal(r.units.length, 1);
  const tx = r.units[0]!;
  t.equal(tx.ordinal, 1);
  t.equal(tx.header.id, '10');
  t.equal(tx.header.position, 3);
  t.same(tx.headerRecords.map((h) => h.id), HEADER);
  t.equal(tx.lines.length, 1);
  const line = tx.lines[0]!;
  t.equal(line.ordinal, 1);
  t.equal(line.record.id, '40');
  t.same(line.children.map((c) => c.text.slice(0, 3)), ['47M', '47S'], 'its article parties: manufacturer and sold-to');
  t.equal(line.tariffs.length, 1);
  t.equal(line.tariffs[0]!.record.id, '50');
  t.equal(line.tariffs[0]!.ordinal, 1);
  t.same(line.trailers.map((r) => r.text.slice(0, 5)), ['62499'], 'its formal MPF (ESF-161 usage note n)');
  t.same(tx.totals.map((r) => r.id), ['89']);
  t.equal(tx.trailer?.id, '90');
  t.equal(tx.trailer?.position, 3 + ONE_LINE.length - 1);
  t.same(tx.header.problems, [], 'the sample 10 record passes its layout');
  t.equal(tx.header.layout?.name, '10');
});

t.test('the 5-line sample groups into 5 lines, each with its tariff', async (t) => {
  const r = group(sampleDetails('ae-add-5-lines.txt'));
  t.same(r.conditions, []);
  t.equal(r.units.length, 1);
  const lines = r.units[0]!.lines;
  t.equal(lines.length, 5);
  t.same(lines.map((l) => l.ordinal), [1, 2, 3, 4, 5]);
  t.same(lines.map((l) => l.record.text.slice(4, 7)), ['001', '002', '003', '004', '005']);
  t.ok(lines.every((l) => l.tariffs.length === 1));
});

t.test('two transactions in one block', async (t) => {
  const second = ONE_LINE.map((r) => (r.startsWith('10') ? put(r, 9, '03245351') : r));
  const r = group([...ONE_LINE, ...second]);
  t.same(r.conditions, []);
  t.equal(r.units.length, 2);
  t.same(r.units.map((u) => u.ordinal), [1, 2]);
  t.same(r.units.map((u) => u.header.text.slice(8, 16)), ['03245278', '03245351']);
  t.same(r.units.map((u) => u.header.position), [3, 3 + ONE_LINE.length]);
  for (const u of r.units) {
    t.equal(u.lines.length, 1);
    t.equal(u.trailer?.id, '90');
    t.same(u.headerRecords.map((h) => h.id), HEADER);
  }
});

t.test('CW02 and 63 records become line trailers', async (t) => {
  const census = sampleDetails('ae-census-override.txt');
  const r = group(census);
  t.same(r.conditions, []);
  t.same(r.units[0]!.lines[0]!.trailers.map((x) => x.id), ['62', 'CW02']);
  t.same(r.units[0]!.lines[0]!.tariffs[0]!.children, [], 'CW02 is not a tariff child');

  const withReason = insert(census, indexOf(census, 'CW02'), rec('63L07'));
  const r2 = group(withReason);
  t.same(r2.conditions, []);
  t.same(r2.units[0]!.lines[0]!.trailers.map((x) => x.id), ['62', '63', 'CW02']);

  const reversed = insert(census, indexOf(census, 'CW02') + 1, rec('63L07'));
  t.same(codes(group(reversed)), ['X35'], 'a 63 after the CW02 is out of sequence');
});

t.test('X33: records before the first 10 record, reported once', async (t) => {
  const r = group([recordOf(ONE_LINE, '11'), recordOf(ONE_LINE, '31'), ...ONE_LINE]);
  t.same(r.conditions, [{ code: 'X33', pointer: { kind: 'record', block: 1, position: 3, column: 0 }, why: 'record 11 comes before any transaction has begun (a transaction begins with 10)' }]);
  t.equal(r.units.length, 1, 'the transaction after it is still grouped');
  t.same(r.units[0]!.headerRecords.map((h) => h.id), HEADER);
});

t.test('X34: an unknown record id, pointing at the whole record (column 00, B&B-36)', async (t) => {
  const at = indexOf(ONE_LINE, '40');
  const r = group(insert(ONE_LINE, at, rec('77 UNKNOWN')));
  t.same(r.conditions, [{ code: 'X34', pointer: { kind: 'record', block: 1, position: 3 + at, column: 0 } }]);
  t.same(group(insert(ONE_LINE, at, rec('CW99'))).conditions.map((c) => c.code), ['X34'], 'a 4-character id the grammar does not list');
});

t.test('X35: records out of sequence', async (t) => {
  const pointer = (position: number) => ({ kind: 'record', block: 1, position, column: 0 });
  const line = indexOf(ONE_LINE, '40');
  const tariff = indexOf(ONE_LINE, '50');

  await t.test('an 11 after a 40', async (t) => {
    const details = insert(ONE_LINE, line + 1, recordOf(ONE_LINE, '11'));
    t.same(group(details).conditions, [{ code: 'X35', pointer: pointer(3 + line + 1), why: 'record 11 cannot follow record 40: its place is earlier in the transaction' }]);
  });
  await t.test('a 31 before the 11 (header record order)', async (t) => {
    const details = insert(ONE_LINE, 1, recordOf(ONE_LINE, '31'));
    // 10, 31, 11, 20, 22, 23, 31 …: each record that belongs before a 31 comes after one, then the
    // second 31 is fine again
    const behind = indexOf(ONE_LINE, '31') - indexOf(ONE_LINE, '11');
    t.same(codes(group(details)), Array<string>(behind).fill('X35'));
    t.equal(group(details).conditions[0]!.pointer.position, 5);
  });
  await t.test('a 51 before any 50: the 51 closes the tariff grouping, so the 50 after it is out of sequence', async (t) => {
    // ESF-23..24: 51 follows the Tariff Grouping within the line; a 51 before the line's first 50
    // skips the tariffs, and the 50 that then comes is behind the line's current place.
    const details = insert(ONE_LINE, tariff, rec('51VISA12345'));
    t.match(group(details).conditions, [{ code: 'X35', pointer: pointer(3 + tariff + 1) }]);
  });
  await t.test('a 51 in the header, before any line', async (t) => {
    t.same(codes(group(insert(ONE_LINE, 2, rec('51VISA12345')))), ['X35']);
  });
  await t.test('a 41 after the line has a tariff', async (t) => {
    t.same(codes(group(insert(ONE_LINE, tariff + 1, rec('41P1101260000000001')))), ['X35']);
  });
  await t.test('a 40 after the 89', async (t) => {
    const totals = indexOf(ONE_LINE, '89');
    const details = insert(ONE_LINE, totals + 1, recordOf(ONE_LINE, '40'));
    t.match(group(details).conditions, [{ code: 'X35', pointer: pointer(3 + totals + 1) }]);
  });
  await t.test('an 88 after the 89', async (t) => {
    const totals = indexOf(ONE_LINE, '89');
    t.same(codes(group(insert(ONE_LINE, totals + 1, rec('88')))), ['X35']);
  });
  await t.test('anything after the 90 except a new 10', async (t) => {
    const end = 3 + ONE_LINE.length;
    for (const id of ['11', '40', '50', '89']) {
      const r = group([...ONE_LINE, recordOf(ONE_LINE, id)]);
      t.match(r.conditions, [{ code: 'X35', pointer: pointer(end) }], `${id} after 90`);
    }
    // ace-mock choice: a record repeated past its limit is a loop exceeded, as for two 11 records.
    t.match(group([...ONE_LINE, recordOf(ONE_LINE, '90')]).conditions, [{ code: 'X36', pointer: pointer(end) }], 'a second 90');
    const r = group([...ONE_LINE, recordOf(ONE_LINE, '10'), recordOf(ONE_LINE, '11')]);
    t.same(r.conditions, [], 'a new 10 starts a new transaction');
    t.equal(r.units.length, 2);
  });
});

t.test('X36: loops exceeded', async (t) => {
  await t.test('two 11 records', async (t) => {
    const at = indexOf(ONE_LINE, '11');
    const r = group(insert(ONE_LINE, at + 1, recordOf(ONE_LINE, '11')));
    t.same(r.conditions, [{ code: 'X36', pointer: { kind: 'record', block: 1, position: 3 + at + 1, column: 0 }, why: 'record 11 occurs here more times than its group allows' }]);
    t.same(r.units[0]!.headerRecords.map((h) => h.id), HEADER, 'the extra 11 is not kept');
  });
  await t.test('three 31 records (two allowed)', async (t) => {
    const at = indexOf(ONE_LINE, '31');
    const b31 = recordOf(ONE_LINE, '31');
    t.same(codes(group(insert(ONE_LINE, at + 1, b31))), [], 'two are allowed');
    const r = group(insert(ONE_LINE, at + 1, b31, b31));
    t.match(r.conditions, [{ code: 'X36', pointer: { kind: 'record', block: 1, position: 3 + at + 2, column: 0 } }]);
  });
  await t.test('33 tariffs on a line (32 allowed)', async (t) => {
    const at = indexOf(ONE_LINE, '50');
    const tariff = recordOf(ONE_LINE, '50');
    const r32 = group(insert(ONE_LINE, at + 1, ...Array<string>(31).fill(tariff)));
    t.same(r32.conditions, [], '32 tariffs are allowed');
    t.equal(r32.units[0]!.lines[0]!.tariffs.length, 32);
    const r33 = group(insert(ONE_LINE, at + 1, ...Array<string>(32).fill(tariff)));
    t.match(r33.conditions, [{ code: 'X36', pointer: { kind: 'record', block: 1, position: 3 + at + 32, column: 0 } }]);
    t.equal(r33.units[0]!.lines[0]!.tariffs.length, 32);
  });
});

t.test('X39 and X40 from the record layouts, with the right columns', async (t) => {
  const ten = indexOf(ONE_LINE, '10');
  const withRecord = (text: string) => ONE_LINE.map((r, i) => (i === ten ? text : r));
  const at = (column: number) => ({ kind: 'record', block: 1, position: 3 + ten, column });

  await t.test('data in filler: X39 at the first non-blank filler column', async (t) => {
    const r = group(withRecord(put(ONE_LINE[ten]!, 8, 'Z')));
    t.same(r.conditions, [{ code: 'X39', pointer: at(8) }]);
    t.same(group(withRecord(put(ONE_LINE[ten]!, 75, 'Q'))).conditions, [{ code: 'X39', pointer: at(75) }], 'filler5 (71-80)');
  });
  await t.test('non-standard data: X40 at its column, reported once', async (t) => {
    const r = group(withRecord(put(ONE_LINE[ten]!, 30, '\u00e9')));
    t.same(r.conditions, [{ code: 'X40', pointer: at(30) }]);
    const control = group(withRecord(put(put(ONE_LINE[ten]!, 12, '\x01'), 8, 'Z')));
    t.same(control.conditions, [{ code: 'X40', pointer: at(12) }], 'non-standard data is reported before, and instead of, filler data');
  });
  await t.test('a blank mandatory field or a bad value is never X40: it stays on the record for the rules', async (t) => {
    const line = indexOf(ONE_LINE, '40');
    const bad = ONE_LINE.map((r, i) => (i === line ? put(r, 25, 'ab') : r)); // lower case in an AN field
    const r = group(bad);
    t.same(r.conditions, []);
    t.same(r.units[0]!.lines[0]!.record.problems.map((p) => p.kind), ['invalid']);
    const tariff = indexOf(ONE_LINE, '50');
    const noUom = ONE_LINE.map((r, i) => (i === tariff ? put(r, 48, '   ') : r));
    t.same(group(noUom).conditions, [], 'uom1 (48-50) is C in the layout: a blank one is the 439 rule\'s, not syntax');
  });
  await t.test('a field problem whose field names a condition is left to the business rules', async (t) => {
    const r = group(withRecord(put(put(ONE_LINE[ten]!, 34, '  '), 39, 'Y'))); // entry type missing (B17), signature B40
    t.same(r.conditions, []);
    t.same(r.units[0]!.header.problems.map((p) => [p.kind, p.field.name]), [['missing', 'entryType'], ['invalid', 'electronicSignature']]);
  });
});

t.test('the AE grammar follows the input structure maps of ESF-21..25', async (t) => {
  // The sample without its line fee (62), so that the line records each test inserts stand alone.
  const SKELETON = ONE_LINE.filter((d) => !d.startsWith('62'));
  const header = indexOf(SKELETON, '31');
  const line = indexOf(SKELETON, '40');
  const tariff = indexOf(SKELETON, '50');
  const totals = indexOf(SKELETON, '89');
  const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);

  await t.test('header records of ESF-21..22 in their order, with entity groupings', async (t) => {
    const details = [
      ...SKELETON.slice(0, 2), // 10, 11
      rec('20'), rec('SE13'), rec('21'),
      rec('22'), rec('23'), rec('23'), rec('22'), rec('23'), // two cargo manifests (ESF-43), each with its bills
      rec('SE16'), rec('SE16'), rec('SE17'),
      SKELETON[header]!, SKELETON[header]!, // two bonds (ESF-49)
      rec('32'), rec('32'), rec('33'), rec('34'), rec('35'), rec('36'), rec('36'),
      rec('PG00S0001'), rec('PG00E0001'),
      rec('SE20'),
      rec('SE30'), rec('SE31'), rec('SE35'), rec('SE36'),
      rec('SE30'), rec('SE32'),
      ...SKELETON.slice(line),
    ];
    const r = group(details);
    t.same(r.conditions, []);
    // The substitution group groups without a problem, and is then left out of what the rules see
    // (PG-70: its records are checked where a PG00 R puts them).
    const expected = details.slice(1, details.length - (SKELETON.length - line)).filter((d) => !d.startsWith('PG00'));
    t.same(ids(r.units[0]!.headerRecords), expected.map((d) => d.trim().slice(0, d.startsWith('SE') ? 4 : 2)));
  });

  await t.test('a cargo manifest takes four bills of lading, not five (ESF-44)', async (t) => {
    // A second cargo manifest after the sample's one.
    const at = indexOf(SKELETON, '23') + 1;
    const four = insert(SKELETON, at, rec('22'), rec('23'), rec('23'), rec('23'), rec('23'));
    t.same(codes(group(four)), []);
    const five = insert(SKELETON, at, rec('22'), rec('23'), rec('23'), rec('23'), rec('23'), rec('23'));
    t.match(group(five).conditions, [{ code: 'X36', pointer: { kind: 'record', block: 1, position: 3 + at + 5, column: 0 } }]);
  });

  await t.test('a line with every line-level record of ESF-23..24, once per line', async (t) => {
    const lineRecords = [
      SKELETON[line]!, rec('41'), rec('43'), rec('44'), rec('44'), rec('47'), rec('47'),
      rec('SE50'), rec('SE51'), rec('SE55'), rec('SE56'),
      rec('PG00S0001'), rec('PG00E0001'),
      SKELETON[tariff]!, rec('SE60'), rec('SE61'), rec('OI'), rec('PG01'), rec('PG02'),
      SKELETON[tariff]!,
      rec('51'), rec('52'), rec('53'), rec('53'), rec('54'), rec('60'), rec('61'), rec('62'), rec('62'),
      rec('SE62'), rec('SE63'), rec('SE63'), rec('63'), rec('CW02'),
    ];
    const r = group([...SKELETON.slice(0, line), ...lineRecords, ...SKELETON.slice(totals)]);
    t.same(r.conditions, []);
    const l = r.units[0]!.lines[0]!;
    t.equal(l.tariffs.length, 2);
    t.same(ids(l.children), ['41', '43', '44', '44', '47', '47', 'SE50', 'SE51', 'SE55', 'SE56'], 'the substitution group is left out (PG-70)');
    t.same(ids(l.tariffs[0]!.children), ['SE60', 'SE61', 'OI', 'PG01', 'PG02']);
    t.same(ids(l.trailers), ['51', '52', '53', '53', '54', '60', '61', '62', '62', 'SE62', 'SE63', 'SE63', '63', 'CW02']);
  });

  await t.test('the rest of the line comes once per line, after all its tariffs (ESF-94..126)', async (t) => {
    const twoVisas = insert(SKELETON, tariff + 1, rec('51'), SKELETON[tariff]!, rec('51'));
    t.same(codes(group(twoVisas)), ['X35', 'X36'], 'a 50 after the 51 is out of sequence (51..CW02 are not per tariff), and a second 51 one too many');
    const after62 = insert(SKELETON, tariff + 1, rec('62'), SKELETON[tariff]!);
    t.same(codes(group(after62)), ['X35'], 'a 50 after a 62');
    const sixFees = insert(SKELETON, tariff + 1, ...Array<string>(6).fill(rec('62')));
    t.same(codes(group(sixFees)), ['X36'], 'five line fees (ESF-120), not six');
  });

  await t.test('EIP and non-EIP descriptions are exclusive (ESF-23, ESF-73)', async (t) => {
    const eip = insert(SKELETON, line + 1, rec('42'), rec('43'), rec('44'), rec('42'), rec('44'));
    t.same(codes(group(eip)), [], 'two EIP invoice groupings');
    const both = insert(SKELETON, line + 1, rec('43'), rec('44'), rec('42'), rec('44'));
    t.same(codes(group(both)), ['X35'], 'a 42 after a non-EIP description (the 44 after it joins the non-EIP descriptions)');
  });

  await t.test('the totals: 88, up to nine 89, 90 (ESF-22, ESF-129)', async (t) => {
    const nine = insert(SKELETON, totals, rec('88'), ...Array<string>(8).fill(SKELETON[totals]!));
    t.same(codes(group(nine)), []);
    t.same(ids(group(nine).units[0]!.totals), ['88', ...Array<string>(9).fill('89')]);
    const ten = insert(SKELETON, totals, ...Array<string>(9).fill(SKELETON[totals]!));
    t.same(codes(group(ten)), ['X36']);
    const noNinety = SKELETON.slice(0, -1);
    t.same(codes(group(noNinety)), [], 'the 90 is conditional in the grouping');
  });

  await t.test('998 lines, not 999 (ESF-22: the first limit applies)', async (t) => {
    const lineRecords = SKELETON.slice(line, totals);
    const many = (n: number) => [...SKELETON.slice(0, line), ...Array.from({ length: n }, () => lineRecords).flat(), ...SKELETON.slice(totals)];
    t.same(codes(group(many(998))), []);
    // The 999th 40 is one too many; its 47 records then come after the line before's tariff (out of
    // sequence) and its 50 joins that line.
    const parties = lineRecords.filter((r) => r.startsWith('47')).map(() => 'X35');
    t.same(codes(group(many(999))), ['X36', ...parties]);
  });

  await t.test('a line with no 50 is not a syntax problem: the rules raise 431', async (t) => {
    const r = group(SKELETON.filter((d) => !d.startsWith('50')));
    t.same(r.conditions, []);
    t.same(r.units[0]!.missing.map((m) => [m.code, m.line?.ordinal]), [['431', 1]]);
  });
});

t.test('PG-70: each PG00 R is replaced by its substitution group before the rules see the transaction', async (t) => {
  const fixtures = fileURLToPath(new URL('../../fixtures/pga/', import.meta.url));
  const fixture = (name: string) => readFileSync(fixtures + name, 'latin1').split('\n').filter((l) => l !== '').map(rec);
  const header = indexOf(ONE_LINE, '31') + 1;
  const tariff = indexOf(ONE_LINE, '50') + 1;
  const withGroups = (groups: readonly string[], pga: readonly string[]) => [...ONE_LINE.slice(0, header), ...groups, ...ONE_LINE.slice(header, tariff), ...pga, ...ONE_LINE.slice(tariff)];
  const substitution = fixture('header-substitution.txt');
  const r = group(withGroups(substitution, fixture('tariff-with-replace.txt')));
  t.same(r.conditions, [], 'no syntax problem');
  const tx = r.units[0]!;
  const children = tx.lines[0]!.tariffs[0]!.children;
  t.same(children.map((c) => c.text), fixture('tariff-replaced.txt'), 'the tariff holds what PG-70 shows after the replacement');
  const replacePosition = 3 + header + substitution.length + (tariff - header) + 6;
  t.same(children.slice(6, 9).map((c) => c.position), [replacePosition, replacePosition, replacePosition], 'the substituted records stand at the place of the PG00 R');
  t.notOk(tx.headerRecords.some((h) => h.id.startsWith('PG')), 'the group is left out at header level');
  t.same(tx.pgaSubstitution, { misnumbered: [], unresolved: [] });

  const second = substitution.map((s) => (s.startsWith('PG00S') ? rec('PG00S0003') : s));
  const misnumbered = group(withGroups([...substitution, ...second], fixture('tariff-with-replace.txt'))).units[0]!.pgaSubstitution;
  t.same(misnumbered.misnumbered.map((p) => p.record.text.slice(0, 9)), ['PG00S0003'], 'a second group numbered 0003 does not follow 0001');
  const duplicate = group(withGroups([...substitution, ...substitution], fixture('tariff-with-replace.txt'))).units[0]!.pgaSubstitution;
  t.same(duplicate.misnumbered.map((p) => p.record.position), [3 + header + substitution.length], 'a number used twice');

  const unknown = fixture('tariff-with-replace.txt').map((s) => (s.startsWith('PG00R') ? rec('PG00R0002') : s));
  const u = group(withGroups(substitution, unknown));
  t.same(u.conditions, [], 'a PG00 R naming no group still groups');
  t.same(u.units[0]!.pgaSubstitution.unresolved.map((p) => [p.record.text.slice(0, 9), p.line?.ordinal]), [['PG00R0002', 1]]);
  t.ok(u.units[0]!.lines[0]!.tariffs[0]!.children.some((c) => c.id === 'PG00'), 'and stays where it was');
});

t.test('PG-70: substitution groups without a PG00 R are left out, the transaction not grouped again (nothing to replace)', async (t) => {
  // Counts the groupings the entry summary reader does itself, after the block's first grouping
  // (shared/grouping-syntax.ts): the second one, of the transaction with its PG00 R replaced.
  const real = await import('../../../src/catair/grouping.js');
  let regroupings = 0;
  const counted = (await t.mockImport('../../../src/applications/entry-summary/grouping.js', {
    '../../../src/catair/grouping.js': {
      ...real,
      groupTransactions: (...args: Parameters<typeof real.groupTransactions>) => {
        regroupings += 1;
        return real.groupTransactions(...args);
      },
    },
  })) as typeof import('../../../src/applications/entry-summary/grouping.js');
  const countedGroup = (details: readonly string[]) => {
    regroupings = 0;
    return counted.groupEntrySummaries(block(details), grammar, catalog);
  };
  const fixtures = fileURLToPath(new URL('../../fixtures/pga/', import.meta.url));
  const fixture = (name: string) => readFileSync(fixtures + name, 'latin1').split('\n').filter((l) => l !== '').map(rec);
  const header = indexOf(ONE_LINE, '31') + 1;
  const tariff = indexOf(ONE_LINE, '50') + 1;
  const withGroup = (pga: readonly string[]) => [...ONE_LINE.slice(0, header), ...fixture('header-substitution.txt'), ...ONE_LINE.slice(header, tariff), ...pga, ...ONE_LINE.slice(tariff)];

  const unused = countedGroup(withGroup(fixture('tariff-with-replace.txt').filter((r) => !r.startsWith('PG00R'))));
  t.equal(regroupings, 0, 'a group no PG00 R names: nothing replaced, no second grouping');
  t.same(unused.conditions, []);
  t.notOk(unused.units[0]!.headerRecords.some((h) => h.id.startsWith('PG')), 'the unused group is still left out of what the rules see');
  t.notOk(unused.units[0]!.lines[0]!.tariffs[0]!.children.some((c) => c.id === 'PG00'));
  t.same(unused.units[0]!.pgaSubstitution, { misnumbered: [], unresolved: [] });
  countedGroup(ONE_LINE);
  t.equal(regroupings, 0, 'nor without any group');
  const replaced = countedGroup(withGroup(fixture('tariff-with-replace.txt')));
  t.equal(regroupings, 1, 'with a PG00 R the replaced transaction is grouped again, once');
  t.same(replaced.units[0]!.lines[0]!.tariffs[0]!.children.map((c) => c.text), fixture('tariff-replaced.txt'));
});
