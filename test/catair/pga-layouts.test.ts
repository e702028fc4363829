import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { loadCatalog } from '../../src/catair/catalog.js';
import { checkRecord, readField } from '../../src/catair/record.js';

const catalog = loadCatalog();
const FIXTURES = fileURLToPath(new URL('../fixtures/pga/', import.meta.url));
const LAYOUTS = fileURLToPath(new URL('../../schemas/layouts/pga.yaml', import.meta.url));
const GRAMMAR = fileURLToPath(new URL('../../schemas/grammar/pga.yaml', import.meta.url));

/** The records of the PGA chapter's contents (PG-3..4). */
const PG_RECORDS = [
  'PG00', 'PG01', 'PG02', 'PG04', 'PG05', 'PG06', 'PG07', 'PG08', 'PG10', 'PG13', 'PG14', 'PG17',
  'PG18', 'PG19', 'PG20', 'PG21', 'PG22', 'PG23', 'PG24', 'PG25', 'PG26', 'PG27', 'PG28', 'PG29',
  'PG30', 'PG31', 'PG32', 'PG33', 'PG34', 'PG35', 'PG50', 'PG51', 'PG55', 'PG60',
];

const fixture = (name: string): string[] => readFileSync(`${FIXTURES}${name}`, 'utf8').split('\n').filter((l) => l !== '');

t.test('every record of the PGA chapter has a layout covering columns 1-80 once', async (t) => {
  for (const id of PG_RECORDS) {
    const layout = catalog.layout(id);
    t.equal(layout.id, id, `${id} is its own record id`);
    let next = 1;
    for (const f of [...layout.fields].sort((a, b) => a.start - b.start)) {
      t.equal(f.start, next, `${id}.${f.name} starts where the previous field ended`);
      next = f.start + f.length;
    }
    t.equal(next, 81, `${id} ends at column 80`);
    t.equal(layout.fields[0]?.literal, id, `${id} starts with its record id`);
  }
});

t.test('pga.yaml holds exactly the records of the chapter', async (t) => {
  const file = parseYaml(readFileSync(LAYOUTS, 'utf8')) as { records: Array<{ id: string }> };
  t.same(file.records.map((r) => r.id).sort(), PG_RECORDS);
});

/** Checks a record against its layout and returns its fields by name, trimmed. */
function decoded(record: string, fields: readonly string[]): Record<string, string> {
  const layout = catalog.layout(record.slice(0, record.startsWith('OI') ? 2 : 4));
  const problems = checkRecord(layout, record, catalog).map((p) => `${p.field.name} ${p.kind}`);
  if (problems.length > 0) throw new Error(`${record.slice(0, 4)} is not valid: ${problems.join(', ')}`);
  return Object.fromEntries(fields.map((name) => [name, readField(layout, record, name)]));
}

t.test('PG-69: the header substitution group decodes to the point of contact', async (t) => {
  const [start, entity, address, individual, end] = fixture('header-substitution.txt') as [string, string, string, string, string];
  t.same(decoded(start, ['substitutionIndicator', 'substitutionNumber']), { substitutionIndicator: 'S', substitutionNumber: '0001' });
  t.same(decoded(entity, ['entityRoleCode', 'entityName', 'entityAddress1']), {
    entityRoleCode: 'IM',
    entityName: 'TOYOTA NORTH AMERICA',
    entityAddress1: '1234 PEACHTREE STREET',
  });
  t.same(decoded(address, ['entityCity', 'entityStateProvince', 'entityCountry', 'entityPostalCode']), {
    entityCity: 'ATLANTA',
    entityStateProvince: 'GA',
    entityCountry: 'US',
    entityPostalCode: '30301',
  });
  t.same(decoded(individual, ['individualQualifier', 'individualName', 'telephone', 'emailOrFax']), {
    individualQualifier: 'IM',
    individualName: 'JANE SMITH',
    telephone: '7062345678',
    emailOrFax: 'JANE.SMITH@TOYOTAAMERICA.COM',
  });
  t.same(decoded(end, ['substitutionIndicator', 'substitutionNumber']), { substitutionIndicator: 'E', substitutionNumber: '' });
});

t.test('PG-70: the EPA vehicle line decodes to the values the text shows', async (t) => {
  const records = fixture('tariff-with-replace.txt');
  t.same(
    records.map((r) => r.slice(0, 4)),
    ['OI  ', 'PG01', 'PG02', 'PG10', 'PG14', 'PG19', 'PG00', 'PG22', 'PG24'],
  );
  const [oi, pg01, pg02, pg10, pg14, pg19, pg00, pg22, pg24] = records as [string, string, string, string, string, string, string, string, string];
  t.same(decoded(oi, ['description']), { description: 'TOYOTA SEDANS' });
  t.same(decoded(pg01, ['pgaLineNumber', 'agencyCode', 'programCode', 'processingCode', 'electronicImage', 'intendedUseCode', 'disclaimer']), {
    pgaLineNumber: '001',
    agencyCode: 'EP',
    programCode: 'VNE',
    processingCode: '',
    electronicImage: 'Y',
    intendedUseCode: '130.840-019',
    disclaimer: '',
  });
  t.same(decoded(pg02, ['itemType', 'productCodeQualifier1']), { itemType: 'P', productCodeQualifier1: '' });
  t.same(decoded(pg10, ['commodityQualifier', 'characteristicDescription']), { commodityQualifier: 'V06', characteristicDescription: '2011' });
  t.same(decoded(pg14, ['lpcoTransactionType', 'lpcoType', 'lpcoNumber', 'lpcoDateQualifier', 'lpcoDate']), {
    lpcoTransactionType: '3',
    lpcoType: 'EP1',
    lpcoNumber: '9EPAV01.0ABC-002',
    lpcoDateQualifier: '1',
    lpcoDate: '12312020',
  });
  t.same(decoded(pg19, ['entityRoleCode', 'entityName']), { entityRoleCode: 'MF', entityName: 'TOYOTA (JAPAN)' });
  t.same(decoded(pg00, ['substitutionIndicator', 'substitutionNumber']), { substitutionIndicator: 'R', substitutionNumber: '0001' });
  t.same(decoded(pg22, ['documentIdentifier', 'entityRoleCode', 'declarationCode', 'declarationCertification', 'signatureDate']), {
    documentIdentifier: '942',
    entityRoleCode: 'CI',
    declarationCode: 'EP2',
    declarationCertification: 'Y',
    signatureDate: '01272011',
  });
  t.same(decoded(pg24, ['remarksTypeCode', 'remarksCode', 'remarksText']), { remarksTypeCode: 'EP2', remarksCode: 'A', remarksText: '' });
});

t.test('PG-70: after replacement the line holds the substituted records in place of PG00 R', async (t) => {
  const replaced = fixture('tariff-replaced.txt');
  const [start, ...substituted] = fixture('header-substitution.txt');
  const withReplace = fixture('tariff-with-replace.txt');
  const at = withReplace.findIndex((r) => r.startsWith('PG00R'));
  t.equal(start?.slice(5, 9), withReplace[at]?.slice(5, 9), 'PG00 R names the group PG00 S opened');
  t.same(replaced, [...withReplace.slice(0, at), ...substituted.slice(0, -1), ...withReplace.slice(at + 1)]);
});

t.test('PG-68: an individual with further roles in a PG55', async (t) => {
  const records = fixture('tariff-entity-roles.txt');
  const pg21 = records.find((r) => r.startsWith('PG21')) as string;
  const pg55 = records.find((r) => r.startsWith('PG55')) as string;
  t.same(decoded(pg21, ['individualQualifier', 'individualName']), { individualQualifier: 'CI1', individualName: 'JANE SMITH' });
  t.same(decoded(pg55, ['entityRoleCode1', 'entityRoleCode2', 'entityRoleCode3']), { entityRoleCode1: 'DFP', entityRoleCode2: 'IM', entityRoleCode3: '' });
  for (const record of records) t.doesNotThrow(() => decoded(record, []), `${record.slice(0, 4)} is valid`);
});

t.test('field checks raise the PGA conditions of the dictionary', async (t) => {
  const problems = (record: string) =>
    checkRecord(catalog.layout(record.slice(0, 4)), record.padEnd(80), catalog).map((p) => [p.field.name, p.kind, p.kind === 'missing' ? p.field.missing : p.field.invalid]);
  t.same(problems('PG01'), [
    ['pgaLineNumber', 'missing', 'P04'],
    ['agencyCode', 'missing', 'P05'],
    ['programCode', 'missing', 'P06'],
  ]);
  t.same(problems('PG02X'), [['itemType', 'invalid', 'P07']]);
  t.same(problems('PG267'), [['packagingQualifier', 'invalid', 'P17']]);
  t.same(problems('PG30Z'), [['inspectionStatus', 'invalid', 'P20']]);
  t.same(problems('PG345'), [['travelDocumentType', 'invalid', 'P26']]);
  t.same(problems('PG30N'), [], 'N (no laboratory testing, revision 28) is a status');
});

// ---- The grammar file: its node shape, checked here until the grammar loader exists ----

type Node =
  | { record: string; max?: number; usage?: 'M' | 'C' | 'O'; match?: string; reference?: string; source?: string }
  | { group: string; max?: number; usage?: 'M' | 'C' | 'O'; source?: string; children: Node[] }
  | { include: string };

const usage = z.enum(['M', 'C', 'O']).optional();
const max = z.number().int().min(1).optional();
const NodeSchema: z.ZodType<Node> = z.lazy(() =>
  z.union([
    z.object({ record: z.string(), max, usage, match: z.string().optional(), reference: z.string().optional(), source: z.string().optional() }).strict(),
    z.object({ group: z.string(), max, usage, source: z.string().optional(), children: z.array(NodeSchema).min(1) }).strict(),
    z.object({ include: z.string() }).strict(),
  ]),
);
const GrammarFile = z
  .object({
    description: z.string(),
    references: z.record(z.string(), z.object({ occurrenceField: z.string() }).strict()),
    fragments: z.record(z.string(), z.array(NodeSchema).min(1)),
  })
  .strict();

const grammar = GrammarFile.parse(parseYaml(readFileSync(GRAMMAR, 'utf8')));

/** Every record node reachable from a fragment, following includes (refusing cycles). */
function recordsOf(fragment: string, seen: readonly string[] = []): Array<Extract<Node, { record: string }>> {
  if (seen.includes(fragment)) throw new Error(`include cycle: ${[...seen, fragment].join(' -> ')}`);
  const nodes = grammar.fragments[fragment];
  if (!nodes) throw new Error(`no fragment ${fragment}`);
  const walk = (list: readonly Node[]): Array<Extract<Node, { record: string }>> =>
    list.flatMap((n) => ('record' in n ? [n] : 'group' in n ? walk(n.children) : recordsOf(n.include, [...seen, fragment])));
  return walk(nodes);
}

t.test('the PGA grammar has the fragments the Entry Summary grammar includes', async (t) => {
  t.ok(grammar.fragments['pgaTariffGroup'], 'tariff level (ESF-25)');
  t.ok(grammar.fragments['pgaSubstitution'], 'header and line level (ESF-21, ESF-23)');
});

t.test('every group starts with the record that triggers it', async (t) => {
  const groups = (list: readonly Node[]): Array<Extract<Node, { group: string }>> =>
    list.flatMap((n) => ('group' in n ? [n, ...groups(n.children)] : []));
  for (const [name, nodes] of Object.entries(grammar.fragments)) {
    for (const g of groups(nodes)) t.ok('record' in (g.children[0] as Node), `${name}: ${g.group}`);
  }
});

t.test('the grammar names only known layouts, and places every PG record', async (t) => {
  const used = Object.keys(grammar.fragments).flatMap((f) => recordsOf(f));
  t.same([...new Set(used.map((n) => n.record))].filter((id) => !catalog.hasLayout(id)), [], 'every record node has a layout');
  t.same(used.filter((n) => n.match !== undefined && !n.match.startsWith(n.record)), [], 'a match starts with its record id');
  const placed = new Set([...recordsOf('pgaTariffGroup'), ...recordsOf('pgaSubstitution')].map((n) => n.record));
  t.same(PG_RECORDS.filter((id) => !placed.has(id)), [], 'no PG record is left without a place');
  t.same(
    recordsOf('pgaSubstitution').filter((n) => n.record === 'PG00').map((n) => n.match),
    ['PG00S', 'PG00E'],
    'the header/line substitution is bracketed by PG00 S and PG00 E',
  );
  t.ok(recordsOf('pgaTariffGroup').some((n) => n.match === 'PG00R'), 'PG00 R may stand in a PGA line');
});

t.test('within one list of nodes each node starts with a different record, so a record finds its node without look-ahead', async (t) => {
  // Includes are acyclic (checked by recordsOf above), so splicing ends.
  const spliced = (list: readonly Node[]): Node[] =>
    list.flatMap((n) => ('include' in n ? spliced(grammar.fragments[n.include] ?? []) : [n]));
  const lead = (n: Node): string => ('record' in n ? (n.match ?? n.record) : 'group' in n ? lead(n.children[0] as Node) : n.include);
  const check = (where: string, list: readonly Node[]): void => {
    const nodes = spliced(list);
    const leads = nodes.map(lead);
    t.same(leads.filter((l, i) => leads.indexOf(l) !== i), [], where);
    for (const n of nodes) if ('group' in n) check(`${where} > ${n.group}`, n.children);
  };
  for (const [name, nodes] of Object.entries(grammar.fragments)) check(name, nodes);
});

t.test('E0 references: the PGA record types of ESF-198..203, PG01 counted by its PGA line number', async (t) => {
  const nodes = Object.keys(grammar.fragments).flatMap((f) => recordsOf(f));
  const wrong = nodes.filter((n) => n.reference !== undefined && n.reference !== (n.record === 'OI' ? 'PGOI' : n.record));
  t.same(wrong, [], 'a record node refers to its own record type');
  const unreferenced = [...new Set(nodes.filter((n) => n.reference === undefined).map((n) => n.record))].sort();
  t.same(unreferenced, ['PG00', 'PG50', 'PG51', 'PG60'], 'only the records table 1 does not list go without a reference');
  const field = grammar.references['PG01']?.occurrenceField ?? '';
  t.ok(catalog.layout('PG01').byName.has(field), `${field} is a PG01 field`);
});
