import { SX } from '../conditions.js';
import type { CargoReleaseTx, CrCondition, Entity, Line, Tariff } from '../transaction.js';
import { amount, entryTypeOf, isFiling, on, type Rule, typeRules, value } from './rule.js';

const hts = (t: Tariff): string => value(t.record, 'hts');
const chapter99 = (t: Tariff): boolean => hts(t).startsWith('99');

/**
 * An add or replace has lines (SE-19: HTS number and country of origin are mandatory key data),
 * each with at least one SE60 (SE-22 Harmonized Tariff Schedule Grouping, M) (M14), numbered 001
 * and up by one (SE-62; M49).
 */
export const lineStructure: Rule = (tx) => {
  if (!isFiling(tx)) return [];
  if (tx.lines.length === 0) return [on(SX.recordMissing, tx.header)];
  const found: CrCondition[] = [];
  tx.lines.forEach((line, i) => {
    if (value(line.record, 'lineNumber') !== '' && amount(line.record, 'lineNumber') !== i + 1) found.push(on(SX.lineSequence, line.record, 'lineNumber'));
    if (line.tariffs.length === 0) found.push(on(SX.recordMissing, line.record));
  });
  return found;
};

/**
 * HTS order on a line: chapter 99 numbers before the chapter 1-97 number that carries the value
 * (SE-71 note 2; M54); for a TIB (23) at least two SE60 in pairs, a 9813 number then the goods'
 * own (SE-71 note 1; M53).
 */
export const tariffOrder: Rule = (tx, ctx) => {
  if (!isFiling(tx)) return [];
  const tib = typeRules(ctx, entryTypeOf(tx))['tibPairs'] === true;
  const found: CrCondition[] = [];
  for (const line of tx.lines) {
    const late = line.tariffs.filter((t, i) => chapter99(t) && line.tariffs.slice(0, i).some((before) => !chapter99(before)));
    found.push(...late.map((t) => on(SX.chapter99Order, t.record, 'hts')));
    if (!tib || line.tariffs.length === 0) continue;
    const paired = line.tariffs.length >= 2 && line.tariffs.length % 2 === 0 && line.tariffs.every((t, i) => hts(t).startsWith('9813') === (i % 2 === 0));
    if (!paired) found.push(on(SX.tibPairs, line.record));
  }
  return found;
};

/** The tariff that carries a line's value: its chapter 1-97 number (SE-71 note 2), else its last. */
const valuedTariff = (line: Line): Tariff | undefined => line.tariffs.find((t) => !chapter99(t)) ?? line.tariffs.at(-1);

/** A consignee reported by name and address (SE-58 note 2). */
const namedConsignee = (entities: readonly Entity[]): Entity | undefined =>
  entities.find((e) => value(e.record, 'entityCode') === 'CN' && value(e.record, 'entityName') !== '');

/** The named consignee a line's value counts towards: its own, else the header's. */
const consigneeOf = (tx: CargoReleaseTx, line: Line): Entity | undefined => namedConsignee(line.entities) ?? namedConsignee(tx.entities);

/** Line values: on every line of a type 86 entry and on lines whose consignee is named (SE-71 note 3; M50). */
export const lineValues: Rule = (tx, ctx) => {
  if (!isFiling(tx)) return [];
  const always = typeRules(ctx, entryTypeOf(tx))['lineValue'] === true;
  const found: CrCondition[] = [];
  for (const line of tx.lines) {
    const tariff = valuedTariff(line);
    if (tariff && (always || consigneeOf(tx, line)) && value(tariff.record, 'lineValue') === '') found.push(on(SX.lineValue, tariff.record, 'lineValue'));
  }
  return found;
};

/**
 * Values (SE-36 note 13, SE-58 note 2; CSMS #63690754): the entered value is not lower than the sum
 * of the line values (119), nor above the entry type's limit (M51); the lines of a consignee
 * reported by name and address total less than the type's limit (M52).
 */
export const entryValues: Rule = (tx, ctx) => {
  if (!isFiling(tx)) return [];
  const rules = typeRules(ctx, entryTypeOf(tx));
  const entered = amount(tx.header, 'estimatedValue');
  const valueOf = (line: Line): number => amount(valuedTariff(line)?.record, 'lineValue') ?? 0;
  const found: CrCondition[] = [];
  const total = tx.lines.reduce((sum, line) => sum + line.tariffs.reduce((s, t) => s + (amount(t.record, 'lineValue') ?? 0), 0), 0);
  if (entered !== undefined && entered < total) found.push(on(SX.valueBelowLines, tx.header, 'estimatedValue'));
  const max = rules['maxEntryValue'];
  if (typeof max === 'number' && entered !== undefined && entered > max) found.push(on(SX.valueLimit, tx.header, 'estimatedValue'));
  const limit = rules['consigneeNameLimit'];
  if (typeof limit !== 'number') return found;
  // One consignee is one name and address, wherever it is reported.
  const byConsignee = new Map<string, { first: Entity; sum: number }>();
  for (const line of tx.lines) {
    const consignee = consigneeOf(tx, line);
    if (!consignee) continue;
    const key = [consignee.record, ...consignee.streets, ...(consignee.city ? [consignee.city] : [])].map((r) => r.text.slice(4)).join('|');
    const seen = byConsignee.get(key) ?? { first: consignee, sum: 0 };
    byConsignee.set(key, { first: seen.first, sum: seen.sum + valueOf(line) });
  }
  for (const { first, sum } of byConsignee.values()) if (sum >= limit) found.push(on(SX.consigneeValueLimit, first.record, 'entityName'));
  return found;
};
