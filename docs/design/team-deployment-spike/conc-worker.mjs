// One "instance": answers EXCHANGES exchanges, each touching 1-2 entries of a small hot set in 2 sessions,
// in random order. Per exchange: lock, read version, write version+1 + a history row, append the journal row,
// COMMIT, only then count it as answered (printed to stdout, as the answer would be sent).
// MODE=native: pg-native, synchronous, one connection, GROUP exchanges per transaction (a savepoint each).
// MODE=async: pg Pool, CONCURRENCY exchanges in flight, one transaction each, retried on 40P01/40001.
// LOCK=session: pg_advisory_xact_lock on the session first; LOCK=row: only SELECT ... FOR UPDATE on entries.
import { CONN } from './common.mjs';
const { MODE = 'async', LOCK = 'session', INSTANCE = 'i0' } = process.env;
const EXCHANGES = +(process.env.EXCHANGES ?? 1000), GROUP = +(process.env.GROUP ?? 1), CONCURRENCY = +(process.env.CONCURRENCY ?? 8);
const SESSIONS = ['s1', 's2'], ENTRIES = 10;
let seed = [...INSTANCE].reduce((a, c) => a * 31 + c.charCodeAt(0), 7);
const rand = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
function plan(i) {
  const session = SESSIONS[rand(2)];
  const a = 'E' + rand(ENTRIES), b = 'E' + rand(ENTRIES);
  return { id: `${INSTANCE}-${i}`, session, entries: rand(2) ? [a] : a === b ? [a] : [a, b] };
}
const SQL = {
  sessionLock: 'SELECT pg_advisory_xact_lock(hashtext($1))',
  trySessionLock: 'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok',
  lock: 'SELECT version FROM c_entries WHERE session = $1 AND entry = $2 FOR UPDATE',
  insertEntry: 'INSERT INTO c_entries (session, entry, version) VALUES ($1, $2, 1) ON CONFLICT (session, entry) DO UPDATE SET version = c_entries.version + 1 RETURNING version',
  history: 'INSERT INTO c_history (session, entry, version, exchange) VALUES ($1, $2, $3, $4)',
  globalLock: 'SELECT pg_advisory_xact_lock(0)',
  journal: 'INSERT INTO c_journal (id, instance, body) VALUES ($1, $2, $3)',
};
const RETRYABLE = new Set(['40P01', '40001']);
let refused = 0, retries = 0, answered = 0, worstGap = 0, last = performance.now();
const tick = setInterval(() => { const now = performance.now(); worstGap = Math.max(worstGap, now - last - 5); last = now; }, 5);
const t0 = performance.now();
const answer = (id) => { answered++; process.stdout.write(`answered ${id}\n`); };

if (MODE === 'native') {
  const Native = (await import('pg-native')).default;
  const c = new Native(); c.connectSync(CONN);
  c.querySync("SET lock_timeout = '10s'");
  for (const [k, v] of Object.entries(SQL)) c.prepareSync(k, v, (v.match(/\$\d/g) ?? []).length && Math.max(...v.match(/\$\d/g).map((m) => +m.slice(1))));
  // TRY=1: only a group's first unit may wait for a lock; a later unit tries, and when refused the group
  // commits first and the unit opens the next group (so no group waits while holding locks: no deadlock).
  class Refused extends Error {}
  const unit = (p, first) => {
    if (LOCK === 'session') {
      if (process.env.TRY && !first) { if (!c.executeSync('trySessionLock', [p.session])[0].ok) throw new Refused(); }
      else c.executeSync('sessionLock', [p.session]);
    }
    for (const e of p.entries) {
      if (LOCK === 'row') c.executeSync('lock', [p.session, e]);
      const [{ version }] = c.executeSync('insertEntry', [p.session, e]);
      c.executeSync('history', [p.session, e, version, p.id]);
    }
    if (process.env.ORDER === 'global') c.executeSync('globalLock', []);
    c.executeSync('journal', [p.id, INSTANCE, 'x'.repeat(500)]);
  };
  let i = 0;
  const pending = [];
  while (i < EXCHANGES || pending.length) {
    // one group: up to GROUP exchanges in one transaction, each in a savepoint; a unit that hits a deadlock is
    // rolled back to its savepoint, the group is committed, and the unit is tried again in the next group
    c.querySync('BEGIN');
    const done = [];
    while (done.length < GROUP && (pending.length || i < EXCHANGES)) {
      const p = pending.shift() ?? plan(i++);
      c.querySync('SAVEPOINT u');
      try { unit(p, done.length === 0); c.querySync('RELEASE SAVEPOINT u'); done.push(p); }
      catch (err) {
        c.querySync('ROLLBACK TO SAVEPOINT u');
        if (err instanceof Refused) { refused++; pending.unshift(p); break; }
        if (!RETRYABLE.has(err.sqlState ?? err.code) && !/deadlock|could not serialize/.test(err.message)) throw err;
        retries++; pending.push(p); break;
      }
    }
    c.querySync('COMMIT');
    for (const p of done) answer(p.id);
    await new Promise((r) => setImmediate(r)); // let the event loop turn, as between group commits
  }
  c.end();
} else {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: CONN, max: CONCURRENCY });
  const run = async (p) => {
    for (;;) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        if (LOCK === 'session') await c.query({ name: 'sessionLock', text: SQL.sessionLock, values: [p.session] });
        for (const e of p.entries) {
          if (LOCK === 'row') await c.query({ name: 'lock', text: SQL.lock, values: [p.session, e] });
          const { rows: [{ version }] } = await c.query({ name: 'insertEntry', text: SQL.insertEntry, values: [p.session, e] });
          await c.query({ name: 'history', text: SQL.history, values: [p.session, e, version, p.id] });
        }
        if (process.env.ORDER === 'global') await c.query({ name: 'globalLock', text: SQL.globalLock });
        await c.query({ name: 'journal', text: SQL.journal, values: [p.id, INSTANCE, 'x'.repeat(500)] });
        await c.query('COMMIT');
        return answer(p.id);
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        if (!RETRYABLE.has(err.code)) throw err;
        retries++;
      } finally { c.release(); }
    }
  };
  let i = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => { while (i < EXCHANGES) await run(plan(i++)); }));
  await pool.end();
}
clearInterval(tick);
const secs = (performance.now() - t0) / 1000;
process.stderr.write(JSON.stringify({ instance: INSTANCE, mode: MODE, lock: LOCK, group: GROUP, answered, retries, refused, seconds: +secs.toFixed(2), perSecond: Math.round(answered / secs), worstEventLoopStallMs: Math.round(worstGap) }) + '\n');
