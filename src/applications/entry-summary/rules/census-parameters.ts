import type { CensusRanges, UnitValueRange } from '../census-ranges.js';
import type { EsCondition, Line, Tariff } from '../transaction.js';
import type { Rule } from './rule.js';
import { amount, value } from '../../shared/record.js';

/** The warnings the unit-value check raises. */
export const UNIT_VALUE_WARNINGS = ['27C', '27D'] as const;

/**
 * Census parameter checks that run without a scenario: value / quantity 1 of each tariff against
 * the unit-value range for its HTS number and unit of measure (schemas/census/unit-values.yaml):
 * 27C below the range, 27D above. Both are warnings (severity W): the entry is still accepted,
 * and a CW02 override on the line clears them.
 */
export const censusParameters: Rule = (tx, ctx) => {
  const found: EsCondition[] = [];
  for (const line of tx.lines) {
    for (const { tariff, range, unitValue } of unitValues(line, ctx.census)) {
      const ref = { kind: 'tariff', line, tariff } as const;
      if (unitValue < range.min) found.push({ code: '27C', ref, record: tariff.record, field: 'value' });
      else if (unitValue > range.max) found.push({ code: '27D', ref, record: tariff.record, field: 'value' });
    }
  }
  return found;
};

/** True when the unit-value check looks at the line: one of its tariffs has a range and a quantity. */
export function unitValueChecked(line: Line, census: CensusRanges): boolean {
  return unitValues(line, census).length > 0;
}

function unitValues(line: Line, census: CensusRanges): { tariff: Tariff; range: UnitValueRange; unitValue: number }[] {
  const out = [];
  for (const tariff of line.tariffs) {
    const range = census.find(value(tariff.record, 'hts'), value(tariff.record, 'uom1'));
    const quantity = amount(tariff.record, 'quantity1');
    const worth = amount(tariff.record, 'value');
    if (range && quantity && worth !== undefined) out.push({ tariff, range, unitValue: worth / quantity });
  }
  return out;
}
