import type { PositionedRecord } from './envelope.js';
import type { GroupNode, RecordNode, TransactionGrammar } from './grammar.js';

/** One record placed in the grammar, with the group occurrence it belongs to. */
export interface PlacedRecord {
  readonly node: RecordNode;
  readonly record: PositionedRecord;
  readonly group: GroupOccurrence;
  /** 1-based occurrence of this record at its place within its group occurrence. */
  readonly ordinal: number;
}

/** One occurrence of a group, with what it holds in input order. */
export interface GroupOccurrence {
  readonly node: GroupNode;
  readonly parent?: GroupOccurrence;
  /** 1-based occurrence of this group within its parent occurrence. */
  readonly ordinal: number;
  readonly items: (PlacedRecord | GroupOccurrence)[];
}

/** A mandatory group the text gives a business condition for, absent from one occurrence of its parent. */
export interface AbsentGroup {
  readonly node: GroupNode;
  readonly parent: GroupOccurrence;
}

/** A grouping problem, as Batch & Block's X-conditions name them (B&B-31..32). */
export interface GroupingProblem {
  readonly code: 'X33' | 'X34' | 'X35' | 'X36';
  readonly record: PositionedRecord;
  /** Where the record went wrong, for people (the record before it, the limit it passed). */
  readonly why?: string;
}

export interface GroupingResult {
  /** One occurrence of the grammar's transaction group per transaction, in input order. */
  readonly transactions: GroupOccurrence[];
  readonly problems: GroupingProblem[];
  readonly absent: AbsentGroup[];
}

/** An open group occurrence while records are read: how far in its children it is and how often each occurred. */
interface Open {
  readonly occurrence: GroupOccurrence;
  cursor: number;
  readonly counts: number[];
}

type Found = { readonly open: number; readonly child: number } | 'exceeded' | undefined;

const isGroup = (item: PlacedRecord | GroupOccurrence): item is GroupOccurrence => 'items' in item;

/**
 * Reads a block's records into transactions as the grammar nests them. A record is looked for from
 * the innermost open group outwards, each time from the group's current place onwards: found in an
 * enclosing group, the groups inside it are closed; found among the records that begin a group, a
 * new occurrence of that group opens. A record the grammar does not know is X34, one it knows only at
 * an earlier place X35, one past its repetition limit X36, one before any transaction X33 (reported
 * once). A record in error is left out of the transaction.
 */
export function groupTransactions(records: readonly PositionedRecord[], grammar: TransactionGrammar): GroupingResult {
  const root = grammar.transaction;
  const transactions: GroupOccurrence[] = [];
  const problems: GroupingProblem[] = [];
  const absent: AbsentGroup[] = [];
  const stack: Open[] = [];
  let headerMissingReported = false;
  /** The id of the record placed last, to say what an out-of-place record came after. */
  let previous: string | undefined;

  const close = (open: Open): void => {
    open.occurrence.node.children.forEach((child, i) => {
      if (child.kind === 'group' && child.usage === 'M' && child.missing !== undefined && open.counts[i] === 0) {
        absent.push({ node: child, parent: open.occurrence });
      }
    });
  };
  const closeTo = (depth: number): void => {
    while (stack.length > depth) close(stack.pop() as Open);
  };
  /** Opens a new occurrence of `node` inside `parent` (undefined for a transaction) and places the record that opened it. */
  const open = (node: GroupNode, parent: Open | undefined, childIndex: number, record: PositionedRecord, match: string): void => {
    let ordinal: number;
    if (parent) {
      ordinal = (parent.counts[childIndex] as number) + 1;
      parent.counts[childIndex] = ordinal;
      parent.cursor = childIndex;
    } else {
      ordinal = transactions.length + 1;
    }
    const occurrence: GroupOccurrence = { node, ...(parent && { parent: parent.occurrence }), ordinal, items: [] };
    if (parent) parent.occurrence.items.push(occurrence);
    else transactions.push(occurrence);
    const opened: Open = { occurrence, cursor: 0, counts: node.children.map(() => 0) };
    stack.push(opened);
    const first = node.children.findIndex((c) => (c.kind === 'record' ? c.match === match : c.entries.has(match)));
    const child = node.children[first] as RecordNode | GroupNode;
    if (child.kind === 'group') open(child, opened, first, record, match);
    else place(opened, first, record);
  };
  const place = (at: Open, childIndex: number, record: PositionedRecord): void => {
    const node = at.occurrence.node.children[childIndex] as RecordNode;
    const ordinal = (at.counts[childIndex] as number) + 1;
    at.counts[childIndex] = ordinal;
    at.cursor = childIndex;
    at.occurrence.items.push({ node, record, group: at.occurrence, ordinal });
  };
  /** Where `match` can go from the current place of the open groups, innermost first. */
  const find = (match: string): Found => {
    let exceeded = false;
    for (let depth = stack.length - 1; depth >= 0; depth--) {
      const { occurrence, cursor, counts } = stack[depth] as Open;
      const children = occurrence.node.children;
      for (let i = cursor; i < children.length; i++) {
        const child = children[i] as RecordNode | GroupNode;
        const hit = child.kind === 'record' ? child.match === match : child.entries.has(match);
        if (!hit) continue;
        if ((counts[i] as number) < child.max) return { open: depth, child: i };
        // A record past its limit, or a repeating group past its, is a loop exceeded; a group that
        // occurs once (HEADER, TOTALS) cannot loop, so a record it cannot take is out of sequence.
        if (child.kind === 'record' || child.max > 1) exceeded = true;
      }
    }
    return exceeded ? 'exceeded' : undefined;
  };

  for (const record of records) {
    const match = grammar.identify(record.text);
    if (match === undefined) {
      problems.push({ code: 'X34', record });
      continue;
    }
    if (root.entries.has(match)) {
      // A transaction's first record always starts the next transaction.
      closeTo(0);
      open(root, undefined, 0, record, match);
      previous = match;
      continue;
    }
    if (stack.length === 0) {
      if (!headerMissingReported) problems.push({ code: 'X33', record, why: `record ${match} comes before any transaction has begun (a transaction begins with ${[...root.entries].join(' or ')})` });
      headerMissingReported = true;
      continue;
    }
    const found = find(match);
    if (found === undefined || found === 'exceeded') {
      const why =
        found === 'exceeded'
          ? `record ${match} occurs here more times than its group allows`
          : `record ${match} cannot follow record ${previous ?? '?'}: its place is earlier in the transaction`;
      problems.push({ code: found === 'exceeded' ? 'X36' : 'X35', record, why });
      continue;
    }
    closeTo(found.open + 1);
    const at = stack[found.open] as Open;
    const child = at.occurrence.node.children[found.child] as RecordNode | GroupNode;
    if (child.kind === 'group') open(child, at, found.child, record, match);
    else place(at, found.child, record);
    previous = match;
  }
  closeTo(0);
  return { transactions, problems, absent };
}

/** Every record of a group occurrence and the groups inside it, in input order. */
export function* recordsOf(occurrence: GroupOccurrence): Generator<PlacedRecord> {
  for (const item of occurrence.items) {
    if (isGroup(item)) yield* recordsOf(item);
    else yield item;
  }
}

/** The group occurrences directly inside `occurrence` whose group is named `name`. */
export function groupsNamed(occurrence: GroupOccurrence, name: string): GroupOccurrence[] {
  return occurrence.items.filter((item): item is GroupOccurrence => isGroup(item) && item.node.name === name);
}

export { isGroup as isGroupOccurrence };
