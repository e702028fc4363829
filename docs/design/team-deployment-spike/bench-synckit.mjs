// Option A2: synckit bridge (worker thread + Atomics.wait) over the async `pg` client.
import { createSyncFn } from 'synckit';
import { CONN, SOCK, SETUP, stats, timeSync } from './common.mjs';
const N = +(process.env.N ?? 3000);
const call = createSyncFn(new URL('./synckit-worker.mjs', import.meta.url).pathname, { timeout: 60000 });
call('connect', process.env.SOCKET ? SOCK : CONN);
call('query', SETUP);
const q = (text, values, name) => call('query', { text, values, name });
const res = [];
res.push(stats('select 1', timeSync(N, () => q('SELECT 1'))));
res.push(stats('insert (named prepared, autocommit)', timeSync(N, (i) => q('INSERT INTO hist (k, v) VALUES ($1, $2) RETURNING id', ['k' + i, i], 'ins'))));
res.push(stats('select by key (named prepared)', timeSync(N, (i) => q('SELECT k, v, body FROM kv WHERE k = $1', ['k' + (1 + (i % 10000))], 'sel'))));
res.push(stats('unit BEGIN; lock; update; insert; COMMIT', timeSync(N, (i) => {
  const k = 'k' + (1 + (i % 10000));
  q('BEGIN');
  q('SELECT v FROM kv WHERE k = $1 FOR UPDATE', [k], 'lock');
  q('UPDATE kv SET v = v + 1 WHERE k = $1', [k], 'upd');
  q('INSERT INTO hist (k, v) VALUES ($1, $2) RETURNING id', [k, i], 'ins');
  q('COMMIT');
})));
console.log(JSON.stringify({ approach: 'synckit + pg', url: process.env.SOCKET ? 'unix socket' : 'tcp loopback', results: res }, null, 1));
call('end');
