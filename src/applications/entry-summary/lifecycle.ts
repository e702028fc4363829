import type { EntryState } from './entry-store.js';

const MAJOR = 100;

/**
 * In trade control: accepted, and not yet taken over by CBP (not on a statement, not paid, not
 * scheduled for liquidation nor liquidated, not under review, liquidation neither extended nor
 * suspended, no duty added by CBP, no TIB close date set, no PSC). A rejected add or replace of
 * such a summary deletes it (ESF-210 (c), the "implicit delete").
 */
export function inTradeControl(state: EntryState): boolean {
  const l = state.lifecycle;
  return (
    state.status === 'accepted' &&
    l.statement !== 'on' &&
    !l.paid &&
    !l.liquidationScheduled &&
    !state.liquidated &&
    !state.underReview &&
    l.suspension === undefined &&
    !l.additionalDuty &&
    l.tibCloseDate === undefined &&
    !state.pscOnFile
  );
}

/**
 * The version number of an accepted add or replace (ESF-205 note 5): 00100 when first accepted, and
 * unchanged by the filer's adds and replaces until the summary is on a statement; the major part
 * goes up by one (minor part back to 00) when the filer replaces it after CBP rejected it or took it
 * off a statement.
 * A post-summary correction also takes the next major version: note 5 does not name PSCs; ace-mock
 * counts one as a filer replacement of a summary CBP has accepted and paid (ESF-183: a PSC is a
 * full replacement after CBP's acceptance), like a replacement after a CBP rejection.
 */
export function nextVersion(onFile: EntryState | undefined, psc: boolean): number {
  if (!onFile) return MAJOR;
  const reopened = onFile.lifecycle.statement === 'removed' || onFile.lifecycle.cbpRejected;
  return psc || reopened ? (Math.floor(onFile.version / MAJOR) + 1) * MAJOR : onFile.version;
}

/**
 * Why a conventional (non-PSC) add, replace or delete of a summary on file is refused, if it is:
 * - B54 once a PSC has been accepted (ESF-183; the dictionary's B54 says any conventional AE);
 * - B30 once scheduled for liquidation or liquidated (dictionary B30);
 * - B29 while on a statement, paid or under CBP review (dictionary B29; ESF-132: a summary CBP has
 *   accepted may be replaced only after CBP rejected it, and never deleted).
 */
export function conventionalFilingRefusal(onFile: EntryState, action: string): string | undefined {
  const l = onFile.lifecycle;
  if (onFile.pscOnFile) return 'B54';
  if (l.liquidationScheduled || onFile.liquidated) return 'B30';
  if (l.cbpRejected && action !== 'D') return undefined;
  if (l.statement === 'on' || l.paid || onFile.underReview) return 'B29';
  return undefined;
}
