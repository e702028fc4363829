import type { Catalog } from '../../catair/catalog.js';
import type { Answer } from '../../scenarios/format.js';
import type { OutstandingWarning } from './entry-store.js';
import { type TxRecord, value } from '../shared/record.js';
import { type EntrySummaryTx, type EsCondition, type Line, type Reference } from './transaction.js';

const OVERRIDE_PAIRS = 7;

/** A CW02 warning/override pair, with the line it belongs to (as transmitted) and where it was. */
export interface CensusOverride {
  readonly line: string;
  readonly warning: string;
  readonly override: string;
  readonly at: { readonly line: Line; readonly record: TxRecord; readonly field: string };
}

/** Every CW02 warning/override pair of the transaction. */
export function censusOverrides(tx: EntrySummaryTx): CensusOverride[] {
  const out: CensusOverride[] = [];
  for (const line of tx.lines) {
    const lineNumber = value(line.record, 'lineNumber');
    for (const record of line.trailers.filter((r) => r.id === 'CW02')) {
      for (let i = 1; i <= OVERRIDE_PAIRS; i++) {
        const warning = value(record, `warning${i}`);
        const field = `warning${i}`;
        if (warning !== '') out.push({ line: lineNumber, warning, override: value(record, `override${i}`), at: { line, record, field } });
      }
    }
  }
  return out;
}

/**
 * 485 for each CW02 pair whose warning did not occur on its line in this transaction (dictionary
 * 485: the override names a warning "not one that has occurred during processing"). ace-mock
 * raises Census warnings only where it checks for them, so an override counts as unmatched only
 * where `evaluated` says the warning was looked for; elsewhere CBP might have raised it and
 * ace-mock cannot tell. Codes unknown to Table 10 are 484 already.
 */
export function unmatchedOverrides(
  raised: readonly EsCondition[],
  overrides: readonly CensusOverride[],
  catalog: Catalog,
  evaluated: (line: Line, warning: string) => boolean,
): EsCondition[] {
  const warnings = catalog.codes('census-warnings');
  return overrides
    .filter((o) => warnings.has(o.warning) && evaluated(o.at.line, o.warning))
    .filter((o) => !raised.some((c) => c.code === o.warning && lineOf(c) === o.line))
    .map((o) => ({ code: '485', ref: { kind: 'line', line: o.at.line }, record: o.at.record, field: o.at.field }));
}

function reference(tx: EntrySummaryTx, at: Answer['conditions'][number]['at']): Reference {
  if (at === 'summary') return { kind: 'summary' };
  if (at === 'totals') return { kind: 'totals' };
  const line = tx.lines[at.line - 1];
  if (!line) return { kind: 'summary' };
  const tariff = at.tariff === undefined ? undefined : line.tariffs[at.tariff - 1];
  return tariff ? { kind: 'tariff', line, tariff } : { kind: 'line', line };
}

/** The conditions a scenario step adds: its listed conditions and its Census warnings (severity W). */
export function scriptedConditions(tx: EntrySummaryTx, answer: Answer): EsCondition[] {
  const listed: EsCondition[] = answer.conditions.map((c) => ({
    code: c.code,
    ref: reference(tx, c.at),
    ...(c.narrative !== undefined && { narrative: c.narrative }),
    ...(c.severity !== undefined && { severity: c.severity }),
  }));
  const census: EsCondition[] = answer.census.map((w) => ({ code: w.warning, ref: reference(tx, { line: w.line }), severity: 'W' }));
  return [...listed, ...census];
}

/** The line number (as transmitted) a condition points at, if it points at a line or tariff. */
function lineOf(c: EsCondition): string | undefined {
  return c.ref.kind === 'line' || c.ref.kind === 'tariff' ? value(c.ref.line.record, 'lineNumber') : undefined;
}

/**
 * Drops the Census warnings the transaction overrides (a CW02 pair for the same warning on the same
 * line whose override code is allowed) and returns those that remain outstanding.
 */
export function applyOverrides(
  conditions: readonly EsCondition[],
  overrides: readonly CensusOverride[],
  catalog: Catalog,
): { conditions: EsCondition[]; outstanding: OutstandingWarning[] } {
  const warnings = catalog.codes('census-warnings');
  const kept: EsCondition[] = [];
  const outstanding: OutstandingWarning[] = [];
  for (const c of conditions) {
    const allowed = warnings.get(c.code)?.['overrides'];
    const line = lineOf(c);
    if (!Array.isArray(allowed) || line === undefined) {
      kept.push(c);
      continue;
    }
    const overridden = overrides.some((o) => o.line === line && o.warning === c.code && allowed.includes(o.override));
    if (!overridden) {
      kept.push(c);
      // The built-in check and a scenario may raise the same warning on a line: it is outstanding once.
      if (!outstanding.some((w) => w.line === line && w.code === c.code)) outstanding.push({ line, code: c.code });
    }
  }
  return { conditions: kept, outstanding };
}
