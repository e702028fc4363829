import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import t from 'tap';
import { send, testMock } from './helpers/mock.js';

/**
 * Whatever arrives, ace-mock answers: a CATAIR answer (every record 80 characters, one final
 * disposition per transaction or a whole-batch rejection) or a 4xx problem. Never a 5xx, never a throw.
 */
const samples = ['ae-add-1-line.txt', 'ae-add-5-lines.txt', 'ae-psc-replace.txt', 'ae-census-override.txt', 'ae-remote-location-filing.txt'].map((f) =>
  readFileSync(new URL(`../scenarios/samples/${f}`, import.meta.url), 'latin1').split('\n').filter((l) => l !== ''),
);
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

type Mutation = { kind: 'edit'; record: number; column: number; text: string } | { kind: 'drop' | 'duplicate'; record: number } | { kind: 'swap'; a: number; b: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), record: fc.nat(30), column: fc.integer({ min: 1, max: 80 }), text: fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...' ABXYZ0123456789*-#é\t'.split('')) }) }),
  fc.record({ kind: fc.constantFrom('drop' as const, 'duplicate' as const), record: fc.nat(30) }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(30), b: fc.nat(30) }),
);

function mutate(records: string[], mutations: Mutation[]): string[] {
  const out = [...records];
  for (const m of mutations) {
    const n = out.length;
    if (n === 0) break;
    if (m.kind === 'edit') {
      const i = m.record % n;
      const r = out[i] as string;
      out[i] = (r.slice(0, m.column - 1) + m.text + r.slice(m.column - 1 + m.text.length)).slice(0, 80);
    } else if (m.kind === 'drop') out.splice(m.record % n, 1);
    else if (m.kind === 'duplicate') out.splice(m.record % n, 0, out[m.record % n] as string);
    else if (m.kind === 'swap') [out[m.a % n], out[m.b % n]] = [out[m.b % n] as string, out[m.a % n] as string];
  }
  return out;
}

/** What is wrong with an answer, or undefined when it is well formed. */
function answerProblem(status: number, body: string, outcome: string | undefined): string | undefined {
  if (status !== 200) return status === 400 || status === 413 ? undefined : `HTTP ${status}`;
  const records = body.split('\n').filter((l) => l !== '');
  if (!records.every((r) => r.length === 80)) return 'an output record is not 80 characters';
  if (outcome === 'batch-rejected') return records.some((r) => r.startsWith('X1RF999')) ? undefined : 'batch rejected without X1RF999';
  return records.some((r) => /^E1[AR]/.test(r)) ? undefined : 'an application answer without a final disposition';
}

t.test('mutated valid transmissions always get a well-formed answer', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), async (records, mutations, concatenated) => {
      const text = mutate(records, mutations).join(concatenated ? '' : '\n');
      const res = await send(mock, Buffer.from(text, 'latin1'));
      const problem = answerProblem(res.statusCode, res.body, res.headers['x-ace-outcome'] as string | undefined);
      if (problem) throw new Error(problem);
    }),
    { numRuns: RUNS },
  );
  t.pass(`${RUNS} runs, every answer well formed`);
});

t.test('arbitrary bytes never crash the server', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
      const res = await send(mock, Buffer.from(bytes), { 'content-type': 'application/octet-stream' });
      const problem = answerProblem(res.statusCode, res.body, res.headers['x-ace-outcome'] as string | undefined);
      if (problem) throw new Error(problem);
    }),
    { numRuns: RUNS },
  );
  t.pass(`${RUNS} runs, every answer well formed`);
});

t.test('printable junk in 80-column records is always a CATAIR answer', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const record = fc.string({ minLength: 80, maxLength: 80, unit: fc.constantFrom(...'ABYZ0123456789 X-'.split('')) });
  await fc.assert(
    fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 20 }), async (records) => {
      const res = await send(mock, records.join('\n'));
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode} for printable 80-column records`);
      const problem = answerProblem(res.statusCode, res.body, res.headers['x-ace-outcome'] as string | undefined);
      if (problem) throw new Error(problem);
    }),
    { numRuns: RUNS },
  );
  t.pass(`${RUNS} runs, every answer well formed`);
});
