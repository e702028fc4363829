import type { EsCondition } from '../transaction.js';
import { carriesSummary, type Rule, SUMMARY } from './rule.js';
import { amount, value } from '../../shared/record.js';

/** Entry types whose Bond Grouping is M on ESF-134 and whose bond may not be waived (ESF-134 row 10). */
const BOND_NEVER_WAIVED = new Set(['03', '07', '34', '38']);

/** Designations a primary (basic) coverage 31 record may carry: B, and U or E for an STB (ESF-156). */
const PRIMARY_STB_DESIGNATIONS = new Set(['B', 'U', 'E']);

/**
 * The Bond Grouping of an add or replace (ESF-49; usage note i, ESF-156..158):
 * - 119: a summary that needs a bond reports a 31 record. Informal types (11, 12) need none; the
 *   others need one unless the 10 record's Bond Waiver Indicator claims a waiver (ESF-27), which
 *   ESF-134 never allows for 03, 07, 34 and 38.
 * - 269: the 31 records include the primary coverage: designation B, or U or E on a single
 *   transaction bond; a lone A (additional) is not enough. The dictionary's 269 names B only;
 *   ace-mock follows ESF-156, which also lets a substitution or superseding STB be the primary.
 * - 265: a single transaction bond (type 9) reports an amount greater than $0 (ESF-158).
 */
export const bond: Rule = (tx, ctx) => {
  if (!carriesSummary(tx)) return [];
  const type = value(tx.header, 'entryType');
  const bonds = tx.headerRecords.filter((r) => r.id === '31');
  if (bonds.length === 0) {
    const informal = ctx.catalog.codes('entry-types').get(type)?.['informal'] === true;
    const waived = value(tx.header, 'bondWaiver') !== '' && !BOND_NEVER_WAIVED.has(type);
    return informal || waived ? [] : [{ code: '119', ref: SUMMARY, record: tx.header }];
  }
  const found: EsCondition[] = [];
  const primary = bonds.some((r) => {
    const designation = value(r, 'bondDesignation');
    return designation === 'B' || (value(r, 'bondType') === '9' && PRIMARY_STB_DESIGNATIONS.has(designation));
  });
  const designated = bonds.every((r) => value(r, 'bondDesignation') !== ''); // a blank one is 266 (layout)
  if (!primary && designated) found.push({ code: '269', ref: SUMMARY, record: bonds[0], field: 'bondDesignation' });
  for (const r of bonds) {
    if (value(r, 'bondType') !== '9') continue;
    const reported = amount(r, 'bondAmount');
    if (value(r, 'bondAmount') !== '' && reported === undefined) continue; // non-numeric: 123 (layout)
    if ((reported ?? 0) === 0) {
      found.push({ code: '265', ref: SUMMARY, record: r, field: 'bondAmount' });
    }
  }
  return found;
};
