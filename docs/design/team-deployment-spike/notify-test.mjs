// LISTEN/NOTIFY: is a NOTIFY sent inside a transaction delivered only at COMMIT (and never on ROLLBACK),
// and how long does it take to reach a listener on another connection? The sender is pg-native (sync),
// the listener an async `pg` client, as an instance would have them.
import Native from 'pg-native';
import pg from 'pg';
import { CONN } from './common.mjs';
const listener = new pg.Client(CONN); await listener.connect();
await listener.query('LISTEN ace_exchanges');
const got = [];
listener.on('notification', (n) => got.push({ at: performance.now(), payload: n.payload }));
const s = new Native(); s.connectSync(CONN);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
s.querySync('BEGIN'); s.querySync("SELECT pg_notify('ace_exchanges', 'rolled-back')"); s.querySync('ROLLBACK');
s.querySync('BEGIN'); s.querySync("SELECT pg_notify('ace_exchanges', 'in-tx')");
await sleep(100);
const beforeCommit = got.length;
s.querySync('COMMIT');
await sleep(100);
console.log(`NOTIFY in a transaction: ${beforeCommit} delivered before COMMIT, after COMMIT: ${JSON.stringify(got.map((g) => g.payload))} (the rolled-back one must be absent)`);
// latency: N notifies, one per autocommit statement, time from send to receipt
got.length = 0;
const N = 1000, sent = [];
for (let i = 0; i < N; i++) { sent.push(performance.now()); s.querySync(`SELECT pg_notify('ace_exchanges', '${i}')`); if (i % 50 === 0) await sleep(0); }
await sleep(300);
const lat = got.map((g) => g.at - sent[+g.payload]).sort((a, b) => a - b);
console.log(`NOTIFY latency over ${lat.length}/${N}: p50 ${lat[Math.floor(lat.length / 2)].toFixed(2)} ms, p99 ${lat[Math.floor(lat.length * 0.99)].toFixed(2)} ms (receipt is bounded by the listener's event loop, which the sync sender blocks)`);
s.end(); await listener.end();
