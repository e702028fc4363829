import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { createAceMock } from '../src/server.js';

/**
 * Memory over many exchanges: RSS and heap after a warm-up and after 100,000 more transmissions
 * through the pipeline (SQLite file, journal on, retention at its default), so growth would show.
 */
export async function memoryOverExchanges(): Promise<void> {
  const total = Number(process.env['BENCH_EXCHANGES'] ?? 100_000);
  const db = join(mkdtempSync(join(tmpdir(), 'ace-mock-bench-mem-')), 'bench.db');
  const mock = createAceMock(loadConfig({ ACE_MOCK_DB: db, ACE_MOCK_WATCH: '0' }), { logger: pino({ level: 'silent' }) });
  const sample = readFileSync(new URL('../scenarios/samples/ae-add-1-line.txt', import.meta.url), 'latin1');
  // A different entry number per transmission; most have a wrong check digit and are rejected: memory is the point.
  const body = (i: number) => Buffer.from(sample.replace('03245278', String(i % 10_000_000).padStart(8, '0')), 'latin1');
  const batch = async (from: number, count: number) => {
    for (let i = from; i < from + count; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, k) => mock.pipeline.process({ bytes: body(i + k), transport: 'bench' })));
    }
  };
  await batch(0, 10_000);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  // With --expose-gc (npm run bench), measure live memory rather than garbage not yet collected.
  const settle = () => (globalThis as { gc?: () => void }).gc?.();
  settle();
  const before = process.memoryUsage();
  const started = performance.now();
  await batch(10_000, total);
  const seconds = (performance.now() - started) / 1000;
  settle();
  const after = process.memoryUsage();
  await mock.close();
  console.log(`Memory over ${total} exchanges (after a 10,000 warm-up), ${(total / seconds).toFixed(0)} transmissions/s`);
  console.log(`  RSS  ${mb(before.rss)} MB → ${mb(after.rss)} MB   heap used ${mb(before.heapUsed)} MB → ${mb(after.heapUsed)} MB`);
}
