import type { Catalog } from '../../catair/catalog.js';
import type { ReferenceSpec, TransactionGrammar } from '../../catair/grammar.js';
import { type GroupOccurrence, type PlacedRecord, recordsOf } from '../../catair/grouping.js';
import { type FieldValue, readField, writeRecord } from '../../catair/record.js';

import type { EntrySummaryTx, EsCondition } from './transaction.js';
import { type TxRecord, value } from '../shared/record.js';

/** One E0 record to write before a condition's E1. */
export interface Pointer {
  /** Tells E0s apart, so one already written for the previous condition is not repeated. */
  readonly key: string;
  /** Shown to people, e.g. `LINITM 001`, `TARIFF 8471300100`, `BNDDTL 2`. */
  readonly label: string;
  readonly record: string;
}

/**
 * Writes the E0 pointers of ESF-193..203: for a condition found in a record, the E0 of each
 * referenced grouping around the record, outermost first, then the record's own reference and, when
 * the condition names one of its fields, the finer reference within it (TARQTY, INVLIN). SUMMRY,
 * always first in the answer, is not repeated here.
 */
export class PointerWriter {
  constructor(
    private readonly catalog: Catalog,
    private readonly grammar: TransactionGrammar,
  ) {}

  /** The pointers for a condition, outermost first. */
  pointersOf(c: EsCondition, tx: EntrySummaryTx): Pointer[] {
    const record = c.record ?? this.representative(c, tx);
    const placed = record?.placed;
    if (!placed) return c.ref.kind === 'totals' ? [this.transactionPointer('TOTALS', tx)] : [];
    const pointers: Pointer[] = [];
    for (let group: GroupOccurrence | undefined = placed.group; group; group = group.parent) {
      const type = group.node.reference;
      if (type === undefined || type === 'SUMMRY') continue;
      const first = recordsOf(group).next().value as PlacedRecord;
      pointers.unshift(this.spec(type).transaction ? this.transactionPointer(type, tx) : this.recordPointer(type, first, group.ordinal, undefined));
    }
    if (placed.node.reference !== undefined) pointers.push(this.recordPointer(placed.node.reference, placed, placed.ordinal, c.field));
    if (placed.node.detail !== undefined && c.field !== undefined) {
      const detail = this.detailPointer(placed.node.detail, placed, c.field);
      if (detail) pointers.push(detail);
    }
    return pointers;
  }

  /** The record a condition without one is about: its line's 40 or its tariff's 50. */
  private representative(c: EsCondition, tx: EntrySummaryTx): TxRecord | undefined {
    if (c.ref.kind === 'line') return c.ref.line.record;
    if (c.ref.kind === 'tariff') return c.ref.tariff.record;
    if (c.ref.kind === 'totals') return tx.trailer ?? tx.totals[0];
    return undefined;
  }

  private spec(type: string): ReferenceSpec {
    return this.grammar.references.get(type) ?? {};
  }

  /** A field of a placed record (checkGrammar made sure at start-up that referenced fields exist). */
  private field(placed: PlacedRecord, name: string): string {
    return readField(this.catalog.layout(placed.node.id), placed.record.text, name);
  }

  /** An E0's data: each E0 field from its input field, the `index`th of a list. */
  private values(spec: ReferenceSpec, placed: PlacedRecord, index: number): Record<string, FieldValue> {
    const values: Record<string, FieldValue> = {};
    for (const [e0Field, source] of Object.entries(spec.fields ?? {})) values[e0Field] = this.field(placed, Array.isArray(source) ? (source[index] as string) : source);
    return values;
  }

  private transactionPointer(type: string, tx: EntrySummaryTx): Pointer {
    const values = { entryFiler: value(tx.header, 'entryFiler'), entryNumber: value(tx.header, 'entryNumber'), brokerReference: value(tx.header, 'brokerReference') };
    return { key: `${type}#${tx.ordinal}`, label: type, record: writeRecord(this.catalog.layout(`E0.${type}`), { occurrence: tx.ordinal, ...values }) };
  }

  /**
   * The E0 of a record-level reference. A field list (the five reasons of a 35 record) counts its
   * fields across the occurrences of the record; the condition's field picks which one.
   */
  private recordPointer(type: string, placed: PlacedRecord, ordinal: number, fieldName: string | undefined): Pointer {
    const spec = this.spec(type);
    const layoutName = `E0.${type}`;
    if (!this.catalog.hasLayout(layoutName)) return this.genericPointer(type, placed, spec);
    const lists = listsOf(spec);
    const width = lists[0]?.length ?? 1;
    const index = fieldName === undefined ? 0 : Math.max(0, ...lists.map((l) => l.indexOf(fieldName)));
    const occurrence = (ordinal - 1) * width + index + 1;
    const values = this.values(spec, placed, index);
    const shown = type === 'LINITM' || type === 'TARIFF' ? String(values[Object.keys(spec.fields ?? {})[0] ?? ''] ?? '') : String(occurrence);
    return { key: `${type}@${placed.record.position}#${occurrence}`, label: `${type} ${shown}`, record: writeRecord(this.catalog.layout(layoutName), { occurrence, ...values }) };
  }

  /** A finer reference within one record, when the condition names one of its listed fields. */
  private detailPointer(type: string, placed: PlacedRecord, fieldName: string): Pointer | undefined {
    const spec = this.spec(type);
    const index = Math.max(-1, ...listsOf(spec).map((l) => l.indexOf(fieldName)));
    if (index < 0) return undefined;
    const occurrence = index + 1;
    const record = writeRecord(this.catalog.layout(`E0.${type}`), { occurrence, ...this.values(spec, placed, index) });
    return { key: `${type}@${placed.record.position}#${occurrence}`, label: `${type} ${occurrence}`, record };
  }

  /**
   * Reference types with no layout of their own (OI and the PG records, ESF-198..203) carry the
   * record's data after its id as their text (ace-mock's reading of "pertinent portion of the PGA
   * record"); their occurrence is zero except where a field gives it (PG01's PGA line number).
   */
  private genericPointer(type: string, placed: PlacedRecord, spec: ReferenceSpec): Pointer {
    const occurrence = spec.occurrenceField !== undefined ? Number(this.field(placed, spec.occurrenceField)) || 0 : 0;
    const text = placed.record.text.slice(placed.node.id.length);
    return {
      key: `${type}@${placed.record.position}`,
      label: `${type} ${occurrence}`,
      record: writeRecord(this.catalog.layout('E0'), { referenceType: type, occurrence, referenceText: text }),
    };
  }
}

/** The field lists of a reference (one E0 per listed field). */
function listsOf(spec: ReferenceSpec): string[][] {
  return Object.values(spec.fields ?? {}).filter((f): f is string[] => Array.isArray(f));
}
