import { basename, join } from 'node:path';
import { z } from 'zod';
import { type Catalog, readYaml, SchemaError, yamlFiles } from './catalog.js';

/**
 * Transaction grammars (`schemas/grammar/*.yaml`): the nested groupings CATAIR's "input structure
 * maps" draw, as data. A grammar is a tree of record nodes and group nodes; a group's leading
 * records (up to its first mandatory one) start a new occurrence of it. Fragments are named lists of nodes that any grammar
 * can splice in with `include` (the PGA message set is written once and used by AE and SE alike).
 */

const Usage = z.enum(['M', 'C', 'O']);
const conditionCode = z.string().regex(/^[A-Z0-9]{3}$/, 'a condition code is 3 characters, e.g. 431');
const referenceType = z.string().regex(/^[A-Z0-9]{4,6}$/, 'an E0 reference data type code, e.g. LINITM');

type NodeSpec = RecordNodeSpec | GroupNodeSpec | IncludeSpec;
interface RecordNodeSpec {
  record: string;
  layout?: string | undefined;
  max?: number | undefined;
  usage?: 'M' | 'C' | 'O' | undefined;
  match?: string | undefined;
  reference?: string | undefined;
  detail?: string | undefined;
  source?: string | undefined;
  title?: string | undefined;
}
interface GroupNodeSpec {
  group: string;
  max?: number | undefined;
  usage?: 'M' | 'C' | 'O' | undefined;
  reference?: string | undefined;
  missing?: string | undefined;
  source?: string | undefined;
  title?: string | undefined;
  children: NodeSpec[];
}
interface IncludeSpec {
  include: string;
}

const RecordNodeSpec = z
  .object({
    record: z.string().min(2).max(4),
    /**
     * The layout the record is read with, when it is not the one named after the record id: an
     * application whose record ids another application also uses names its own (SE.SE13).
     */
    layout: z.string().min(2).optional(),
    max: z.number().int().positive().optional(),
    usage: Usage.optional(),
    /** The leading text that tells this node apart when one layout has variants (PG00S, PG00E). */
    match: z.string().min(2).max(6).optional(),
    reference: referenceType.optional(),
    /** A finer reference within the record, pointed at when a condition names one of its fields (TARQTY in a 50). */
    detail: referenceType.optional(),
    source: z.string().optional(),
    title: z.string().optional(),
  })
  .strict();

const NodeSpec: z.ZodType<NodeSpec> = z.lazy(() =>
  z.union([
    RecordNodeSpec,
    z
      .object({
        group: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'group names are camelCase'),
        max: z.number().int().positive().optional(),
        usage: Usage.optional(),
        reference: referenceType.optional(),
        /** Business condition raised when a mandatory group is absent from its parent (e.g. 431, a line without a 50). */
        missing: conditionCode.optional(),
        source: z.string().optional(),
        title: z.string().optional(),
        children: z.array(NodeSpec).min(1),
      })
      .strict(),
    z.object({ include: z.string() }).strict(),
  ]),
);

/**
 * What an E0 pointer of a reference type carries (ESF-194..203 table 1): E0 field ← field of the
 * referenced record. A list maps one E0 per listed input field (the 1-5 reasons of a 35 record): the
 * occurrence then counts those fields across the group's records, and a condition naming one of
 * them points at it.
 */
const ReferenceSpec = z
  .object({
    fields: z.record(z.string(), z.union([z.string(), z.array(z.string()).min(1)])).optional(),
    /** Identified by the transaction, as SUMMRY is: the 10 record's fields and the transaction's sequence. */
    transaction: z.boolean().optional(),
    /** The field whose value is the occurrence position (the PGA line number of a PG01, ESF-193 note 1). */
    occurrenceField: z.string().optional(),
    /** Occurrence position is always zero (PGA records other than PG01, ESF-193 note 1). */
    zeroOccurrence: z.boolean().optional(),
  })
  .strict();
export type ReferenceSpec = z.infer<typeof ReferenceSpec>;

const GrammarFile = z
  .object({
    description: z.string().optional(),
    application: z.string().length(2).optional(),
    references: z.record(referenceType, ReferenceSpec).optional(),
    /** The group one transaction is; its trigger record starts each transaction. */
    transaction: NodeSpec.optional(),
    fragments: z.record(z.string(), z.array(NodeSpec)).optional(),
  })
  .strict();

export interface RecordNode {
  readonly kind: 'record';
  /** The layout the record is read with. */
  readonly id: string;
  /** Leading text that identifies the record at this place. */
  readonly match: string;
  readonly max: number;
  readonly usage: 'M' | 'C' | 'O';
  readonly reference?: string;
  readonly detail?: string;
  readonly source?: string;
}

export interface GroupNode {
  readonly kind: 'group';
  readonly name: string;
  readonly max: number;
  readonly usage: 'M' | 'C' | 'O';
  readonly reference?: string;
  readonly missing?: string;
  readonly source?: string;
  readonly children: readonly GrammarNode[];
  /**
   * The leading texts of the records that can open an occurrence: its children's up to and
   * including the first mandatory one (CATAIR groups may begin with conditional records, as the
   * TOTALS grouping's 88 or the non-EIP grouping's 43).
   */
  readonly entries: ReadonlySet<string>;
}

export type GrammarNode = RecordNode | GroupNode;

export interface TransactionGrammar {
  readonly application?: string;
  readonly transaction: GroupNode;
  /** How each E0 reference type is filled, from every grammar file. */
  readonly references: ReadonlyMap<string, ReferenceSpec>;
  /** Every leading text a record can be identified by, longest first. */
  readonly matches: readonly string[];
  /** The leading text a record is identified by, or undefined when the grammar has no such record. */
  identify(text: string): string | undefined;
}

/** Loads the grammar `name` (`schemas/grammar/<name>.yaml`), resolving includes from every grammar file's fragments. */
export function loadTransactionGrammar(schemaDir: string, name: string): TransactionGrammar {
  const dir = join(schemaDir, 'grammar');
  const files = new Map<string, z.infer<typeof GrammarFile>>();
  for (const path of yamlFiles(dir)) files.set(basename(path, '.yaml'), readYaml(path, GrammarFile));
  const fragments = new Map<string, { file: string; nodes: NodeSpec[] }>();
  for (const [file, g] of files) {
    for (const [fragment, nodes] of Object.entries(g.fragments ?? {})) {
      if (fragments.has(fragment)) throw new SchemaError(`schemas/grammar/${file}.yaml: fragment ${fragment} is also defined in ${fragments.get(fragment)?.file}.yaml`);
      fragments.set(fragment, { file, nodes });
    }
  }
  const own = files.get(name);
  if (!own?.transaction) throw new SchemaError(`schemas/grammar/${name}.yaml: no such grammar, or it has no transaction`);
  const where = `schemas/grammar/${name}.yaml`;
  const compiled = compileNode(own.transaction, fragments, where, []);
  if (compiled.kind !== 'group') throw new SchemaError(`${where}: the transaction must be a group`);
  const references = new Map<string, ReferenceSpec>();
  for (const g of files.values()) for (const [type, ref] of Object.entries(g.references ?? {})) references.set(type, ref);
  return withLookup(compiled, own.application, references);
}

function compileNode(spec: NodeSpec, fragments: ReadonlyMap<string, { nodes: NodeSpec[] }>, where: string, including: readonly string[]): GrammarNode {
  if ('record' in spec) {
    const match = spec.match ?? spec.record;
    if (!match.startsWith(spec.record)) throw new SchemaError(`${where}: record ${spec.record}: match "${match}" must start with the record id`);
    return {
      kind: 'record',
      id: spec.layout ?? spec.record,
      match,
      max: spec.max ?? 1,
      usage: spec.usage ?? 'C',
      ...(spec.reference !== undefined && { reference: spec.reference }),
      ...(spec.detail !== undefined && { detail: spec.detail }),
      ...(spec.source !== undefined && { source: spec.source }),
    };
  }
  if ('include' in spec) throw new SchemaError(`${where}: include ${spec.include} is only allowed in a group's children`);
  const children = expand(spec.children, fragments, where, including).map((c) => compileNode(c, fragments, `${where} > ${spec.group}`, including));
  const first = children[0];
  if (!first) throw new SchemaError(`${where}: group ${spec.group} has no children`);
  return {
    kind: 'group',
    name: spec.group,
    max: spec.max ?? 1,
    usage: spec.usage ?? 'C',
    ...(spec.reference !== undefined && { reference: spec.reference }),
    ...(spec.missing !== undefined && { missing: spec.missing }),
    ...(spec.source !== undefined && { source: spec.source }),
    children,
    entries: entriesOf(children),
  };
}

function entriesOf(children: readonly GrammarNode[]): ReadonlySet<string> {
  const entries = new Set<string>();
  for (const child of children) {
    if (child.kind === 'record') entries.add(child.match);
    else child.entries.forEach((e) => entries.add(e));
    if (child.usage === 'M') break;
  }
  return entries;
}

/** Replaces `include` nodes by their fragment's nodes (recursively; a fragment including itself is refused). */
function expand(nodes: readonly NodeSpec[], fragments: ReadonlyMap<string, { nodes: NodeSpec[] }>, where: string, including: readonly string[]): NodeSpec[] {
  return nodes.flatMap((node) => {
    if (!('include' in node)) return [node];
    const fragment = fragments.get(node.include);
    if (!fragment) throw new SchemaError(`${where}: include ${node.include}: no grammar file defines that fragment`);
    if (including.includes(node.include)) throw new SchemaError(`${where}: fragment ${node.include} includes itself`);
    return expand(fragment.nodes, fragments, where, [...including, node.include]);
  });
}

function withLookup(transaction: GroupNode, application: string | undefined, references: ReadonlyMap<string, ReferenceSpec>): TransactionGrammar {
  const all = new Set<string>();
  const visit = (node: GrammarNode): void => {
    if (node.kind === 'record') all.add(node.match);
    else node.children.forEach(visit);
  };
  visit(transaction);
  const matches = [...all].sort((a, b) => b.length - a.length);
  const lengths = [...new Set(matches.map((m) => m.length))];
  return {
    ...(application !== undefined && { application }),
    transaction,
    references,
    matches,
    identify(text) {
      for (const n of lengths) {
        const lead = text.slice(0, n);
        if (all.has(lead)) return lead;
      }
      return undefined;
    },
  };
}

/** A transaction grammar loaded and checked against the catalogue, as an application builds it at start-up. */
export function loadCheckedGrammar(schemaDir: string, name: string, catalog: Catalog): TransactionGrammar {
  const grammar = loadTransactionGrammar(schemaDir, name);
  checkGrammar(grammar, catalog, `schemas/grammar/${name}.yaml`);
  return grammar;
}

/**
 * Checks a grammar against the loaded layouts and dictionary, so a data mistake stops start-up with
 * its place named: every record has a layout, every condition is in the dictionary, every E0
 * reference names fields its E0 layout and the referenced records have.
 */
export function checkGrammar(grammar: TransactionGrammar, catalog: Catalog, where: string): void {
  const fail = (message: string): never => {
    throw new SchemaError(`${where}: ${message}`);
  };
  /** Record layouts each reference type reads from: a record's own, or a group's first records. */
  const readers = new Map<string, Set<string>>();
  const reads = (type: string | undefined, ids: Iterable<string>): void => {
    if (type === undefined) return;
    const set = readers.get(type) ?? new Set<string>();
    for (const id of ids) set.add(id);
    readers.set(type, set);
  };
  const visit = (node: GrammarNode, path: string): void => {
    if (node.kind === 'record') {
      if (!catalog.hasLayout(node.id)) fail(`${path} > ${node.id}: no record layout ${node.id} in schemas/layouts`);
      const { id } = catalog.layout(node.id);
      if (!node.match.startsWith(id)) fail(`${path} > ${node.match}: layout ${node.id} is the layout of record ${id}`);
      reads(node.reference, [node.id]);
      reads(node.detail, [node.id]);
      return;
    }
    const here = path === '' ? node.name : `${path} > ${node.name}`;
    if (node.missing !== undefined && !catalog.dictionary.has(node.missing)) fail(`${here}: condition ${node.missing} is not in the error dictionary`);
    reads(node.reference, [...node.entries].map((match) => firstRecordMatching(node, match)));
    node.children.forEach((child) => visit(child, here));
  };
  visit(grammar.transaction, '');
  for (const [type, ids] of readers) {
    const spec = grammar.references.get(type);
    if (spec?.occurrenceField !== undefined) {
      for (const id of ids) if (!catalog.layout(id).byName.has(spec.occurrenceField)) fail(`references.${type}.occurrenceField: record ${id} has no field ${spec.occurrenceField}`);
    }
    if (!spec?.fields) continue;
    const e0 = catalog.hasLayout(`E0.${type}`) ? catalog.layout(`E0.${type}`) : undefined;
    for (const [e0Field, source] of Object.entries(spec.fields)) {
      if (e0 && !e0.byName.has(e0Field)) fail(`references.${type}: E0.${type} has no field ${e0Field}`);
      for (const id of ids) {
        const layout = catalog.layout(id);
        for (const name of Array.isArray(source) ? source : [source]) {
          if (!layout.byName.has(name)) fail(`references.${type}.${e0Field}: record ${id} has no field ${name}`);
        }
      }
    }
  }
}

/** The layout id of the record that opens `group` when it starts with `match`. */
function firstRecordMatching(group: GroupNode, match: string): string {
  for (const child of group.children) {
    if (child.kind === 'record' && child.match === match) return child.id;
    if (child.kind === 'group' && child.entries.has(match)) return firstRecordMatching(child, match);
  }
  return match;
}
