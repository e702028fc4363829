import type { EsCondition } from '../transaction.js';
import { carriesSummary, type Rule, SUMMARY } from './rule.js';
import { value } from '../../shared/record.js';

/**
 * An add or replace needs at least one line (400). Line identifiers are unique within the entry
 * (518); ESF-71 note 1 says their order is not enforced. With `lineOrder: ascending` (not the
 * default) they must also go up (M03, an ace-mock code: CBP has none).
 */
export const lineItems: Rule = (tx, ctx) => {
  if (!carriesSummary(tx)) return [];
  if (tx.lines.length === 0) return [{ code: '400', ref: SUMMARY, record: tx.header }];
  const found: EsCondition[] = [];
  const seen = new Set<string>();
  let previous = '';
  for (const line of tx.lines) {
    const id = value(line.record, 'lineNumber');
    if (id === '') continue; // reported as missing by the layout
    const at = { ref: { kind: 'line', line } as const, record: line.record, field: 'lineNumber' };
    if (seen.has(id)) found.push({ code: '518', ...at });
    else if (ctx.options.lineOrder === 'ascending' && previous !== '' && compareLineIds(id, previous) < 0) {
      found.push({ code: 'M03', ...at });
    }
    seen.add(id);
    previous = id;
  }
  return found;
};

/** Line identifiers are 3X: compare numerically when both are numbers, else as text. */
function compareLineIds(a: string, b: string): number {
  return /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a.localeCompare(b);
}
