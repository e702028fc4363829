import { releaseAsOf } from '../applications/cargo-release/release-as-of.js';
import { type CargoReleaseStore, NOT_PROCESSED, type ReleaseState } from '../applications/cargo-release/release-store.js';
import type { EntryEvent } from '../applications/entry-summary/entry-store.js';
import type { EntryKey } from '../applications/shared/entry-key.js';
import type { Db } from './database.js';

/**
 * The cargo release of each entry, in SQLite: the `cargo_release` column of the entry's row in
 * `entries`, whose other columns are its entry summary (SqliteEntryStore). A release filed before
 * any summary opens the row with summary status 'none', which the summary store reads as no summary
 * on file; a summary filed later fills the other columns and leaves the release alone. Every change
 * adds an `entry_history` row (version 0, the release's status). The changes its SO notices schedule
 * are kept with it and applied as of the time a reader asks (releaseAsOf).
 */
export class SqliteCargoReleaseStore implements CargoReleaseStore {
  private readonly select;
  private readonly upsert;
  private readonly history;

  constructor(db: Db) {
    this.select = db.prepare<[string, string, string], { cargo_release: string | null }>(
      'SELECT cargo_release FROM entries WHERE session = ? AND filer = ? AND entry_number = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO entries (session, filer, entry_number, status, version, broker_reference, entry_type, psc_on_file, first_accepted_at, updated_at, cargo_release)
       VALUES (@session, @filer, @entryNumber, 'none', 0, '', @entryType, 0, '', @at, @release)
       ON CONFLICT (session, filer, entry_number) DO UPDATE SET cargo_release = excluded.cargo_release, updated_at = excluded.updated_at`,
    );
    this.history = db.prepare(
      `INSERT INTO entry_history (session, filer, entry_number, exchange_id, action, disposition, status, version, at)
       VALUES (@session, @filer, @entryNumber, @exchangeId, @action, @disposition, @status, 0, @at)`,
    );
  }

  release(key: EntryKey, asOf: Date): ReleaseState | undefined {
    const json = this.select.get(key.session, key.filer, key.entryNumber)?.cargo_release;
    if (json === null || json === undefined) return undefined;
    const state = JSON.parse(json) as ReleaseState;
    return releaseAsOf({ ...state, lifecycle: { ...NOT_PROCESSED, ...state.lifecycle } }, asOf);
  }

  putRelease(key: EntryKey, state: ReleaseState, event: EntryEvent): void {
    this.upsert.run({ ...key, entryType: state.entryType, at: event.at, release: JSON.stringify(state) });
    this.history.run({ ...key, ...event, status: state.status });
  }
}
