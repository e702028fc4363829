import type { SessionClockStore } from '../clock/session-clocks.js';
import type { Db } from './database.js';

/** Each moved session clock's offset from real time, in SQLite. */
export class SqliteSessionClockStore implements SessionClockStore {
  private readonly list;
  private readonly upsert;
  private readonly drop;

  constructor(db: Db) {
    this.list = db.prepare<[], { session: string; offsetMs: number }>('SELECT session, offset_ms AS offsetMs FROM session_clocks');
    this.upsert = db.prepare(
      `INSERT INTO session_clocks (session, offset_ms, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (session) DO UPDATE SET offset_ms = excluded.offset_ms, updated_at = excluded.updated_at`,
    );
    this.drop = db.prepare('DELETE FROM session_clocks WHERE session = ?');
  }

  all(): { session: string; offsetMs: number }[] {
    return this.list.all();
  }

  save(session: string, offsetMs: number, at: Date): void {
    this.upsert.run(session, offsetMs, at.toISOString());
  }

  remove(session: string): void {
    this.drop.run(session);
  }
}
