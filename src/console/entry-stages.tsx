import { STAGES, stageRank as rank } from '../applications/entry-summary/entry-life/stages.js';
import type { EntryDetail, Stage } from './api';
import { STAGE_LABEL, utcDay } from './format';

/** A stage on the road (deleted and rejected-by-CBP are off it). */
export type RoadStage = (typeof STAGES)[number];
type StepState = 'done' | 'current' | 'ahead' | 'skipped';

interface Step {
  readonly stage: RoadStage;
  readonly state: StepState;
  /** What the step says under its name: its dates, or why it is skipped or when it is due. */
  readonly notes: readonly string[];
}

const STATE_LABEL: Record<StepState, string> = { done: 'done', current: 'current stage', ahead: 'ahead', skipped: 'skipped' };

/**
 * How far along the road the entry is, leaving CBP review aside (it can come at any point): 0 trade
 * control, 1 on a preliminary statement, 2 paid, 4 liquidation scheduled, 5 liquidated.
 */
function reached(entry: EntryDetail): number {
  if (entry.liquidation.liquidated) return 5;
  if (entry.liquidation.scheduled) return 4;
  if (entry.paid) return 2;
  if (entry.statement?.status === 'on') return 1;
  return 0;
}

const due = (entry: EntryDetail, kind: string): string | undefined => entry.scheduled.find((j) => j.kind === kind)?.dueAt;

/** Each stage of the road with where the entry is against it and the days it happened (or is due). */
function stepsOf(entry: EntryDetail): Step[] {
  const at = reached(entry);
  const passed = (stage: RoadStage, reachedIt: boolean): StepState => (entry.stage === stage ? 'current' : reachedIt ? 'done' : 'ahead');
  const statementDue = due(entry, 'preliminary-statement');
  const liquidationDue = due(entry, 'liquidation');
  return [
    { stage: 'trade-control', state: passed('trade-control', true), notes: entry.firstAcceptedAt ? [`accepted ${utcDay(entry.firstAcceptedAt)}`] : [] },
    entry.statement?.status === 'on'
      ? { stage: 'preliminary-statement', state: passed('preliminary-statement', true), notes: [`printed ${entry.statement.printedOn ?? '—'}`, `statement ${entry.statement.number ?? '—'}`] }
      : at > 1
        ? { stage: 'preliminary-statement', state: 'skipped', notes: ['paid alone, on no statement'] }
        : { stage: 'preliminary-statement', state: 'ahead', notes: statementDue ? [`prints ${utcDay(statementDue)}`] : [] },
    { stage: 'paid', state: passed('paid', entry.paid), notes: entry.paidOn ? [`paid ${entry.paidOn}`] : [] },
    entry.underReview
      ? { stage: 'cbp-review', state: 'current', notes: ['under review'] }
      : at >= rank('liquidation-scheduled')
        ? { stage: 'cbp-review', state: 'skipped', notes: ['not under review'] }
        : { stage: 'cbp-review', state: 'ahead', notes: ['only if CBP reviews it'] },
    {
      stage: 'liquidation-scheduled',
      state: passed('liquidation-scheduled', at >= rank('liquidation-scheduled')),
      notes: [...(entry.liquidation.date ? [`liquidation ${entry.liquidation.date}`] : []), ...(entry.liquidation.suspension ? [`suspended (${entry.liquidation.suspension})`] : [])],
    },
    {
      stage: 'liquidated',
      state: passed('liquidated', entry.liquidation.liquidated),
      notes: entry.liquidation.liquidatedOn ? [`liquidated ${entry.liquidation.liquidatedOn}`] : liquidationDue ? [`due ${utcDay(liquidationDue)}`] : [],
    },
  ];
}

/**
 * The stages an entry can be moved on to: those ahead on the road, and CBP review until it is
 * liquidated. The server has the last word (409 with why), e.g. a single-pay summary goes on no statement.
 */
export function movesOf(entry: EntryDetail): RoadStage[] {
  if (entry.stage === 'deleted' || entry.liquidation.liquidated) return [];
  const at = reached(entry);
  return STAGES.filter((stage) => {
    if (stage === 'cbp-review') return !entry.underReview;
    // Moving a reviewed, scheduled entry to liquidation-scheduled completes the review.
    if (stage === 'liquidation-scheduled' && entry.underReview) return true;
    return rank(stage) > at;
  });
}

/** The road of an entry summary's life, left to right: what is done, where it stands, what is ahead. */
export function EntryStages(props: { readonly entry: EntryDetail }) {
  const off: Stage | undefined = props.entry.stage === 'deleted' || props.entry.stage === 'rejected-by-cbp' ? props.entry.stage : undefined;
  return (
    <section class="entry-stages" aria-labelledby="stages-title">
      <h3 id="stages-title">
        Stage: <span class={`stage-name stage-${props.entry.stage}`}>{STAGE_LABEL[props.entry.stage]}</span>
        {off && <span class="muted"> (off the road below: {off === 'deleted' ? 'the filer deleted it' : 'CBP rejected it, waiting for a replace'})</span>}
      </h3>
      <ol class="stages">
        {stepsOf(props.entry).map((step) => (
          <li class={`step ${step.state}`} data-stage={step.stage} aria-current={step.state === 'current' ? 'step' : undefined}>
            <span class="step-name">{STAGE_LABEL[step.stage]}</span>
            <span class="step-state">{STATE_LABEL[step.state]}</span>
            {step.notes.map((n) => (
              <span class="step-note">{n}</span>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
