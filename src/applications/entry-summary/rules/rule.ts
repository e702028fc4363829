import type { Catalog } from '../../../catair/catalog.js';
import type { ReleaseState } from '../../cargo-release/release-store.js';
import { type TxRecord, amount, value } from '../../shared/record.js';
import type { CensusRanges } from '../census-ranges.js';
import type { EntryState } from '../entry-store.js';
import type { EntrySummaryOptions } from '../options.js';
import type { EntrySummaryTx, EsCondition } from '../transaction.js';

/** The block a transaction came in, as far as the rules need it. */
export interface BlockFacts {
  readonly port: string;
  readonly filer: string;
  /** The remote preparer filer when the block is remotely filed (B 56 = "1"). */
  readonly remotePreparerFiler?: string;
}

export interface RuleContext {
  readonly catalog: Catalog;
  readonly block: BlockFacts;
  /** The entry as it stands before this transmission, if on file. */
  readonly existing?: EntryState;
  /** The entry's cargo release on file as it stands at `now`, if any (filed in SE, or certified from a summary). */
  readonly release?: ReleaseState;
  readonly options: EntrySummaryOptions;
  readonly census: CensusRanges;
  readonly now: Date;
}

/** A business rule: looks at one entry summary and returns the conditions it finds. */
export type Rule = (tx: EntrySummaryTx, ctx: RuleContext) => EsCondition[];

const CENTS = 100;

/** An amount in whole cents (blank counts as zero), so that sums compare exactly. */
export const toCents = (n: number | undefined): number => Math.round((n ?? 0) * CENTS);

/** Cents as a trainer reads them in a condition's why: 123456 → "$1,234.56". */
export const dollars = (cents: number): string => `$${(cents / CENTS).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The header record with the given id, if the transaction has one. */
export function headerRecord(tx: EntrySummaryTx, id: string): TxRecord | undefined {
  return tx.headerRecords.find((r) => r.id === id);
}

export const SUMMARY = { kind: 'summary' } as const;
export const TOTALS = { kind: 'totals' } as const;

/** True for add and replace, the actions that carry a whole entry summary. */
export function carriesSummary(tx: EntrySummaryTx): boolean {
  const action = value(tx.header, 'actionCode');
  return action === 'A' || action === 'R';
}
