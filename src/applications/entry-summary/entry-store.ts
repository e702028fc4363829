import type { LiquidationAmounts } from '../../liquidation/courtesy-notice.js';
import type { StatementEntry } from '../../statements/statement.js';
import type { EntryKey } from '../shared/entry-key.js';

/** What ace-mock remembers of an entry summary between transmissions. */
export interface EntryState {
  readonly status: 'accepted' | 'deleted';
  /**
   * Version number as CBP counts it (ESF-205 note 5): 100 (00100) for the first accepted version;
   * the major part (hundreds) goes up only when the filer replaces the summary after CBP rejected it
   * or took it off a statement (see lifecycle.ts); the minor part is CBP's own edits.
   */
  readonly version: number;
  /** Broker reference of the initial filing: a re-add (action A) must repeat it (ESF-132, B35). */
  readonly brokerReference: string;
  readonly entryType: string;
  /** True once a post-summary correction has been accepted. */
  readonly pscOnFile: boolean;
  readonly firstAcceptedAt: string;
  /** Census warnings raised and not yet overridden. */
  readonly warnings: readonly OutstandingWarning[];
  /** Set by scenarios: a liquidated entry or one under CBP review refuses post-summary corrections. */
  readonly liquidated: boolean;
  readonly underReview: boolean;
  readonly filed: FiledSummary;
  readonly lifecycle: Lifecycle;
}

/** Facts of the last accepted version that later filings are checked against. */
export interface FiledSummary {
  /** 10 record port of entry: a PSC must repeat it (ESF-184, B44). */
  readonly port: string;
  /** 11 record importer of record number: a PSC must repeat it (ESF-184, 286). */
  readonly importer: string;
  /** The entry date B48 counts from, YYYY-MM-DD (see filed.ts). */
  readonly entryDate: string;
  /** Accepted with a reconciliation flag or issue code (10 record 46, 47-49): no PSC (B52). */
  readonly reconciliation: boolean;
  /** The header data elements a PSC may change, in one comparable text (283). */
  readonly header: string;
}

/**
 * Where the summary stands on CBP's side. Payment, statements and liquidation come with the
 * payment lifecycle; until then only scenarios set these, and a summary just accepted is in trade
 * control: not on a statement, not paid, not scheduled for liquidation.
 */
export interface Lifecycle {
  /** Paid in (accounted for as a collection): a PSC needs it (ESF-183, B47). */
  readonly paid: boolean;
  /** Scheduled for liquidation: a PSC needs it (ESF-183, B45). */
  readonly liquidationScheduled: boolean;
  /** Liquidation date, YYYY-MM-DD, when known (B50, B51). */
  readonly liquidationDate?: string;
  /** `on` a statement; `removed` from one and not yet replaced (ESF-205 note 5, B29). */
  readonly statement: 'none' | 'on' | 'removed';
  /** Rejected by CBP after acceptance, waiting for the filer's replacement (ESF-132, ESF-205 note 5). */
  readonly cbpRejected: boolean;
  /**
   * Why CBP extended or suspended liquidation, when it did: an Extension/Suspension Status Code
   * (ESQ-31, schemas/codes/extension-suspension-statuses.yaml). A suspension other than AD/CVD
   * refuses a PSC (B60).
   */
  readonly suspension?: string;
  /** Close date of a type 23 (TIB) summary, YYYY-MM-DD, once CBP has set one: a PSC from that day is B69. */
  readonly tibCloseDate?: string;
  /** CBP added a non-standard duty to the summary, e.g. marking duty: no PSC (B71). */
  readonly additionalDuty: boolean;
  /** The 10 record's payment type: 1 single pay, 2 3 5 daily and 6 7 8 periodic daily statement (Daily Statement p. 6); '' none given. */
  readonly paymentType?: string;
  /** What a statement lists of the summary, when it is to be paid on one (Daily Statement pp. 10-16). */
  readonly statementEntry?: StatementEntry;
  /** Which statement it goes on: summaries with equal keys share one (statementGrouping, as JSON). */
  readonly statementKey?: string;
  /** The daily statement listing it (DDFYJJJXXX, Daily Statement p. 8), once printed. */
  readonly statementNumber?: string;
  /** Days of its life on CBP's side, YYYY-MM-DD by the session's clock. */
  readonly statementPrintedOn?: string;
  readonly paidOn?: string;
  readonly liquidatedOn?: string;
  /** What the summary declares it owes (90 record), what a courtesy notice of liquidation reports. */
  readonly amounts?: LiquidationAmounts;
  /** Where its unsolicited messages (statements, notices) go: the filing's door and addressee. */
  readonly addressee?: Addressee;
}

/** The transmission an entry's unsolicited messages answer to: its door, batch addressee and block header. */
export interface Addressee {
  readonly transport: string;
  readonly exchangeId: string;
  /** The B record of the filing's block: the messages' B and Y are built from it. */
  readonly blockHeader: string;
  readonly site?: string;
  readonly sender?: string;
}

export const TRADE_CONTROL: Lifecycle = { paid: false, liquidationScheduled: false, statement: 'none', cbpRejected: false, additionalDuty: false };

export interface OutstandingWarning {
  /** Line number as transmitted (40 record 5-7). */
  readonly line: string;
  readonly code: string;
}

export interface EntryEvent {
  readonly exchangeId: string;
  readonly action: string;
  readonly disposition: string;
  readonly at: string;
}

/** The entry-state port the Entry Summary application needs; the SQLite store implements it. */
export interface EntryStore {
  get(key: EntryKey): EntryState | undefined;
  put(key: EntryKey, state: EntryState, event: EntryEvent): void;
}

/** An entry of a session found by a search, with its state. */
export interface FoundEntry {
  readonly filer: string;
  readonly entryNumber: string;
  readonly state: EntryState;
}

/** The searches statements need: who is waiting for a statement, who is on one. */
export interface StatementListing {
  /** Accepted summaries with this statement key not yet on a statement nor paid, by filer and entry number. */
  awaitingStatement(session: string, statementKey: string): FoundEntry[];
  /** Accepted summaries listed on this statement (number), by filer and entry number. */
  onStatement(session: string, statementNumber: string): FoundEntry[];
  /** How many statements of the session have numbers starting so (district, fiscal year, day: DDFYJJJ). */
  statementsNumbered(session: string, prefix: string): number;
}
