import type { EntryKey } from '../shared/entry-key.js';

/** An accepted Entry Summary add or replace of an entry: when, and in which journaled exchange. */
export interface FilingEvent {
  readonly exchangeId: string;
  /** ISO time ACE accepted it. */
  readonly at: string;
}

/**
 * The filings behind the entry summary state AE keeps, as an Entry Summary Query reads them (read
 * only): the history of each entry's accepted filings and the journaled transmissions that carried
 * them, whose records are the summary's latest content (ESQ-52). SQLite implements it
 * (src/store/entry-filings.ts).
 */
export interface EntryFilings {
  /** The entry's accepted adds and replaces, oldest first. */
  filings(key: EntryKey): readonly FilingEvent[];
  /**
   * The entries of a session and filer on file whose last accepted add or replace falls from `from`
   * to `to` (ISO times, both included), oldest first (ESQ-26 note 1).
   */
  lastFiledBetween(session: string, filer: string, from: string, to: string): readonly { entryNumber: string; lastFiledAt: string }[];
  /** The text of a journaled transmission, or undefined once the journal no longer keeps it. */
  transmission(exchangeId: string): string | undefined;
}
