import { SX } from '../conditions.js';
import type { CrCondition } from '../transaction.js';
import { on, type Rule, value } from './rule.js';

const ISF_BOND = ['bondHolder', 'bondActivity', 'bondType', 'countryOfIssuance'] as const;

/**
 * A unified entry/ISF filing (SF records after the entry, SE-28) keeps the three rules of SE-18:
 * the ISF importer is the importer of record, same number (rule 9; M64 on the SF10); the entry is
 * for the full manifested bill quantity, so no SE15 quantity and no split part of a manifested bill
 * (rule 10; M40 on the SE15); one bond covers both, so the SF10 bond fields are blank (rule 11,
 * SE-75 note 5; M65). The ISF's own data is answered in SN, not here (SE-28).
 */
export const unifiedIsf: Rule = (tx) => {
  const isf = tx.isf;
  if (!isf) return [];
  const sf10 = isf.header;
  const found: CrCondition[] = [];
  const sameImporter = value(sf10, 'importerQualifier') === value(tx.header, 'importerType') && value(sf10, 'importerNumber') === value(tx.header, 'importerNumber');
  if (!sameImporter) found.push(on(SX.isfImporter, sf10, 'importerNumber'));
  for (const group of tx.bills) {
    const manifested = group.bills.some((b) => value(b, 'nonAms') !== 'Y');
    for (const bill of group.bills) {
      if (value(bill, 'quantity') !== '' || (manifested && group.conveyances.length > 0 && bill === group.bills.at(-1))) found.push(on(SX.unifiedQuantity, bill, 'quantity'));
    }
  }
  const bond = ISF_BOND.find((f) => value(sf10, f) !== '');
  if (bond) found.push(on(SX.isfBond, sf10, bond));
  return found;
};
