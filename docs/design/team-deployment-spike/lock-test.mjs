// Lock waits under a synchronous client: (1) holder in another process, (2) holder in the same process.
import Native from 'pg-native';
import { spawn } from 'node:child_process';
import { CONN } from './common.mjs';

const setup = new Native(); setup.connectSync(CONN);
setup.querySync(`DROP TABLE IF EXISTS ent; CREATE TABLE ent (k text PRIMARY KEY, version integer NOT NULL); INSERT INTO ent VALUES ('E1', 1);`);
setup.end();

// Event-loop watchdog: the longest gap between 10 ms ticks shows how long the loop was frozen.
let last = performance.now(), worstGap = 0;
const tick = setInterval(() => { const now = performance.now(); worstGap = Math.max(worstGap, now - last - 10); last = now; }, 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// (1) Another process takes the row lock, holds it 1500 ms, bumps the version, commits.
const holder = spawn(process.execPath, ['-e', `
  const pg = require('pg'); (async () => { const c = new pg.Client('${CONN}'); await c.connect();
  await c.query('BEGIN'); await c.query("SELECT version FROM ent WHERE k = 'E1' FOR UPDATE"); console.log('locked');
  await new Promise(r => setTimeout(r, 1500)); await c.query("UPDATE ent SET version = version + 1 WHERE k = 'E1'");
  await c.query('COMMIT'); await c.end(); })();`], { stdio: ['ignore', 'pipe', 'inherit'], cwd: '/tmp/pgspike' });
await new Promise((r) => holder.stdout.once('data', r));
const a = new Native(); a.connectSync(CONN);
await sleep(50); worstGap = 0;
let t = performance.now();
a.querySync('BEGIN');
const seen = a.querySync("SELECT version FROM ent WHERE k = 'E1' FOR UPDATE")[0].version;
a.querySync("UPDATE ent SET version = version + 1 WHERE k = 'E1'");
a.querySync('COMMIT');
const waited = performance.now() - t;
await sleep(30);
console.log(`(1) cross-process: waited ${waited.toFixed(0)} ms, read version ${seen} (holder committed 2 → expect 2), event loop frozen for ${worstGap.toFixed(0)} ms`);

// (2) Same process: connection b holds the lock in an open transaction whose commit is due on a timer
// (as a group commit's COMMIT is, on setImmediate); connection a then asks for the same row synchronously.
const b = new Native(); b.connectSync(CONN);
b.querySync('BEGIN'); b.querySync("SELECT version FROM ent WHERE k = 'E1' FOR UPDATE");
setTimeout(() => { b.querySync('COMMIT'); console.log('    b committed'); }, 100);
a.querySync("SET lock_timeout = '2s'");
t = performance.now();
try {
  a.querySync('BEGIN'); a.querySync("SELECT version FROM ent WHERE k = 'E1' FOR UPDATE"); a.querySync('COMMIT');
  console.log('(2) same process: got the lock (unexpected)');
} catch (err) {
  a.querySync('ROLLBACK');
  console.log(`(2) same process: after ${(performance.now() - t).toFixed(0)} ms: ${String(err.message).trim()} — without lock_timeout this is a permanent self-deadlock (the holder's COMMIT can never run)`);
}
await sleep(150);
// (3) NOWAIT / SKIP LOCKED are immediate under the sync client too.
b.querySync('BEGIN'); b.querySync("SELECT version FROM ent WHERE k = 'E1' FOR UPDATE");
t = performance.now();
const skipped = a.querySync("SELECT k FROM ent WHERE k = 'E1' FOR UPDATE SKIP LOCKED");
console.log(`(3) SKIP LOCKED while held: ${skipped.length} rows in ${(performance.now() - t).toFixed(2)} ms`);
b.querySync('COMMIT');
clearInterval(tick); a.end(); b.end();
