// What pg-native does with the value types the stores use: Buffer into bytea (NUL bytes included), bigint
// identity columns, double precision, booleans, JSON text; and prepared statements with RETURNING.
import Native from 'pg-native';
import { CONN } from './common.mjs';
const c = new Native(); c.connectSync(CONN);
c.querySync('DROP TABLE IF EXISTS t; CREATE TABLE t (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body bytea NOT NULL, d double precision, b boolean, j text)');
const buf = Buffer.from([0, 1, 2, 255, 0, 92, 120, 39]);
c.prepareSync('ins', 'INSERT INTO t (body, d, b, j) VALUES ($1, $2, $3, $4) RETURNING seq', 4);
const [{ seq }] = c.executeSync('ins', [buf, 1.25, true, JSON.stringify({ a: 1 })]);
const [row] = c.querySync('SELECT seq, body, d, b, j, (j::jsonb ->> $1) AS a FROM t WHERE seq = $2', ['a', seq]);
console.log({ returnedSeq: seq, typeofSeq: typeof seq, bodyRoundTrips: Buffer.isBuffer(row.body) && row.body.equals(buf), d: row.d, b: row.b, a: row.a });
c.querySync('SET lock_timeout = 0'); // resettable per session
c.end();
// Why the Buffer did not round-trip, and the fix: pass bytea as '\x' hex text; bigint as a number via a cast or setTypeParser.
const d = new Native(); d.connectSync(CONN);
const [r1] = d.querySync('SELECT body, length(body) AS n FROM t ORDER BY seq DESC LIMIT 1');
console.log('stored as given:', r1.n, 'bytes', r1.body);
d.querySync('INSERT INTO t (body) VALUES ($1)', ['\\x' + buf.toString('hex')]);
const [r2] = d.querySync('SELECT seq::integer AS seq, body FROM t ORDER BY seq DESC LIMIT 1');
console.log('as hex text:', Buffer.isBuffer(r2.body) && r2.body.equals(buf), 'seq', typeof r2.seq, r2.seq);
d.end();
