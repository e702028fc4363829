import type { EsCondition } from '../transaction.js';
import { type Rule, SUMMARY, value } from './rule.js';

/**
 * The action code against the entry's state.
 * - D of an entry not on file (never filed, or already deleted): B25. A delete carries only its
 *   10 record; anything more is B24.
 * - A of an entry on file with another broker reference: B35 (CBP's "re-add").
 * - A or R that is not a PSC, on an entry with an accepted PSC: B54.
 * - With `actionPolicy: strict`, also: A of an entry on file (M01), R of one not on file (M02).
 */
export const actionAgainstState: Rule = (tx, ctx) => {
  const action = value(tx.header, 'actionCode');
  const at = { ref: SUMMARY, record: tx.header, field: 'actionCode' };
  const onFile = ctx.existing?.status === 'accepted' ? ctx.existing : undefined;
  const psc = value(tx.header, 'pscIndicator') === 'Y';
  const found: EsCondition[] = [];
  if (action === 'D') {
    if (!onFile) found.push({ code: 'B25', ...at });
    if (tx.headerRecords.length > 0 || tx.lines.length > 0 || tx.totals.length > 0 || tx.trailer) {
      found.push({ code: 'B24', ...at });
    }
    return found;
  }
  if (action !== 'A' && action !== 'R') return found;
  if (onFile && action === 'A' && ctx.options.actionPolicy === 'strict') found.push({ code: 'M01', ...at });
  if (!onFile && action === 'R' && !psc && ctx.options.actionPolicy === 'strict') found.push({ code: 'M02', ...at });
  if (onFile && action === 'A' && onFile.brokerReference !== value(tx.header, 'brokerReference')) {
    found.push({ code: 'B35', ref: SUMMARY, record: tx.header, field: 'brokerReference' });
  }
  if (onFile?.pscOnFile && !psc) found.push({ code: 'B54', ...at });
  return found;
};
