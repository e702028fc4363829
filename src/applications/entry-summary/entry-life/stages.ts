import type { EntryState } from '../entry-store.js';

/**
 * Where an entry summary is in its life, in the order it goes through them (ESF-183..186, Daily
 * Statement pp. 6-7): filed and still the filer's (trade control), listed on a preliminary
 * statement, paid, under CBP review, scheduled for liquidation, liquidated. Deleted and
 * rejected-by-CBP are off that road.
 */
export const STAGES = ['trade-control', 'preliminary-statement', 'paid', 'cbp-review', 'liquidation-scheduled', 'liquidated'] as const;
export type Stage = (typeof STAGES)[number] | 'deleted' | 'rejected-by-cbp';

export function stageOf(state: EntryState): Stage {
  const l = state.lifecycle;
  if (state.status === 'deleted') return 'deleted';
  if (state.liquidated) return 'liquidated';
  if (state.underReview) return 'cbp-review';
  if (l.liquidationScheduled) return 'liquidation-scheduled';
  if (l.paid) return 'paid';
  if (l.cbpRejected) return 'rejected-by-cbp';
  if (l.statement === 'on') return 'preliminary-statement';
  return 'trade-control';
}

/** How far along the road a stage is (-1 off it). */
export const stageRank = (stage: Stage): number => (STAGES as readonly string[]).indexOf(stage);

/** The stages an entry can be moved on to (by the admin call or a scenario): every one after trade control. */
export const ADVANCE_TARGETS = STAGES.slice(1) as readonly AdvanceTarget[];
export type AdvanceTarget = Exclude<(typeof STAGES)[number], 'trade-control'>;
