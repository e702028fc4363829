import { responseApplication } from '../../src/applications/application.js';
import type { Catalog } from '../../src/catair/catalog.js';
import { readField } from '../../src/catair/record.js';
import type { Exchange } from '../../src/pipeline.js';
import type { AceMock } from '../../src/server.js';

/** Where an output record carries a condition code, by record id, and whose codes they are. */
const CONDITION_RECORDS: readonly { prefix: string; layout: string; field?: string; application?: string }[] = [
  { prefix: 'X1', layout: 'X1' },
  { prefix: 'E1', layout: 'E1', application: 'AX' },
  { prefix: 'CW03', layout: 'CW03', application: 'CO' },
  { prefix: 'CJ2', layout: 'CJ2', application: 'CL' },
  { prefix: 'SE90', layout: 'SX.SE90', field: 'messageId', application: 'SX' },
];

const FINAL_DISPOSITIONS: Readonly<Record<string, readonly string[]>> = { accepted: ['995', '996', '997'], rejected: ['998'] };

/**
 * What is wrong with an exchange's answer, or undefined when it is well formed: whole 80-character
 * records of printable ASCII; Y record counts that match their blocks; every condition code, in the
 * records and in the journaled detail, from the error dictionary (or one a scenario scripted with its
 * own narrative); and the batch answered, either rejected whole (X1RF999) or with a final
 * disposition for every transaction.
 */
export function answerProblem(catalog: Catalog, exchange: Exchange, scriptedCodes: ReadonlySet<string> = new Set()): string | undefined {
  const { output } = exchange;
  if (output.length === 0) return 'no output at all';
  const bad = output.findIndex((r) => r.length !== 80 || !/^[\x20-\x7e]*$/.test(r));
  if (bad >= 0) return `output record ${bad + 1} is not 80 printable characters: ${JSON.stringify(output[bad])}`;

  let sinceB = -1;
  for (const r of output) {
    if (r.startsWith('B')) sinceB = 0;
    else if (r.startsWith('Y')) {
      if (Number(r.slice(12, 17)) !== sinceB) return `Y says ${r.slice(12, 17)} records, the block has ${sinceB}`;
      sinceB = -1;
    } else if (sinceB >= 0) sinceB++;
  }

  const known = (code: string, application?: string) => catalog.dictionary.has(code, application) || scriptedCodes.has(code);
  for (const r of output) {
    const kind = CONDITION_RECORDS.find((k) => r.startsWith(k.prefix));
    if (!kind) continue;
    const code = readField(catalog.layout(kind.layout), r, kind.field ?? 'condition');
    if (code !== '' && !known(code, kind.application)) return `output condition ${code} is not in the error dictionary: ${r}`;
  }

  if (exchange.outcome === 'batch-rejected') {
    if (exchange.transactions.length > 0) return 'a rejected batch with transaction answers';
    if (exchange.batchConditions.length === 0) return 'a rejected batch without a condition';
    const unknown = exchange.batchConditions.find((c) => !catalog.dictionary.has(c.code));
    if (unknown) return `batch condition ${unknown.code} is not in the error dictionary`;
    return output.some((r) => r.startsWith('X1RF999')) ? undefined : 'batch rejected without X1RF999';
  }
  if (exchange.batchConditions.length > 0) return `batch conditions (${exchange.batchConditions.map((c) => c.code)}) but outcome ${exchange.outcome}`;
  if (exchange.transactions.length === 0) return `outcome ${exchange.outcome} without a transaction`;
  for (const t of exchange.transactions) {
    if (t.application === 'AE' && !FINAL_DISPOSITIONS[t.outcome]?.includes(t.disposition)) return `AE transaction ${t.ordinal} ${t.outcome} with disposition ${t.disposition}`;
    const response = responseApplication(catalog, t.application);
    const unknown = t.conditions.find((c) => !known(c.code, response));
    if (unknown) return `transaction condition ${unknown.code} is not in the error dictionary`;
  }
  const finals = output.filter((r) => /^E1[AR]/.test(r)).length;
  const ae = exchange.transactions.filter((t) => t.application === 'AE').length;
  if (finals !== ae) return `${ae} AE transactions but ${finals} final E1 records`;
  // Each cargo release transaction ends with one message-level SE90 (SE-83: 01..04), its disposition.
  const messages = output.filter((r) => /^SE900[1-4]/.test(r)).map((r) => r.slice(4, 6));
  const se = exchange.transactions.filter((t) => t.application === 'SE').map((t) => t.disposition);
  if (messages.join() !== se.join()) return `SE transactions ${se.join()} but message-level SE90s ${messages.join()}`;
  const accepted = exchange.transactions.filter((t) => t.outcome === 'accepted').length;
  const expected = accepted === exchange.transactions.length ? 'accepted' : accepted === 0 ? 'rejected' : 'partial';
  return exchange.outcome === expected ? undefined : `outcome ${exchange.outcome}, transactions say ${expected}`;
}

/** How many exchanges the journal holds. */
export const journalCount = (mock: AceMock): number => (mock.db.prepare('SELECT count(*) AS n FROM exchanges').get() as { n: number }).n;

/**
 * Sends one transmission through the real pipeline (below HTTP) and checks what every transmission
 * must leave behind: a well-formed answer and exactly one new journal row, the exchange's own.
 * Throws with the problem, for fast-check to shrink.
 */
export async function processChecked(
  mock: AceMock,
  text: string,
  options: { session?: string; scenario?: string; scriptedCodes?: ReadonlySet<string> } = {},
): Promise<Exchange> {
  const before = journalCount(mock);
  const exchange = await mock.pipeline.process({
    bytes: Buffer.from(text, 'latin1'),
    transport: 'fuzz',
    ...(options.session !== undefined && { session: options.session }),
    ...(options.scenario !== undefined && { scenario: options.scenario }),
  });
  const problem = answerProblem(mock.catalog, exchange, options.scriptedCodes);
  if (problem) throw new Error(problem);
  const after = journalCount(mock);
  if (after !== before + 1) throw new Error(`the journal went from ${before} to ${after} rows for one transmission`);
  const row = mock.journal.get(exchange.id);
  if (row?.outcome !== exchange.outcome) throw new Error(`journal row ${exchange.id}: ${row ? `outcome ${row.outcome}` : 'missing'}, answered ${exchange.outcome}`);
  return exchange;
}
