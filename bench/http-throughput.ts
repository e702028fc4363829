import { readFileSync } from 'node:fs';
import { load, startServer, stopServer } from './lib.js';

/**
 * Transmissions per second for the 5-line sample over HTTP, journal on, against a bare Fastify
 * route answering a constant, measured in the same run. Every request after the first replaces the
 * entry, so each one reads and writes entry state, history and the journal.
 */
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const body = readFileSync(new URL('../scenarios/samples/ae-add-5-lines.txt', import.meta.url));

async function measure(script: string): Promise<Awaited<ReturnType<typeof load>>> {
  const server = await startServer(script);
  try {
    await load(`${server.address}/v1/transmissions`, body, 2); // warm-up
    return await load(`${server.address}/v1/transmissions`, body, SECONDS);
  } finally {
    await stopServer(server.child);
  }
}

/** Runs both servers and prints the figures; returns ace-mock's requests per second for other benchmarks. */
export async function httpThroughput(): Promise<number> {
  const bare = await measure('bare.ts');
  const mock = await measure('ace-mock.ts');
  const ratio = mock.rps / bare.rps;
  console.log(`HTTP throughput, ae-add-5-lines.txt, ${SECONDS} s each, 10 connections`);
  console.log(`  bare Fastify route : ${bare.rps.toFixed(0).padStart(7)} req/s  p99 ${bare.p99} ms`);
  console.log(`  ace-mock (journal) : ${mock.rps.toFixed(0).padStart(7)} req/s  p99 ${mock.p99} ms  errors ${mock.errors}, non-2xx ${mock.non2xx}`);
  console.log(`  ratio ace-mock / bare = ${ratio.toFixed(2)}  (aim ≥ 0.40)`);
  return mock.rps;
}
