import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { createAceMock } from '../src/server.js';
import { packBody } from '../src/store/journal-body.js';

/**
 * Bytes on disk per exchange: N transmissions of the 5-line sample POSTed to /v1/transmissions (in
 * process, through Fastify's inject), each after the first replacing the same entry, into a SQLite
 * file; then the WAL is checkpointed into the file and each table and index is sized with dbstat.
 * Also the time per exchange, end to end and inside Journal.append, to keep compression honest.
 */
const EXCHANGES = Number(process.env['BENCH_JOURNAL_EXCHANGES'] ?? 10_000);
const body = readFileSync(new URL('../scenarios/samples/ae-add-5-lines.txt', import.meta.url));

export interface JournalSize {
  readonly exchanges: number;
  /** The database file after a checkpoint, per exchange (bytes). */
  readonly perExchange: number;
  /** Each table and index of more than one page (dbstat), per exchange (bytes), largest first. */
  readonly objects: readonly { name: string; perExchange: number }[];
  /** Wall time per exchange through inject, and the part of it spent in Journal.append (µs). */
  readonly totalMicros: number;
  readonly appendMicros: number;
  /** Packing one exchange's input, output and detail, and reading one exchange back with Journal.get (µs). */
  readonly packMicros: number;
  readonly getMicros: number;
}

/** µs per call of `work`: the best of five rounds, so that other work on the machine weighs less. */
function micros(times: number, work: () => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (let i = 0; i < times; i++) work();
    best = Math.min(best, ((performance.now() - started) * 1000) / times);
  }
  return best;
}

/** Drives `exchanges` transmissions into a fresh database and measures it; removes the file after. */
export async function measureJournalSize(exchanges: number): Promise<JournalSize> {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-bench-journal-'));
  const file = join(dir, 'bench.db');
  const mock = createAceMock(loadConfig({ ACE_MOCK_DB: file, ACE_MOCK_WATCH: '0' }), { logger: pino({ level: 'silent' }) });
  try {
    let appendNs = 0n;
    const append = mock.journal.append.bind(mock.journal);
    mock.journal.append = (entry) => {
      const started = process.hrtime.bigint();
      append(entry);
      appendNs += process.hrtime.bigint() - started;
    };
    const post = async (): Promise<void> => {
      const res = await mock.http.inject({ method: 'POST', url: '/v1/transmissions', payload: body, headers: { 'content-type': 'text/plain' } });
      if (res.statusCode !== 200) throw new Error(`the bench transmission was answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    };
    const started = performance.now();
    // Ten at a time, as ten HTTP connections would: the group commit shares transactions between them.
    for (let i = 0; i < exchanges; i += 10) await Promise.all(Array.from({ length: Math.min(10, exchanges - i) }, post));
    const totalMicros = ((performance.now() - started) * 1000) / exchanges;
    mock.db.pragma('wal_checkpoint(TRUNCATE)');
    const objects = mock.db
      .prepare<[], { name: string; bytes: number }>('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name HAVING count(*) > 1 ORDER BY bytes DESC')
      .all()
      .map((o) => ({ name: o.name, perExchange: o.bytes / exchanges }));
    const newest = mock.journal.find({ limit: 1 })[0];
    if (!newest) throw new Error('the journal is empty after the bench run');
    const bytes = { input: newest.input, output: newest.output, detail: JSON.stringify(newest.detail) };
    const packMicros = micros(200, () => packBody(bytes));
    const getMicros = micros(200, () => mock.journal.get(newest.id));
    const appendMicros = Number(appendNs / 1000n) / exchanges;
    return { exchanges, perExchange: statSync(file).size / exchanges, objects, totalMicros, appendMicros, packMicros, getMicros };
  } finally {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the figures; the aim is issue 14's 1.5 KB per exchange. */
export async function journalSize(): Promise<void> {
  const m = await measureJournalSize(EXCHANGES);
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  console.log(`Journal size, ae-add-5-lines.txt POSTed ${m.exchanges} times (one entry replaced), after a WAL checkpoint`);
  console.log(`  on disk: ${kb(m.perExchange)} per exchange  (aim ≤ 1.50 KB)`);
  for (const o of m.objects) console.log(`    ${o.name.padEnd(28)} ${o.perExchange.toFixed(0).padStart(6)} B`);
  console.log(`  time: ${m.totalMicros.toFixed(0)} µs per exchange end to end (inject), ${m.appendMicros.toFixed(1)} µs of it in Journal.append`);
  console.log(`        packing one exchange's bytes ${m.packMicros.toFixed(1)} µs, reading one back (Journal.get) ${m.getMicros.toFixed(1)} µs`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await journalSize();
