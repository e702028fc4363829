import type { Catalog } from './catalog.js';
import type { PositionedRecord } from './envelope.js';
import { type GroupOccurrence, isGroupOccurrence, type PlacedRecord, recordsOf } from './grouping.js';
import { readField } from './record.js';

/** The substitution grouping (PG00 S … PG00 E) and the replace record, as schemas/grammar/pga.yaml names them. */
const SUBSTITUTION_GROUP = 'pgaSubstitutionGroup';
const END = 'PG00E';
const REPLACE = 'PG00R';
const FIRST_NUMBER = 1;

/** A transaction's records once its PG00 R records are replaced, and what was wrong with its PG00 numbers. */
export interface Substituted {
  /**
   * The records to check, in input order: each PG00 R that names a group replaced by copies of the
   * group's records (carrying the position of the PG00 R they stand for, so what is found in them is
   * reported where they were substituted), the substitution groups themselves left out. Undefined
   * when the transaction has no PG00 R record: there is nothing to replace, so nothing to group
   * again; its substitution groups, if any, are left out where it is read (`recordsOutsideGroups`).
   */
  readonly records?: PositionedRecord[];
  /** PG00 S records whose number does not follow the previous one (0001, 0002 …), as placed in the transaction. */
  readonly misnumbered: PlacedRecord[];
  /** PG00 R records naming no substitution group of the transaction; they stay in `records` as sent. */
  readonly unresolved: PositionedRecord[];
}

/**
 * PG-70: ACE replaces each PG00 R by the records of the substitution group it names before any
 * rule runs, and the rules then check the substituted data where it now stands (at the PGA level).
 * The group numbers are unique in the transaction and sequential from 0001, so an R finds its group
 * by number wherever the group is (header or line level, ESF-21, ESF-23).
 */
export function substitute(tx: GroupOccurrence, catalog: Catalog): Substituted {
  const layout = catalog.layout('PG00');
  const numberOf = (record: PositionedRecord) => readField(layout, record.text, 'substitutionNumber');
  const groups = new Map<string, PositionedRecord[]>();
  const misnumbered: PlacedRecord[] = [];
  let previous = FIRST_NUMBER - 1;
  for (const group of occurrencesNamed(tx, SUBSTITUTION_GROUP)) {
    const [start, ...rest] = [...recordsOf(group)] as [PlacedRecord, ...PlacedRecord[]];
    const number = numberOf(start.record);
    const value = /^\d{4}$/.test(number) ? Number(number) : Number.NaN;
    if (value !== previous + 1) misnumbered.push(start);
    previous = Number.isNaN(value) ? previous + 1 : value;
    if (!Number.isNaN(value) && !groups.has(number)) groups.set(number, rest.filter((p) => p.node.match !== END).map((p) => p.record));
  }
  if (!hasReplace(tx)) return { misnumbered, unresolved: [] };

  const records: PositionedRecord[] = [];
  const unresolved: PositionedRecord[] = [];
  const emit = (occurrence: GroupOccurrence): void => {
    for (const item of occurrence.items) {
      if (isGroupOccurrence(item)) {
        if (item.node.name !== SUBSTITUTION_GROUP) emit(item);
        continue;
      }
      const content = item.node.match === REPLACE ? groups.get(numberOf(item.record)) : undefined;
      if (item.node.match === REPLACE && !content) unresolved.push(item.record);
      if (content) records.push(...content.map((r) => ({ text: r.text, position: item.record.position })));
      else records.push(item.record);
    }
  };
  emit(tx);
  return { records, misnumbered, unresolved };
}

/**
 * The records of `occurrence` in input order, but those of substitution groups (none when it is one): a group's
 * records are PGA data only where a PG00 R puts them (PG-70), so a transaction read without
 * replacing (it has no PG00 R) leaves its groups out as the replaced one does.
 */
export function* recordsOutsideGroups(occurrence: GroupOccurrence): Generator<PlacedRecord> {
  if (occurrence.node.name === SUBSTITUTION_GROUP) return;
  for (const item of occurrence.items) {
    if (isGroupOccurrence(item)) yield* recordsOutsideGroups(item);
    else yield item;
  }
}

/** Every occurrence of the named group within `occurrence`, at any depth, in input order. */
function* occurrencesNamed(occurrence: GroupOccurrence, name: string): Generator<GroupOccurrence> {
  for (const item of occurrence.items) {
    if (!isGroupOccurrence(item)) continue;
    if (item.node.name === name) yield item;
    else yield* occurrencesNamed(item, name);
  }
}

/** Whether the transaction has a PG00 R record (stops at the first). */
function hasReplace(tx: GroupOccurrence): boolean {
  for (const placed of recordsOf(tx)) if (placed.node.match === REPLACE) return true;
  return false;
}
