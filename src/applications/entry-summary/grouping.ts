import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import type { TransactionGrammar } from '../../catair/grammar.js';
import { type AbsentGroup, type GroupOccurrence, groupTransactions, isGroupOccurrence, type PlacedRecord, recordsOf } from '../../catair/grouping.js';
import { recordsOutsideGroups, substitute } from '../../catair/pga-substitution.js';
import { groupChecked } from '../shared/grouping-syntax.js';
import type { EntrySummaryTx, Line, MissingGroup, PgaSubstitutionProblem, Tariff } from './transaction.js';
import type { TxRecord } from '../shared/record.js';

/**
 * Reads a block's records into entry summaries as the AE grammar nests them (ESF-21..25) and reports
 * the syntax problems that reject the batch: the grouping's X33..X36, and from each record's layout
 * data in filler (X39) and characters outside the CATAIR set (X40). A blank mandatory field or a bad
 * value is not a syntax problem: it stays on the record for the business rules, which raise the
 * field's own condition.
 */
export function groupEntrySummaries(
  block: Block,
  grammar: TransactionGrammar,
  catalog: Catalog,
): { units: EntrySummaryTx[]; conditions: BatchCondition[] } {
  const { grouped, read, syntax } = groupChecked(block, grammar, catalog);
  const absentIn = new Map<GroupOccurrence, AbsentGroup[]>();
  for (const a of grouped.absent) {
    const tx = transactionOf(a.parent);
    absentIn.set(tx, [...(absentIn.get(tx) ?? []), a]);
  }
  const units = grouped.transactions.map((tx) => {
    const substituted = substitute(tx, catalog);
    // No PG00 R: nothing replaced, so the grouping stands as it is (its unused groups are left out where it is read).
    if (!substituted.records) return toEntrySummary(tx, absentIn.get(tx) ?? [], read, substituted.misnumbered, []);
    // PG-70: the rules see the transaction with its PG00 R records replaced, grouped afresh; the
    // substituted records are then placed where they now stand.
    const again = groupTransactions(substituted.records, grammar);
    for (const p of again.problems) {
      if (!syntax.has(p.code, p.record)) syntax.grouping(p, true);
    }
    const regrouped = again.transactions[0] as GroupOccurrence;
    const unresolved = [...recordsOf(regrouped)].filter((p) => substituted.unresolved.includes(p.record));
    return toEntrySummary(regrouped, again.absent, read, substituted.misnumbered, unresolved);
  });
  return { units, conditions: syntax.conditions() };
}

/** The transaction a group occurrence belongs to. */
function transactionOf(occurrence: GroupOccurrence): GroupOccurrence {
  let at = occurrence;
  while (at.parent) at = at.parent;
  return at;
}

/** The entry summary view the rules read: header, lines with their tariffs, totals, trailer. */
function toEntrySummary(
  tx: GroupOccurrence,
  absent: readonly AbsentGroup[],
  read: (p: PlacedRecord) => TxRecord,
  misnumbered: readonly PlacedRecord[],
  unresolved: readonly PlacedRecord[],
): EntrySummaryTx {
  const headerGroup = tx.items[0] as GroupOccurrence;
  const [header, ...headerRecords] = [...recordsOutsideGroups(headerGroup)].map(read);
  const lines: Line[] = [];
  const lineOf = new Map<GroupOccurrence, Line>();
  const totals: TxRecord[] = [];
  let trailer: TxRecord | undefined;
  for (const item of tx.items.slice(1)) {
    if (!isGroupOccurrence(item)) continue;
    if (item.node.name === 'line') {
      const line = toLine(item, lines.length + 1, read);
      lines.push(line);
      lineOf.set(item, line);
    } else if (item.node.name === 'totals') {
      for (const placed of recordsOf(item)) {
        if (placed.node.id === '90') trailer = read(placed);
        else totals.push(read(placed));
      }
    }
  }
  const missing = absent.flatMap((a): MissingGroup[] => {
    if (a.node.missing === undefined) return [];
    const line = lineOf.get(a.parent);
    return [{ code: a.node.missing, group: a.node.name, ...(line && { line }) }];
  });
  const problem = (placed: PlacedRecord): PgaSubstitutionProblem => {
    const line = lineOccurrenceOf(placed);
    return { record: read(placed), ...(line && lines[line.ordinal - 1] && { line: lines[line.ordinal - 1] }) };
  };
  const pgaSubstitution = { misnumbered: misnumbered.map(problem), unresolved: unresolved.map(problem) };
  return { ordinal: tx.ordinal, header: header as TxRecord, headerRecords, lines, totals, ...(trailer && { trailer }), missing, pgaSubstitution };
}

/** The line item occurrence a record stands in, if it stands in one. */
function lineOccurrenceOf(placed: PlacedRecord): GroupOccurrence | undefined {
  for (let at: GroupOccurrence | undefined = placed.group; at; at = at.parent) if (at.node.name === 'line') return at;
  return undefined;
}

function toLine(occurrence: GroupOccurrence, ordinal: number, read: (p: PlacedRecord) => TxRecord): Line {
  const [first, ...items] = occurrence.items;
  const children: TxRecord[] = [];
  const tariffs: Tariff[] = [];
  const trailers: TxRecord[] = [];
  for (const item of items) {
    if (isGroupOccurrence(item) && item.node.name === 'tariff') {
      const [record, ...rest] = [...recordsOutsideGroups(item)].map(read);
      tariffs.push({ ordinal: tariffs.length + 1, record: record as TxRecord, children: rest });
      continue;
    }
    const records = isGroupOccurrence(item) ? [...recordsOutsideGroups(item)].map(read) : [read(item)];
    (tariffs.length === 0 ? children : trailers).push(...records);
  }
  return { ordinal, record: read(first as PlacedRecord), children, tariffs, trailers };
}
