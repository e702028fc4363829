import fc from 'fast-check';
import t from 'tap';
import { loadCatalog } from '../../src/catair/catalog.js';
import type { Field } from '../../src/catair/layout.js';
import { checkEveryField, checkRecord } from '../../src/catair/record.js';

/**
 * checkRecord takes a one-regex fast path for well-formed records; whatever the record, it must
 * report exactly what the field-by-field check reports.
 */
const catalog = loadCatalog();
const layouts = ['A', 'B', 'Y', 'Z', '10', '11', '31', '35', '36', '40', '50', '63', '89', '90', 'CW02'].map((n) => catalog.layout(n));

const chars = fc.constantFrom(...' 0123456789ABCXYZ*-a'.split(''));
function fieldValue(f: Field): fc.Arbitrary<string> {
  if (f.literal !== undefined) return fc.constant(f.literal);
  const n = f.length;
  const valid =
    f.class === 'S'
      ? fc.constant(' '.repeat(n))
      : f.class === 'N' || f.class === 'D'
        ? fc.oneof(fc.string({ minLength: n, maxLength: n, unit: fc.constantFrom(...'0123456789'.split('')) }), fc.constantFrom('112526'.padStart(n, '0').slice(-n)))
        : fc.string({ minLength: n, maxLength: n, unit: fc.constantFrom(...' ABC123'.split('')) });
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: fc.constant(' '.repeat(n)) }, { weight: 1, arbitrary: fc.string({ minLength: n, maxLength: n, unit: chars }) });
}

/** A record every field of which holds a value of its class: one the fast path takes, whatever the random draw. */
function wellFormedExample(fields: readonly Field[]): string {
  const valueOf = (f: Field): string => {
    if (f.literal !== undefined) return f.literal;
    if (f.class === 'S') return ' '.repeat(f.length);
    if (f.class === 'N' || f.class === 'D') return '112526'.padStart(f.length, '0').slice(-f.length);
    return 'A'.repeat(f.length);
  };
  return fields.map(valueOf).join('');
}

for (const layout of layouts) {
  t.test(`layout ${layout.name}: fast path agrees with the field-by-field check`, async (t) => {
    const record = fc.tuple(...layout.fields.map(fieldValue)).map((parts) => parts.join(''));
    const example = wellFormedExample(layout.fields);
    t.ok(layout.wellFormed.test(example), 'the example is well formed, so the fast path is always exercised');
    let fast = 0;
    fc.assert(
      fc.property(record, (r) => {
        if (layout.wellFormed.test(r)) fast++;
        t.strictSame(checkRecord(layout, r, catalog), checkEveryField(layout, r, catalog));
      }),
      // The example runs first; random draws alone took the fast path too rarely for some layouts (a flaky count).
      { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 200), examples: [[example]] },
    );
    t.ok(fast > 0, 'some records took the fast path');
  });
}
