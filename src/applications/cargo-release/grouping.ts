import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import type { TransactionGrammar } from '../../catair/grammar.js';
import { type GroupOccurrence, groupsNamed, isGroupOccurrence, type PlacedRecord, recordsOf } from '../../catair/grouping.js';
import { groupChecked } from '../shared/grouping-syntax.js';
import type { BillGroup, CargoReleaseTx, Entity, IsfPart, Line, Tariff, TxRecord } from './transaction.js';

type Read = (placed: PlacedRecord) => TxRecord;

/**
 * Reads an SE block into cargo release transactions as the chapter's input maps nest them (SE-22,
 * SE-24, SE-25, SE-30; schemas/grammar/cargo-release.yaml) and reports the syntax problems that
 * reject the whole batch, as the Batch & Block chapter gives them for every application: X33 before
 * the first SE10, X34 an unknown record, X35 one out of place, X36 one past its limit, X39/X40 from
 * the field check (B&B-31..32). A blank or bad field is the SX answer's business, not syntax.
 */
export function groupCargoReleases(block: Block, grammar: TransactionGrammar, catalog: Catalog): { units: CargoReleaseTx[]; conditions: BatchCondition[] } {
  const { grouped, read, syntax } = groupChecked(block, grammar, catalog);
  return { units: grouped.transactions.map((tx) => toCargoRelease(tx, read)), conditions: syntax.conditions() };
}

function toCargoRelease(tx: GroupOccurrence, read: Read): CargoReleaseTx {
  const [header] = groupsNamed(tx, 'header') as [GroupOccurrence];
  const direct = (group: GroupOccurrence, id: string): TxRecord[] =>
    group.items.filter((item): item is PlacedRecord => !isGroupOccurrence(item) && item.record.text.startsWith(id)).map(read);
  const [additional] = direct(header, 'SE11');
  const [contact] = direct(header, 'SE13');
  const [isf] = groupsNamed(tx, 'isf');
  return {
    ordinal: tx.ordinal,
    header: direct(header, 'SE10')[0] as TxRecord,
    ...(additional && { additional }),
    ...(contact && { contact }),
    bills: groupsNamed(header, 'billOfLading')
      .flatMap((g) => toBillGroups(g, read))
      .map((g, i) => ({ ...g, ordinal: i + 1 })),
    references: direct(header, 'SE20'),
    entities: groupsNamed(header, 'headerEntity').map((g) => toEntity(g, read)),
    lines: groupsNamed(tx, 'line').map((g, i) => toLine(g, i + 1, read)),
    ...(isf && { isf: toIsf(isf, read) }),
    records: [...recordsOf(tx)].map(read),
  };
}

/**
 * The bills of one grammar grouping. The grammar lets three SE15 in a row share a grouping (SE-22);
 * they are one bill only as an in-bond number with the bill after it, or a master with its house
 * (SE-46..49 note 1), so other runs are split, each SE15 that continues none of those opening a bill
 * of its own. The SE16 and SE17 records follow the last SE15 (SE-51, SE-53: the preceding bill).
 */
function toBillGroups(group: GroupOccurrence, read: Read): Omit<BillGroup, 'ordinal'>[] {
  const records = [...recordsOf(group)].map(read);
  const groups: { bills: TxRecord[]; conveyances: TxRecord[]; equipment: TxRecord[] }[] = [];
  for (const record of records.filter((r) => r.text.startsWith('SE15'))) {
    const last = groups.at(-1)?.bills.at(-1);
    const type = record.text[4];
    const continues = last !== undefined && ((last.text[4] === 'I' && type !== 'I') || (last.text[4] === 'M' && type === 'H'));
    if (continues) groups.at(-1)?.bills.push(record);
    else groups.push({ bills: [record], conveyances: [], equipment: [] });
  }
  const tail = groups.at(-1);
  if (tail) {
    tail.conveyances.push(...records.filter((r) => r.text.startsWith('SE16')));
    tail.equipment.push(...records.filter((r) => r.text.startsWith('SE17')));
  }
  return groups;
}

/** A party grouping (SE30.., SE50.., SF30..): the first record, then identifiers, streets, city. */
function toEntity(group: GroupOccurrence, read: Read): Entity {
  const [record, ...rest] = [...recordsOf(group)].map(read) as [TxRecord, ...TxRecord[]];
  const kind = (r: TxRecord) => r.text.slice(3, 4);
  const city = rest.find((r) => kind(r) === '6');
  return {
    record,
    identifiers: rest.filter((r) => kind(r) === '1'),
    streets: rest.filter((r) => kind(r) === '5'),
    ...(city && { city }),
  };
}

function toLine(group: GroupOccurrence, ordinal: number, read: Read): Line {
  const [record, ftz] = group.items.filter((item): item is PlacedRecord => !isGroupOccurrence(item)).map(read) as [TxRecord, TxRecord?];
  return {
    ordinal,
    record,
    ...(ftz && { ftz }),
    entities: groupsNamed(group, 'lineEntity').map((g) => toEntity(g, read)),
    tariffs: groupsNamed(group, 'tariff').map((g, i) => toTariff(g, i + 1, read)),
  };
}

function toTariff(group: GroupOccurrence, ordinal: number, read: Read): Tariff {
  const [record, ...rest] = [...recordsOf(group)].map(read) as [TxRecord, ...TxRecord[]];
  const ftz = rest.find((r) => r.text.startsWith('SE61'));
  return { ordinal, record, ...(ftz && { ftz }), pga: rest.filter((r) => r !== ftz) };
}

function toIsf(group: GroupOccurrence, read: Read): IsfPart {
  const records = group.items.filter((item): item is PlacedRecord => !isGroupOccurrence(item)).map(read);
  return {
    header: records[0] as TxRecord,
    records: records.slice(1),
    entities: groupsNamed(group, 'isfEntity').map((g) => toEntity(g, read)),
  };
}
