import { SX } from '../conditions.js';
import type { CrCondition } from '../transaction.js';
import { actionOf, listed, on, referencesWith, type Rule, value } from './rule.js';

/**
 * The SE13 cancellation data (SE-42..43): a cancel gives its reason code (M19), reason 12 only for
 * a type 06 weekly entry (M21), and reasons that name a replacing document carry its number in the
 * SE20 their `replacement` names (schemas/codes/cargo-release-cancellation-reasons.yaml; M22).
 * Other actions space fill the reason and the multiple dispositions indicator (M20).
 */
export const cancellation: Rule = (tx, ctx) => {
  const contact = tx.contact;
  if (!contact) return [];
  const reason = value(contact, 'reasonCode');
  if (actionOf(tx) !== 'D') {
    return (['reasonCode', 'multipleDispositions'] as const).filter((f) => value(contact, f) !== '').map((f) => on(SX.cancelDataNotAllowed, contact, f));
  }
  if (reason === '') return [on(SX.reasonMissing, contact, 'reasonCode')];
  const entry = ctx.catalog.codes('cargo-release-cancellation-reasons').get(reason);
  if (!entry) return []; // the layout's M11
  const found: CrCondition[] = [];
  const types = listed(entry, 'entryTypes');
  const release = ctx.release;
  if (types.length > 0 && release && !(types.includes(release.entryType) && release.filed.weeklyEntry)) found.push(on(SX.reason12, contact, 'reasonCode'));
  const replacement = entry['replacement'];
  if (typeof replacement === 'string' && referencesWith(tx, replacement).length === 0) found.push(on(SX.replacementMissing, contact, 'reasonCode'));
  return found;
};

/** The DIS indicator says documents went to DIS for the request: an SE20 DIS names them (SE-43 note 2, SE-55; M23). */
export const disReference: Rule = (tx) => {
  const contact = tx.contact;
  if (!contact || value(contact, 'disIndicator') !== '1' || referencesWith(tx, 'DIS').length > 0) return [];
  return [on(SX.disReference, contact, 'disIndicator')];
};
