import type { CodeEntry } from '../../../catair/code-lists.js';
import { SX } from '../conditions.js';
import type { BillGroup, CargoReleaseTx, CrCondition, TxRecord } from '../transaction.js';
import { amount, carriesBills, entryTypeOf, isFiling, listed, on, type Rule, type RuleContext, typeRules, value } from './rule.js';
import { allBills } from './transport.js';

const billType = (r: TxRecord): string => value(r, 'billType');

/**
 * One bill grouping holds an optional in-bond number first, then a simple bill, a tracking number,
 * or a master bill with the house bill under it (SE-46..49 note 1; M34). A master alone is let
 * through: the text describes the pair for a house issued under a master, not a master alone.
 */
const GROUPING = /^I?(R|T|MH?)$/;

export const billGroupings: Rule = (tx) => {
  if (!carriesBills(tx)) return [];
  return tx.bills.filter((g) => !GROUPING.test(g.bills.map(billType).join(''))).map((g) => on(SX.billGrouping, g.bills[0] as TxRecord, 'billType'));
};

/**
 * Quantities (SE-47 note 2, SE-49 note 9, SE-50 note 11; 030): none on an in-bond number nor on a
 * master whose house follows (the quantity goes at the lowest level), above zero where given, none
 * on an SE15 followed by split parts (SE16) except for type 22 and hand carried goods; required at
 * the lowest level for type 86 and for hand carried goods.
 */
export const billQuantities: Rule = (tx, ctx) => {
  if (!carriesBills(tx)) return [];
  const mode = modeRules(tx, ctx);
  const required = typeRules(ctx, entryTypeOf(tx))['billQuantity'] === true || mode?.['billQuantity'] === true;
  const splitExempt = entryTypeOf(tx) === '22' || mode?.['billQuantity'] === true;
  const found: CrCondition[] = [];
  for (const group of tx.bills) {
    const lowest = group.bills.at(-1);
    for (const bill of group.bills) {
      const given = value(bill, 'quantity') !== '';
      const quantity = amount(bill, 'quantity');
      const upper = billType(bill) === 'I' || (billType(bill) === 'M' && bill !== lowest);
      const misplaced = given && (upper || (group.conveyances.length > 0 && !splitExempt));
      const zero = given && quantity === 0;
      const absent = !given && bill === lowest && required;
      if (misplaced || zero || absent) found.push(on(SX.billQuantity, bill, 'quantity'));
    }
  }
  return found;
};

/**
 * What the mode of transportation asks of each bill (schemas/codes/cargo-release-mode-rules.yaml):
 * its bill types (M30), the issuer code blank or given (M31, M32; never UNKN, always blank on an
 * in-bond, SE-45), the in-bond number's form (M33), the non-AMS indicator (M35: N on in-bonds and
 * tracking numbers, Y for modes 32..70 and with a general order number, SE-48 note 5, SE-49 note 7),
 * the HANDCARRIED bill of mode 60 (M38) and the pipeline carrier's prefix (M39). Bill numbers carry
 * no spaces, hyphens, slashes or other special characters (SE-45; M11).
 */
export const billsForMode: Rule = (tx, ctx) => {
  if (!carriesBills(tx)) return [];
  const mode = modeRules(tx, ctx);
  const generalOrder = tx.additional !== undefined && value(tx.additional, 'generalOrderNumber') !== '';
  const inBondPattern = ctx.catalog.codes('bill-type-indicators').get('I')?.['pattern'];
  const inBond = typeof inBondPattern === 'string' ? new RegExp(inBondPattern) : undefined;
  const found: CrCondition[] = [];
  for (const bill of allBills(tx)) {
    const type = billType(bill);
    const issuer = value(bill, 'issuerCode');
    const number = value(bill, 'billNumber');
    const nonAms = value(bill, 'nonAms');
    if (number !== '' && !/^[A-Z0-9]+$/.test(number)) found.push(on(SX.invalid, bill, 'billNumber'));
    if (type === 'I') {
      if (issuer !== '') found.push(on(SX.issuerNotAllowed, bill, 'issuerCode'));
      if (inBond && number !== '' && !inBond.test(number)) found.push(on(SX.inBondFormat, bill, 'billNumber'));
      if (nonAms === 'Y') found.push(on(SX.nonAms, bill, 'nonAms'));
      continue;
    }
    if (issuer === 'UNKN') found.push(on(SX.issuerNotAllowed, bill, 'issuerCode'));
    if (type === 'T' && nonAms === 'Y') found.push(on(SX.nonAms, bill, 'nonAms'));
    else if ((mode?.['nonAms'] === 'Y' || generalOrder) && nonAms === 'N') found.push(on(SX.nonAms, bill, 'nonAms'));
    if (!mode) continue;
    if (!listed(mode, 'billTypes').includes(type)) found.push(on(SX.billTypeForMode, bill, 'billType'));
    if (mode['issuer'] === 'blank' && issuer !== '' && issuer !== 'UNKN') found.push(on(SX.issuerNotAllowed, bill, 'issuerCode'));
    if (mode['issuer'] === 'required' && issuer === '') found.push(on(SX.issuerRequired, bill, 'issuerCode'));
    if (typeof mode['billNumber'] === 'string' && number !== mode['billNumber']) found.push(on(SX.handCarried, bill, 'billNumber'));
    if (mode['billPrefixIsIssuer'] === true && issuer !== '' && !number.startsWith(issuer)) found.push(on(SX.pipelinePrefix, bill, 'billNumber'));
  }
  return found;
};

/** A non-AMS bill is followed by its conveyance record (SE-45, SE-49 note 6; M14 on the bill). */
export const nonAmsConveyance: Rule = (tx) => {
  if (!carriesBills(tx)) return [];
  return tx.bills.filter((g) => g.conveyances.length === 0).flatMap((g) => g.bills.filter((b) => value(b, 'nonAms') === 'Y').map((b) => on(SX.recordMissing, b, 'nonAms')));
};

/**
 * The bills an entry type takes (cargo-release-entry-type-rules.yaml): a bill on every type but 22
 * (SE-19, SE-47 note 3; M37); for type 06, bill records only for goods moved in bond from another
 * port's zone (SE-50 note 10, SE-51, SE-53); for type 86 one bill grouping and no tracking number
 * (SE-50 note 12, SE-49 note 7) (M36).
 */
export const billsForType: Rule = (tx, ctx) => {
  if (!isFiling(tx)) return [];
  const rules = typeRules(ctx, entryTypeOf(tx));
  if (!rules['title']) return []; // a type cargo release does not take: 010
  const bills = rules['bills'] ?? 'required';
  if (bills === 'required' && allBills(tx).length === 0) return [on(SX.billRequired, tx.header, 'entryType')];
  const found: CrCondition[] = [];
  const notAllowed = (g: BillGroup) => [...g.bills, ...g.conveyances, ...g.equipment].map((r) => on(SX.billForType, r));
  if (bills === 'in-bond-only') found.push(...tx.bills.filter((g) => !g.bills.some((b) => billType(b) === 'I')).flatMap(notAllowed));
  if (rules['singleBill'] === true) found.push(...tx.bills.slice(1).flatMap((g) => g.bills.map((b) => on(SX.billForType, b))));
  if (rules['trackingBills'] === false) found.push(...allBills(tx).filter((b) => billType(b) === 'T').map((b) => on(SX.billForType, b, 'billType')));
  return found;
};

function modeRules(tx: CargoReleaseTx, ctx: RuleContext): CodeEntry | undefined {
  return ctx.catalog.codes('cargo-release-mode-rules').get(value(tx.header, 'modeOfTransport'));
}
