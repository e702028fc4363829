import { isValidEntryNumber } from '../../../catair/check-digit.js';
import { SX } from '../conditions.js';
import type { CrCondition } from '../transaction.js';
import { entryTypeOf, isFiling, on, type Rule, typeRules, value } from './rule.js';

/**
 * Warehouse entries (SE-35 note 9, SE-36 note 10, SE-39 notes 2 and 3): types 21 and 22 name the
 * bonded warehouse's FIRMS code in SE11 (M59), which no other type gives (142, a FIRMS code the entry
 * type cannot use); type 22 names the originating warehouse entry, its filer and a valid entry
 * number, which no other type gives (M60). Whether the FIRMS code is a type 04 facility of the port,
 * active, or the originating entry is under five years old, is CBP's data, not the filing's.
 */
export const warehouse: Rule = (tx, ctx) => {
  if (!isFiling(tx)) return [];
  const rules = typeRules(ctx, entryTypeOf(tx));
  const se11 = tx.additional;
  const firms = se11 ? value(se11, 'bondedWarehouse') : '';
  const filer = se11 ? value(se11, 'originatingFiler') : '';
  const number = se11 ? value(se11, 'originatingEntryNumber') : '';
  const found: CrCondition[] = [];
  if (rules['bondedWarehouse'] === true && firms === '') found.push(on(SX.bondedWarehouse, se11 ?? tx.header, se11 ? 'bondedWarehouse' : 'entryType'));
  if (rules['bondedWarehouse'] !== true && firms !== '' && se11) found.push(on(SX.firmsIneligible, se11, 'bondedWarehouse'));
  if (rules['originatingEntry'] === true) {
    if (!isValidEntryNumber(filer, number)) found.push(on(SX.originatingEntry, se11 ?? tx.header, se11 ? 'originatingEntryNumber' : 'entryType'));
  } else if ((filer !== '' || number !== '') && se11) found.push(on(SX.originatingEntry, se11, filer !== '' ? 'originatingFiler' : 'originatingEntryNumber'));
  return found;
};
