import type { Catalog } from '../catair/catalog.js';
import { readField } from '../catair/record.js';
import type { Journal } from '../store/journal.js';
import type { Outbox } from '../store/outbox.js';
import type { Criteria, Program } from './criteria.js';
import { type BatchRejectionFact, factsOf, type TransactionFact } from './facts.js';
import { type MessageFact, type Plan, type PlanProgress, progressOf } from './plan.js';
import { type ConditionCount, type DayTally, rankConditions, type RepeatedError, repeatedErrors, tallyDays, totalOf } from './tally.js';
import { judge, type Verdict } from './verdict.js';

/** What a report covers; every part is optional and narrows it. */
export interface ReportQuery {
  readonly filer?: string;
  /** A program id (`cargo-release`) or an application id (`SE`). */
  readonly application?: string;
  readonly port?: string;
  readonly session?: string;
  /** Business days, YYYY-MM-DD, inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** Only the last N business days that have transmissions up to `to` (or the newest). */
  readonly days?: number;
  /** A plan id to tick off. */
  readonly plan?: string;
  readonly monthlyVolume?: number;
}

export interface ProgramReport {
  readonly id: string;
  readonly title: string;
  readonly applications: readonly string[];
  readonly source: string;
  readonly days: readonly DayTally[];
  readonly total: Omit<DayTally, 'day'>;
  readonly conditions: readonly ConditionCount[];
  readonly repeatedErrors: readonly RepeatedError[];
  readonly batchRejections: readonly { exchangeId: string; at: string; codes: readonly string[] }[];
  readonly verdict: Verdict;
}

/** Volume and errors of an application no program judges (queries, for instance). */
export interface OtherApplication {
  readonly application: string;
  readonly transactions: number;
  readonly rejected: number;
}

export interface CertificationReport {
  readonly generatedAt: string;
  readonly query: ReportQuery;
  /** The business days the report covers, or null when nothing matched. */
  readonly period: { readonly from: string; readonly to: string } | null;
  readonly programs: readonly ProgramReport[];
  readonly otherApplications: readonly OtherApplication[];
  readonly plan?: PlanProgress;
  /** Every judged program would pass and the plan, if any, is complete. */
  readonly wouldPass: boolean;
  readonly summary: readonly string[];
}

export interface ReportSources {
  readonly journal: Journal;
  readonly outbox: Outbox;
  readonly catalog: Catalog;
  readonly criteria: Criteria;
  readonly plans: ReadonlyMap<string, Plan>;
  /** Each session's business time: messages due by then have been delivered. */
  readonly sessionNow: (session: string) => Date;
  /** Runs a session's time-driven work that has fallen due (statements), so its messages are there to be seen. */
  readonly catchUp: (session: string) => Promise<void>;
  readonly now: () => Date;
}

/** The query names something the report cannot know of; the message says what exists. */
export class ReportQueryError extends Error {
  override name = 'ReportQueryError';
}

const PAGE = 500;
const BATCH_REJECTIONS_SHOWN = 50;
const DAY_MS = 86_400_000;

function dayBefore(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
}

/** Every exchange the journal holds for the filer or session, oldest first, as facts. */
function collect(journal: Journal, q: ReportQuery): { transactions: TransactionFact[]; batches: BatchRejectionFact[] } {
  const transactions: TransactionFact[] = [];
  const batches: BatchRejectionFact[] = [];
  let before: string | undefined;
  for (;;) {
    const page = journal.find({ limit: PAGE, ...(q.filer !== undefined && { filer: q.filer }), ...(q.session !== undefined && { session: q.session }), ...(before !== undefined && { before }) });
    for (const entry of page) {
      const facts = factsOf(entry);
      transactions.push(...facts.transactions);
      if (facts.batchRejection) batches.push(facts.batchRejection);
    }
    if (page.length < PAGE) break;
    before = page[page.length - 1]?.id;
  }
  return { transactions: transactions.reverse(), batches: batches.reverse() };
}

function programsFor(criteria: Criteria, application: string | undefined): Program[] {
  if (application === undefined) return criteria.programs;
  const found = criteria.programs.filter((p) => p.id === application || p.applications.includes(application.toUpperCase()));
  if (found.length === 0) {
    const known = criteria.programs.map((p) => `${p.id} (${p.applications.join(', ')})`).join('; ');
    throw new ReportQueryError(`no certification program counts "${application}"; the programs are ${known}`);
  }
  return found;
}

function deliveredMessages(sources: ReportSources, sessions: ReadonlySet<string>, filer: string | undefined, inPeriod: (day: string) => boolean): MessageFact[] {
  const b = sources.catalog.layout('B');
  const messages: MessageFact[] = [];
  for (const session of sessions) {
    let after = 0;
    for (;;) {
      const page = sources.outbox.dueFor(session, after, sources.sessionNow(session), PAGE);
      for (const m of page) {
        const header = m.records.find((r) => r.startsWith('B'));
        if (header === undefined || (filer !== undefined && m.filer !== filer) || !inPeriod(m.deliverAt.slice(0, 10))) continue;
        messages.push({ application: readField(b, header, 'applicationId'), summary: m.summary, exchangeId: m.exchangeId, deliverAt: m.deliverAt });
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]?.seq ?? after;
    }
  }
  return messages;
}

/** A certification rehearsal report: per program, volume and errors per day, repeated errors and a verdict against CBP's criteria. */
export async function certificationReport(sources: ReportSources, q: ReportQuery): Promise<CertificationReport> {
  const plan = q.plan === undefined ? undefined : sources.plans.get(q.plan);
  if (q.plan !== undefined && plan === undefined) {
    throw new ReportQueryError(`no certification plan "${q.plan}"; the plans are ${[...sources.plans.keys()].join(', ') || '(none)'}`);
  }
  const programs = programsFor(sources.criteria, q.application);
  const filer = q.filer?.toUpperCase();
  const all = collect(sources.journal, { ...q, ...(filer !== undefined && { filer }) });
  const wanted = (f: { filer: string; day: string; application: string; port?: string }, port: boolean) =>
    (filer === undefined || f.filer === filer) &&
    (q.from === undefined || f.day >= q.from) &&
    (q.to === undefined || f.day <= q.to) &&
    (!port || q.port === undefined || f.port === q.port);
  let transactions = all.transactions.filter((t) => wanted(t, true));
  // A batch refused whole names no port: it counts only in reports not narrowed to one.
  let batches = q.port === undefined ? all.batches.filter((b) => wanted(b, false)) : [];
  if (q.days !== undefined) {
    const newest = [...transactions, ...batches].map((f) => f.day).sort().at(-1);
    if (newest !== undefined) {
      const from = dayBefore(newest, q.days - 1);
      transactions = transactions.filter((t) => t.day >= from);
      batches = batches.filter((b) => b.day >= from);
    }
  }
  const days = [...transactions, ...batches].map((f) => f.day).sort();
  const period = days.length === 0 ? null : { from: days[0] as string, to: days[days.length - 1] as string };

  const counted = new Set(sources.criteria.programs.flatMap((p) => p.applications));
  const reports = programs
    .map((program): ProgramReport | undefined => {
      const apps = new Set(program.applications);
      const mine = transactions.filter((t) => apps.has(t.application));
      const refused = batches.filter((b) => apps.has(b.application));
      if (mine.length + refused.length === 0 && q.application === undefined) return undefined;
      const tally = tallyDays(mine, refused, sources.criteria.batchRejectionCountsAs);
      const total = totalOf(tally);
      const repeated = repeatedErrors(mine, sources.criteria.repetitive);
      return {
        id: program.id,
        title: program.title,
        applications: program.applications,
        source: program.source,
        days: tally,
        total,
        conditions: rankConditions(mine, refused),
        repeatedErrors: repeated,
        batchRejections: refused.slice(-BATCH_REJECTIONS_SHOWN).map((b) => ({ exchangeId: b.exchangeId, at: b.at, codes: b.conditions.map((c) => c.code) })),
        verdict: judge(program, { days: tally, total, repeated, transactions: mine, ...(q.monthlyVolume !== undefined && { monthlyVolume: q.monthlyVolume }) }),
      };
    })
    .filter((r): r is ProgramReport => r !== undefined);

  const others = new Map<string, { transactions: number; rejected: number }>();
  if (q.application === undefined) {
    for (const t of transactions.filter((t) => !counted.has(t.application))) {
      const o = others.get(t.application) ?? { transactions: 0, rejected: 0 };
      o.transactions++;
      if (!t.accepted) o.rejected++;
      others.set(t.application, o);
    }
  }

  const inPeriod = (day: string) => period !== null && day >= period.from && (q.to === undefined || day <= q.to);
  const sessions = new Set(transactions.map((t) => t.session));
  if (plan) for (const session of sessions) await sources.catchUp(session);
  const progress = plan && progressOf(plan, transactions, deliveredMessages(sources, sessions, filer, inPeriod));
  const wouldPass = reports.length > 0 && reports.every((r) => r.verdict.wouldPass) && (progress === undefined || progress.done === progress.of);
  const summary = [
    ...(reports.length === 0 ? [`nothing to judge: no transmissions${filer ? ` from ${filer}` : ''} match this report`] : reports.map((r) => r.verdict.summary)),
    ...(progress ? [`plan ${progress.id}: ${progress.done} of ${progress.of} shown${progress.missing.length ? `; still to show: ${progress.missing.join('; ')}` : ''}`] : []),
  ];
  return {
    generatedAt: sources.now().toISOString(),
    query: q,
    period,
    programs: reports,
    otherApplications: [...others.entries()].map(([application, o]) => ({ application, ...o })),
    ...(progress && { plan: progress }),
    wouldPass,
    summary,
  };
}
