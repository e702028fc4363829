import fc from 'fast-check';
import t from 'tap';
import { applicationIds } from '../../src/applications/registry.js';
import { loadTransactionGrammar } from '../../src/catair/grammar.js';
import { groupEntrySummaries } from '../../src/applications/entry-summary/grouping.js';
import { writeBatchRejection } from '../../src/catair/batch-output.js';
import { DEFAULT_SCHEMA_DIR, loadCatalog } from '../../src/catair/catalog.js';
import { decodeRecords } from '../../src/catair/decode.js';
import { readEnvelope } from '../../src/catair/envelope.js';
import { frameRecords } from '../../src/catair/framing.js';

/**
 * The format layer on its own, below HTTP: whatever the text, framing, the envelope, grouping and
 * decoding never throw, every condition code they raise is in the dictionary, and a batch rejection
 * written from them is all 80-character records.
 */
const catalog = loadCatalog();
const grammar = loadTransactionGrammar(DEFAULT_SCHEMA_DIR, 'entry-summary');
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

const recordIds = ['A', 'B', 'Y', 'Z', '10', '11', '31', '35', '36', '40', '50', '63', '89', '90', 'CW02', 'CJ1', 'E1', 'X1', '77'];
const record = fc
  .tuple(fc.constantFrom(...recordIds), fc.string({ maxLength: 90, unit: fc.constantFrom(...' 0123456789ABCXYZ-*é\t'.split('')) }), fc.boolean())
  .map(([id, rest, pad]) => (pad ? (id + rest).padEnd(80).slice(0, 80) : id + rest));
const text = fc.tuple(fc.array(record, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '')).map(([records, sep]) => records.join(sep));

t.test('framing, envelope, grouping and decoding never throw and raise only known codes', async (t) => {
  fc.assert(
    fc.property(text, fc.boolean(), (input, lenient) => {
      const framed = frameRecords(input, lenient);
      const batch = readEnvelope(framed.records, framed.problems, catalog, applicationIds());
      const conditions = [...batch.conditions];
      for (const block of batch.blocks) conditions.push(...groupEntrySummaries(block, grammar, catalog).conditions);
      for (const c of conditions) if (!catalog.dictionary.has(c.code)) throw new Error(`unknown code ${c.code}`);
      decodeRecords(catalog, framed.records, 'in');
      const rejection = writeBatchRejection(catalog, batch, conditions);
      if (!rejection.every((r) => r.length === 80)) throw new Error('a rejection record is not 80 characters');
    }),
    { numRuns: RUNS },
  );
  t.pass(`${RUNS} runs`);
});
