import type { EsCondition } from '../transaction.js';
import { carriesSummary, type Rule } from './rule.js';
import { value } from '../../shared/record.js';

/** HTS chapters the dictionary exempts from 439 (chapter 98 and, bar a few, chapter 99). */
const EXEMPT_CHAPTERS = new Set(['98', '99']);

/**
 * Every 50 record of an add or replace reports Unit of Measure Code (1) (ESF-89, ESF-133 d); a
 * blank one is 439 QUANTITY/UOM(S) MISSING. The dictionary's 439 does not apply to chapter 98 and
 * most chapter 99 numbers; ace-mock exempts both chapters whole, as it has no tariff file to tell
 * the few chapter 99 numbers that need a quantity. This is why the 50 layout gives uom1 as C.
 */
export const quantityUom: Rule = (tx) => {
  if (!carriesSummary(tx)) return [];
  const found: EsCondition[] = [];
  for (const line of tx.lines) {
    for (const tariff of line.tariffs) {
      const hts = value(tariff.record, 'hts');
      if (hts === '' || EXEMPT_CHAPTERS.has(hts.slice(0, 2))) continue; // a blank HTS is 432 (layout)
      if (value(tariff.record, 'uom1') !== '') continue;
      found.push({ code: '439', ref: { kind: 'tariff', line, tariff }, record: tariff.record, field: 'uom1' });
    }
  }
  return found;
};
