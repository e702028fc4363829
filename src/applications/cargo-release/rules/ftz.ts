import { isDate } from '../../../catair/record.js';
import { SX } from '../conditions.js';
import type { CrCondition } from '../transaction.js';
import { entryTypeOf, isFiling, on, type Rule, typeRules, value } from './rule.js';
import { DAY_MS } from '../../../clock/duration.js';

/** A weekly entry's elected date may be up to 7 calendar days after the filing (SE-39 note 1). */
const WEEKLY_DAYS_AHEAD = 7;

/**
 * The FTZ line records (SE-63..64, SE-72): an SE41 on every line of a type 06 entry (M14), on no
 * other type, and an SE61 only on a type 06 line in privileged foreign status (M55); the zone
 * status P or N (ftz-zone-statuses `consumption`), a privileged filing date only with P, a
 * quantity above zero (M56).
 */
export const ftzLines: Rule = (tx, ctx) => {
  if (!isFiling(tx)) return [];
  const ftz = typeRules(ctx, entryTypeOf(tx))['ftz'] === true;
  const statuses = ctx.catalog.codes('ftz-zone-statuses');
  const found: CrCondition[] = [];
  for (const line of tx.lines) {
    const status = line.ftz ? value(line.ftz, 'zoneStatus') : '';
    if (ftz && !line.ftz) found.push(on(SX.recordMissing, line.record));
    if (!ftz && line.ftz) found.push(on(SX.ftzOnly06, line.ftz));
    if (ftz && line.ftz) {
      if (statuses.get(status)?.['consumption'] === false) found.push(on(SX.zoneStatus, line.ftz, 'zoneStatus'));
      if (status === 'N' && value(line.ftz, 'privilegedFilingDate') !== '') found.push(on(SX.zoneStatus, line.ftz, 'privilegedFilingDate'));
      if (value(line.ftz, 'quantity') !== '' && Number(value(line.ftz, 'quantity')) === 0) found.push(on(SX.zoneStatus, line.ftz, 'quantity'));
    }
    for (const tariff of line.tariffs) {
      if (tariff.ftz && !(ftz && status === 'P')) found.push(on(SX.ftzOnly06, tariff.ftz));
    }
  }
  return found;
};

/**
 * A type 06 entry's SE11 (SE-40 notes 4, 6, 7): the zone site's FIRMS code as location of goods,
 * the zone id (entry type rules `zoneId`) in the conveyance field, and no voyage (M57).
 */
export const ftzSite: Rule = (tx, ctx) => {
  if (!isFiling(tx)) return [];
  const zoneId = typeRules(ctx, entryTypeOf(tx))['zoneId'];
  if (typeof zoneId !== 'string') return [];
  const se11 = tx.additional;
  if (!se11) return [on(SX.zoneSite, tx.header, 'entryType')];
  const found: CrCondition[] = [];
  if (value(se11, 'locationOfGoods') === '') found.push(on(SX.zoneSite, se11, 'locationOfGoods'));
  if (!new RegExp(zoneId).test(value(se11, 'conveyanceOrFtz'))) found.push(on(SX.zoneSite, se11, 'conveyanceOrFtz'));
  if (value(se11, 'voyage') !== '') found.push(on(SX.zoneSite, se11, 'voyage'));
  return found;
};

/**
 * The weekly entry election (SE-37, SE-39 note 1; M58): W only on a type 06, always with the
 * elected date, which is a real date from the day of filing to 7 days after; no date without W.
 */
export const weeklyEntry: Rule = (tx, ctx) => {
  const se11 = tx.additional;
  if (!isFiling(tx) || !se11) return [];
  const election = value(se11, 'entryDateElection');
  const date = value(se11, 'electedEntryDate');
  if (election === '' && date === '') return [];
  if (election === '') return [on(SX.weeklyEntry, se11, 'electedEntryDate')];
  if (typeRules(ctx, entryTypeOf(tx))['ftz'] !== true) return [on(SX.weeklyEntry, se11, 'entryDateElection')];
  return date === '' || !isDate(date) || !withinWeek(date, ctx.now) ? [on(SX.weeklyEntry, se11, 'electedEntryDate')] : [];
};

/** MMDDYY from today (UTC) to 7 days ahead; years 00-99 read as 2000-2099. */
function withinWeek(mmddyy: string, now: Date): boolean {
  const day = Date.UTC(2000 + Number(mmddyy.slice(4, 6)), Number(mmddyy.slice(0, 2)) - 1, Number(mmddyy.slice(2, 4)));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const ahead = (day - today) / DAY_MS;
  return ahead >= 0 && ahead <= WEEKLY_DAYS_AHEAD;
}
