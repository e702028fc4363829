import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { pino } from 'pino';
import t from 'tap';
import { DEFAULT_SCHEMA_DIR } from '../../src/catair/catalog.js';
import { loadConfig } from '../../src/config.js';
import { createAceMock } from '../../src/server.js';
import { openDatabase } from '../../src/store/database.js';
import { Outbox, type OutboxMessage } from '../../src/store/outbox.js';
import { send, sharedCatalog, TEST_NOW } from '../helpers/mock.js';
import { scenarioDir } from '../helpers/scenario-dir.js';
import { sampleWith } from '../helpers/transmission.js';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);
const NOW = new Date('2026-11-25T15:00:00.000Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

function freshOutbox() {
  const db = openDatabase(':memory:');
  return { db, outbox: new Outbox(db) };
}

/** A message as the pipeline queues it; `deliverAt` in minutes from NOW. */
const message = (session: string, minutes: number, transport = 'http'): Omit<OutboxMessage, 'seq'> => ({
  session,
  filer: 'B76',
  exchangeId: 'x',
  transport,
  deliverAt: at(minutes),
  records: ['B'.padEnd(80), 'Y'.padEnd(80)],
  summary: `UC at ${minutes}`,
});

const seqsOf = (db: ReturnType<typeof openDatabase>, session: string) =>
  (db.prepare('SELECT seq FROM outbox WHERE session = ? ORDER BY seq').all(session) as { seq: number }[]).map((r) => r.seq);

t.test('over its limit, a session gives up delivered or due messages first, oldest first, then not-yet-due ones', async (t) => {
  const { db, outbox } = freshOutbox();
  t.teardown(() => db.close());
  outbox.add(message('S', -5)); // 1 due
  outbox.add(message('S', 5)); // 2 not due
  outbox.add(message('S', 5, 'mq')); // 3 not due, but pushed already (below)
  outbox.add(message('S', 5)); // 4 not due
  outbox.add(message('S', -1)); // 5 due
  outbox.add(message('S', 9)); // 6 not due
  outbox.add(message('T', -5)); // 7, another session under its limit
  outbox.markPushed(3, NOW);

  const first = outbox.prune({ maxPerSession: 3, maxAgeDays: 0 }, NOW);
  t.same(first, { expired: 0, trimmed: [{ session: 'S', dropped: 3, notYetDue: 1, firstSeq: 1, lastSeq: 5 }] });
  t.same(seqsOf(db, 'S'), [2, 4, 6], 'due 1 and 5 and pushed 3 went; the not-yet-due ones stay');
  t.same(seqsOf(db, 'T'), [7], 'a session within its limit is untouched');

  const second = outbox.prune({ maxPerSession: 1, maxAgeDays: 0 }, NOW);
  t.same(second.trimmed, [{ session: 'S', dropped: 2, notYetDue: 2, firstSeq: 2, lastSeq: 4 }], 'then the oldest not-yet-due ones');
  t.same(seqsOf(db, 'S'), [6]);
  t.same(outbox.prune({ maxPerSession: 1, maxAgeDays: 0 }, NOW), { expired: 0, trimmed: [] }, 'at the limit: nothing to do');
  t.same(outbox.prune({ maxPerSession: 0, maxAgeDays: 0 }, NOW), { expired: 0, trimmed: [] }, '0 = no limit');
});

t.test('messages due longer ago than the age limit go, delivered or not', async (t) => {
  const { db, outbox } = freshOutbox();
  t.teardown(() => db.close());
  const day = 24 * 60;
  outbox.add(message('S', -31 * day)); // due 31 days ago, never read
  outbox.add(message('S', -31 * day, 'mq'));
  outbox.add(message('S', -29 * day));
  outbox.add(message('S', 5));
  t.same(outbox.prune({ maxPerSession: 0, maxAgeDays: 30 }, NOW), { expired: 2, trimmed: [] });
  t.same(seqsOf(db, 'S'), [3, 4]);
});

/** The reference model of one pass: per session, sort by (delivered-or-due first, seq) and drop the excess. */
function expectedKept(rows: readonly { seq: number; session: string; due: boolean; pushed: boolean }[], limit: number): number[] {
  const kept: number[] = [];
  for (const session of new Set(rows.map((r) => r.session))) {
    const mine = rows.filter((r) => r.session === session);
    const victims = [...mine].sort((a, b) => Number(b.due || b.pushed) - Number(a.due || a.pushed) || a.seq - b.seq).slice(0, Math.max(0, mine.length - limit));
    kept.push(...mine.filter((r) => !victims.includes(r)).map((r) => r.seq));
  }
  return kept.sort((a, b) => a - b);
}

t.test('property: after a pass every session holds at most the limit, and exactly the messages the policy keeps', async (t) => {
  const { db, outbox } = freshOutbox();
  t.teardown(() => db.close());
  const op = fc.record({ session: fc.constantFrom('A', 'B', 'C'), minutes: fc.integer({ min: -60, max: 60 }), mq: fc.boolean(), pushed: fc.boolean() });
  fc.assert(
    fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (ops, limit) => {
      db.exec('DELETE FROM outbox');
      const rows: { seq: number; session: string; due: boolean; pushed: boolean }[] = [];
      for (const o of ops) {
        outbox.add(message(o.session, o.minutes, o.mq ? 'mq' : 'http'));
        const seq = (db.prepare('SELECT max(seq) AS seq FROM outbox').get() as { seq: number }).seq;
        const pushed = o.mq && o.pushed;
        if (pushed) outbox.markPushed(seq, NOW);
        rows.push({ seq, session: o.session, due: o.minutes <= 0, pushed });
      }
      const result = outbox.prune({ maxPerSession: limit, maxAgeDays: 0 }, NOW);
      const left = (db.prepare('SELECT seq, session FROM outbox ORDER BY seq').all() as { seq: number; session: string }[]);
      for (const session of ['A', 'B', 'C']) {
        const n = left.filter((r) => r.session === session).length;
        if (n > limit) throw new Error(`session ${session} holds ${n} > ${limit}`);
      }
      const want = expectedKept(rows, limit);
      if (JSON.stringify(left.map((r) => r.seq)) !== JSON.stringify(want)) throw new Error(`kept ${left.map((r) => r.seq)}, expected ${want}`);
      const dropped = result.trimmed.reduce((n, s) => n + s.dropped, 0);
      if (dropped !== rows.length - left.length) throw new Error(`reported ${dropped} dropped, ${rows.length - left.length} went`);
    }),
    { numRuns: RUNS },
  );
  t.pass(`${RUNS} runs`);
});

t.test('ACE_MOCK_OUTBOX_LIMIT: a session whose follow-ups nobody reads is cut back at the retention pass, and the log says so', async (t) => {
  t.equal(loadConfig({}).outboxLimit, 10_000, 'default');
  t.equal(loadConfig({ ACE_MOCK_OUTBOX_LIMIT: '0' }).outboxLimit, 0, '0 = no limit');
  t.throws(() => loadConfig({ ACE_MOCK_OUTBOX_LIMIT: '-1' }), /outboxLimit \(ACE_MOCK_OUTBOX_LIMIT\)/);

  const env = {
    ACE_MOCK_DB: join(mkdtempSync(join(tmpdir(), 'ace-mock-outbox-')), 'outbox.db'),
    ACE_MOCK_SCENARIOS: scenarioDir({ 'uc.yaml': 'id: uc\ntitle: UC\nsteps:\n  - answer:\n      followUps:\n        - { after: 0, disposition: "2" }\n' }),
    ACE_MOCK_WATCH: '0',
    ACE_MOCK_OUTBOX_LIMIT: '3',
  };
  const logged: { level: number; msg: string; session?: string; dropped?: number }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  const start = () => createAceMock(loadConfig(env), { logger, clock: () => TEST_NOW, catalog: sharedCatalog(DEFAULT_SCHEMA_DIR) });

  const first = start();
  for (let i = 0; i < 8; i++) {
    const res = await send(first, sampleWith('ae-add-1-line.txt', String(5_100_000 + i)), { 'x-ace-scenario': 'uc' });
    t.match(res.body, /E1A 995/);
  }
  t.equal(first.outbox.dueFor('B76', 0, TEST_NOW, 100).length, 8, 'eight follow-ups waiting, none read');
  await first.close();

  const second = start();
  t.teardown(() => second.close());
  await new Promise((resolve) => setImmediate(resolve)); // the start-up pass commits on the next turn
  await new Promise((resolve) => setImmediate(resolve));
  const left = second.outbox.dueFor('B76', 0, TEST_NOW, 100);
  t.equal(left.length, 3, 'the limit holds');
  t.same(left.map((m) => m.seq), [6, 7, 8], 'the newest stay');
  const warning = logged.find((l) => l.msg.startsWith('outbox retention: session B76'));
  t.match(warning, { level: 40, session: 'B76', dropped: 5 }, 'a warning names the session and how many went');
  t.match(warning?.msg, /limit of 3 messages \(ACE_MOCK_OUTBOX_LIMIT\): 5 dropped, oldest delivered or due first \(seq 1-5, 0 not due yet\)/);
});
