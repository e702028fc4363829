import type { Catalog } from './catalog.js';
import { identifyLayout } from './decode.js';
import { frameRecords } from './framing.js';
import type { Field, FieldClass } from './layout.js';
import { checkRecord, type DecodedField, decodeRecord, type FieldProblemKind } from './record.js';

/** One layout problem, said so that a person editing the record knows what to fix. */
export interface LayoutProblem {
  /** 1-based record position. */
  readonly position: number;
  /** 1-based column where the problem starts, and how many columns it spans. */
  readonly column: number;
  readonly length: number;
  readonly field?: string;
  readonly message: string;
}

export interface InspectedRecord {
  readonly position: number;
  /** The record's length as sent (before padding to 80). */
  readonly length: number;
  readonly layout?: string;
  readonly title?: string;
  readonly fields: readonly DecodedField[];
}

export interface Inspection {
  readonly framing: 'lines' | 'concatenated';
  readonly records: readonly InspectedRecord[];
  readonly problems: readonly LayoutProblem[];
}

/** What each field class allows, as the editor says it (filler, class S, is reported on its own). */
const CLASS_RULE: Record<Exclude<FieldClass, 'S'>, string> = {
  N: 'digits only',
  D: 'a date MMDDYY',
  A: 'letters and spaces only',
  AN: 'upper-case letters, digits and spaces only',
  X: 'printable characters only',
};

/** What is wrong with a field, said for the person editing it (the editor and the journal's condition `why`). */
export function describeFieldProblem(kind: FieldProblemKind, field: Field): string {
  const name = field.title ?? field.name;
  switch (kind) {
    case 'missing':
      return `${name} is mandatory and blank`;
    case 'filler':
      return `columns ${field.start}-${field.start + field.length - 1} are filler and must be blank`;
    case 'nonstandard':
      return `${name} holds a character outside the CATAIR set (printable ASCII)`;
    case 'invalid':
      if (field.codes !== undefined) return `${name} is not a known ${field.codes} code`;
      return field.class === 'S' ? describeFieldProblem('filler', field) : `${name} must be ${CLASS_RULE[field.class]}`;
  }
}

/**
 * A transmission decoded and checked record by record against the layouts, without answering it or
 * touching any state: what an editor shows while a person writes a transmission.
 */
export function inspectTransmission(catalog: Catalog, text: string, lenient: boolean): Inspection {
  const sent = text.includes('\n') ? text.replace(/\r?\n$/, '').split(/\r?\n/) : undefined;
  const framed = frameRecords(text, lenient);
  const problems: LayoutProblem[] = framed.problems.map((p) => ({
    position: p.position,
    column: p.column,
    length: 1,
    message: p.column > 80 ? 'the record is longer than 80 characters' : `the record is ${p.column - 1} characters long; records are 80`,
  }));
  const records = framed.records.map((record, i): InspectedRecord => {
    const position = i + 1;
    const length = sent?.[i]?.length ?? record.length;
    const layout = identifyLayout(catalog, record, 'in');
    if (!layout) {
      problems.push({ position, column: 1, length: 2, message: `no input record layout starts with "${record.slice(0, 2).trimEnd()}"` });
      return { position, length, fields: [] };
    }
    for (const p of checkRecord(layout, record, catalog)) {
      const span = p.kind === 'nonstandard' || p.kind === 'filler' ? 1 : p.field.length;
      problems.push({ position, column: p.column, length: span, field: p.field.name, message: describeFieldProblem(p.kind, p.field) });
    }
    return { position, length, layout: layout.name, title: layout.title, fields: decodeRecord(layout, record, catalog) };
  });
  return { framing: framed.separated ? 'lines' : 'concatenated', records, problems };
}
