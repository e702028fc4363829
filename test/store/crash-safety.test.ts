import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import t from 'tap';
import { sampleWith } from '../helpers/transmission.js';

const cli = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

function serve(db: string): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', '--db', db], {
    env: { ...process.env, LOG_LEVEL: 'info', ACE_MOCK_WATCH: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const ready = /ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (ready?.[1]) resolve({ child, address: ready[1] });
    });
    child.on('exit', () => reject(new Error(`exited before ready: ${log}`)));
  });
}

t.test('SIGKILL under load loses no answered exchange and leaves a sound database', async (t) => {
  const db = join(mkdtempSync(join(tmpdir(), 'ace-mock-crash-')), 'crash.db');
  const { child, address } = await serve(db);
  const answered = new Set<string>();
  let stop = false;
  const client = async (worker: number) => {
    for (let i = 0; !stop && i < 2000; i++) {
      try {
        const res = await fetch(`${address}/v1/transmissions`, { method: 'POST', body: sampleWith('ae-add-1-line.txt', String(9_000_000 + worker * 10_000 + (i % 50))) });
        const id = res.headers.get('x-ace-exchange-id');
        if (res.status === 200 && id) answered.add(id);
      } catch {
        return; // the server is gone
      }
    }
  };
  const load = Promise.all([1, 2, 3, 4].map(client));
  while (answered.size < 200) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGKILL');
  stop = true;
  await load;
  t.ok(answered.size >= 200, `${answered.size} exchanges answered before the kill`);

  const after = new Database(db);
  t.teardown(() => after.close());
  t.equal(after.pragma('integrity_check', { simple: true }), 'ok', 'PRAGMA integrity_check');
  const ids = new Set((after.prepare('SELECT id FROM exchanges').all() as { id: string }[]).map((r) => r.id));
  const lost = [...answered].filter((id) => !ids.has(id));
  t.same(lost, [], 'every exchange answered before the kill is in the journal');
  // Entry state agrees with the journal: each entry has one history row per accepted exchange.
  const mismatched = after
    .prepare(
      `SELECT e.entry_number,
         (SELECT count(*) FROM entry_history h WHERE h.entry_number = e.entry_number AND h.disposition IN ('995', '996', '997')) AS changes,
         (SELECT count(*) FROM exchange_entries x WHERE x.entry_number = e.entry_number AND x.outcome = 'accepted') AS accepted
       FROM entries e`,
    )
    .all()
    .filter((r) => (r as { changes: number }).changes !== (r as { accepted: number }).accepted);
  t.same(mismatched, [], 'entry history matches the accepted exchanges in the journal');

  const restarted = await serve(db);
  const res = await fetch(`${restarted.address}/v1/transmissions`, { method: 'POST', body: readFileSync(new URL('../../scenarios/samples/ae-add-1-line.txt', import.meta.url)) });
  t.equal(res.status, 200, 'the restarted server answers on the same database');
  const exited = new Promise((resolve) => restarted.child.on('exit', resolve));
  restarted.child.kill('SIGTERM');
  await exited;
});
