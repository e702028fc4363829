import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { Schedule } from '../../src/schedule/schedule.js';
import { openDatabase } from '../../src/store/database.js';

const NOW = new Date('2026-11-25T15:00:00.000Z');

t.test('a job runs once, when its session clock reaches it, dated when it fell due', async (t) => {
  let now = NOW;
  const db = openDatabase(':memory:');
  t.teardown(() => db.close());
  const schedule = new Schedule(db, () => now);
  const ran: string[] = [];
  schedule.handle('ring', (job, at) => ran.push(`${job.key}@${at.toISOString()}`));
  schedule.at('qa', new Date('2026-12-01T00:00:00Z'), 'ring', 'bell', {});
  t.equal(schedule.hasDue('qa'), false);
  t.same(schedule.runDue('qa'), { ran: 0, failures: [] });
  now = new Date('2026-12-05T00:00:00Z');
  t.equal(schedule.hasDue('qa'), true);
  t.same(schedule.runDue('qa'), { ran: 1, failures: [] });
  t.same(schedule.runDue('qa'), { ran: 0, failures: [] }, 'not repeated');
  t.same(ran, ['bell@2026-12-01T00:00:00.000Z']);
  t.same(schedule.pendingSessions(), []);
});

t.test('scheduling the same kind and key again moves the pending job; cancel drops it', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.close());
  const schedule = new Schedule(db, () => NOW);
  schedule.handle('ring', () => undefined);
  schedule.at('qa', new Date('2026-12-01T00:00:00Z'), 'ring', 'bell', { n: 1 });
  schedule.at('qa', new Date('2026-12-03T00:00:00Z'), 'ring', 'bell', { n: 2 });
  t.match(schedule.pending('qa'), [{ dueAt: '2026-12-03T00:00:00.000Z', payload: { n: 2 } }]);
  t.equal(schedule.pending('qa').length, 1);
  schedule.cancel('qa', 'ring', 'bell');
  t.same(schedule.pending('qa'), []);
});

t.test('a failing handler leaves nothing half done, is marked failed, and the next job still runs', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.close());
  db.exec('CREATE TABLE marks (n INTEGER)');
  const schedule = new Schedule(db, () => NOW);
  schedule.handle('bad', () => {
    db.prepare('INSERT INTO marks VALUES (1)').run();
    throw new Error('boom');
  });
  schedule.handle('good', () => db.prepare('INSERT INTO marks VALUES (2)').run());
  schedule.at('qa', new Date('2026-11-01T00:00:00Z'), 'bad', 'a', {});
  schedule.at('qa', new Date('2026-11-02T00:00:00Z'), 'good', 'b', {});
  const { ran, failures } = db.transaction(() => schedule.runDue('qa'))();
  t.equal(ran, 2);
  t.match(failures, [{ job: { kind: 'bad' }, error: 'boom' }]);
  t.same(db.prepare('SELECT n FROM marks').all(), [{ n: 2 }], "the failed job's insert rolled back");
  t.same(schedule.pending('qa'), [], 'the failed job is not retried every tick');
  t.same(db.prepare('SELECT error FROM schedule WHERE kind = ?').get('bad'), { error: 'boom' });
});

t.test('a restart neither loses a due job nor repeats a done one', async (t) => {
  const file = join(mkdtempSync(join(tmpdir(), 'ace-mock-schedule-')), 'mock.db');
  const ran: string[] = [];
  const open = () => {
    const db = openDatabase(file);
    const schedule = new Schedule(db, () => new Date('2026-12-10T00:00:00Z'));
    schedule.handle('ring', (job) => ran.push(job.key));
    return { db, schedule };
  };
  const first = open();
  first.schedule.at('qa', new Date('2026-12-01T00:00:00Z'), 'ring', 'done-before', {});
  first.schedule.at('qa', new Date('2026-12-02T00:00:00Z'), 'ring', 'due-after-restart', {});
  first.db.transaction(() => {
    first.schedule.cancel('qa', 'ring', 'due-after-restart');
    first.schedule.runDue('qa');
  })();
  first.schedule.at('qa', new Date('2026-12-02T00:00:00Z'), 'ring', 'due-after-restart', {});
  first.db.close();
  const second = open();
  t.teardown(() => second.db.close());
  second.db.transaction(() => second.schedule.runDue('qa'))();
  t.same(ran, ['done-before', 'due-after-restart']);
});
