import type { Catalog } from './catalog.js';
import { type Field, type Layout, RECORD_LENGTH } from './layout.js';

/** Raw text of one field (never trimmed: position matters in CATAIR). */
export function fieldText(record: string, field: Field): string {
  return record.slice(field.offset, field.end);
}

/** Trimmed text of a named field. */
export function readField(layout: Layout, record: string, name: string): string {
  const field = layout.byName.get(name);
  if (!field) throw new Error(`record layout ${layout.name} has no field ${name}`);
  return record.slice(field.offset, field.end).trim();
}

/** The value of an N field as a number, honouring implied decimals; undefined when blank or not numeric. */
export function readAmount(layout: Layout, record: string, name: string): number | undefined {
  const field = layout.byName.get(name);
  if (!field) throw new Error(`record layout ${layout.name} has no field ${name}`);
  const raw = record.slice(field.offset, field.end);
  if (!/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return field.decimals ? n / 10 ** field.decimals : n;
}

export type FieldValue = string | number | undefined;

function formatField(field: Field, value: FieldValue): string {
  if (field.literal !== undefined) return field.literal;
  if (value === undefined || value === '') return ' '.repeat(field.length);
  if (field.class === 'N') {
    const digits =
      typeof value === 'number' ? String(Math.round(value * 10 ** (field.decimals ?? 0))) : value.trim();
    return digits.padStart(field.length, '0').slice(-field.length);
  }
  return String(value).padEnd(field.length, ' ').slice(0, field.length);
}

/**
 * Writes an 80-character record from named values. Literals are filled in, N fields are
 * right-justified and zero-filled (numbers scaled by their implied decimals), the rest left-justified
 * and space-filled; absent values are blank.
 */
export function writeRecord(layout: Layout, values: Readonly<Record<string, FieldValue>>): string {
  let out = '';
  for (const field of layout.fields) out += formatField(field, values[field.name]);
  return out;
}

/** What is wrong with one field of a record. */
export type FieldProblemKind = 'missing' | 'invalid' | 'filler' | 'nonstandard';

export interface FieldProblem {
  readonly field: Field;
  readonly kind: FieldProblemKind;
  /** 1-based column of the first offending character (the field's start when it is missing). */
  readonly column: number;
}

const CLASS_PATTERN: Record<string, RegExp> = {
  A: /^[A-Z ]*$/,
  AN: /^[A-Z0-9 ]*$/,
  X: /^[\x20-\x7E]*$/,
};

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** MMDDYY with a real month and day (29 February is accepted whatever the year). */
export function isDate(text: string): boolean {
  if (!/^\d{6}$/.test(text)) return false;
  const month = Number(text.slice(0, 2));
  const day = Number(text.slice(2, 4));
  return month >= 1 && month <= 12 && day >= 1 && day <= (DAYS_IN_MONTH[month - 1] as number);
}

/**
 * MMDDYY as YYYY-MM-DD, or undefined when it is no calendar day. Years are read as 20YY: ACE holds no
 * entry summaries from the last century. isDate() lets 29 February through in any year, so the day
 * is checked again against the real calendar.
 */
export function isoDay(mmddyy: string): string | undefined {
  if (!isDate(mmddyy)) return undefined;
  const [month, day, year] = [0, 2, 4].map((at) => Number(mmddyy.slice(at, at + 2))) as [number, number, number];
  const date = new Date(Date.UTC(2000 + year, month - 1, day));
  return date.getUTCDate() === day ? date.toISOString().slice(0, 10) : undefined;
}

function firstNonStandard(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return i;
  }
  return -1;
}

/**
 * Checks every field of a record against its layout: filler blank, mandatory fields present, class
 * respected, coded values known. Characters outside printable ASCII are reported once, as
 * non-standard data, before anything else.
 */
export function checkRecord(layout: Layout, record: string, catalog: Catalog): readonly FieldProblem[] {
  return layout.wellFormed.test(record) ? checkSemantics(layout, record, catalog) : checkEveryField(layout, record, catalog);
}

/** The slow path of checkRecord, field by field; exported so tests can hold the fast path to it. */
export function checkEveryField(layout: Layout, record: string, catalog: Catalog): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const bad = firstNonStandard(record);
  if (bad >= 0) {
    const field = layout.fields.find((f) => bad >= f.offset && bad < f.end) ?? (layout.fields[0] as Field);
    return [{ field, kind: 'nonstandard', column: bad + 1 }];
  }
  for (const field of layout.fields) {
    if (field.literal !== undefined) continue;
    const raw = record.slice(field.offset, field.end);
    const blank = raw.trim() === '';
    if (field.class === 'S') {
      if (!blank) problems.push({ field, kind: 'filler', column: field.start + raw.search(/\S/) });
      continue;
    }
    if (blank) {
      if (field.usage === 'M') problems.push({ field, kind: 'missing', column: field.start });
      continue;
    }
    if (field.codes !== undefined) {
      if (!catalog.codes(field.codes).has(raw.trim())) problems.push({ field, kind: 'invalid', column: field.start });
      continue;
    }
    let valid: boolean;
    if (field.class === 'N') valid = /^\d+$/.test(raw);
    else if (field.class === 'D') valid = isDate(raw);
    else valid = (CLASS_PATTERN[field.class] as RegExp).test(raw);
    if (!valid) problems.push({ field, kind: 'invalid', column: field.start });
  }
  return problems;
}

const NO_PROBLEMS: readonly FieldProblem[] = Object.freeze([]);

/** Fast path for a well-formed record: only code lists and calendar dates are left to check. */
function checkSemantics(layout: Layout, record: string, catalog: Catalog): readonly FieldProblem[] {
  let problems: FieldProblem[] | undefined;
  for (const field of layout.semanticFields) {
    const raw = record.slice(field.offset, field.end);
    if (raw.trim() === '') continue;
    const valid = field.codes !== undefined ? catalog.codes(field.codes).has(raw.trim()) : isDate(raw);
    if (!valid) (problems ??= []).push({ field, kind: 'invalid', column: field.start });
  }
  return problems ?? NO_PROBLEMS;
}

/** Every field of a record decoded for people: name, positions, raw value and, for codes, meaning. */
export interface DecodedField {
  readonly name: string;
  readonly title?: string;
  readonly start: number;
  readonly length: number;
  readonly value: string;
  readonly meaning?: string;
}

export function decodeRecord(layout: Layout, record: string, catalog: Catalog): DecodedField[] {
  const padded = record.length < RECORD_LENGTH ? record.padEnd(RECORD_LENGTH) : record;
  return layout.fields
    .filter((f) => f.class !== 'S')
    .map((f) => {
      const raw = padded.slice(f.offset, f.end);
      const value = f.secret === true && raw.trim() !== '' ? '*'.repeat(f.length) : raw;
      const meaning = f.codes !== undefined ? catalog.codes(f.codes).get(raw.trim())?.title : undefined;
      return {
        name: f.name,
        ...(f.title !== undefined && { title: f.title }),
        start: f.start,
        length: f.length,
        value,
        ...(meaning !== undefined && { meaning }),
      };
    });
}
