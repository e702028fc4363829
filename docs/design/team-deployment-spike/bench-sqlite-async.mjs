// Option B's cost on the default store: the same SQLite unit with each store call awaited
// (stores returning promises over the synchronous better-sqlite3), units serialized as a group commit must.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { stats, timeSync, time } from './common.mjs';
const N = 20000;
for (const s of ['', '-wal', '-shm']) rmSync('/tmp/pgspike/sqa.db' + s, { force: true });
const db = new Database('/tmp/pgspike/sqa.db');
db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
db.exec("CREATE TABLE kv (k text PRIMARY KEY, v integer NOT NULL); CREATE TABLE hist (id integer PRIMARY KEY, k text, v integer);");
db.exec("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 1000) INSERT INTO kv SELECT 'k' || n, 0 FROM g");
const get = db.prepare('SELECT v FROM kv WHERE k = ?'), upd = db.prepare('UPDATE kv SET v = ? WHERE k = ?'), ins = db.prepare('INSERT INTO hist (k, v) VALUES (?, ?)');
const store = { get: (k) => get.get(k), put: (k, v) => { upd.run(v, k); ins.run(k, v); } };
const astore = { get: async (k) => get.get(k), put: async (k, v) => { upd.run(v, k); ins.run(k, v); } };
db.exec('BEGIN');
const sync = timeSync(N, (i) => { const k = 'k' + (i % 1000 + 1); const { v } = store.get(k); store.put(k, v + 1); });
db.exec('COMMIT'); db.exec('BEGIN');
let chain = Promise.resolve();
const serialized = (fn) => (chain = chain.then(fn)); // the mutex a group commit needs once units can yield
const asyncT = await time(N, (i) => serialized(async () => { const k = 'k' + (i % 1000 + 1); const { v } = await astore.get(k); await astore.put(k, v + 1); }));
db.exec('COMMIT');
console.log(JSON.stringify([stats('sqlite unit, sync store calls (in one open tx)', sync), stats('sqlite unit, awaited store calls + serializing chain', asyncT)]));
