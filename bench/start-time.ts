import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { median } from './lib.js';

/**
 * Start time as a user sees it: from `npm start` to the first 200 on /health, on a fresh database.
 * Cold is a clone with no dist/ (the build, then the start); warm is the next starts, built. The
 * project is copied to a temporary folder (sharing node_modules) so the bench never touches dist/.
 */
const TARGET_MS = 2000;
const WARM_RUNS = Number(process.env['BENCH_START_RUNS'] ?? 3);
const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const COPIED = ['src', 'schemas', 'scenarios', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

function cloneWithoutDist(): string {
  const root = mkdtempSync(join(tmpdir(), 'ace-mock-bench-start-'));
  for (const entry of COPIED) cpSync(join(PROJECT, entry), join(root, entry), { recursive: true, preserveTimestamps: true });
  symlinkSync(realpathSync(join(PROJECT, 'node_modules')), join(root, 'node_modules'), 'dir');
  return root;
}

/** Milliseconds from spawning the command until /health answers 200; stops the process group after. */
async function timeToHealth(root: string, command: string, args: string[]): Promise<number> {
  const dbDir = mkdtempSync(join(tmpdir(), 'ace-mock-bench-start-db-'));
  const db = join(dbDir, 'ace-mock.db');
  const started = performance.now();
  // Its own process group, so that npm, its shell and the server stop together.
  const child = spawn(command, args, { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PORT: '0', ACE_MOCK_DB: db } });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited (${code}) before answering /health`))));
  try {
    const address = await Promise.race([
      new Promise<string>((resolve) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          const ready = / ready on (http:\/\/\S+)/.exec(line);
          if (ready?.[1]) resolve(ready[1]);
        });
      }),
      exited,
    ]);
    for (;;) {
      const answer = await fetch(`${address}/health`).catch(() => undefined);
      if (answer?.status === 200) return performance.now() - started;
    }
  } finally {
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dbDir, { recursive: true });
  }
}

async function medianOf(runs: number, measure: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await measure());
  return median(times);
}

export async function startTime(): Promise<void> {
  const root = cloneWithoutDist();
  const npmStart = () => timeToHealth(root, 'npm', ['start']);
  let cold, warm, serveOnly;
  try {
    cold = await npmStart();
    warm = await medianOf(WARM_RUNS, npmStart);
    serveOnly = await medianOf(WARM_RUNS, () => timeToHealth(root, process.execPath, ['dist/cli.js', 'serve']));
  } finally {
    unlinkSync(join(root, 'node_modules')); // the link first, so that removing the copy cannot reach the shared packages
    rmSync(root, { recursive: true });
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const row = (label: string, value: string) => console.log(`  ${label.padEnd(38)}${value}`);
  console.log('Start time: npm start to the first 200 on /health, fresh database');
  row('cold (no dist/: build, then start)', s(cold));
  row(`warm (built), median of ${WARM_RUNS}`, `${s(warm)}   (node dist/cli.js serve alone: ${s(serveOnly)})`);
  row(`warm / ${s(TARGET_MS)} target`, (warm / TARGET_MS).toFixed(2));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await startTime();
