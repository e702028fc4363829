import fc from 'fast-check';
import t from 'tap';
import { entryCheckDigit } from '../../src/catair/check-digit.js';
import type { Field, Layout } from '../../src/catair/layout.js';
import { writeRecord } from '../../src/catair/record.js';
import type { AceMock } from '../../src/server.js';
import { processChecked } from '../helpers/answer-checks.js';
import { batch } from '../helpers/census.js';
import { testMock } from '../helpers/mock.js';
import { scenarioDir } from '../helpers/scenario-dir.js';
import { sampleWith } from '../helpers/transmission.js';

/**
 * The applications' rules below HTTP: valid transmissions (AE samples, CW overrides, CJ queries)
 * with their fields broken class by class, and blown up to thousands of records, go through the
 * real pipeline. Whatever the damage, the pipeline never throws, answers in whole 80-character
 * records with dictionary codes, answers the batch (accepted, rejected or batch-rejected) and
 * journals exactly one exchange. Scenarios are out of the way (an empty library): the built-in
 * rules decide.
 */
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

/** A mock whose journal is never pruned under the test, with no scenario library. */
const fuzzMock = (): AceMock => testMock({ ACE_MOCK_SCENARIOS: scenarioDir({}), ACE_MOCK_RETENTION_MAX_EXCHANGES: '0', ACE_MOCK_RETENTION_DAYS: '0', ACE_MOCK_OUTBOX_LIMIT: '0' });

const AE_SAMPLES = [
  'ae-add-1-line.txt',
  'ae-add-5-lines.txt',
  'ae-add-for-psc.txt',
  'ae-psc-replace.txt',
  'ae-census-override.txt',
  'ae-remote-location-filing.txt',
  'ae-bad-check-digit.txt',
  'ae-entry-type-86.txt',
];
/** A few entries, so that adds, replaces and deletes meet entries on file and not on file. */
const ENTRIES = ['0810001', '0810002', '0810003', '0810004'];
const entry = (n7: string) => n7 + String(entryCheckDigit('B76', n7));

function baseTransmission(mock: AceMock, kind: 'AE' | 'CW' | 'CJ', sample: number, n7: string, action: string): string[] {
  if (kind === 'AE') return sampleWith(AE_SAMPLES[sample % AE_SAMPLES.length] as string, n7, { action }).split('\n');
  if (kind === 'CW') {
    const cw01 = writeRecord(mock.catalog.layout('CW01'), { entryFiler: 'B76', entryNumber: entry(n7) });
    const cw02 = writeRecord(mock.catalog.layout('CW02.override'), { lineNumber: '001', warning1: '27C', override1: '09', warning2: '27B', override2: '20' });
    return batch('CW', [cw01, cw02]).split('\n').filter((l) => l !== '');
  }
  const cj1 = writeRecord(mock.catalog.layout('CJ1'), { entryFiler: 'B76', entryNumber1: entry(n7), entryNumber2: entry(ENTRIES[0] as string), fromDate: '110126', toDate: '112526' });
  return batch('CJ', [cj1]).split('\n').filter((l) => l !== '');
}

// ---- breaking one field by its class ----

/** The ways a field of each class can be wrong; every field can also be left blank. */
function violationsFor(field: Field): string[] {
  if (field.literal !== undefined) return ['record-id'];
  const kinds = ['blank'];
  if (field.class === 'S') return ['filler'];
  if (field.codes !== undefined) kinds.push('unknown-code');
  if (field.class === 'N') kinds.push('letters', 'overflow', 'zero', 'sign', 'space-inside');
  if (field.class === 'D') kinds.push('bad-date', 'letters');
  if (field.class === 'A') kinds.push('digits');
  if (field.class === 'AN') kinds.push('lower-and-punctuation');
  kinds.push('non-standard');
  return kinds;
}

const BAD_DATES = ['000000', '130126', '023026', '043126', '993199', '12AB26', '1225  '];

/** The text a violation writes into a field (exactly the field's width). `seed` varies it. */
function violationText(field: Field, kind: string, seed: string): string {
  const n = field.length;
  const fit = (s: string) => s.padEnd(n, s.slice(-1) || ' ').slice(0, n);
  const from = (alphabet: string) => fit([...(seed || 'x')].map((c) => alphabet[c.charCodeAt(0) % alphabet.length]).join(''));
  switch (kind) {
    case 'blank':
      return ' '.repeat(n);
    case 'record-id':
      return from('9Z#x ');
    case 'filler':
      return from('X9-*').padStart(n);
    case 'unknown-code':
      return from('QZ9');
    case 'letters':
      return fit(`${from('0123456789').slice(0, Math.max(0, n - 1))}${from('ABCXYZ').slice(0, 1)}`);
    case 'overflow':
      return '9'.repeat(n);
    case 'zero':
      return '0'.repeat(n);
    case 'sign':
      return fit(`-${'1'.repeat(n - 1)}`);
    case 'space-inside':
      return n > 2 ? `1${' '.repeat(n - 2)}1` : ' 1'.slice(0, n);
    case 'bad-date':
      return BAD_DATES[seed.length % BAD_DATES.length] as string;
    case 'digits':
      return from('0123456789');
    case 'lower-and-punctuation':
      return from('abc-*/#.');
    case 'non-standard':
      return fit(from('A1 ').slice(0, n - 1) + ['\t', '\x7f', 'é', '\x00', '\r'][seed.length % 5]);
    default:
      throw new Error(`no violation ${kind}`);
  }
}

/** The layout a record is read with: the first whose record id it starts with. */
function layoutOf(mock: AceMock, record: string): Layout | undefined {
  return mock.catalog.candidates(record)[0];
}

interface Violation {
  readonly record: number;
  readonly field: number;
  readonly kind: number;
  readonly seed: string;
  /** Only fields whose blank or bad value is the application's to answer (a `missing` or `invalid` code), not a batch rejection. */
  readonly business?: boolean;
}

/** The fields a violation may hit. */
const targets = (layout: Layout, business: boolean): readonly Field[] =>
  business ? layout.fields.filter((f) => f.missing !== undefined || f.invalid !== undefined) : layout.fields;

/** Applies the violations; returns the records and, for the failure message, what was done. */
function violate(mock: AceMock, records: readonly string[], violations: readonly Violation[]): { records: string[]; done: string[] } {
  const out = [...records];
  const done: string[] = [];
  for (const v of violations) {
    const i = v.record % out.length;
    const rec = out[i] as string;
    const layout = layoutOf(mock, rec);
    const fields = layout ? targets(layout, v.business === true) : [];
    if (!layout || fields.length === 0) continue;
    const field = fields[v.field % fields.length] as Field;
    const kinds = v.business ? violationsFor(field).filter((k) => k !== 'non-standard' && (k !== 'blank' || field.missing !== undefined)) : violationsFor(field);
    const kind = kinds[v.kind % kinds.length] as string;
    const text = violationText(field, kind, v.seed);
    out[i] = rec.padEnd(80).slice(0, field.offset) + text + rec.padEnd(80).slice(field.end);
    done.push(`record ${i + 1} (${layout.name}) ${field.name} [${field.class}${field.codes ? `, ${field.codes}` : ''}] ${kind}: ${JSON.stringify(text)}`);
  }
  return { records: out, done };
}

// ---- blowing a transmission up ----

type Amplifier = { kind: 'none' } | { kind: 'record'; record: number; times: number } | { kind: 'line' | 'tariff' | 'transaction' | 'block'; times: number };

/** The index range [from, to) of the first group of records of a kind, if the transmission has one. */
function groupRange(records: readonly string[], kind: 'line' | 'tariff' | 'transaction' | 'block'): [number, number] | undefined {
  const starts: Record<typeof kind, string> = { line: '40', tariff: '50', transaction: '10', block: 'B' };
  const from = records.findIndex((r) => r.startsWith(starts[kind]));
  if (from < 0) return undefined;
  const ends: Record<typeof kind, (r: string) => boolean> = {
    line: (r) => /^(40|88|89|90)/.test(r),
    tariff: (r) => /^(40|50|63|88|89|90|CW02)/.test(r),
    transaction: (r) => r.startsWith('Y'),
    block: (r) => r.startsWith('Z'),
  };
  let to = from + 1;
  while (to < records.length && !ends[kind](records[to] as string)) to++;
  if (kind === 'transaction' && records[to - 1]?.startsWith('90') !== true) return undefined;
  return [from, kind === 'block' ? Math.min(to + 0, records.length) : to];
}

/** Repeats a record or a group (lines renumbered, transactions given their own entry numbers). */
function amplify(records: readonly string[], a: Amplifier): string[] {
  if (a.kind === 'none') return [...records];
  if (a.kind === 'record') {
    const i = a.record % records.length;
    return [...records.slice(0, i), ...Array.from({ length: a.times }, () => records[i] as string), ...records.slice(i + 1)];
  }
  const range = groupRange(records, a.kind);
  if (!range) return [...records];
  const [from, to] = range;
  const group = records.slice(from, to);
  const copies = Array.from({ length: a.times }, (_, k) =>
    group.map((r) => {
      if (a.kind === 'line' && r.startsWith('40')) return r.slice(0, 4) + String((k + 1) % 1000).padStart(3, '0') + r.slice(7);
      if (a.kind === 'transaction' && r.startsWith('10')) {
        const n7 = String(2_000_000 + k);
        return r.slice(0, 8) + n7 + String(entryCheckDigit('B76', n7)) + r.slice(16);
      }
      return r;
    }),
  ).flat();
  return [...records.slice(0, from), ...copies, ...records.slice(to)];
}

const violation: fc.Arbitrary<Violation> = fc.record({ record: fc.nat(2000), field: fc.nat(60), kind: fc.nat(10), seed: fc.string({ maxLength: 12 }), business: fc.boolean() });
const violations = fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 3, arbitrary: fc.array(violation, { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: fc.array(violation, { maxLength: 8 }) });
const amplifier: fc.Arbitrary<Amplifier> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('record' as const), record: fc.nat(30), times: fc.integer({ min: 2, max: 1100 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('line' as const), times: fc.oneof(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 990, max: 1005 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tariff' as const), times: fc.integer({ min: 2, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transaction' as const), times: fc.integer({ min: 2, max: 150 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('block' as const), times: fc.integer({ min: 2, max: 25 }) }) },
);

t.test('every field of every sample record, broken each way its class allows: a well-formed answer, one journal row', async (t) => {
  const mock = fuzzMock();
  t.teardown(() => mock.close());
  const started = performance.now();
  let sent = 0;
  for (const kind of ['AE', 'CW', 'CJ'] as const) {
    const samples = kind === 'AE' ? AE_SAMPLES.length : 1;
    for (let s = 0; s < samples; s++) {
      const records = baseTransmission(mock, kind, s, '0820001', 'A');
      for (let r = 0; r < records.length; r++) {
        const layout = layoutOf(mock, records[r] as string);
        if (!layout) continue;
        for (let f = 0; f < layout.fields.length; f++) {
          for (let k = 0; k < violationsFor(layout.fields[f] as Field).length; k++) {
            // The seed's length picks the bad date and the non-standard character: vary it by field.
            const { records: broken, done } = violate(mock, records, [{ record: r, field: f, kind: k, seed: 'seed'.repeat(1 + f).slice(0, 1 + ((r + f) % 7)) }]);
            try {
              await processChecked(mock, broken.join('\n'));
            } catch (err) {
              throw new Error(`${kind} sample ${s}, ${done.join('; ')}: ${(err as Error).message}`);
            }
            sent++;
          }
        }
      }
    }
  }
  t.pass(`${sent} transmissions, each with one field broken, in ${Math.round(performance.now() - started)} ms`);
});

t.test('random damage to many fields at once, on transmissions blown up to thousands of records', async (t) => {
  const mock = fuzzMock();
  t.teardown(() => mock.close());
  const started = performance.now();
  const outcomes = new Map<string, number>();
  let largest = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('AE', 'AE', 'AE', 'CW', 'CJ'),
      fc.nat(20),
      fc.constantFrom(...ENTRIES),
      fc.constantFrom('A', 'A', 'R', 'D'),
      amplifier,
      violations,
      fc.boolean(),
      async (kind, sample, n7, action, amp, damage, concatenated) => {
        const base = amplify(baseTransmission(mock, kind, sample, n7, action), amp);
        const { records, done } = violate(mock, base, damage);
        try {
          const exchange = await processChecked(mock, records.join(concatenated ? '' : '\n'));
          outcomes.set(exchange.outcome, (outcomes.get(exchange.outcome) ?? 0) + 1);
          largest = Math.max(largest, records.length);
        } catch (err) {
          throw new Error(`${kind} ${base.length} records, ${JSON.stringify(amp)}; ${done.join('; ') || 'no field broken'}: ${(err as Error).message}`);
        }
      },
    ),
    { numRuns: RUNS },
  );
  t.pass(`${RUNS} runs in ${Math.round(performance.now() - started)} ms; largest ${largest} records; ${[...outcomes].map(([o, n]) => `${n} ${o}`).join(', ')}`);
});
