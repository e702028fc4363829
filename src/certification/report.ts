import type { Criteria, Program } from './criteria.js';
import { entryOf, type BatchRejectionFact, type TransactionFact } from './facts.js';
import { type Plan, type PlanProgress, progressOf } from './plan.js';
import type { ReportQuery } from './query.js';
import { deliveredMessages, journalFacts, type ReportSources } from './sources.js';
import { type ConditionCount, type DayTally, rankConditions, type RepeatedError, repeatedErrors, tallyDays, totalOf } from './tally.js';
import { judge, type Verdict } from './verdict.js';

export type { ReportQuery };

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
  /** The filer judged: the one asked for, or the only one in the journal. */
  readonly filer?: string;
  /** The business days the report covers, or null when nothing matched. */
  readonly period: { readonly from: string; readonly to: string } | null;
  readonly programs: readonly ProgramReport[];
  readonly otherApplications: readonly OtherApplication[];
  /** Batches refused whole that a port filter left out (they name no port). */
  readonly batchRejectionsLeftOut: number;
  readonly plan?: PlanProgress;
  /** Some program was judged, every judged program would pass, and the plan, if any, is complete. */
  readonly wouldPass: boolean;
  readonly summary: readonly string[];
}

/** The query names something the report cannot know of; the message says what exists. */
export class ReportQueryError extends Error {
  override name = 'ReportQueryError';
}

const BATCH_REJECTIONS_SHOWN = 50;

function programsFor(criteria: Criteria, application: string | undefined): Program[] {
  if (application === undefined) return criteria.programs;
  const found = criteria.programs.filter((p) => p.id === application || p.applications.includes(application.toUpperCase()));
  if (found.length === 0) {
    const known = criteria.programs.map((p) => `${p.id} (${p.applications.join(', ')})`).join('; ');
    throw new ReportQueryError(`no certification program counts "${application}"; the programs are ${known}`);
  }
  return found;
}

/** The filer to judge: the one asked for, else the only one there is; several without a choice is a question back. */
function filerOf(q: ReportQuery, transactions: readonly TransactionFact[], batches: readonly BatchRejectionFact[]): string | undefined {
  if (q.filer !== undefined) return q.filer;
  const filers = [...new Set([...transactions, ...batches].map((f) => f.filer))].sort();
  if (filers.length > 1) throw new ReportQueryError(`CBP certifies each filer on its own; name one with filer: the journal has ${filers.join(', ')}`);
  return filers[0];
}

/** The last `n` business days that have transmissions. */
function lastDays(facts: readonly { day: string }[], n: number): Set<string> {
  return new Set([...new Set(facts.map((f) => f.day))].sort().slice(-n));
}

/** A certification rehearsal report: per program, volume and errors per day, repeated errors and a verdict against CBP's criteria. */
export async function certificationReport(sources: ReportSources & { readonly criteria: Criteria; readonly plans: ReadonlyMap<string, Plan> }, q: ReportQuery): Promise<CertificationReport> {
  const plan = q.plan === undefined ? undefined : sources.plans.get(q.plan);
  if (q.plan !== undefined && plan === undefined) {
    throw new ReportQueryError(`no certification plan "${q.plan}"; the plans are ${[...sources.plans.keys()].join(', ') || '(none)'}`);
  }
  const programs = programsFor(sources.criteria, q.application);
  const all = journalFacts(sources.journal, { ...(q.filer !== undefined && { filer: q.filer }), ...(q.session !== undefined && { session: q.session }) });
  const filer = filerOf(q, all.transactions, all.batches);
  const inRange = (f: { filer: string; day: string }) => f.filer === filer && (q.from === undefined || f.day >= q.from) && (q.to === undefined || f.day <= q.to);
  let transactions = all.transactions.filter(inRange);
  let batches = all.batches.filter(inRange);
  let batchRejectionsLeftOut = 0;
  if (q.port !== undefined) {
    // Transactions that name no port (a CW, a query) belong to the port of their entry's filings.
    const entriesAtPort = new Set(transactions.filter((t) => t.port === q.port).map(entryOf));
    transactions = transactions.filter((t) => t.port === q.port || (t.port === undefined && entriesAtPort.has(entryOf(t))));
    batchRejectionsLeftOut = batches.length;
    batches = [];
  }
  // `days` counts the days each program (or the rest) has transmissions on: a query on a later day must not use up one of cargo release's three.
  const lastDaysOf = (own: { transactions: TransactionFact[]; batches: BatchRejectionFact[] }) => {
    if (q.days === undefined) return own;
    const kept = lastDays([...own.transactions, ...own.batches], q.days);
    return { transactions: own.transactions.filter((t) => kept.has(t.day)), batches: own.batches.filter((b) => kept.has(b.day)) };
  };
  const counted: { day: string }[] = [];

  const reports = programs
    .map((program): ProgramReport | undefined => {
      const apps = new Set(program.applications);
      const own = lastDaysOf({ transactions: transactions.filter((t) => apps.has(t.application)), batches: batches.filter((b) => apps.has(b.application)) });
      const mine = own.transactions;
      const refused = own.batches;
      counted.push(...mine, ...refused);
      if (mine.length + refused.length === 0 && q.application === undefined) return undefined;
      const tally = tallyDays(mine, refused, sources.criteria.batchRejectionCountsAs.value);
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

  const judged = new Set(sources.criteria.programs.flatMap((p) => p.applications));
  const others = new Map<string, { transactions: number; rejected: number }>();
  if (q.application === undefined) {
    const unjudged = lastDaysOf({ transactions: transactions.filter((t) => !judged.has(t.application)), batches: [] }).transactions;
    counted.push(...unjudged);
    for (const t of unjudged) {
      const o = others.get(t.application) ?? { transactions: 0, rejected: 0 };
      o.transactions++;
      if (!t.accepted) o.rejected++;
      others.set(t.application, o);
    }
  }

  const days = counted.map((f) => f.day).sort();
  const period = days.length === 0 ? null : { from: days[0] as string, to: days[days.length - 1] as string };

  let progress: PlanProgress | undefined;
  if (plan) {
    const shown = lastDaysOf({ transactions, batches: [] }).transactions;
    const sessions = new Set(shown.map((t) => t.session));
    for (const session of sessions) await sources.catchUp(session);
    progress = progressOf(plan, shown, deliveredMessages(sources, sessions, new Set(shown.map((t) => t.exchangeId))));
  }
  const wouldPass = reports.length > 0 && reports.every((r) => r.verdict.wouldPass) && (progress === undefined || progress.done === progress.of);
  const summary = [
    ...(reports.length === 0 ? [`nothing to judge: no transmissions${filer ? ` from ${filer}` : ''} match this report`] : reports.map((r) => r.verdict.summary)),
    ...(batchRejectionsLeftOut > 0 ? [`${batchRejectionsLeftOut} batch(es) refused whole are left out: they name no port`] : []),
    ...(progress ? [`plan ${progress.id}: ${progress.done} of ${progress.of} shown${progress.missing.length ? `; still to show: ${progress.missing.join('; ')}` : ''}`] : []),
  ];
  return {
    generatedAt: sources.now().toISOString(),
    query: q,
    ...(filer !== undefined && { filer }),
    period,
    programs: reports,
    otherApplications: [...others.entries()].map(([application, o]) => ({ application, ...o })),
    batchRejectionsLeftOut,
    ...(progress && { plan: progress }),
    wouldPass,
    summary,
  };
}
