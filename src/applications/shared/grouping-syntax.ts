import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block, PositionedRecord } from '../../catair/envelope.js';
import type { TransactionGrammar } from '../../catair/grammar.js';
import { type GroupingProblem, type GroupingResult, groupTransactions, type PlacedRecord, recordsOf } from '../../catair/grouping.js';
import { checkRecord } from '../../catair/record.js';
import type { TxRecord } from './record.js';

/**
 * Reads a record where a grammar placed it, with the layout the grammar names (SE.SE13 for SE's
 * SE13) and what its field check finds; its id is the record id (SE13), as scenario matchers name it.
 */
function readPlaced(placed: PlacedRecord, catalog: Catalog): TxRecord {
  const { node, record } = placed;
  const layout = catalog.hasLayout(node.id) ? catalog.layout(node.id) : undefined;
  const problems = layout ? checkRecord(layout, record.text, catalog) : [];
  return { id: layout?.id ?? node.id, text: record.text, position: record.position, ...(layout && { layout }), problems, placed };
}

/** `readPlaced` remembered per placed record, so a record read twice is checked once. */
function placedReader(catalog: Catalog): (placed: PlacedRecord) => TxRecord {
  const read = new Map<PlacedRecord, TxRecord>();
  return (placed) => {
    let record = read.get(placed);
    if (!record) read.set(placed, (record = readPlaced(placed, catalog)));
    return record;
  };
}

/**
 * Groups a block with a transaction grammar and starts its syntax check: every record placed is read
 * once (X39/X40 from its field check), then the grouping's own problems are added. The application
 * builds its transactions from `grouped` with `read`, and may add to `syntax` before asking it for
 * the conditions.
 */
export function groupChecked(
  block: Block,
  grammar: TransactionGrammar,
  catalog: Catalog,
): { grouped: GroupingResult; read: (placed: PlacedRecord) => TxRecord; syntax: GroupingSyntax } {
  const syntax = new GroupingSyntax(block, catalog);
  const read = placedReader(catalog);
  const grouped = groupTransactions(block.details, grammar);
  for (const tx of grouped.transactions) {
    for (const placed of recordsOf(tx)) syntax.record(read(placed), placed.record);
  }
  for (const p of grouped.problems) syntax.grouping(p);
  return { grouped, read, syntax };
}

/**
 * The syntax conditions of a block grouped with a transaction grammar, which reject the whole
 * batch: data in filler (X39) and characters outside the CATAIR set (X40) found by the field check
 * of the records placed, then the grouping's own X33..X36, each at column 00 (the whole record,
 * as B&B-36 shows X34). A blank mandatory field or a bad value is not syntax: it stays on the record
 * for the application's rules. Sorted by record position, field problems before grouping ones.
 */
export class GroupingSyntax {
  private readonly found: (BatchCondition & { order: number })[] = [];

  constructor(
    private readonly block: Block,
    private readonly catalog: Catalog,
  ) {}

  /** X39/X40 from the field check of a record the grammar placed. */
  record(record: TxRecord, at: PositionedRecord): void {
    for (const p of record.problems) {
      if (p.kind === 'filler') this.flag('X39', at, p.column, 0);
      else if (p.kind === 'nonstandard') this.flag('X40', at, p.column, 0);
    }
  }

  /**
   * A grouping problem; the record left out of the grouping is still checked for characters the
   * batch cannot carry, unless `checked` says that was done where it came from.
   */
  grouping(problem: GroupingProblem, checked = false): void {
    const layout = checked ? undefined : this.catalog.candidates(problem.record.text)[0];
    const nonstandard = layout ? checkRecord(layout, problem.record.text, this.catalog).find((f) => f.kind === 'nonstandard') : undefined;
    if (nonstandard) this.flag('X40', problem.record, nonstandard.column, 0);
    this.flag(problem.code, problem.record, 0, 1, problem.why);
  }

  /** Whether a condition with this code already points at this record. */
  has(code: string, at: PositionedRecord): boolean {
    return this.found.some((c) => c.code === code && c.pointer.position === at.position);
  }

  conditions(): BatchCondition[] {
    return [...this.found].sort((a, b) => a.pointer.position - b.pointer.position || a.order - b.order).map(({ order: _order, ...c }) => c);
  }

  private flag(code: string, rec: PositionedRecord, column: number, order: number, why?: string): void {
    this.found.push({ code, pointer: { kind: 'record', block: this.block.number, position: rec.position, column }, order, ...(why !== undefined && { why }) });
  }
}
