import type { Schedule } from '../../../schedule/schedule.js';
import type { Notice } from '../../../store/notices.js';
import type { EntryKey } from '../../shared/entry-key.js';
import type { Catalog } from '../../../catair/catalog.js';
import { statementNumber } from '../../../statements/statement-number.js';
import type { Statement, StatementGrouping } from '../../../statements/statement.js';
import { writeStatementBlock } from '../../../statements/write.js';
import { type LiquidationAmounts, writeCourtesyNotice } from '../../../liquidation/courtesy-notice.js';
import type { EntryEvent, EntryState, EntryStore, FoundEntry, Lifecycle, StatementListing } from '../entry-store.js';
import { type AdvanceTarget, stageOf, stageRank } from './stages.js';
import { DAY_MS } from '../../../clock/duration.js';

/** The job that liquidates an entry on its liquidation date. */
const LIQUIDATION = 'liquidation';
/** The job that prints a preliminary statement on its print date, keyed by the statement key. */
const PRELIMINARY_STATEMENT = 'preliminary-statement';
/** Liquidation type 1, no change, and reason 99, auto-liquidation (schemas/codes/liquidation-types.yaml, liquidation-reasons.yaml). */
const LIQUIDATED_AS_ENTERED = '1';
export const AUTO_LIQUIDATION = '99';
export const NOTHING_OWED: LiquidationAmounts = { duty: 0, tax: 0, fees: 0, antidumping: 0, countervailing: 0 };
/** The final statement comes after CBP has the payment: the next day (Daily Statement p. 6). */
const FINAL_STATEMENT_DELAY_MS = DAY_MS;

/** What the entry's life needs around it. */
export interface EntryLifeDependencies {
  readonly catalog: Catalog;
  readonly store: EntryStore & StatementListing;
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

/** Accepted, not liquidated, with a liquidation date scheduled: what the liquidation job stands for. */
const awaitsLiquidation = (state: EntryState): boolean =>
  state.status === 'accepted' && !state.liquidated && state.lifecycle.liquidationScheduled && state.lifecycle.liquidationDate !== undefined;
const statementEntryOf = (found: FoundEntry) => found.state.lifecycle.statementEntry as NonNullable<Lifecycle['statementEntry']>;
const day = (at: Date): string => at.toISOString().slice(0, 10);
const startOf = (isoDay: string): Date => new Date(`${isoDay}T00:00:00.000Z`);

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
    deps.schedule.handle(PRELIMINARY_STATEMENT, (job, now) => {
      this.printPreliminary(job.session, job.key, now);
    });
  }

  /**
   * After a filing of the entry was stored (an add, replace, delete, or a scenario's marks): keeps its
   * scheduled work in step with its state. `before` is what was on file (undefined: nothing), so
   * the common filing, whose entry never awaited liquidation, costs the schedule no write.
   */
  filed(key: EntryKey, state: EntryState, before: EntryState | undefined): void {
    this.syncLiquidation(key, state, before !== undefined && awaitsLiquidation(before));
    const l = state.lifecycle;
    if (state.status === 'accepted' && l.statementEntry && l.statementKey && l.statement === 'none' && !l.paid) {
      this.deps.schedule.at(key.session, startOf(l.statementEntry.printDate), PRELIMINARY_STATEMENT, l.statementKey, {});
    }
  }

  /** The entry as it stands, or undefined when ace-mock has no summary of it. */
  get(key: EntryKey): EntryState | undefined {
    return this.deps.store.get(key);
  }

  /**
   * Moves an entry on to a stage, through every stage before it, with the messages each step sends:
   * paid (with its liquidation scheduled), under CBP review, liquidation scheduled, liquidated.
   */
  advance(key: EntryKey, to: AdvanceTarget, now: Date): EntryState {
    const state = this.deps.store.get(key);
    if (!state) throw new EntryLifeRefusal(404, `ace-mock has no entry summary ${key.filer}-${key.entryNumber} in session ${key.session}`);
    const name = `${key.filer}-${key.entryNumber}`;
    if (state.status === 'deleted') throw new EntryLifeRefusal(409, `entry ${name} was deleted; file it again first`);
    if (to === 'cbp-review') return this.review(key, state, now);
    // A CBP review can come at any point; where the entry stands otherwise decides what is ahead.
    const from = stageOf({ ...state, underReview: false });
    if (stageRank(from) >= stageRank(to) && !(state.underReview && to === 'liquidation-scheduled')) {
      throw new EntryLifeRefusal(409, `entry ${name} is already ${from}, at or past ${to}`);
    }
    let current = state;
    if (from === 'trade-control' && current.lifecycle.statementKey !== undefined) {
      this.deps.schedule.cancel(key.session, PRELIMINARY_STATEMENT, current.lifecycle.statementKey);
      this.printPreliminary(key.session, current.lifecycle.statementKey, now);
      current = this.get(key) as EntryState;
    }
    if (to === 'preliminary-statement') {
      if (current.lifecycle.statement !== 'on') {
        throw new EntryLifeRefusal(409, `entry ${name} is paid by single payment (payment type ${state.lifecycle.paymentType || 'none'}); it goes on no statement`);
      }
      return current;
    }
    if (!current.lifecycle.paid) current = current.lifecycle.statement === 'on' ? this.payStatement(key, current, now) : this.pay(key, current, now);
    if (to === 'paid') return current;
    if (current.underReview) current = this.put(key, { ...current, underReview: false }, now, 'CBP review completed');
    if (current.lifecycle.suspension !== undefined) {
      const { suspension: _lifted, ...rest } = current.lifecycle;
      current = this.put(key, { ...current, lifecycle: rest }, now, `liquidation suspension ${current.lifecycle.suspension} lifted`);
    }
    current = this.scheduleLiquidation(key, current, now, { suspendAdcvd: false });
    if (to === 'liquidation-scheduled') return current;
    return this.liquidate(key, { ...current, lifecycle: { ...current.lifecycle, liquidationDate: day(now) } }, now);
  }

  /**
   * Prints the preliminary statement of a statement key: every accepted summary waiting for it goes on
   * it, numbered DDFYJJJXXX in the order the session's statements of that district and day are printed,
   * and the PF block goes to the filer (Daily Statement pp. 6-9). Nothing waiting: nothing printed.
   */
  private printPreliminary(session: string, statementKey: string, now: Date): void {
    const listed = this.deps.store.awaitingStatement(session, statementKey);
    const first = listed[0]?.state.lifecycle;
    if (!first?.statementEntry) return;
    const grouping = JSON.parse(statementKey) as StatementGrouping;
    const prefix = statementNumber(grouping.processingPort, grouping.printDate, 1).slice(0, 7);
    const number = statementNumber(grouping.processingPort, grouping.printDate, this.deps.store.statementsNumbered(session, prefix) + 1);
    for (const { filer, entryNumber, state } of listed) {
      const lifecycle: Lifecycle = { ...state.lifecycle, statement: 'on', statementNumber: number, statementPrintedOn: day(now) };
      this.put({ session, filer, entryNumber }, { ...state, lifecycle }, now, `on preliminary statement ${number}`);
    }
    const statement: Statement = { ...grouping, number, kind: 'preliminary', entries: listed.map(statementEntryOf) };
    this.sendStatement(session, statement, listed, now, `preliminary statement ${number}: ${listed.length} summar${listed.length === 1 ? 'y' : 'ies'}`);
  }

  /**
   * The payment of a statement (an RM, or an admin call for one of its summaries) pays every summary
   * on it; the final statement follows the next day, and CBP schedules each summary's liquidation.
   */
  private payStatement(key: EntryKey, state: EntryState, now: Date): EntryState {
    const number = state.lifecycle.statementNumber as string;
    const listed = this.deps.store.onStatement(key.session, number);
    for (const { filer, entryNumber, state: each } of listed) {
      const paid = this.put({ session: key.session, filer, entryNumber }, { ...each, lifecycle: { ...each.lifecycle, paid: true, paidOn: day(now) } }, now, `paid on statement ${number}`);
      this.scheduleLiquidation({ session: key.session, filer, entryNumber }, paid, now, { suspendAdcvd: true });
    }
    const grouping = JSON.parse(state.lifecycle.statementKey as string) as StatementGrouping;
    const statement: Statement = { ...grouping, number, kind: 'final', entries: listed.map(statementEntryOf), deleted: [] };
    this.sendStatement(key.session, statement, listed, new Date(now.getTime() + FINAL_STATEMENT_DELAY_MS), `final statement ${number}: ${listed.length} summar${listed.length === 1 ? 'y' : 'ies'} paid`);
    return this.get(key) as EntryState;
  }

  /** Sends a statement's PF block to the filer, through the door of the first listed summary's filing. */
  private sendStatement(session: string, statement: Statement, listed: readonly FoundEntry[], deliverAt: Date, summary: string): void {
    const addressee = listed[0]?.state.lifecycle.addressee;
    if (!addressee) return;
    const { blockHeader: _header, ...door } = addressee;
    this.deps.notices.send({ ...door, session, filer: statement.filer, block: writeStatementBlock(this.deps.catalog, statement), summary, deliverAt });
  }

  /** Paid alone (single pay, by check or an admin call): CBP then schedules its liquidation. */
  private pay(key: EntryKey, state: EntryState, now: Date): EntryState {
    const paid = this.put(key, { ...state, lifecycle: { ...state.lifecycle, paid: true, paidOn: day(now) } }, now, 'paid (single payment)');
    return this.scheduleLiquidation(key, paid, now, { suspendAdcvd: true });
  }

  /**
   * Liquidation scheduled `liquidationDays` after the entry date (at the earliest tomorrow), unless it
   * is suspended or extended; on payment an AD/CVD summary's is suspended instead (status 45) and it
   * stays paid, until moved on.
   */
  private scheduleLiquidation(key: EntryKey, state: EntryState, now: Date, { suspendAdcvd }: { suspendAdcvd: boolean }): EntryState {
    const l = state.lifecycle;
    if (l.liquidationScheduled && l.liquidationDate !== undefined) return state;
    if (l.suspension !== undefined) return state;
    if (suspendAdcvd && this.deps.isAdcvd(state.entryType)) return this.put(key, { ...state, lifecycle: { ...l, suspension: '45' } }, now, 'liquidation suspended (AD/CVD)');
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

  /**
   * Liquidates the summary as entered and sends the filer the courtesy notice of liquidation (NR,
   * B&B-21): liquidation type 1 (no change) and reason 99 (auto-liquidation), paid and liquidated
   * amounts those the summary declared. Changes CBP makes at liquidation (bills, refunds) are not
   * modelled.
   */
  private liquidate(key: EntryKey, state: EntryState, now: Date): EntryState {
    const liquidated = this.put(key, { ...state, liquidated: true, underReview: false, lifecycle: { ...state.lifecycle, liquidatedOn: day(now) } }, now, 'liquidated');
    const { addressee, amounts = NOTHING_OWED, liquidationDate = day(now) } = liquidated.lifecycle;
    if (!addressee) return liquidated;
    const { blockHeader, ...door } = addressee;
    const records = writeCourtesyNotice(this.deps.catalog, {
      port: state.filed.port,
      entryFiler: key.filer,
      entryNumber: key.entryNumber,
      entryType: state.entryType,
      importerNumber: state.filed.importer,
      brokerReference: state.brokerReference,
      entryDate: startOf(state.filed.entryDate || day(now)),
      liquidationDate: startOf(liquidationDate),
      liquidationType: LIQUIDATED_AS_ENTERED,
      reasons: [AUTO_LIQUIDATION],
      paid: amounts,
      liquidated: amounts,
      interest: 0,
    });
    const summary = `courtesy notice of liquidation for ${key.filer}-${key.entryNumber}, liquidated ${liquidationDate}`;
    this.deps.notices.send({ ...door, session: key.session, filer: key.filer, blockHeader, application: 'NR', records, summary, deliverAt: now });
    return liquidated;
  }

  /** Stores a step of the entry's life with its history row, and keeps its jobs in step. */
  private put(key: EntryKey, state: EntryState, now: Date, action: string): EntryState {
    const event: EntryEvent = { exchangeId: '', action, disposition: '', at: now.toISOString() };
    this.deps.store.put(key, state, event);
    this.syncLiquidation(key, state, true);
    return state;
  }

  /** The liquidation job matches the state: due on the liquidation date while the entry awaits it; dropped, if `mayHaveJob`, once it does not. */
  private syncLiquidation(key: EntryKey, state: EntryState, mayHaveJob: boolean): void {
    const jobKey = `${key.filer}-${key.entryNumber}`;
    if (awaitsLiquidation(state)) {
      this.deps.schedule.at(key.session, startOf(state.lifecycle.liquidationDate as string), LIQUIDATION, jobKey, { filer: key.filer, entryNumber: key.entryNumber });
    } else if (mayHaveJob) {
      this.deps.schedule.cancel(key.session, LIQUIDATION, jobKey);
    }
  }
}
