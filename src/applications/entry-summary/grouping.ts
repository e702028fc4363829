import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block, PositionedRecord } from '../../catair/envelope.js';
import { checkRecord } from '../../catair/record.js';
import type { Grammar, Placement } from './grammar.js';
import type { EntrySummaryTx, Line, Tariff, TxRecord } from './transaction.js';

/** Tracks order and occurrences of records within one group. */
class Sequence {
  private last = -1;
  private readonly counts = new Map<string, number>();

  /** X35 when the record comes before one listed ahead of it, X36 when it occurs too often. */
  accept(id: string, placement: Placement): 'X35' | 'X36' | undefined {
    if (placement.order < this.last) return 'X35';
    const count = (this.counts.get(id) ?? 0) + 1;
    if (count > placement.max) return 'X36';
    this.counts.set(id, count);
    this.last = placement.order;
    return undefined;
  }
}

interface LineState {
  readonly line: Line;
  readonly children: Sequence;
  readonly trailers: Sequence;
  tariff?: { readonly tariff: Tariff; readonly children: Sequence };
}

interface TxState {
  readonly tx: EntrySummaryTx;
  section: 'header' | 'lines' | 'totals' | 'done';
  readonly header: Sequence;
  readonly totals: Sequence;
  line?: LineState;
}

/**
 * Reads a block's records into entry summaries following the grammar, and reports syntax
 * problems: unknown record ids (X34), records out of sequence (X35), loops exceeded (X36), records
 * before any 10 record (X33), and characters outside the CATAIR set or data in filler (X40, X39).
 */
export function groupEntrySummaries(
  block: Block,
  grammar: Grammar,
  catalog: Catalog,
): { units: EntrySummaryTx[]; conditions: BatchCondition[] } {
  const units: EntrySummaryTx[] = [];
  const conditions: BatchCondition[] = [];
  const flag = (code: string, rec: PositionedRecord, column = 0): void => {
    conditions.push({ code, pointer: { kind: 'record', block: block.number, position: rec.position, column } });
  };
  let state: TxState | undefined;
  let headerMissingReported = false;

  for (const rec of block.details) {
    const id = grammar.recordId(rec.text);
    if (id === undefined) {
      flag('X34', rec, 1);
      continue;
    }
    const placement = grammar.placements.get(id) as Placement;
    const layout = catalog.hasLayout(id) ? catalog.layout(id) : undefined;
    const problems = layout ? checkRecord(layout, rec.text, catalog) : [];
    for (const p of problems) {
      if (p.kind === 'filler') flag('X39', rec, p.column);
      else if (p.kind === 'nonstandard') flag('X40', rec, p.column);
      else if (p.kind === 'missing' ? !p.field.missing : !p.field.invalid) flag('X40', rec, p.column);
    }
    const record: TxRecord = { id, text: rec.text, position: rec.position, ...(layout && { layout }), problems };

    if (placement.group === 'header') {
      const tx: EntrySummaryTx = { ordinal: units.length + 1, header: record, headerRecords: [], lines: [], totals: [] };
      units.push(tx);
      state = { tx, section: 'header', header: new Sequence(), totals: new Sequence() };
      continue;
    }
    if (!state) {
      if (!headerMissingReported) flag('X33', rec);
      headerMissingReported = true;
      continue;
    }
    const problem = place(state, id, placement, record);
    if (problem) flag(problem, rec);
  }
  return { units, conditions };
}

function place(state: TxState, id: string, placement: Placement, record: TxRecord): string | undefined {
  const { tx } = state;
  if (state.section === 'done') return 'X35';
  switch (placement.group) {
    case 'headerRecords': {
      if (state.section !== 'header') return 'X35';
      const problem = state.header.accept(id, placement);
      if (!problem) tx.headerRecords.push(record);
      return problem;
    }
    case 'line': {
      if (state.section === 'totals') return 'X35';
      if (tx.lines.length >= placement.max) return 'X36';
      const line: Line = { ordinal: tx.lines.length + 1, record, children: [], tariffs: [], trailers: [] };
      tx.lines.push(line);
      state.section = 'lines';
      state.line = { line, children: new Sequence(), trailers: new Sequence() };
      return undefined;
    }
    case 'lineRecords': {
      const current = state.line;
      if (state.section !== 'lines' || !current || current.line.tariffs.length > 0) return 'X35';
      const problem = current.children.accept(id, placement);
      if (!problem) current.line.children.push(record);
      return problem;
    }
    case 'tariff': {
      const current = state.line;
      if (state.section !== 'lines' || !current || current.line.trailers.length > 0) return 'X35';
      if (current.line.tariffs.length >= placement.max) return 'X36';
      const tariff: Tariff = { ordinal: current.line.tariffs.length + 1, record, children: [] };
      current.line.tariffs.push(tariff);
      current.tariff = { tariff, children: new Sequence() };
      return undefined;
    }
    case 'tariffRecords': {
      const current = state.line;
      if (state.section !== 'lines' || !current?.tariff || current.line.trailers.length > 0) return 'X35';
      const problem = current.tariff.children.accept(id, placement);
      if (!problem) current.tariff.tariff.children.push(record);
      return problem;
    }
    case 'lineTrailerRecords': {
      const current = state.line;
      if (state.section !== 'lines' || !current) return 'X35';
      const problem = current.trailers.accept(id, placement);
      if (!problem) current.line.trailers.push(record);
      return problem;
    }
    case 'totalsRecords': {
      state.section = 'totals';
      const problem = state.totals.accept(id, placement);
      if (!problem) tx.totals.push(record);
      return problem;
    }
    case 'trailer':
      tx.trailer = record;
      state.section = 'done';
      return undefined;
    case 'header':
      return undefined;
  }
}
