import type { EsCondition } from '../transaction.js';
import { type Rule, value } from './rule.js';

const PAIRS = 7;

/**
 * CW02 Census override records (one per line, up to seven warning/override pairs): the warning code
 * must be a known Census condition (484), the override code known (486) and allowed for that
 * warning (487), and a warning may be overridden once (488). Allowed codes per warning live in
 * schemas/codes/census-warnings.yaml.
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
        if (warning === '' && override === '') continue;
        const at = { ref, record, field: `warning${i}` };
        const known = warnings.get(warning);
        if (!known) {
          found.push({ code: '484', ...at });
          continue;
        }
        if (seen.has(warning)) found.push({ code: '488', ...at });
        seen.add(warning);
        if (!overrides.has(override)) found.push({ code: '486', ref, record, field: `override${i}` });
        else if (!(known['overrides'] as string[] | undefined)?.includes(override)) {
          found.push({ code: '487', ref, record, field: `override${i}` });
        }
      }
    }
  }
  return found;
};
