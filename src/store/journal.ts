import type { Db } from './database.js';
import { DAY_MS } from '../clock/duration.js';
import { type ExchangeBody, packBody, unpackBody } from './journal-body.js';

export type Outcome = 'accepted' | 'rejected' | 'partial' | 'batch-rejected' | 'not-catair';

/** One exchange as the journal keeps it: what came in, what went out, and why. */
export interface JournalEntry {
  readonly id: string;
  readonly receivedAt: string;
  readonly durationMs: number;
  readonly transport: string;
  /** The transport's own id of the request (the MQ MsgId, hex), to recognise a redelivery. */
  readonly transportRef?: string;
  readonly session: string;
  readonly filer: string;
  readonly application: string;
  readonly outcome: Outcome;
  /** The scenario that decided (the first one, if several transactions were scripted). */
  readonly scenario: string | undefined;
  readonly input: Buffer;
  readonly output: string | undefined;
  /** JSON-serialisable detail: transactions, conditions, problem. */
  readonly detail: unknown;
  readonly entries: readonly { filer: string; entryNumber: string; outcome: string; disposition: string }[];
}

export interface JournalQuery {
  readonly session?: string;
  readonly filer?: string;
  readonly entryNumber?: string;
  readonly outcome?: string;
  readonly transport?: string;
  readonly scenario?: string;
  /** The input application id, e.g. AE. */
  readonly application?: string;
  /** ISO timestamps bounding receivedAt (inclusive since, exclusive until). */
  readonly since?: string;
  readonly until?: string;
  /** Only exchanges older than this one (paging, newest first). */
  readonly before?: string;
  readonly limit: number;
}

/** A session seen in the journal: how many exchanges it has and when the last one came. */
export interface SessionActivity {
  readonly session: string;
  readonly exchanges: number;
  readonly lastAt: string;
}

interface ExchangeRow {
  seq: number;
  id: string;
  received_at: string;
  duration_ms: number;
  transport: string;
  transport_ref: string | null;
  session: string;
  filer: string;
  application: string;
  outcome: Outcome;
  scenario: string | null;
  /** Input, output and detail packed (journal-body.ts); NULL on rows written before it, which hold them in the three columns below. */
  body: Buffer | null;
  input: Buffer;
  output: Buffer | null;
  detail: string;
}

/** Where a row keeps its bytes: packed in `body`, or in the three columns of rows written before it existed. */
function bodyOf(row: ExchangeRow): ExchangeBody {
  if (row.body !== null) return unpackBody(row.body);
  return { input: row.input, output: row.output === null ? undefined : row.output.toString('latin1'), detail: row.detail };
}

/** The exchange journal: every transmission and its answer, written before the answer leaves. */
export class Journal {
  private readonly insertExchange;
  private readonly insertEntry;
  private readonly byId;
  private readonly byRef;
  private readonly pruneByAge;
  private readonly pruneByCount;
  private readonly entriesOf;
  private readonly seqById;
  private readonly newestSeq;
  private readonly afterAll;
  private readonly afterInSession;
  private readonly sessionList;

  constructor(private readonly db: Db) {
    this.insertExchange = db.prepare(
      `INSERT INTO exchanges (id, received_at, duration_ms, transport, transport_ref, session, filer, application, outcome, scenario, body, input, output, detail)
       VALUES (@id, @receivedAt, @durationMs, @transport, @transportRef, @session, @filer, @application, @outcome, @scenario, @body, x'', NULL, '')`,
    );
    this.insertEntry = db.prepare(
      'INSERT INTO exchange_entries (exchange_seq, filer, entry_number, outcome, disposition) VALUES (?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare<[string], ExchangeRow>('SELECT * FROM exchanges WHERE id = ?');
    this.pruneByAge = db.prepare('DELETE FROM exchanges WHERE received_at < ?');
    this.pruneByCount = db.prepare('DELETE FROM exchanges WHERE seq <= (SELECT seq FROM exchanges ORDER BY seq DESC LIMIT 1 OFFSET ?)');
    this.byRef = db.prepare<[string, string], ExchangeRow>('SELECT * FROM exchanges WHERE transport = ? AND transport_ref = ? ORDER BY seq DESC LIMIT 1');
    this.seqById = db.prepare<[string], { seq: number }>('SELECT seq FROM exchanges WHERE id = ?');
    this.newestSeq = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM exchanges');
    this.afterAll = db.prepare<[number, number], ExchangeRow>('SELECT * FROM exchanges WHERE seq > ? ORDER BY seq LIMIT ?');
    this.afterInSession = db.prepare<[string, number, number], ExchangeRow>(
      'SELECT * FROM exchanges WHERE session = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
    this.sessionList = db.prepare<[number], SessionActivity>(
      'SELECT session, COUNT(*) AS exchanges, MAX(received_at) AS lastAt FROM exchanges GROUP BY session ORDER BY MAX(seq) DESC LIMIT ?',
    );
    this.entriesOf = db.prepare<[number], { filer: string; entryNumber: string; outcome: string; disposition: string }>(
      'SELECT filer, entry_number AS entryNumber, outcome, disposition FROM exchange_entries WHERE exchange_seq = ?',
    );
  }

  /** Appends an exchange; call inside the transaction that changed state, so both land or neither. */
  append(entry: JournalEntry): void {
    const { lastInsertRowid } = this.insertExchange.run({
      id: entry.id,
      receivedAt: entry.receivedAt,
      durationMs: entry.durationMs,
      transport: entry.transport,
      transportRef: entry.transportRef ?? null,
      session: entry.session,
      filer: entry.filer,
      application: entry.application,
      outcome: entry.outcome,
      scenario: entry.scenario ?? null,
      body: packBody({ input: entry.input, output: entry.output, detail: JSON.stringify(entry.detail) }),
    });
    for (const e of entry.entries) this.insertEntry.run(lastInsertRowid, e.filer, e.entryNumber, e.outcome, e.disposition);
  }

  get(id: string): JournalEntry | undefined {
    const row = this.byId.get(id);
    return row && this.fromRow(row);
  }

  /**
   * Applies the retention policy: drops exchanges older than `maxAgeDays` and all but the newest
   * `maxExchanges` (0 = no limit for either); their entry links go with them. Returns how many went.
   */
  prune(policy: { maxExchanges: number; maxAgeDays: number }, now: Date): number {
    let removed = 0;
    if (policy.maxAgeDays > 0) {
      const cutoff = new Date(now.getTime() - policy.maxAgeDays * DAY_MS).toISOString();
      removed += this.pruneByAge.run(cutoff).changes;
    }
    if (policy.maxExchanges > 0) removed += this.pruneByCount.run(policy.maxExchanges).changes;
    return removed;
  }

  /** The exchange a transport already answered for this request id (a redelivered MQ message). */
  byTransportRef(transport: string, ref: string): JournalEntry | undefined {
    const row = this.byRef.get(transport, ref);
    return row && this.fromRow(row);
  }

  /** The journal position of an exchange; undefined when the journal has no such exchange (never had, or pruned). */
  positionOf(id: string): number | undefined {
    return this.seqById.get(id)?.seq;
  }

  /** The journal position of the newest exchange; 0 when there is none. */
  newestPosition(): number {
    return this.newestSeq.get()?.seq ?? 0;
  }

  /** Exchanges written after a journal position (of one session, or all), oldest first, each with its position. */
  after(position: number, session: string | undefined, limit: number): { position: number; entry: JournalEntry }[] {
    const rows = session === undefined ? this.afterAll.all(position, limit) : this.afterInSession.all(session, position, limit);
    return rows.map((row) => ({ position: row.seq, entry: this.fromRow(row) }));
  }

  /** Sessions with exchanges in the journal, most recently active first. */
  sessions(limit: number): SessionActivity[] {
    return this.sessionList.all(limit);
  }

  /** Newest first. */
  find(q: JournalQuery): JournalEntry[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const eq = (column: string, v: string | undefined): void => {
      if (v !== undefined) {
        where.push(`${column} = ?`);
        params.push(v);
      }
    };
    eq('e.session', q.session);
    eq('e.outcome', q.outcome);
    eq('e.transport', q.transport);
    eq('e.scenario', q.scenario);
    eq('e.application', q.application);
    if (q.since !== undefined) {
      where.push('e.received_at >= ?');
      params.push(q.since);
    }
    if (q.until !== undefined) {
      where.push('e.received_at < ?');
      params.push(q.until);
    }
    if (q.entryNumber !== undefined || q.filer !== undefined) {
      const sub: string[] = [];
      if (q.entryNumber !== undefined) {
        sub.push('x.entry_number = ?');
        params.push(q.entryNumber);
      }
      if (q.filer !== undefined) {
        sub.push('x.filer = ?');
        params.push(q.filer);
      }
      where.push(
        `(EXISTS (SELECT 1 FROM exchange_entries x WHERE x.exchange_seq = e.seq AND ${sub.join(' AND ')})${
          q.entryNumber === undefined ? ' OR e.filer = ?' : ''
        })`,
      );
      if (q.entryNumber === undefined) params.push(q.filer as string);
    }
    if (q.before !== undefined) {
      where.push('e.seq < (SELECT seq FROM exchanges WHERE id = ?)');
      params.push(q.before);
    }
    const sql = `SELECT e.* FROM exchanges e ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.seq DESC LIMIT ?`;
    params.push(q.limit);
    return this.db
      .prepare<(string | number)[], ExchangeRow>(sql)
      .all(...params)
      .map((row) => this.fromRow(row));
  }

  private fromRow(row: ExchangeRow): JournalEntry {
    const { input, output, detail } = bodyOf(row);
    return {
      id: row.id,
      receivedAt: row.received_at,
      durationMs: row.duration_ms,
      transport: row.transport,
      ...(row.transport_ref !== null && { transportRef: row.transport_ref }),
      session: row.session,
      filer: row.filer,
      application: row.application,
      outcome: row.outcome,
      scenario: row.scenario ?? undefined,
      input,
      output,
      detail: JSON.parse(detail),
      entries: this.entriesOf.all(row.seq),
    };
  }
}
