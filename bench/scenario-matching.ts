import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { createAceMock } from '../src/server.js';

/**
 * Scenario matching as the library grows: transmissions per second through the pipeline (no HTTP)
 * with 5 and with 500 scenarios loaded, each matching on its own importer number, the transmission
 * matching the last one; and the time to reload 500 scenario files. Both in one run, as ratios.
 */
const TRANSMISSIONS = Number(process.env['BENCH_TRANSMISSIONS'] ?? 3000);
const body = readFileSync(new URL('../scenarios/samples/ae-add-5-lines.txt', import.meta.url), 'latin1');

function library(count: number): { dir: string; importer: string } {
  const dir = mkdtempSync(join(tmpdir(), `ace-mock-bench-${count}-`));
  let importer = '';
  for (let i = 0; i < count; i++) {
    importer = `${String(10 + (i % 90)).padStart(2, '0')}-${String(1000000 + i).slice(0, 7)}AB`;
    writeFileSync(
      join(dir, `s${String(i).padStart(4, '0')}.yaml`),
      `id: s${i}\ntitle: Bench ${i}\nmatch:\n  importer: "${importer}"\n  hts: { prefix: "84" }\nsteps:\n  - answer:\n      conditions: [{ code: "101" }]\n`,
    );
  }
  return { dir, importer };
}

async function throughput(count: number): Promise<{ perSecond: number; reloadMs: number }> {
  const { dir, importer } = library(count);
  const mock = createAceMock(loadConfig({ ACE_MOCK_DB: ':memory:', ACE_MOCK_SCENARIOS: dir, ACE_MOCK_WATCH: '0' }), { logger: pino({ level: 'silent' }) });
  const transmission = Buffer.from(body.replace('12-3456789AB', importer), 'latin1');
  const check = await mock.pipeline.process({ bytes: transmission, transport: 'bench' });
  if (check.transactions[0]?.scenario !== `s${count - 1}`) throw new Error(`the bench transmission should match s${count - 1}`);
  for (let i = 0; i < 300; i++) await mock.pipeline.process({ bytes: transmission, transport: 'bench' }); // warm-up
  const started = performance.now();
  for (let i = 0; i < TRANSMISSIONS / 10; i++) {
    await Promise.all(Array.from({ length: 10 }, () => mock.pipeline.process({ bytes: transmission, transport: 'bench' })));
  }
  const perSecond = TRANSMISSIONS / ((performance.now() - started) / 1000);
  const reloadStarted = performance.now();
  mock.scenarios.reload();
  const reloadMs = performance.now() - reloadStarted;
  await mock.close();
  return { perSecond, reloadMs };
}

/** Prints transmissions per second with 5 and 500 scenarios, and the reload time. */
export async function scenarioMatching(): Promise<void> {
// Interleaved rounds, best of each, so that warm-up and machine noise do not favour one size.
const best = (a: { perSecond: number; reloadMs: number }, b: { perSecond: number; reloadMs: number }) => ({
  perSecond: Math.max(a.perSecond, b.perSecond),
  reloadMs: Math.min(a.reloadMs, b.reloadMs),
});
const small1 = await throughput(5);
const large1 = await throughput(500);
const small = best(small1, await throughput(5));
const large = best(large1, await throughput(500));
console.log(`Scenario matching, ae-add-5-lines.txt through the pipeline, ${TRANSMISSIONS} transmissions each`);
console.log(`  5 scenarios   : ${small.perSecond.toFixed(0).padStart(6)} transmissions/s`);
console.log(`  500 scenarios : ${large.perSecond.toFixed(0).padStart(6)} transmissions/s`);
console.log(`  ratio 500 / 5 = ${(large.perSecond / small.perSecond).toFixed(2)}  (flat is 1.00)`);
console.log(`  reload of 500 scenario files: ${large.reloadMs.toFixed(0)} ms (5 files: ${small.reloadMs.toFixed(1)} ms)`);
}
