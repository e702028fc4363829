// Reference: today's store, better-sqlite3 in WAL with synchronous=NORMAL (as src/store/database.ts).
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { stats, timeSync } from './common.mjs';
const N = +(process.env.N ?? 3000);
rmSync('/tmp/pgspike/sq.db', { force: true }); rmSync('/tmp/pgspike/sq.db-wal', { force: true }); rmSync('/tmp/pgspike/sq.db-shm', { force: true });
const db = new Database('/tmp/pgspike/sq.db');
db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE kv (k text PRIMARY KEY, v integer NOT NULL, body text NOT NULL);
CREATE TABLE hist (id integer PRIMARY KEY, k text NOT NULL, v integer NOT NULL);
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 10000) INSERT INTO kv SELECT 'k' || n, 0, printf('%.200c', 'x') FROM g;`);
const ins = db.prepare('INSERT INTO hist (k, v) VALUES (?, ?)');
const sel = db.prepare('SELECT k, v, body FROM kv WHERE k = ?');
const get = db.prepare('SELECT v FROM kv WHERE k = ?');
const upd = db.prepare('UPDATE kv SET v = v + 1 WHERE k = ?');
const res = [];
res.push(stats('insert (autocommit)', timeSync(N, (i) => ins.run('k' + i, i))));
res.push(stats('select by key', timeSync(N, (i) => sel.get('k' + (1 + (i % 10000))))));
res.push(stats('unit BEGIN IMMEDIATE; get; update; insert; COMMIT', timeSync(N, (i) => {
  const k = 'k' + (1 + (i % 10000));
  db.exec('BEGIN IMMEDIATE'); get.get(k); upd.run(k); ins.run(k, i); db.exec('COMMIT');
})));
console.log(JSON.stringify({ approach: 'better-sqlite3 (today)', url: 'file, WAL, synchronous=NORMAL', results: res }, null, 1));
