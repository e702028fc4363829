import { runAsWorker } from 'synckit';
import pg from 'pg';
let c;
runAsWorker(async (op, arg) => {
  if (op === 'connect') { c = new pg.Client(arg); await c.connect(); return true; }
  if (op === 'query') { const r = await c.query(arg); return { rows: r.rows, rowCount: r.rowCount }; }
  if (op === 'end') { await c.end(); return true; }
  throw new Error('op ' + op);
});
