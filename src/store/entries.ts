import type { EntryKey } from '../applications/shared/entry-key.js';
import {
  type FoundEntry,
  type StatementListing,
  type EntryEvent,
  type EntryState,
  type EntryStore,
  type FiledSummary,
  TRADE_CONTROL,
} from '../applications/entry-summary/entry-store.js';
import type { Db } from './database.js';

interface EntryRow {
  status: 'accepted' | 'deleted';
  version: number;
  broker_reference: string;
  entry_type: string;
  psc_on_file: number;
  first_accepted_at: string;
  warnings: string;
  liquidated: number;
  under_review: number;
  filed: string;
  lifecycle: string;
}

const COLUMNS = 'status, version, broker_reference, entry_type, psc_on_file, first_accepted_at, warnings, liquidated, under_review, filed, lifecycle';

/** Rows written before the `filed` column existed: nothing to compare with. */
const NOTHING_FILED: FiledSummary = { port: '', importer: '', entryDate: '', reconciliation: false, header: '' };

/** Entry summary state in SQLite, with a history row per accepted change. */
export class SqliteEntryStore implements EntryStore, StatementListing {
  private readonly select;
  private readonly upsert;
  private readonly history;
  private readonly list;
  private readonly acceptedIn;
  private readonly awaiting;
  private readonly listed;
  private readonly numbered;

  constructor(db: Db) {
    this.select = db.prepare<[string, string, string], EntryRow>(
      // status 'none': the row holds only the entry's cargo release (cargo-releases.ts), no summary.
      `SELECT ${COLUMNS} FROM entries WHERE session = ? AND filer = ? AND entry_number = ? AND status <> 'none'`,
    );
    this.upsert = db.prepare(
      `INSERT INTO entries (session, filer, entry_number, status, version, broker_reference, entry_type, psc_on_file, first_accepted_at, updated_at, warnings, liquidated, under_review, filed, lifecycle)
       VALUES (@session, @filer, @entryNumber, @status, @version, @brokerReference, @entryType, @pscOnFile, @firstAcceptedAt, @at, @warnings, @liquidated, @underReview, @filed, @lifecycle)
       ON CONFLICT (session, filer, entry_number) DO UPDATE SET status = excluded.status, version = excluded.version,
         broker_reference = excluded.broker_reference, entry_type = excluded.entry_type, psc_on_file = excluded.psc_on_file,
         first_accepted_at = excluded.first_accepted_at, updated_at = excluded.updated_at, warnings = excluded.warnings,
         liquidated = excluded.liquidated, under_review = excluded.under_review, filed = excluded.filed, lifecycle = excluded.lifecycle`,
    );
    this.history = db.prepare(
      `INSERT INTO entry_history (session, filer, entry_number, exchange_id, action, disposition, status, version, at)
       VALUES (@session, @filer, @entryNumber, @exchangeId, @action, @disposition, @status, @version, @at)`,
    );
    // The date part of the ISO timestamp is the UTC day, the same day mmddyy() writes on CL rows.
    this.acceptedIn = db.prepare<[string, string, string, string], EntryRow & { entry_number: string }>(
      `SELECT entry_number, ${COLUMNS}
       FROM entries WHERE session = ? AND filer = ? AND status = 'accepted' AND substr(first_accepted_at, 1, 10) BETWEEN ? AND ?
       ORDER BY first_accepted_at, entry_number`,
    );
    // Statements are few and small next to a session's entries: JSON paths in the lifecycle, no index.
    this.awaiting = db.prepare<[string, string], EntryRow & { filer: string; entry_number: string }>(
      `SELECT filer, entry_number, ${COLUMNS} FROM entries WHERE session = ? AND status = 'accepted'
         AND json_extract(lifecycle, '$.statementKey') = ? AND coalesce(json_extract(lifecycle, '$.statement'), 'none') = 'none'
         AND NOT coalesce(json_extract(lifecycle, '$.paid'), 0) ORDER BY filer, entry_number`,
    );
    this.listed = db.prepare<[string, string], EntryRow & { filer: string; entry_number: string }>(
      `SELECT filer, entry_number, ${COLUMNS} FROM entries WHERE session = ? AND status = 'accepted'
         AND json_extract(lifecycle, '$.statementNumber') = ? AND json_extract(lifecycle, '$.statement') = 'on' ORDER BY filer, entry_number`,
    );
    this.numbered = db.prepare<[string, string], { n: number }>(
      `SELECT count(DISTINCT json_extract(lifecycle, '$.statementNumber')) AS n FROM entries WHERE session = ? AND json_extract(lifecycle, '$.statementNumber') LIKE ?`,
    );
    this.list = db.prepare<[string, string, string]>(
      'SELECT exchange_id AS exchangeId, action, disposition, status, version, at FROM entry_history WHERE session = ? AND filer = ? AND entry_number = ? ORDER BY id',
    );
  }

  get(key: EntryKey): EntryState | undefined {
    const row = this.select.get(key.session, key.filer, key.entryNumber);
    return row ? toState(row) : undefined;
  }

  /**
   * The accepted entries of a session and filer first accepted on a UTC day from `from` to `to`
   * (YYYY-MM-DD, both included), oldest first: what a Census Warning Query by date range searches.
   */
  acceptedBetween(session: string, filer: string, from: string, to: string): { entryNumber: string; state: EntryState }[] {
    return this.acceptedIn.all(session, filer, from, to).map((row) => ({ entryNumber: row.entry_number, state: toState(row) }));
  }

  awaitingStatement(session: string, statementKey: string): FoundEntry[] {
    return this.awaiting.all(session, statementKey).map(found);
  }

  onStatement(session: string, statementNumber: string): FoundEntry[] {
    return this.listed.all(session, statementNumber).map(found);
  }

  statementsNumbered(session: string, prefix: string): number {
    return this.numbered.get(session, `${prefix}%`)?.n ?? 0;
  }

  put(key: EntryKey, state: EntryState, event: EntryEvent): void {
    const row = {
      ...key,
      ...state,
      pscOnFile: state.pscOnFile ? 1 : 0,
      warnings: JSON.stringify(state.warnings),
      liquidated: state.liquidated ? 1 : 0,
      underReview: state.underReview ? 1 : 0,
      filed: JSON.stringify(state.filed),
      lifecycle: JSON.stringify(state.lifecycle),
      at: event.at,
    };
    this.upsert.run(row);
    this.history.run({ ...row, exchangeId: event.exchangeId, action: event.action, disposition: event.disposition });
  }

  /** Every accepted change of an entry, oldest first. */
  historyOf(key: EntryKey): unknown[] {
    return this.list.all(key.session, key.filer, key.entryNumber);
  }
}

const found = (row: EntryRow & { filer: string; entry_number: string }): FoundEntry => ({ filer: row.filer, entryNumber: row.entry_number, state: toState(row) });

function toState(row: EntryRow): EntryState {
  return {
    status: row.status,
    version: row.version,
    brokerReference: row.broker_reference,
    entryType: row.entry_type,
    pscOnFile: row.psc_on_file === 1,
    firstAcceptedAt: row.first_accepted_at,
    warnings: JSON.parse(row.warnings) as EntryState['warnings'],
    liquidated: row.liquidated === 1,
    underReview: row.under_review === 1,
    filed: { ...NOTHING_FILED, ...(JSON.parse(row.filed) as Partial<FiledSummary>) },
    lifecycle: { ...TRADE_CONTROL, ...(JSON.parse(row.lifecycle) as Partial<EntryState['lifecycle']>) },
  };
}
