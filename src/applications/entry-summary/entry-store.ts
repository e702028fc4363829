/** What ace-mock remembers of an entry summary between transmissions. */
export interface EntryState {
  readonly status: 'accepted' | 'deleted';
  /** Version number as CBP counts it: 100 for the first accepted version, +100 per accepted replace. */
  readonly version: number;
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
}

export interface OutstandingWarning {
  /** Line number as transmitted (40 record 5-7). */
  readonly line: string;
  readonly code: string;
}

export interface EntryKey {
  readonly session: string;
  readonly filer: string;
  readonly entryNumber: string;
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
