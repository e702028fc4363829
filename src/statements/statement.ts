/**
 * What a daily (or periodic daily) statement is made of (CATAIR Daily Statement, April 2025; pages
 * are that document's plain page numbers). Amounts are whole cents, so that totals add up exactly.
 * Days are YYYY-MM-DD. Plain data, so that it can be stored as JSON.
 */

/** A payment type code that puts a summary on a statement: schemas/codes/statement-payment-types.yaml. */
export type StatementPaymentType = '2' | '3' | '5' | '6' | '7' | '8';

/** One fee of a summary: its accounting class (AE Table 6, ESF-217) and amount. */
export interface StatementFee {
  readonly classCode: string;
  readonly cents: number;
}

/** One entry summary as a statement lists it (Q1, Q2 and QA records, p. 10-16). */
export interface StatementEntry {
  /** District/port of entry of the summary (10 record). */
  readonly port: string;
  /** The processing port of the B record the summary came in: the statement's port (p. 7). */
  readonly processingPort: string;
  readonly filer: string;
  /** The 8-character entry number (7 digits and the check digit). */
  readonly entryNumber: string;
  readonly entryType: string;
  /** Importer of record number as filed (11 record, 12 characters trimmed). */
  readonly importer: string;
  /** '' when the filer gave none. */
  readonly brokerReference: string;
  /** The preliminary statement print date the filer chose (10 record). */
  readonly printDate: string;
  readonly paymentType: StatementPaymentType;
  /** '' when the filer uses no client branches. */
  readonly clientBranch: string;
  readonly consolidated: boolean;
  /** Estimated duty, Puerto Rican coffee duty included (p. 10). */
  readonly dutyCents: number;
  readonly taxCents: number;
  readonly taxDeferred: boolean;
  readonly antidumpingCents: number;
  /** False when the antidumping duty is covered by bond: shown, but not due (p. 14). */
  readonly antidumpingDue: boolean;
  readonly countervailingCents: number;
  readonly countervailingDue: boolean;
  /** Interest of a reconciliation summary (Q2 65-72); 0 otherwise. */
  readonly reconciliationInterestCents: number;
  /** The CBP import specialist team assigned (Q2 62-64); '' when none is. */
  readonly teamNumber: string;
  /** At most 25: five QA records of five fees (p. 9, p. 15). */
  readonly fees: readonly StatementFee[];
}

/**
 * What puts summaries on one statement: the processing port, print date, payment type and filer,
 * the importer for importer statements and the client branch (ESF-31; p. 11; B&B-25..26).
 */
export interface StatementGrouping {
  readonly processingPort: string;
  readonly filer: string;
  readonly printDate: string;
  readonly paymentType: StatementPaymentType;
  /** For importer statements (3, 5, 7, 8) the importer of record, without its suffix for 5 and 8; else ''. */
  readonly importer: string;
  readonly clientBranch: string;
}

/** A summary removed from a statement after its preliminary statement (Q7, p. 28-30). */
export interface DeletedEntry {
  readonly entry: StatementEntry;
  /** ABI (by the filer through SU) or CBP: schemas/codes/statement-delete-sources.yaml. */
  readonly source: string;
}

interface StatementBase extends StatementGrouping {
  /** DDFYJJJXXX (p. 8): see statementNumber(). */
  readonly number: string;
  /** The summaries on the statement, each once. */
  readonly entries: readonly StatementEntry[];
}

/**
 * A statement: the preliminary one, sent on its print date, or the final one, sent once it is paid
 * (p. 6). The final one repeats the preliminary totals, deleted summaries included, then gives the
 * final totals of the summaries left, and lists the deleted ones (p. 7).
 */
export type Statement =
  | (StatementBase & { readonly kind: 'preliminary' })
  | (StatementBase & { readonly kind: 'final'; readonly deleted: readonly DeletedEntry[] });
