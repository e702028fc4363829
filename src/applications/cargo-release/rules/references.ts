import { isValidEntryNumber } from '../../../catair/check-digit.js';
import { isDate } from '../../../catair/record.js';
import { SX } from '../conditions.js';
import type { CrCondition, TxRecord } from '../transaction.js';
import { entryTypeOf, isFiling, listed, on, referencesWith, type Rule, typeRules, value } from './rule.js';

/** Each SE20 reference has the form its qualifier asks for (SE-54..55; schemas/codes/se-reference-qualifiers.yaml; M24). */
export const referenceForms: Rule = (tx, ctx) => tx.references.filter((r) => !wellFormed(r, ctx.catalog.codes('se-reference-qualifiers').get(value(r, 'qualifier')))).map((r) => on(SX.referenceForm, r, 'reference'));

function wellFormed(record: TxRecord, entry: Record<string, unknown> | undefined): boolean {
  if (!entry) return true; // an unknown qualifier is the layout's M11
  const reference = value(record, 'reference');
  if (reference === '') return true; // the layout's M10
  if (typeof entry['pattern'] === 'string' && !new RegExp(entry['pattern']).test(reference)) return false;
  if (entry['entryNumber'] === true && !isValidEntryNumber(reference.slice(0, 3), reference.slice(3))) return false;
  return entry['date'] !== true || isDate(reference);
}

/** A single transaction bond (type 9) comes with SE20 V1 (surety) and AMT (amount) (SE-34 note 6, SE-55; M25). */
export const singleTransactionBond: Rule = (tx) => {
  if (!isFiling(tx) || value(tx.header, 'bondType') !== '9') return [];
  return referencesWith(tx, 'V1').length > 0 && referencesWith(tx, 'AMT').length > 0 ? [] : [on(SX.singleTransactionBond, tx.header, 'bondType')];
};

/** The SE20 references an entry type needs: EDA for type 86 (SE-55; M26). */
export const typeReferences: Rule = (tx, ctx) => {
  if (!isFiling(tx)) return [];
  const found: CrCondition[] = [];
  for (const qualifier of listed(typeRules(ctx, entryTypeOf(tx)), 'references')) {
    if (referencesWith(tx, qualifier).length === 0) found.push(on(SX.referenceRequired, tx.header, 'entryType'));
  }
  return found;
};
