import fc from 'fast-check';
import t from 'tap';
import type { Layout } from '../../../src/catair/layout.js';
import type { AceMock } from '../../../src/server.js';
import { processChecked } from '../../helpers/answer-checks.js';
import { catalog, fixtureDetails, seBatch } from '../../helpers/cargo-release.js';
import { testMock } from '../../helpers/mock.js';
import { scenarioDir } from '../../helpers/scenario-dir.js';

/**
 * The cargo release rules below HTTP: the chapter's samples with their fields broken go through the
 * real pipeline. Whatever the damage, it never throws, answers in whole records with dictionary
 * codes, closes every SE transaction with one message-level SE90 and journals one exchange.
 */
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 200);
const SAMPLES = ['split-example-2.txt', 'cancel.txt', 'update.txt', 'hand-carried.txt', 'ftz-type-06.txt', 'type-86.txt', 'pga.txt', 'unified-isf.txt', 'bond-type-9.txt'];
const fuzzMock = (): AceMock => testMock({ ACE_MOCK_SCENARIOS: scenarioDir({}), ACE_MOCK_RETENTION_MAX_EXCHANGES: '0', ACE_MOCK_RETENTION_DAYS: '0' });

/** The layout an SE record is read with: its own SE. layout, else the shared one (PGA). */
const layoutOf = (record: string): Layout | undefined => (catalog.hasLayout(`SE.${record.slice(0, 4)}`) ? catalog.layout(`SE.${record.slice(0, 4)}`) : catalog.candidates(record)[0]);
const BREAKS = [' ', 'Z', '9', '0', 'a', '-'];
const overwrite = (record: string, offset: number, text: string) => record.padEnd(80).slice(0, offset) + text + record.padEnd(80).slice(offset + text.length);

t.test('every field of every sample record blanked or filled with letters, digits, zeros, lower case or punctuation', async (t) => {
  const mock = fuzzMock();
  t.teardown(() => mock.close());
  let sent = 0;
  for (const file of SAMPLES) {
    const records = fixtureDetails(file);
    for (let r = 0; r < records.length; r++) {
      const layout = layoutOf(records[r] as string);
      for (const field of layout?.fields ?? []) {
        for (const fill of BREAKS) {
          const broken = [...records];
          broken[r] = overwrite(records[r] as string, field.offset, fill.repeat(field.length));
          try {
            await processChecked(mock, seBatch(broken));
          } catch (err) {
            throw new Error(`${file} record ${r + 1} ${layout?.name} ${field.name} = ${fill}: ${(err as Error).message}`);
          }
          sent++;
        }
      }
    }
  }
  t.pass(`${sent} transmissions`);
});

t.test('random damage, records dropped, repeated and shuffled: a well-formed answer', async (t) => {
  const mock = fuzzMock();
  t.teardown(() => mock.close());
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...SAMPLES),
      fc.array(fc.record({ record: fc.nat(40), column: fc.nat(79), text: fc.string({ unit: fc.constantFrom(...' AZ09az-./U'.split('')), maxLength: 12 }) }), { maxLength: 6 }),
      fc.array(fc.record({ record: fc.nat(40), op: fc.constantFrom('drop', 'repeat', 'swap') }), { maxLength: 3 }),
      async (file, damage, moves) => {
        let records = fixtureDetails(file);
        for (const d of damage) {
          const i = d.record % records.length;
          records[i] = overwrite(records[i] as string, Math.max(4, d.column), d.text).slice(0, 80);
        }
        for (const m of moves) {
          const i = m.record % records.length;
          if (m.op === 'drop' && records.length > 1) records = [...records.slice(0, i), ...records.slice(i + 1)];
          else if (m.op === 'repeat') records = [...records.slice(0, i + 1), records[i] as string, ...records.slice(i + 1)];
          else if (i + 1 < records.length) records = [...records.slice(0, i), records[i + 1] as string, records[i] as string, ...records.slice(i + 2)];
        }
        await processChecked(mock, seBatch(records));
      },
    ),
    { numRuns: RUNS },
  );
  t.pass(`${RUNS} runs`);
});
