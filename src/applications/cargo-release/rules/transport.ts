import { SX } from '../conditions.js';
import type { CargoReleaseTx } from '../transaction.js';
import { actionOf, carriesBills, entryTypeOf, hasPga, on, type Rule, typeRules, value } from './rule.js';

/** The SE15 records of the transaction. */
export const allBills = (tx: CargoReleaseTx) => tx.bills.flatMap((g) => g.bills);

/** The mode of transportation, on every filing but a type 06 without a bill (SE-36 note 11; M27). */
export const modeOfTransport: Rule = (tx, ctx) => {
  if (!carriesBills(tx) || value(tx.header, 'modeOfTransport') !== '') return [];
  const onlyWithBill = typeRules(ctx, entryTypeOf(tx))['mode'] === 'with-bill';
  return onlyWithBill && allBills(tx).length === 0 ? [] : [on(SX.modeMissing, tx.header, 'modeOfTransport')];
};

/**
 * The planned port of entry is given with an in-bond number, PGA data, a non-AMS bill, on a cancel,
 * and for entry types 02, 06, 07, 12, 21, 22, 23, 86 (SE-35 note 7, SE-18 rule 6, SE-48 note 5; M28).
 * Left blank otherwise, CBP derives it from the bill's port of unlading or the in-bond's destination.
 */
export const plannedPort: Rule = (tx, ctx) => {
  if (value(tx.header, 'plannedPortOfEntry') !== '') return [];
  const bills = allBills(tx);
  const required =
    actionOf(tx) === 'D' ||
    bills.some((b) => value(b, 'billType') === 'I' || value(b, 'nonAms') === 'Y') ||
    hasPga(tx) ||
    (['A', 'R'].includes(actionOf(tx)) && typeRules(ctx, entryTypeOf(tx))['plannedPort'] === true);
  return required ? [on(SX.plannedPort, tx.header, 'plannedPortOfEntry')] : [];
};

/** The port of unlading, for mail, hand carried goods and pipelines (SE-32; cargo-release-mode-rules `portOfUnlading`; M29). */
export const portOfUnlading: Rule = (tx, ctx) => {
  if (!carriesBills(tx) || value(tx.header, 'portOfUnlading') !== '') return [];
  const mode = ctx.catalog.codes('cargo-release-mode-rules').get(value(tx.header, 'modeOfTransport'));
  return mode?.['portOfUnlading'] === true ? [on(SX.portOfUnlading, tx.header, 'portOfUnlading')] : [];
};
