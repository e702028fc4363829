import type { Catalog } from '../../../catair/catalog.js';
import type { CodeEntry } from '../../../catair/code-lists.js';
import { amount, value } from '../../shared/record.js';
import type { ReleaseState } from '../release-store.js';
import type { CargoReleaseTx, CrCondition, TxRecord } from '../transaction.js';

export interface RuleContext {
  readonly catalog: Catalog;
  /** The processing filer of the block (B record 8-10). */
  readonly blockFiler: string;
  /** The entry's cargo release as it stands at `now` (the SO notices due by then applied, release-as-of.ts), if on file. */
  readonly release?: ReleaseState;
  /** Whether the entry's summary (AE) is on file, accepted (SE-33, SE-41 note 9). */
  readonly summaryOnFile: boolean;
  readonly now: Date;
}

/** A business rule: looks at one cargo release transaction and returns the conditions it finds. */
export type Rule = (tx: CargoReleaseTx, ctx: RuleContext) => CrCondition[];

export { amount, value };

/** The SE10 action code: A add, R replace, D cancel, U update (SE-32 note 1). */
export const actionOf = (tx: CargoReleaseTx): string => value(tx.header, 'actionCode');

/** Add and replace carry the whole filing (SE-22); their content rules apply to them alone. */
export const isFiling = (tx: CargoReleaseTx): boolean => ['A', 'R'].includes(actionOf(tx));

/** Add, replace and update carry bills (SE-22, SE-25). */
export const carriesBills = (tx: CargoReleaseTx): boolean => ['A', 'R', 'U'].includes(actionOf(tx));

export const entryTypeOf = (tx: CargoReleaseTx): string => value(tx.header, 'entryType');

/** What the entry type asks of a filing (schemas/codes/cargo-release-entry-type-rules.yaml); {} for a type cargo release does not take. */
export function typeRules(ctx: RuleContext, type: string): Partial<CodeEntry> {
  return ctx.catalog.codes('cargo-release-entry-type-rules').get(type) ?? {};
}

/** An attribute of a code list entry that lists codes, [] when absent. */
export function listed(entry: Partial<CodeEntry> | undefined, attribute: string): readonly string[] {
  const v = entry?.[attribute];
  return Array.isArray(v) ? v : [];
}

/** A condition on a record (and field). */
export const on = (code: string, record: TxRecord, field?: string): CrCondition => ({ code, record, ...(field !== undefined && { field }) });

/** The SE20 records with the given qualifier. */
export const referencesWith = (tx: CargoReleaseTx, qualifier: string): TxRecord[] => tx.references.filter((r) => value(r, 'qualifier') === qualifier);

/** Whether the transaction carries PGA data (OI and PG records after an SE60, PG-13). */
export const hasPga = (tx: CargoReleaseTx): boolean => tx.lines.some((l) => l.tariffs.some((t) => t.pga.length > 0));
