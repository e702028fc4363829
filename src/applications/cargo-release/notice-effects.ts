import type { Catalog } from '../../catair/catalog.js';
import type { SoFollowUp } from '../../scenarios/format.js';
import { dispositionCodes } from './status-records.js';
import { NOTICE_EFFECTS, type NoticeEffect, type NoticeEffectName } from './release-store.js';

/** The code lists whose codes say what a notice changes (their `lifecycle` attribute). */
const LISTS = ['cargo-release-dispositions', 'cargo-release-release-origins', 'cargo-release-bill-dispositions', 'pga-review-statuses'] as const;
/** Who holds the goods when a code names no `holder`: CBP for its own notices' codes. */
const CBP = 'CBP';

/**
 * What one SO notice changes in the release, as its codes mean it (their `lifecycle` attribute),
 * in the order the notice carries them: its SO60 results (ACMQ-54..55), the release origin that
 * goes with a release (ACMQ-56), the bill match code of its SO50s (ACMQ-53; `billCode` is undefined
 * when the notice names no bill), then each PGA review's entry status (SO70), the agency holding
 * or letting go the goods.
 */
export function noticeEffects(catalog: Catalog, followUp: SoFollowUp, billCode: string | undefined): NoticeEffect[] {
  return [
    ...dispositionCodes(followUp).flatMap((code) => effectsOf(catalog, 'cargo-release-dispositions', code, CBP)),
    ...(followUp.releaseOrigin === undefined ? [] : effectsOf(catalog, 'cargo-release-release-origins', followUp.releaseOrigin, CBP)),
    ...(billCode === undefined ? [] : effectsOf(catalog, 'cargo-release-bill-dispositions', billCode, CBP)),
    ...followUp.pga.flatMap((review) => (review.status === undefined ? [] : effectsOf(catalog, 'pga-review-statuses', review.status, review.agency))),
  ];
}

function effectsOf(catalog: Catalog, list: (typeof LISTS)[number], code: string, holder: string): NoticeEffect[] {
  const entry = catalog.codes(list).get(code);
  const names = entry?.['lifecycle'];
  if (!Array.isArray(names)) return [];
  const by = typeof entry?.['holder'] === 'string' ? entry['holder'] : holder;
  return (names as NoticeEffectName[]).map((effect) => (effect === 'hold' || effect === 'holdLifted' ? { effect, by } : { effect }));
}

/** Throws unless every `lifecycle` attribute of the notice code lists names effects release-as-of.ts knows. */
export function requireNoticeEffects(catalog: Catalog): void {
  const known: readonly string[] = NOTICE_EFFECTS;
  for (const list of LISTS) {
    const codes = catalog.codes(list);
    for (const code of codes.codes) {
      const names = codes.get(code)?.['lifecycle'];
      if (names === undefined) continue;
      const unknown = Array.isArray(names) ? names.filter((n) => !known.includes(n)) : [String(names)];
      if (unknown.length > 0) throw new Error(`schemas/codes/${list}.yaml: ${code} has lifecycle ${unknown.join(', ')}, not one of ${known.join(', ')}`);
    }
  }
}
