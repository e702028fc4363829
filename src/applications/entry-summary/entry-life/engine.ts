import type { Schedule } from '../../../schedule/schedule.js';
import type { Notice } from '../../../store/notices.js';
import type { EntryKey } from '../../shared/entry-key.js';
import type { EntryEvent, EntryState, EntryStore, Lifecycle } from '../entry-store.js';
import { paidOnStatement, type Stage, stageOf, stageRank } from './stages.js';

/** The job that liquidates an entry on its liquidation date. */
const LIQUIDATION = 'liquidation';

/** What the entry's life needs around it. */
export interface EntryLifeDependencies {
  readonly store: EntryStore;
  readonly schedule: Schedule;
  readonly notices: { send(notice: Notice): void };
  /** Days from the entry date to the liquidation date CBP schedules once the summary is paid (ESF-183; about 314 in practice). */
  readonly liquidationDays: number;
  /** AD/CVD entry types (03, 07, 34, 38): CBP suspends their liquidation (extension-suspension-statuses 45) until Commerce instructs it. */
  readonly isAdcvd: (entryType: string) => boolean;
}

/** Why an entry cannot be moved to a stage: the HTTP layer answers 404 or 409 with it. */
export class EntryLifeRefusal extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

const day = (at: Date): string => at.toISOString().slice(0, 10);
const startOf = (isoDay: string): Date => new Date(`${isoDay}T00:00:00.000Z`);
const DAY_MS = 86_400_000;

/**
 * An entry summary's life after CBP accepted it (ESF-183..186, Daily Statement pp. 6-7): payment,
 * CBP review, liquidation. What time brings (liquidation on its date) is a scheduled job; what QA
 * and trainers bring forward (`advance`) takes the same steps with the same messages.
 */
export class EntryLife {
  constructor(private readonly deps: EntryLifeDependencies) {
    deps.schedule.handle(LIQUIDATION, (job, now) => {
      const { filer, entryNumber } = job.payload as { filer: string; entryNumber: string };
      this.liquidateIfDue({ session: job.session, filer, entryNumber }, now);
    });
  }

  /**
   * After a filing of the entry was stored (an add, replace, delete, or a scenario's marks): keeps its
   * scheduled work in step with its state.
   */
  filed(key: EntryKey, state: EntryState): void {
    this.syncLiquidation(key, state);
  }

  /** The entry as it stands, or undefined when ace-mock has no summary of it. */
  get(key: EntryKey): EntryState | undefined {
    return this.deps.store.get(key);
  }

  /**
   * Moves an entry on to a stage, through every stage before it, with the messages each step sends:
   * paid (with its liquidation scheduled), under CBP review, liquidation scheduled, liquidated.
   */
  advance(key: EntryKey, to: Stage, now: Date): EntryState {
    const state = this.deps.store.get(key);
    if (!state) throw new EntryLifeRefusal(404, `ace-mock has no entry summary ${key.filer}-${key.entryNumber} in session ${key.session}`);
    const name = `${key.filer}-${key.entryNumber}`;
    if (state.status === 'deleted') throw new EntryLifeRefusal(409, `entry ${name} was deleted; file it again first`);
    if (to === 'cbp-review') return this.review(key, state, now);
    if (stageRank(to) < 0) throw new EntryLifeRefusal(409, `an entry cannot be advanced to ${to}`);
    // A CBP review can come at any point; where the entry stands otherwise decides what is ahead.
    const from = stageOf({ ...state, underReview: false });
    if (stageRank(from) >= stageRank(to) && !(state.underReview && to === 'liquidation-scheduled')) {
      throw new EntryLifeRefusal(409, `entry ${name} is already ${from}, at or past ${to}`);
    }
    if (to === 'preliminary-statement') {
      throw new EntryLifeRefusal(409, `entry ${key.filer}-${key.entryNumber} is paid by single payment (payment type ${state.lifecycle.paymentType || 'none'}); it goes on no statement`);
    }
    let current = state;
    if (!current.lifecycle.paid) current = this.pay(key, current, now);
    if (to === 'paid') return current;
    if (current.underReview) current = this.put(key, { ...current, underReview: false }, now, 'CBP review completed');
    if (current.lifecycle.suspension !== undefined) {
      const { suspension: _lifted, ...rest } = current.lifecycle;
      current = this.put(key, { ...current, lifecycle: rest }, now, `liquidation suspension ${current.lifecycle.suspension} lifted`);
    }
    current = this.scheduleLiquidation(key, current, now);
    if (to === 'liquidation-scheduled') return current;
    return this.liquidate(key, { ...current, lifecycle: { ...current.lifecycle, liquidationDate: day(now) } }, now);
  }

  /** Paid alone (single pay, by check or an admin call): CBP then schedules its liquidation. */
  private pay(key: EntryKey, state: EntryState, now: Date): EntryState {
    if (paidOnStatement(state.lifecycle.paymentType)) {
      throw new EntryLifeRefusal(409, `entry ${key.filer}-${key.entryNumber} is paid on a statement (payment type ${state.lifecycle.paymentType}), which ace-mock does not print yet`);
    }
    const paid = this.put(key, { ...state, lifecycle: { ...state.lifecycle, paid: true, paidOn: day(now) } }, now, 'paid (single payment)');
    return this.scheduleLiquidation(key, paid, now);
  }

  /**
   * Liquidation scheduled `liquidationDays` after the entry date (at the earliest tomorrow), unless it
   * is suspended or extended; an AD/CVD summary's is suspended instead (status 45) and stays paid.
   */
  private scheduleLiquidation(key: EntryKey, state: EntryState, now: Date): EntryState {
    const l = state.lifecycle;
    if (l.liquidationScheduled && l.liquidationDate !== undefined) return state;
    if (l.suspension !== undefined) return state;
    if (this.deps.isAdcvd(state.entryType)) return this.put(key, { ...state, lifecycle: { ...l, suspension: '45' } }, now, 'liquidation suspended (AD/CVD)');
    const entered = state.filed.entryDate !== '' ? startOf(state.filed.entryDate) : now;
    const due = Math.max(entered.getTime() + this.deps.liquidationDays * DAY_MS, startOf(day(now)).getTime() + DAY_MS);
    return this.put(key, { ...state, lifecycle: { ...l, liquidationScheduled: true, liquidationDate: day(new Date(due)) } }, now, `liquidation scheduled for ${day(new Date(due))}`);
  }

  private review(key: EntryKey, state: EntryState, now: Date): EntryState {
    if (state.liquidated) throw new EntryLifeRefusal(409, `entry ${key.filer}-${key.entryNumber} is liquidated`);
    if (state.underReview) throw new EntryLifeRefusal(409, `entry ${key.filer}-${key.entryNumber} is already under CBP review`);
    return this.put(key, { ...state, underReview: true }, now, 'under CBP review');
  }

  private liquidateIfDue(key: EntryKey, now: Date): void {
    const state = this.deps.store.get(key);
    const date = state?.lifecycle.liquidationDate;
    if (!state || state.status !== 'accepted' || state.liquidated || !state.lifecycle.liquidationScheduled || date === undefined) return;
    if (date > day(now)) return;
    this.liquidate(key, state, now);
  }

  private liquidate(key: EntryKey, state: EntryState, now: Date): EntryState {
    return this.put(key, { ...state, liquidated: true, underReview: false, lifecycle: { ...state.lifecycle, liquidatedOn: day(now) } }, now, 'liquidated');
  }

  /** Stores a step of the entry's life with its history row, and keeps its jobs in step. */
  private put(key: EntryKey, state: EntryState, now: Date, action: string): EntryState {
    const event: EntryEvent = { exchangeId: '', action, disposition: '', at: now.toISOString() };
    this.deps.store.put(key, state, event);
    this.syncLiquidation(key, state);
    return state;
  }

  /** The liquidation job matches the state: due on the liquidation date while one is scheduled and the entry not liquidated. */
  private syncLiquidation(key: EntryKey, state: EntryState): void {
    const l: Lifecycle = state.lifecycle;
    const jobKey = `${key.filer}-${key.entryNumber}`;
    if (state.status === 'accepted' && !state.liquidated && l.liquidationScheduled && l.liquidationDate !== undefined) {
      this.deps.schedule.at(key.session, startOf(l.liquidationDate), LIQUIDATION, jobKey, { filer: key.filer, entryNumber: key.entryNumber });
    } else {
      this.deps.schedule.cancel(key.session, LIQUIDATION, jobKey);
    }
  }
}
