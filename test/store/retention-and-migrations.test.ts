import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { openDatabase, schemaVersion } from '../../src/store/database.js';
import { Journal } from '../../src/store/journal.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { send, testMock } from '../helpers/mock.js';
import { sampleWith } from '../helpers/transmission.js';

t.test('retention keeps the newest exchanges and none older than the limit', async (t) => {
  const mock = testMock({ ACE_MOCK_RETENTION_MAX_EXCHANGES: '0', ACE_MOCK_RETENTION_DAYS: '0' });
  t.teardown(() => mock.close());
  for (let i = 0; i < 8; i++) await send(mock, sampleWith('ae-add-1-line.txt', String(800_0000 + i)));
  const journal = new Journal(mock.db);
  const now = new Date('2026-11-25T15:00:00.000Z');
  t.equal(journal.prune({ maxExchanges: 5, maxAgeDays: 0 }, now), 3);
  const left = journal.find({ limit: 100 });
  t.equal(left.length, 5);
  t.same(left.map((e) => e.entries[0]?.entryNumber.slice(0, 7)), ['8000007', '8000006', '8000005', '8000004', '8000003'], 'the newest five');
  const links = mock.db.prepare('SELECT count(*) AS n FROM exchange_entries').get() as { n: number };
  t.equal(links.n, 5, 'their entry links went with them');
  t.equal(journal.prune({ maxExchanges: 0, maxAgeDays: 1 }, new Date('2026-11-26T15:00:00.001Z')), 5, 'older than a day');
  t.equal(journal.prune({ maxExchanges: 5, maxAgeDays: 30 }, now), 0);
});

t.test('a database from an earlier version is migrated, its data kept', async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'ace-mock-migrate-')), 'old.db');
  const old = new Database(path);
  old.exec(MIGRATIONS[0] as string);
  old.pragma('user_version = 1');
  old.prepare(
    `INSERT INTO exchanges (id, received_at, duration_ms, transport, session, filer, application, outcome, input, output, detail)
     VALUES ('x1', '2026-11-01T00:00:00.000Z', 1, 'http', 'B76', 'B76', 'AE', 'accepted', x'41', 'A', '{}')`,
  ).run();
  old.prepare(
    `INSERT INTO entries (session, filer, entry_number, status, version, broker_reference, entry_type, psc_on_file, first_accepted_at, updated_at)
     VALUES ('B76', 'B76', '03245278', 'accepted', 100, 'REF', '01', 0, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`,
  ).run();
  old.close();
  const db = openDatabase(path);
  t.teardown(() => db.close());
  t.equal(schemaVersion(db), MIGRATIONS.length, 'every migration applied');
  t.match(db.prepare("SELECT id, scenario, transport_ref FROM exchanges WHERE id = 'x1'").get(), { id: 'x1', scenario: null, transport_ref: null });
  t.match(db.prepare('SELECT version, warnings, liquidated FROM entries').get(), { version: 100, warnings: '[]', liquidated: 0 });
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok');
});

t.test('a database newer than this ace-mock is refused with a clear message', async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'ace-mock-migrate-')), 'new.db');
  const db = new Database(path);
  db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
  db.close();
  t.throws(() => openDatabase(path), /newer than this ace-mock knows/);
});
