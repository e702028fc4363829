import { isValidEntryNumber } from '../../../catair/check-digit.js';
import { fieldText } from '../../../catair/record.js';
import { SX } from '../conditions.js';
import type { CrCondition } from '../transaction.js';
import { entryTypeOf, hasPga, isFiling, on, type Rule, typeRules, value } from './rule.js';

/** The SE10 entry filer is the block's filer (SE-31). */
export const entryFiler: Rule = (tx, ctx) => {
  const filer = value(tx.header, 'entryFiler');
  return filer !== '' && ctx.blockFiler !== '' && filer !== ctx.blockFiler ? [on(SX.filerNotBlockFiler, tx.header, 'entryFiler')] : [];
};

/** The entry number is seven digits and the check digit Appendix E computes with the filer code (SE-31; 006). */
export const entryNumber: Rule = (tx) => {
  const filer = value(tx.header, 'entryFiler');
  const number = value(tx.header, 'entryNumber');
  if (number === '' || filer === '') return []; // blank: the layout's 003 or 005
  return isValidEntryNumber(filer, number) ? [] : [on(SX.entryNumberInvalid, tx.header, 'entryNumber')];
};

/** Only the entry types cargo release takes (SE-18 rule 2, SE-33 note 2; 010): `cargoRelease` in entry-types.yaml. */
export const entryType: Rule = (tx, ctx) => {
  const type = entryTypeOf(tx);
  if (type === '' || !ctx.catalog.codes('entry-types').has(type)) return []; // the layout's 009 or 010
  return ctx.catalog.codes('entry-types').get(type)?.['cargoRelease'] === true ? [] : [on(SX.typeNotCargoRelease, tx.header, 'entryType')];
};

/**
 * One importer of record, in SE10 (SE-17): its type and number together (011, 013), required on an
 * add or replace of every type but a type 86 without PGA data (SE-36 note 12), its number in one of
 * the formats of SE-34 note 4 (schemas/codes/importer-number-formats.yaml; M48).
 */
export const importer: Rule = (tx, ctx) => {
  const type = value(tx.header, 'importerType');
  const number = value(tx.header, 'importerNumber');
  const found: CrCondition[] = [];
  if (number !== '' && type === '') found.push(on(SX.importerTypeMissing, tx.header, 'importerType'));
  const required = isFiling(tx) && !(typeRules(ctx, entryTypeOf(tx))['importer'] === 'with-pga' && !hasPga(tx));
  if (number === '' && (type !== '' || required)) found.push(on(SX.importerMissing, tx.header, 'importerNumber'));
  const field = tx.header.layout?.byName.get('importerNumber');
  if (number !== '' && field && !ctx.catalog.codes('importer-number-formats').patterns.some((p) => p.test(fieldText(tx.header.text, field)))) {
    found.push(on(SX.importerForm, tx.header, 'importerNumber'));
  }
  return found;
};
