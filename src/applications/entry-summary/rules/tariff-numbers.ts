import type { EsCondition, Line } from '../transaction.js';
import { carriesSummary, type Rule } from './rule.js';
import { value } from '../../shared/record.js';

/** Where a tariff number's chapter puts it on its line: chapter 98 first, then 99, then the commodity. */
const CHAPTER_RANK: Readonly<Record<string, number>> = { '98': 0, '99': 1 };
const COMMODITY_RANK = 2;

const chapterOf = (hts: string): string => hts.slice(0, 2);
const rankOf = (hts: string): number => CHAPTER_RANK[chapterOf(hts)] ?? COMMODITY_RANK;

/**
 * The HTS numbers of one line's 50 records (ESF-89), checked as the dictionary describes; the
 * chapter's text gives neither check.
 *
 * 436: a line reports each HTS number once. Heading 9802 numbers (watches, clocks) may repeat, but
 * not in consecutive 50 records.
 * 852: a line with one chapter 98 number reports it first, then its chapter 99 numbers, then the
 * commodity (chapters 1-97); without one, chapter 99 numbers come before the commodity. A line with
 * more than one chapter 98 number is not checked.
 */
export const tariffNumbers: Rule = (tx) => {
  if (!carriesSummary(tx)) return [];
  return tx.lines.flatMap((line) => [...duplicates(line), ...outOfSequence(line)]);
};

function duplicates(line: Line): EsCondition[] {
  const found: EsCondition[] = [];
  const seen = new Set<string>();
  let previous = '';
  for (const tariff of line.tariffs) {
    const hts = value(tariff.record, 'hts');
    if (hts === '') continue; // a blank HTS is 432 (layout)
    const repeated = hts.startsWith('9802') ? hts === previous : seen.has(hts);
    if (repeated) found.push({ code: '436', ref: { kind: 'tariff', line, tariff }, record: tariff.record, field: 'hts' });
    seen.add(hts);
    previous = hts;
  }
  return found;
}

function outOfSequence(line: Line): EsCondition[] {
  const numbered = line.tariffs.map((tariff) => ({ tariff, hts: value(tariff.record, 'hts') })).filter((t) => t.hts !== '');
  if (numbered.filter((t) => chapterOf(t.hts) === '98').length > 1) return [];
  let highest = 0;
  for (const { tariff, hts } of numbered) {
    const rank = rankOf(hts);
    if (rank < highest) return [{ code: '852', ref: { kind: 'tariff', line, tariff }, record: tariff.record, field: 'hts' }];
    highest = rank;
  }
  return [];
}
