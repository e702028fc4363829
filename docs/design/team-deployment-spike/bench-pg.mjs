// Baseline: the async `pg` client (pure JS protocol), awaited one statement at a time.
import pg from 'pg';
import { CONN, SOCK, SETUP, stats, time } from './common.mjs';
const N = +(process.env.N ?? 3000);
const c = new pg.Client(process.env.SOCKET ? SOCK : CONN);
await c.connect();
await c.query(SETUP);
const ins = { name: 'ins', text: 'INSERT INTO hist (k, v) VALUES ($1, $2) RETURNING id' };
const sel = { name: 'sel', text: 'SELECT k, v, body FROM kv WHERE k = $1' };
const lock = { name: 'lock', text: 'SELECT v FROM kv WHERE k = $1 FOR UPDATE' };
const upd = { name: 'upd', text: 'UPDATE kv SET v = v + 1 WHERE k = $1' };
const res = [];
res.push(stats('select 1', await time(N, () => c.query('SELECT 1'))));
res.push(stats('insert (named prepared, autocommit)', await time(N, (i) => c.query({ ...ins, values: ['k' + i, i] }))));
res.push(stats('select by key (named prepared)', await time(N, (i) => c.query({ ...sel, values: ['k' + (1 + (i % 10000))] }))));
res.push(stats('unit BEGIN; lock; update; insert; COMMIT', await time(N, async (i) => {
  const k = 'k' + (1 + (i % 10000));
  await c.query('BEGIN');
  await c.query({ ...lock, values: [k] });
  await c.query({ ...upd, values: [k] });
  await c.query({ ...ins, values: [k, i] });
  await c.query('COMMIT');
})));
res.push(stats('group of 20 units (1 tx, SAVEPOINT each)', await time(Math.floor(N / 20), async (i) => {
  await c.query('BEGIN');
  for (let j = 0; j < 20; j++) {
    const k = 'k' + (1 + ((i * 20 + j) % 10000));
    await c.query('SAVEPOINT u');
    await c.query({ ...lock, values: [k] });
    await c.query({ ...upd, values: [k] });
    await c.query({ ...ins, values: [k, j] });
    await c.query('RELEASE SAVEPOINT u');
  }
  await c.query('COMMIT');
})));
console.log(JSON.stringify({ approach: 'pg async', url: process.env.SOCKET ? 'unix socket' : 'tcp loopback', results: res }, null, 1));
await c.end();
