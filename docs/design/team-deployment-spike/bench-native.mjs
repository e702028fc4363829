// Option A1: pg-native (libpq) synchronous API.
import Native from 'pg-native';
import { CONN, SOCK, SETUP, stats, timeSync } from './common.mjs';
const N = +(process.env.N ?? 3000);
const url = process.env.SOCKET ? SOCK : CONN;
const c = new Native();
c.connectSync(url);
c.querySync(SETUP);
c.prepareSync('ins', 'INSERT INTO hist (k, v) VALUES ($1, $2) RETURNING id', 2);
c.prepareSync('sel', 'SELECT k, v, body FROM kv WHERE k = $1', 1);
c.prepareSync('lock', 'SELECT v FROM kv WHERE k = $1 FOR UPDATE', 1);
c.prepareSync('upd', 'UPDATE kv SET v = v + 1 WHERE k = $1', 1);
const res = [];
res.push(stats('select 1 (querySync, unprepared)', timeSync(N, () => c.querySync('SELECT 1'))));
res.push(stats('insert (executeSync, prepared, autocommit)', timeSync(N, (i) => c.executeSync('ins', ['k' + i, i]))));
res.push(stats('select by key (executeSync, prepared)', timeSync(N, (i) => c.executeSync('sel', ['k' + (1 + (i % 10000))]))));
res.push(stats('select by key (querySync with params, unnamed)', timeSync(N, (i) => c.querySync('SELECT k, v, body FROM kv WHERE k = $1', ['k' + (1 + (i % 10000))]))));
res.push(stats('unit BEGIN; lock; update; insert; COMMIT', timeSync(N, (i) => {
  const k = 'k' + (1 + (i % 10000));
  c.querySync('BEGIN');
  c.executeSync('lock', [k]);
  c.executeSync('upd', [k]);
  c.executeSync('ins', [k, i]);
  c.querySync('COMMIT');
})));
res.push(stats('group of 20 units (1 tx, SAVEPOINT each)', timeSync(Math.floor(N / 20), (i) => {
  c.querySync('BEGIN');
  for (let j = 0; j < 20; j++) {
    const k = 'k' + (1 + ((i * 20 + j) % 10000));
    c.querySync('SAVEPOINT u');
    c.executeSync('lock', [k]);
    c.executeSync('upd', [k]);
    c.executeSync('ins', [k, j]);
    c.querySync('RELEASE SAVEPOINT u');
  }
  c.querySync('COMMIT');
})));
console.log(JSON.stringify({ approach: 'pg-native sync', url: process.env.SOCKET ? 'unix socket' : 'tcp loopback', results: res }, null, 1));
c.end();
