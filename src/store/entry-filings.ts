import type { EntryFilings, FilingEvent } from '../applications/entry-summary-query/filing-store.js';
import type { EntryKey } from '../applications/shared/entry-key.js';
import type { Db } from './database.js';
import type { Journal } from './journal.js';

/**
 * The history rows of accepted Entry Summary filings: an add or replace (action A or R) answered 995
 * or 996. Deletes, Census overrides (CW) and the cargo release a certified summary creates (AE A)
 * have history rows of their own and are not filings of the summary.
 */
const ACCEPTED_FILING = "h.action IN ('A', 'R') AND h.disposition IN ('995', '996')";

/**
 * Read-only queries over the entry history and the journal for the Entry Summary Query: when each
 * summary was filed, and what the filing transmitted. Nothing here writes.
 */
export class SqliteEntryFilings implements EntryFilings {
  private readonly ofEntry;
  private readonly lastIn;

  constructor(
    db: Db,
    private readonly journal: Journal,
  ) {
    this.ofEntry = db.prepare<[string, string, string], FilingEvent>(
      `SELECT h.exchange_id AS exchangeId, h.at FROM entry_history h
       WHERE h.session = ? AND h.filer = ? AND h.entry_number = ? AND ${ACCEPTED_FILING} ORDER BY h.id`,
    );
    // ISO times of one clock compare as text; a summary deleted since is no longer on file.
    this.lastIn = db.prepare<[string, string, string, string], { entryNumber: string; lastFiledAt: string }>(
      `SELECT h.entry_number AS entryNumber, MAX(h.at) AS lastFiledAt
       FROM entry_history h JOIN entries e ON e.session = h.session AND e.filer = h.filer AND e.entry_number = h.entry_number
       WHERE h.session = ? AND h.filer = ? AND e.status = 'accepted' AND ${ACCEPTED_FILING}
       GROUP BY h.entry_number HAVING MAX(h.at) BETWEEN ? AND ?
       ORDER BY lastFiledAt, entryNumber`,
    );
  }

  filings(key: EntryKey): readonly FilingEvent[] {
    return this.ofEntry.all(key.session, key.filer, key.entryNumber);
  }

  lastFiledBetween(session: string, filer: string, from: string, to: string): readonly { entryNumber: string; lastFiledAt: string }[] {
    return this.lastIn.all(session, filer, from, to);
  }

  transmission(exchangeId: string): string | undefined {
    return this.journal.get(exchangeId)?.input.toString('latin1');
  }
}
