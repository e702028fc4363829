import type { EsCondition } from '../transaction.js';
import type { Rule } from './rule.js';
import { value } from '../../shared/record.js';

const PAIRS = 7;

/**
 * CW02 Census override records (one per line, up to seven warning/override pairs). Unknown warning
 * and override codes are raised by the layout's code lists (484, 486); this rule adds that a pair
 * with a warning needs its override code (486: the dictionary's "if a warning condition is
 * reported, a warning override code is required", for the pairs whose layout field has no code for
 * a blank), that the override must be allowed for its warning (487, per
 * schemas/codes/census-warnings.yaml) and that a warning is overridden once (488). An override of
 * a warning that did not occur (485) needs the transaction's Census result: see scripting.ts.
 */
export const censusOverrides: Rule = (tx, ctx) => {
  const warnings = ctx.catalog.codes('census-warnings');
  const overrides = ctx.catalog.codes('census-overrides');
  const found: EsCondition[] = [];
  for (const line of tx.lines) {
    for (const record of line.trailers.filter((r) => r.id === 'CW02')) {
      const ref = { kind: 'line', line } as const;
      const seen = new Set<string>();
      for (let i = 1; i <= PAIRS; i++) {
        const warning = value(record, `warning${i}`);
        const override = value(record, `override${i}`);
        if (warning !== '' && override === '' && record.layout?.byName.get(`override${i}`)?.missing === undefined) {
          found.push({ code: '486', ref, record, field: `override${i}` });
        }
        const allowed = warnings.get(warning)?.['overrides'];
        if (!Array.isArray(allowed)) continue;
        if (seen.has(warning)) found.push({ code: '488', ref, record, field: `warning${i}` });
        seen.add(warning);
        if (overrides.has(override) && !allowed.includes(override)) {
          found.push({ code: '487', ref, record, field: `override${i}` });
        }
      }
    }
  }
  return found;
};
