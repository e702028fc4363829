import { SX } from '../conditions.js';
import type { CrCondition } from '../transaction.js';
import { actionOf, entryTypeOf, on, type Rule, typeRules, value } from './rule.js';

/**
 * The immediate delivery request (SE11 position 80; SE-41 notes 8 and 9): not on warehouse types,
 * only with a bond, before release, and only while the entry summary is not yet on file (the entry
 * comes first, then the summary) (M61); once the goods are released or the summary is on file, a
 * request on file cannot be taken back by a replace or update (M62).
 */
export const immediateDelivery: Rule = (tx, ctx) => {
  const action = actionOf(tx);
  if (!['A', 'R', 'U'].includes(action)) return [];
  const se11 = tx.additional;
  const asked = se11 !== undefined && value(se11, 'immediateDelivery') === 'Y';
  const release = ctx.release;
  const found: CrCondition[] = [];
  if (asked && se11) {
    const refused =
      typeRules(ctx, entryTypeOf(tx))['immediateDelivery'] === false ||
      value(tx.header, 'bondType') === '0' ||
      release?.lifecycle.releasedAt !== undefined ||
      (ctx.summaryOnFile && !release?.filed.immediateDelivery);
    if (refused) found.push(on(SX.immediateDelivery, se11, 'immediateDelivery'));
  }
  // An update without an SE11 leaves the SE11 data on file as it was.
  const restates = action === 'R' || se11 !== undefined;
  if (!asked && restates && release?.filed.immediateDelivery && (release.lifecycle.releasedAt !== undefined || ctx.summaryOnFile)) {
    found.push(on(SX.immediateDeliveryKept, se11 ?? tx.header, se11 ? 'immediateDelivery' : 'actionCode'));
  }
  return found;
};
