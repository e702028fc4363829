import { z } from 'zod';

/** CATAIR records are always exactly this wide. */
export const RECORD_LENGTH = 80;

/**
 * CATAIR field classes: A letters, N digits (right-justified, zero-filled), AN letters/digits/space,
 * X any keyboard character, D date MMDDYY, S space filler.
 */
export const FieldClass = z.enum(['A', 'N', 'AN', 'X', 'D', 'S']);
export type FieldClass = z.infer<typeof FieldClass>;

/** M mandatory, C conditional, O optional. */
export const Usage = z.enum(['M', 'C', 'O']);

const conditionCode = z.string().regex(/^[A-Z0-9]{3}$/, 'a condition code is 3 characters, e.g. B16');

export const FieldSpec = z
  .object({
    name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'field names are camelCase'),
    start: z.number().int().min(1).max(RECORD_LENGTH),
    length: z.number().int().min(1).max(RECORD_LENGTH),
    class: FieldClass,
    usage: Usage.default('O'),
    decimals: z.number().int().min(1).max(6).optional(),
    literal: z.string().optional(),
    codes: z.string().optional(),
    title: z.string().optional(),
    /**
     * Condition raised when the field is blank where it is required: always for M fields; for C
     * fields, by the rule that knows when (e.g. the 90 record's grand totals on an add).
     */
    missing: conditionCode.optional(),
    /** Condition raised when the value does not fit its class or code list. */
    invalid: conditionCode.optional(),
    /**
     * For a mandatory field of an application's input record that CBP's text and dictionary give no
     * condition for: why (with the page), in place of `missing`. See checkMissingConditions.
     */
    noCondition: z.string().min(1).optional(),
    /** Never shown: decoded views and logs mask it (the communication password). */
    secret: z.boolean().optional(),
  })
  .strict();
export type FieldSpec = z.infer<typeof FieldSpec>;

export const RecordSpec = z
  .object({
    name: z.string().min(1),
    id: z.string().min(1).max(4),
    title: z.string(),
    /** A response record (written, never read), e.g. the AX E0/E1 records. */
    output: z.literal(true).optional(),
    fields: z.array(FieldSpec).min(1),
  })
  .strict();

export const LayoutFile = z
  .object({
    description: z.string().optional(),
    /**
     * The application identifier (e.g. AE) when the file holds an application's records, whose
     * field problems are answered with each field's own condition (see checkMissingConditions).
     */
    application: z.string().regex(/^[A-Z0-9]{2}$/).optional(),
    records: z.array(RecordSpec).min(1),
  })
  .strict();

export interface Field extends FieldSpec {
  /** 0-based offset of the first character. */
  readonly offset: number;
  readonly end: number;
}

export interface Layout {
  readonly name: string;
  readonly id: string;
  readonly title: string;
  readonly output: boolean;
  readonly fields: readonly Field[];
  readonly byName: ReadonlyMap<string, Field>;
  /**
   * Matches a record whose every field respects its class, filler and mandatory rule: the fast path
   * of record checking. Code lists and calendar dates are checked on top, for `semanticFields` only.
   */
  readonly wellFormed: RegExp;
  readonly semanticFields: readonly Field[];
  /** Fields never shown to people (the communication password). */
  readonly secretFields: readonly Field[];
}

const CLASS_CHARS: Record<FieldClass, string> = {
  A: '[A-Z ]',
  AN: '[A-Z0-9 ]',
  X: '[\\x20-\\x7E]',
  N: '\\d',
  D: '\\d',
  S: ' ',
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The part of `wellFormed` for one field. */
function fieldPattern(f: FieldSpec): string {
  if (f.literal !== undefined) return escapeRegExp(f.literal);
  const n = f.length;
  if (f.class === 'S') return ` {${n}}`;
  const body = `${CLASS_CHARS[f.class]}{${n}}`;
  if (f.usage === 'M') return `(?! {${n}})${body}`;
  // Optional numbers and dates may be left blank; text classes already allow spaces.
  return f.class === 'N' || f.class === 'D' ? `(?:${body}| {${n}})` : body;
}

/** A problem in a layout file, naming the file, record and field so it can be fixed. */
export class LayoutError extends Error {
  constructor(file: string, record: string, message: string) {
    super(`${file}: record ${record}: ${message}`);
    this.name = 'LayoutError';
  }
}

/**
 * Checks one record layout covers columns 1-80 exactly once and builds its lookup structures.
 * Gaps and overlaps are refused because every column of a CATAIR record has a meaning, if only
 * "filler must be blank".
 */
export function compileLayout(file: string, spec: z.infer<typeof RecordSpec>): Layout {
  const fail = (message: string): never => {
    throw new LayoutError(file, spec.name, message);
  };
  const fields = [...spec.fields].sort((a, b) => a.start - b.start);
  const byName = new Map<string, Field>();
  let next = 1;
  for (const f of fields) {
    const last = f.start + f.length - 1;
    if (last > RECORD_LENGTH) fail(`field ${f.name} (${f.start}-${last}) runs past column ${RECORD_LENGTH}`);
    if (f.start < next) fail(`field ${f.name} starts at ${f.start} but the previous field ends at ${next - 1}`);
    if (f.start > next) fail(`columns ${next}-${f.start - 1} are not covered by any field (before ${f.name})`);
    if (byName.has(f.name)) fail(`field ${f.name} is defined twice`);
    if (f.literal !== undefined && f.literal.length !== f.length) {
      fail(`field ${f.name} has literal "${f.literal}" of length ${f.literal.length}, not ${f.length}`);
    }
    if (f.decimals !== undefined && f.class !== 'N') fail(`field ${f.name} has decimals but is not class N`);
    if (f.class === 'D' && f.length !== 6) fail(`field ${f.name} is a date (MMDDYY) and must be 6 long`);
    if (f.class === 'S' && f.usage === 'M') fail(`field ${f.name} is filler and cannot be mandatory`);
    if (f.noCondition !== undefined && f.missing !== undefined) {
      fail(`field ${f.name} has both a missing condition and noCondition; keep one`);
    }
    const field: Field = { ...f, offset: f.start - 1, end: last };
    byName.set(f.name, field);
    next = last + 1;
  }
  if (next !== RECORD_LENGTH + 1) fail(`columns ${next}-${RECORD_LENGTH} are not covered by any field`);
  const first = fields[0];
  if (first?.start !== 1 || first.literal === undefined || !first.literal.startsWith(spec.id)) {
    fail(`the first field (${first?.name ?? 'none'}) must be a literal starting with the record id "${spec.id}"`);
  }
  const compiled = [...byName.values()];
  return {
    name: spec.name,
    id: spec.id,
    title: spec.title,
    output: spec.output === true,
    fields: compiled,
    byName,
    wellFormed: new RegExp(`^${compiled.map(fieldPattern).join('')}$`),
    semanticFields: compiled.filter((f) => f.codes !== undefined || f.class === 'D'),
    secretFields: compiled.filter((f) => f.secret === true),
  };
}

/**
 * An application answers a blank mandatory field of its input records with that field's own
 * dictionary condition (the layoutFields rule), so each such field must name one in `missing`, or
 * say in `noCondition` why CBP's text gives none. Only files that declare an `application` are held
 * to this, and only their input records: batch and block control records are answered with X-codes
 * by the envelope, and output records (`output: true`) are written by us, never checked. Literal
 * fields (the record identifier) cannot be blank. Returns one message per field at fault.
 */
export function checkMissingConditions(file: string, layout: Layout): string[] {
  if (layout.output) return [];
  return layout.fields
    .filter((f) => f.usage === 'M' && f.literal === undefined && f.missing === undefined && f.noCondition === undefined)
    .map((f) => `${file}: record ${layout.name}: mandatory field ${f.name} names no missing condition (or noCondition: why none)`);
}
