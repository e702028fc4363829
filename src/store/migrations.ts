/**
 * Schema migrations, applied in order; `PRAGMA user_version` records the last one applied. Never
 * edit a released migration: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE exchanges (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    received_at  TEXT NOT NULL,
    duration_ms  REAL NOT NULL,
    transport    TEXT NOT NULL,
    session      TEXT NOT NULL,
    filer        TEXT NOT NULL,
    application  TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    input        BLOB NOT NULL,
    output       BLOB,
    detail       TEXT NOT NULL
  );
  CREATE INDEX exchanges_session ON exchanges(session, seq);
  CREATE TABLE exchange_entries (
    exchange_seq INTEGER NOT NULL REFERENCES exchanges(seq) ON DELETE CASCADE,
    filer        TEXT NOT NULL,
    entry_number TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    disposition  TEXT NOT NULL
  );
  CREATE INDEX exchange_entries_entry ON exchange_entries(entry_number, filer);
  CREATE INDEX exchange_entries_seq ON exchange_entries(exchange_seq);
  CREATE TABLE entries (
    session           TEXT NOT NULL,
    filer             TEXT NOT NULL,
    entry_number      TEXT NOT NULL,
    status            TEXT NOT NULL,
    version           INTEGER NOT NULL,
    broker_reference  TEXT NOT NULL,
    entry_type        TEXT NOT NULL,
    psc_on_file       INTEGER NOT NULL,
    first_accepted_at TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    PRIMARY KEY (session, filer, entry_number)
  ) WITHOUT ROWID;
  CREATE TABLE entry_history (
    id           INTEGER PRIMARY KEY,
    session      TEXT NOT NULL,
    filer        TEXT NOT NULL,
    entry_number TEXT NOT NULL,
    exchange_id  TEXT NOT NULL,
    action       TEXT NOT NULL,
    disposition  TEXT NOT NULL,
    status       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    at           TEXT NOT NULL
  );
  CREATE INDEX entry_history_entry ON entry_history(session, filer, entry_number, id);
  `,
  `
  ALTER TABLE entries ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE entries ADD COLUMN liquidated INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE entries ADD COLUMN under_review INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE exchanges ADD COLUMN scenario TEXT;
  CREATE INDEX exchanges_scenario ON exchanges(scenario, seq);
  CREATE TABLE scenario_progress (
    session      TEXT NOT NULL,
    scenario     TEXT NOT NULL,
    filer        TEXT NOT NULL,
    entry_number TEXT NOT NULL,
    count        INTEGER NOT NULL,
    PRIMARY KEY (session, scenario, filer, entry_number)
  ) WITHOUT ROWID;
  CREATE TABLE armed (
    id           INTEGER PRIMARY KEY,
    session      TEXT NOT NULL,
    scope        TEXT NOT NULL,
    scope_value  TEXT NOT NULL,
    scenario     TEXT NOT NULL,
    remaining    INTEGER NOT NULL,
    armed_at     TEXT NOT NULL
  );
  CREATE INDEX armed_session ON armed(session, id);
  CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY,
    session      TEXT NOT NULL,
    filer        TEXT NOT NULL,
    exchange_id  TEXT NOT NULL,
    deliver_at   TEXT NOT NULL,
    records      TEXT NOT NULL,
    summary      TEXT NOT NULL
  );
  CREATE INDEX outbox_session ON outbox(session, seq);
  `,
  `
  ALTER TABLE exchanges ADD COLUMN transport_ref TEXT;
  CREATE INDEX exchanges_transport_ref ON exchanges(transport_ref) WHERE transport_ref IS NOT NULL;
  ALTER TABLE outbox ADD COLUMN transport TEXT NOT NULL DEFAULT 'http';
  ALTER TABLE outbox ADD COLUMN pushed_at TEXT;
  CREATE INDEX outbox_push ON outbox(transport, pushed_at, deliver_at);
  `,
  // The console shows each exchange's follow-up messages under it.
  `
  CREATE INDEX outbox_exchange ON outbox(exchange_id);
  `,
  // What later Entry Summary filings are checked against (port, importer, entry date …) and where
  // the summary stands on CBP's side (paid, statement, liquidation), each as JSON.
  `
  ALTER TABLE entries ADD COLUMN filed TEXT NOT NULL DEFAULT '{}';
  ALTER TABLE entries ADD COLUMN lifecycle TEXT NOT NULL DEFAULT '{}';
  `,
  // The A record's sender/receiver site and id of the causing transmission: a CBP notification's
  // batch is addressed to them (B&B-38), not to the block's port.
  `
  ALTER TABLE outbox ADD COLUMN site TEXT;
  ALTER TABLE outbox ADD COLUMN sender TEXT;
  `,
  // The entry's cargo release (SE), as JSON beside its entry summary: one entry, two filings. A row
  // with a release and no summary has status 'none' (and blank summary columns).
  `
  ALTER TABLE entries ADD COLUMN cargo_release TEXT;
  `,
  // The mock clock: how far each moved session's time is from real time (src/clock/session-clocks.ts).
  `
  CREATE TABLE session_clocks (
    session    TEXT PRIMARY KEY,
    offset_ms  INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // Time-driven work (statements, liquidations), due by each session's clock (src/schedule/schedule.ts).
  `
  CREATE TABLE schedule (
    id       INTEGER PRIMARY KEY,
    session  TEXT NOT NULL,
    due_at   TEXT NOT NULL,
    kind     TEXT NOT NULL,
    key      TEXT NOT NULL,
    payload  TEXT NOT NULL,
    done_at  TEXT,
    error    TEXT
  );
  CREATE UNIQUE INDEX schedule_pending ON schedule(session, kind, key) WHERE done_at IS NULL;
  CREATE INDEX schedule_due ON schedule(session, due_at) WHERE done_at IS NULL;
  `,
  // MQ replies held back by a scripted delay, put when due (src/transports/mq/deferred-replies.ts).
  `
  CREATE TABLE mq_deferred_replies (
    id            INTEGER PRIMARY KEY,
    request_ref   TEXT NOT NULL,
    exchange_id   TEXT NOT NULL UNIQUE,
    state         TEXT NOT NULL,
    due_at        INTEGER NOT NULL,
    sent_at       INTEGER,
    queue         TEXT NOT NULL,
    queue_manager TEXT NOT NULL,
    descriptor    TEXT NOT NULL,
    body          BLOB NOT NULL
  );
  CREATE INDEX mq_deferred_replies_due ON mq_deferred_replies(state, due_at);
  `,
  // An exchange's input, output and detail packed and compressed in one column (src/store/journal-body.ts),
  // which shrinks the exchanges table to a fifth. New rows leave input, output and detail empty; rows written before
  // keep them there (body NULL) and read as they always did.
  `
  ALTER TABLE exchanges ADD COLUMN body BLOB;
  `,
  // Outbox sequence numbers are never reused: a session reset deletes its messages, and without
  // AUTOINCREMENT the next message could take a number a client has already seen and skip it.
  `
  CREATE TABLE outbox_numbered (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    session      TEXT NOT NULL,
    filer        TEXT NOT NULL,
    exchange_id  TEXT NOT NULL,
    deliver_at   TEXT NOT NULL,
    records      TEXT NOT NULL,
    summary      TEXT NOT NULL,
    transport    TEXT NOT NULL DEFAULT 'http',
    pushed_at    TEXT,
    site         TEXT,
    sender       TEXT
  );
  INSERT INTO outbox_numbered (seq, session, filer, exchange_id, deliver_at, records, summary, transport, pushed_at, site, sender)
    SELECT seq, session, filer, exchange_id, deliver_at, records, summary, transport, pushed_at, site, sender FROM outbox;
  DROP TABLE outbox;
  ALTER TABLE outbox_numbered RENAME TO outbox;
  CREATE INDEX outbox_session ON outbox(session, seq);
  CREATE INDEX outbox_push ON outbox(transport, pushed_at, deliver_at);
  CREATE INDEX outbox_exchange ON outbox(exchange_id);
  `,
];
