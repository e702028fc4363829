import type { Catalog } from '../../catair/catalog.js';
import type { EntryState, OutstandingWarning } from '../entry-summary/entry-store.js';
import { value } from '../shared/record.js';
import { CO } from './conditions.js';
import type { OverridePair, OverrideTx, PairDisposition } from './transaction.js';

const LINE_NUMBER = /^\d{3}$/;

/**
 * Every pair of the request's CW02 records, in order. Pair 1 is mandatory, so it is judged even when
 * blank (it then gets 484); a later pair counts only when it carries a warning or an override code.
 */
export function overridePairs(tx: OverrideTx): OverridePair[] {
  const pairs: OverridePair[] = [];
  for (const record of tx.lines) {
    const line = value(record, 'lineNumber');
    // As many pairs as the CW02 layout has warningN fields (seven).
    for (let index = 1; record.layout?.byName.has(`warning${index}`); index++) {
      const warning = value(record, `warning${index}`);
      const override = value(record, `override${index}`);
      if (index === 1 || warning !== '' || override !== '') pairs.push({ record, index, line, warning, override });
    }
  }
  return pairs;
}

/**
 * The entry a request may override, or why no pair of it can be applied: the CW01 filer is not the
 * block's processing filer (C03, checked first so another filer's entries are never looked at), the
 * entry is not on file (C02: never filed, or only rejected, which ace-mock does not store), deleted
 * (C04), or liquidated by a scenario (B30, "ENTRY SUMMARY HAS BEEN LIQUIDATED", which CBP returns
 * once liquidation is scheduled).
 */
export function checkEntry(
  tx: OverrideTx,
  blockFiler: string,
  lookUp: () => EntryState | undefined,
): { readonly state: EntryState } | { readonly code: string; readonly field: string } {
  if (value(tx.header, 'entryFiler') !== blockFiler) return { code: CO.otherFiler, field: 'entryFiler' };
  const state = lookUp();
  if (!state) return { code: CO.entryNotFound, field: 'entryNumber' };
  if (state.status !== 'accepted') return { code: CO.notAccepted, field: 'entryNumber' };
  if (state.liquidated) return { code: CO.liquidated, field: 'entryNumber' };
  return { state };
}

/** A pair answered C01, its override applied. */
export function acceptPair(pair: OverridePair): PairDisposition {
  return { pair, code: CO.accepted, field: `override${pair.index}` };
}

/**
 * Judges each pair against the Census code lists and the entry's outstanding warnings, in this
 * order: line id not three digits (C05), warning code unknown (484), warning repeated in the same
 * CW02 (488), override code unknown or missing (486), override not allowed for the warning (487),
 * warning not outstanding on that line (485; ace-mock only knows an entry's lines through its
 * warnings, so a well-formed line without one is 485, not C05), else accepted (C01). The code
 * checks come before the outstanding-warning check, as the reference tables do not depend on the
 * entry.
 */
export function judgePairs(pairs: readonly OverridePair[], outstanding: readonly OutstandingWarning[], catalog: Catalog): PairDisposition[] {
  const warnings = catalog.codes('census-warnings');
  const overrides = catalog.codes('census-overrides');
  let remaining = [...outstanding];
  // Warnings already met in each CW02, keyed by the record's position in the transmission.
  const seen = new Map<number, Set<string>>();
  return pairs.map((pair): PairDisposition => {
    const judged = (code: string, field: string): PairDisposition => ({ pair, code, field });
    const warningField = `warning${pair.index}`;
    const overrideField = `override${pair.index}`;
    if (!LINE_NUMBER.test(pair.line)) return judged(CO.lineUnknown, 'lineNumber');
    const allowed = warnings.get(pair.warning)?.['overrides'];
    if (!Array.isArray(allowed)) return judged(CO.warningUnknown, warningField);
    const inRecord = seen.get(pair.record.position) ?? new Set<string>();
    seen.set(pair.record.position, inRecord);
    if (inRecord.has(pair.warning)) return judged(CO.duplicateWarning, warningField);
    inRecord.add(pair.warning);
    if (!overrides.has(pair.override)) return judged(CO.overrideUnknown, overrideField);
    if (!allowed.includes(pair.override)) return judged(CO.overrideNotAllowed, overrideField);
    const overridden = (w: OutstandingWarning) => w.line === pair.line && w.code === pair.warning;
    if (!remaining.some(overridden)) return judged(CO.warningNotOutstanding, warningField);
    // A warning raised twice on a line (built-in check and scenario alike) is still one warning.
    remaining = remaining.filter((w) => !overridden(w));
    return acceptPair(pair);
  });
}

/** The warnings still outstanding once the accepted pairs are applied (a warning raised twice on a line goes at once). */
export function remainingAfter(outstanding: readonly OutstandingWarning[], dispositions: readonly PairDisposition[]): OutstandingWarning[] {
  const accepted = dispositions.filter(isAccepted);
  return outstanding.filter((w) => !accepted.some((d) => d.pair.line === w.line && d.pair.warning === w.code));
}

/** CargoWise and CBP alike count a pair as overridden exactly when its condition is C01. */
export function isAccepted(d: PairDisposition): boolean {
  return d.code === CO.accepted;
}
