import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { createAceMock } from '../src/server.js';
import { median } from './lib.js';

/**
 * One very large transmission: a batch of about 100,000 records (the 5-line sample's entry summary
 * repeated inside one A/B … Y/Z envelope) POSTed once with the body limit raised, timed from the
 * request to the whole answer. Every repeat names the same entry, so after the first add each one is
 * still read, grouped and checked in full before it is refused. Target: under 1 s.
 */
export async function largeBatch(): Promise<void> {
  const wanted = Number(process.env['BENCH_BATCH_RECORDS'] ?? 100_000);
  const lines = readFileSync(new URL('../scenarios/samples/ae-add-5-lines.txt', import.meta.url), 'latin1').split('\n').filter((l) => l !== '');
  const [a, b] = lines;
  const [y, z] = lines.slice(-2);
  const transaction = lines.slice(2, -2);
  const repeats = Math.max(1, Math.round((wanted - 4) / transaction.length));
  const body = Buffer.from([a, b, ...Array.from({ length: repeats }, () => transaction).flat(), y, z].join('\n') + '\n', 'latin1');
  const records = repeats * transaction.length + 4;

  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-bench-batch-'));
  const db = join(dir, 'bench.db');
  const mock = createAceMock(loadConfig({ ACE_MOCK_DB: db, ACE_MOCK_WATCH: '0', ACE_MOCK_BODY_LIMIT: String(body.length + 1024) }), { logger: pino({ level: 'silent' }) });
  try {
    const post = () => mock.http.inject({ method: 'POST', url: '/v1/transmissions', headers: { 'content-type': 'text/plain' }, payload: body });
    await post(); // warm-up: the JIT, and the entry on file
    const times: number[] = [];
    let answerRecords = 0;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const res = await post();
      times.push(performance.now() - started);
      if (res.statusCode !== 200) throw new Error(`the large batch was answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      answerRecords = res.body.split('\n').filter((l) => l !== '').length;
    }
    console.log(`One large batch: ${records.toLocaleString('en-US')} records (${repeats.toLocaleString('en-US')} entry summaries, ${(body.length / 1e6).toFixed(1)} MB), answer of ${answerRecords.toLocaleString('en-US')} records`);
    console.log(`  median of 3: ${(median(times) / 1000).toFixed(2)} s  (target < 1 s)  [${times.map((t) => (t / 1000).toFixed(2)).join(', ')}]`);
  } finally {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await largeBatch();
