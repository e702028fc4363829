import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { createAceMock } from '../src/server.js';
import { packBody } from '../src/store/journal-body.js';
import type { HttpFigures } from './http-throughput.js';
import { TARGET } from './http-throughput.js';
import { median } from './lib.js';

/**
 * Where one transmission's time goes, in process (no HTTP, no load generator): the whole pipeline
 * for the 5-line sample, 20 at a time as 20 connections would send them; then, alone, the durable
 * writes every accepted replace makes (entry upsert, history row, journal row, in group commits of 20)
 * and the journal body's compression. Set beside the HTTP figures, these say how much of a request's
 * time is the mock's own work and what floor the durable writes put under it.
 */
const ROUNDS = Number(process.env['BENCH_STAGE_ROUNDS'] ?? 500);
const CONCURRENT = 20;
const REPEATS = 5;

export interface StageCosts {
  /** µs of one thread per transmission, whole pipeline. */
  readonly pipelineUs: number;
  /** µs per transmission for its SQLite writes and their commit alone. */
  readonly writesUs: number;
  /** µs per transmission to pack the journal body (part of writesUs). */
  readonly packUs: number;
}

async function timed(work: () => Promise<void> | void, count: number): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const started = performance.now();
    await work();
    times.push(((performance.now() - started) * 1000) / count);
  }
  return median(times);
}

/**
 * The most requests per second one thread could answer if the mock did nothing but the bare route's
 * HTTP work and the durable writes, beside what issue 14's HTTP targets ask for.
 */
function ceilingLines(costs: StageCosts, http: HttpFigures): string[] {
  const floorUs = 1e6 / http.bareRps + costs.writesUs;
  const asked = Math.max(TARGET.perBare.least * http.bareRps, TARGET.perWireMock.least * (http.wireMockRps ?? 0));
  return [
    `  floor per request       : ${floorUs.toFixed(0).padStart(5)} µs   (bare route's time per request + durable writes: at most ${(1e6 / floorUs).toFixed(0)} req/s on one thread)`,
    `  the HTTP targets ask for: ${asked.toFixed(0).padStart(5)} req/s  (${(1e6 / asked).toFixed(0)} µs per request): ${asked > 1e6 / floorUs ? 'below the floor, out of reach on one thread' : 'above the floor'}`,
  ];
}

export async function stageCosts(http?: HttpFigures): Promise<StageCosts> {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-bench-stages-'));
  const mock = createAceMock(loadConfig({ ACE_MOCK_DB: join(dir, 'bench.db'), ACE_MOCK_WATCH: '0' }), { logger: pino({ level: 'silent' }) });
  try {
    const bytes = readFileSync(new URL('../scenarios/samples/ae-add-5-lines.txt', import.meta.url));
    const send = () => mock.pipeline.process({ bytes, transport: 'bench' });
    const first = await send();
    const pipelineRounds = async () => {
      for (let i = 0; i < ROUNDS; i++) await Promise.all(Array.from({ length: CONCURRENT }, send));
    };
    await pipelineRounds(); // warm-up: the JIT and SQLite's page cache
    const pipelineUs = await timed(pipelineRounds, ROUNDS * CONCURRENT);

    // The same writes a replace makes, with the rows the pipeline just wrote as their content.
    const written = mock.journal.get(first.id);
    const [link] = written?.entries ?? [];
    if (!written || !link) throw new Error('the sample was not journaled with its entry: the stage benchmark has nothing to copy');
    const key = { session: written.session, filer: link.filer, entryNumber: link.entryNumber };
    const state = mock.entries.get(key);
    if (!state) throw new Error('the sample entry is not on file after it was sent');
    let n = 0;
    const writeOne = () => {
      const id = `${first.id}-w${n++}`;
      mock.entries.put(key, { ...state, version: state.version + n }, { exchangeId: id, action: 'R', disposition: 'accepted', at: written.receivedAt });
      mock.journal.append({ ...written, id });
    };
    const writeRounds = async () => {
      for (let i = 0; i < ROUNDS; i++) await Promise.all(Array.from({ length: CONCURRENT }, () => mock.commits.run(writeOne)));
    };
    await writeRounds();
    const writesUs = await timed(writeRounds, ROUNDS * CONCURRENT);

    const body = { input: written.input, output: written.output, detail: JSON.stringify(written.detail) };
    const packRounds = () => {
      for (let i = 0; i < ROUNDS * CONCURRENT; i++) packBody(body);
    };
    packRounds();
    const packUs = await timed(packRounds, ROUNDS * CONCURRENT);

    console.log(`Where a transmission's time goes (ae-add-5-lines.txt, in process, ${CONCURRENT} at a time, median of ${REPEATS} × ${ROUNDS * CONCURRENT})`);
    console.log(`  whole pipeline          : ${pipelineUs.toFixed(0).padStart(5)} µs   (${(1e6 / pipelineUs).toFixed(0)} transmissions/s on one thread)`);
    console.log(`  durable writes alone    : ${writesUs.toFixed(0).padStart(5)} µs   (entry upsert + history + journal row + commit share)`);
    console.log(`    of which body packing : ${packUs.toFixed(0).padStart(5)} µs`);
    const costs = { pipelineUs, writesUs, packUs };
    if (http) for (const line of ceilingLines(costs, http)) console.log(line);
    return costs;
  } finally {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await stageCosts();
