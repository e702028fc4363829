// Starts INSTANCES workers against one database, optionally SIGKILLs one after KILL_AFTER_MS, then checks:
// every answered exchange is journaled exactly once; per entry the history versions are 1..n without gap or
// repeat and the entry's version is n; nothing is journaled twice.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { CONN } from './common.mjs';
const INSTANCES = +(process.env.INSTANCES ?? 3), KILL_AFTER_MS = +(process.env.KILL_AFTER_MS ?? 0);
const c = new pg.Client(CONN); await c.connect();
await c.query(readFileSync(new URL('./conc-schema.sql', import.meta.url), 'utf8'));
const answered = new Set(), stats = [];
const t0 = performance.now();
const procs = Array.from({ length: INSTANCES }, (_, k) => {
  const p = spawn(process.execPath, ['conc-worker.mjs'], { cwd: '/tmp/pgspike', env: { ...process.env, INSTANCE: 'i' + k }, stdio: ['ignore', 'pipe', 'pipe'] });
  let buf = '';
  p.stdout.on('data', (d) => { buf += d; const lines = buf.split('\n'); buf = lines.pop(); for (const l of lines) if (l.startsWith('answered ')) answered.add(l.slice(9)); });
  p.stderr.on('data', (d) => { for (const l of String(d).split('\n').filter(Boolean)) { try { stats.push(JSON.parse(l)); } catch { process.stderr.write(`[i${k}] ${l}\n`); } } });
  return new Promise((r) => p.on('exit', (code, sig) => r({ k, code, sig }))).then((x) => x) && p;
});
const exits = procs.map((p, k) => new Promise((r) => p.on('exit', (code, signal) => r({ instance: 'i' + k, code, signal }))));
if (KILL_AFTER_MS) setTimeout(() => procs[1].kill('SIGKILL'), KILL_AFTER_MS);
const ended = await Promise.all(exits);
const wall = (performance.now() - t0) / 1000;
const journal = (await c.query('SELECT id, count(*)::int AS n FROM c_journal GROUP BY id')).rows;
const journaled = new Map(journal.map((r) => [r.id, r.n]));
const missing = [...answered].filter((id) => journaled.get(id) !== 1);
const gaps = (await c.query(`SELECT h.session, h.entry, count(*)::int AS n, count(DISTINCT h.version)::int AS distinct_versions, min(h.version) AS lo, max(h.version) AS hi, e.version AS current
  FROM c_history h JOIN c_entries e USING (session, entry) GROUP BY h.session, h.entry, e.version`)).rows
  .filter((r) => !(r.lo === 1 && r.hi === r.n && r.distinct_versions === r.n && r.current === r.n));
const historyWithoutJournal = (await c.query('SELECT count(*)::int AS n FROM c_history h WHERE NOT EXISTS (SELECT 1 FROM c_journal j WHERE j.id = h.exchange)')).rows[0].n;
console.log(JSON.stringify({
  mode: process.env.MODE, lock: process.env.LOCK, group: +(process.env.GROUP ?? 1), instances: INSTANCES, killAfterMs: KILL_AFTER_MS || undefined,
  ended, answered: answered.size, journaled: journal.length, answeredNotJournaledOnce: missing.length,
  entriesWithGapsOrRepeats: gaps.length, historyRowsWithoutJournal: historyWithoutJournal, wallSeconds: +wall.toFixed(2),
  totalPerSecond: Math.round(answered.size / wall), perInstance: stats,
}, null, 1));
await c.end();
