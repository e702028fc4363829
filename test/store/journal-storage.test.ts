import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t, { type Test } from 'tap';
import { measureJournalSize } from '../../bench/journal-size.js';
import { openDatabase } from '../../src/store/database.js';
import { unpackBody } from '../../src/store/journal-body.js';
import { Journal, type JournalEntry } from '../../src/store/journal.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { send, testMock } from '../helpers/mock.js';

/** The schema before exchange bodies were packed into one column (migration 11 added it). */
const BEFORE_PACKED_BODIES = 10;

const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const sample = readFileSync(new URL('../../scenarios/samples/ae-add-5-lines.txt', import.meta.url));

/** Exchanges whose bytes are awkward: every byte value, no output, empty input, non-ASCII detail. */
function exchanges(prefix: string): JournalEntry[] {
  const base = {
    receivedAt: '2026-11-25T15:00:00.000Z',
    durationMs: 1.25,
    transport: 'http',
    session: 'B76',
    filer: 'B76',
    application: 'AE',
    scenario: undefined,
    entries: [],
  };
  return [
    {
      ...base,
      id: `${prefix}-catair`,
      outcome: 'accepted',
      scenario: 'late-996',
      input: sample,
      output: 'A2704B76      112526     AX\nZ2704B76',
      detail: { transactions: [{ filer: 'B76', entryNumber: '03245351', conditions: [], reason: 'scenario late-996 step 1' }], batchConditions: [], framing: 'lines' },
      entries: [{ filer: 'B76', entryNumber: '03245351', outcome: 'accepted', disposition: '996' }],
    },
    {
      ...base,
      id: `${prefix}-bytes`,
      outcome: 'rejected',
      transport: 'mq',
      transportRef: `${prefix}0a0b`,
      input: Buffer.concat([every, Buffer.from(every).reverse()]),
      output: `é${'\u00ff'}\n${' '.repeat(80)}`,
      detail: { note: 'naïve → “quoted” 🚢', nested: { list: [1, 2.5, null, true], empty: '' } },
    },
    { ...base, id: `${prefix}-refused`, outcome: 'not-catair', filer: '', application: '', input: Buffer.alloc(0), output: undefined, detail: { problem: { title: 'Not CATAIR', detail: 'JSON', status: 400 } } },
  ];
}

/** Input, output and detail exactly as the API serialises them. */
const bytesOf = (e: JournalEntry | undefined) => e && { input: e.input.toString('hex'), output: e.output, detail: JSON.stringify(e.detail) };

function sameBytes(t: Test, journal: Journal, written: readonly JournalEntry[], label: string): void {
  for (const w of written) {
    const want = bytesOf(w);
    t.same(bytesOf(journal.get(w.id)), want, `${label}: ${w.id} by id`);
    t.same(bytesOf(journal.find({ limit: 100 }).find((e) => e.id === w.id)), want, `${label}: ${w.id} in a listing`);
    t.same(bytesOf(journal.after(0, undefined, 100).find((x) => x.entry.id === w.id)?.entry), want, `${label}: ${w.id} in the stream`);
    if (w.transportRef) t.same(bytesOf(journal.byTransportRef(w.transport, w.transportRef)), want, `${label}: ${w.id} by transport reference`);
    t.same(journal.get(w.id)?.entries, w.entries, `${label}: ${w.id} entry links`);
  }
}

t.test('a new exchange is stored packed and reads back byte for byte', async (t) => {
  const db = openDatabase(':memory:');
  t.teardown(() => db.close());
  const journal = new Journal(db);
  const written = exchanges('new');
  for (const e of written) journal.append(e);
  sameBytes(t, journal, written, 'new');
  const stored = db.prepare('SELECT length(body) AS body, length(input) AS input, output, detail FROM exchanges WHERE id = ?').get('new-catair');
  t.match(stored, { input: 0, output: null, detail: '' }, 'nothing left in the old columns');
  t.ok((stored as { body: number }).body < sample.length / 2, 'the 5-line sample packs to less than half its size');
});

t.test('exchanges written before packing read back byte for byte after the migration, beside new ones', async (t) => {
  const path = join(mkdtempSync(join(tmpdir(), 'ace-mock-journal-')), 'old.db');
  const old = new Database(path);
  for (const m of MIGRATIONS.slice(0, BEFORE_PACKED_BODIES)) old.exec(m);
  old.pragma(`user_version = ${BEFORE_PACKED_BODIES}`);
  // The rows as the journal wrote them before: raw input, output as latin1 bytes, detail as JSON text.
  const insert = old.prepare(
    `INSERT INTO exchanges (id, received_at, duration_ms, transport, transport_ref, session, filer, application, outcome, scenario, input, output, detail)
     VALUES (@id, @receivedAt, @durationMs, @transport, @transportRef, @session, @filer, @application, @outcome, @scenario, @input, @output, @detail)`,
  );
  const link = old.prepare('INSERT INTO exchange_entries (exchange_seq, filer, entry_number, outcome, disposition) VALUES (?, ?, ?, ?, ?)');
  const before = exchanges('old');
  for (const e of before) {
    const { lastInsertRowid } = insert.run({
      id: e.id,
      receivedAt: e.receivedAt,
      durationMs: e.durationMs,
      transport: e.transport,
      transportRef: e.transportRef ?? null,
      session: e.session,
      filer: e.filer,
      application: e.application,
      outcome: e.outcome,
      scenario: e.scenario ?? null,
      input: e.input,
      output: e.output === undefined ? null : Buffer.from(e.output, 'latin1'),
      detail: JSON.stringify(e.detail),
    });
    for (const x of e.entries) link.run(lastInsertRowid, x.filer, x.entryNumber, x.outcome, x.disposition);
  }
  old.close();

  const db = openDatabase(path);
  t.teardown(() => db.close());
  t.equal((db.prepare('SELECT count(*) AS n FROM exchanges WHERE body IS NULL').get() as { n: number }).n, before.length, 'old rows keep their columns');
  const journal = new Journal(db);
  const after = exchanges('new');
  for (const e of after) journal.append(e);
  sameBytes(t, journal, before, 'migrated');
  sameBytes(t, journal, after, 'new');
});

t.test('GET /v1/transmissions/:id answers the same for a packed row and the same exchange in the old columns', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const posted = await send(mock, sample);
  const id = posted.headers['x-ace-exchange-id'] as string;
  const row = mock.db.prepare('SELECT body FROM exchanges WHERE id = ?').get(id) as { body: Buffer };
  const { input, output, detail } = unpackBody(row.body);
  mock.db
    .prepare(
      `INSERT INTO exchanges (id, received_at, duration_ms, transport, session, filer, application, outcome, scenario, body, input, output, detail)
       SELECT 'legacy', received_at, duration_ms, transport, session, filer, application, outcome, scenario, NULL, ?, ?, ? FROM exchanges WHERE id = ?`,
    )
    .run(input, output === undefined ? null : Buffer.from(output, 'latin1'), detail, id);
  const packed = (await mock.http.inject({ url: `/v1/transmissions/${id}` })).json();
  const legacy = (await mock.http.inject({ url: '/v1/transmissions/legacy' })).json();
  t.ok(packed.output.length > 0 && packed.input.length > 0, 'the packed row has input and output');
  for (const field of ['input', 'output', 'detail', 'decoded', 'tags', 'outcome'] as const) t.same(legacy[field], packed[field], field);
});

t.test('an unknown body format is an error that says so', async (t) => {
  t.throws(() => unpackBody(Buffer.of(9, 1, 2)), /journal body format 9 is unknown/);
});

// At 2,000 exchanges the figure is within a few percent of the bench's at 10,000 (1.14 vs 1.09 KB
// when measured): the schema's empty tables weigh a little more, so this errs on the safe side.
t.test('the journal costs at most 1.5 KB on disk per exchange of the 5-line sample', async (t) => {
  const size = await measureJournalSize(2000);
  t.ok(size.perExchange <= 1536, `${size.perExchange.toFixed(0)} bytes per exchange (tables: ${size.objects.map((o) => `${o.name} ${o.perExchange.toFixed(0)}`).join(', ')})`);
});
