import type { Program } from './criteria.js';
import { entryOf, type TransactionFact } from './facts.js';
import { percent, plural } from './format.js';
import type { DayTally, RepeatedError } from './tally.js';

/** One criterion of a program, judged: met, not met, or not judged (ace-mock cannot see what it needs). */
export interface CriterionResult {
  readonly id: 'min-days' | 'error-rate' | 'repetitive-errors' | 'volume' | 'qualification' | 'not-judged';
  readonly status: 'met' | 'not met' | 'not judged';
  /** What was measured against what was asked, in a sentence. */
  readonly measured: string;
  readonly source: string;
}

export interface Verdict {
  /** Every criterion ace-mock can judge is met (those it cannot are listed as not judged). */
  readonly wouldPass: boolean;
  readonly criteria: readonly CriterionResult[];
  /** One line a team lead can read out, e.g. "Cargo Release: 3 of 3 days, 6.2% errors, no repetitive errors: would pass". */
  readonly summary: string;
}

export interface VerdictInput {
  readonly days: readonly DayTally[];
  readonly total: { readonly transactions: number; readonly errorRate: number };
  readonly repeated: readonly RepeatedError[];
  /** The program's transactions, in business-time order. */
  readonly transactions: readonly TransactionFact[];
  /** The filer's monthly entry summary volume, when the caller knows it. */
  readonly monthlyVolume?: number;
}

/** Every day something restarted the qualification count, and why (REQ-6), oldest first. */
function restarts(program: Program, input: VerdictInput): { day: string; why: string }[] {
  const q = program.qualification;
  if (!q) return [];
  const fatal = new Set(q.fatalConditions.codes);
  const found: { day: string; why: string }[] = [];
  for (const d of input.days) if (d.errorRate > q.maxDailyErrorRate.value) found.push({ day: d.day, why: `${percent(d.errorRate)} errors on ${d.day}` });
  for (const t of input.transactions) {
    const code = t.faults.find((f) => fatal.has(f.code))?.code;
    if (code !== undefined) found.push({ day: t.day, why: `fatal ${code} on ${entryOf(t)} on ${t.day}` });
  }
  // A repetitive error restarts the count on every day it occurs once it is repetitive.
  for (const r of input.repeated) {
    const from = r.repetitiveFrom;
    if (from !== undefined) for (const day of r.days.filter((d) => d >= from)) found.push({ day, why: `${r.code} on ${r.field}, repetitive, on ${day}` });
  }
  return found.sort((a, b) => a.day.localeCompare(b.day));
}

const activeDays = (days: readonly DayTally[]): DayTally[] => days.filter((d) => d.transactions + d.batchRejections > 0);

/** Judges a program's period against its criteria. */
export function judge(program: Program, input: VerdictInput): Verdict {
  const criteria: CriterionResult[] = [];
  const active = activeDays(input.days);
  const repetitive = input.repeated.filter((r) => r.repetitive);
  const counted = program.repetitiveErrors.unresolvedOnly ? repetitive.filter((r) => !r.resolved) : repetitive;

  if (program.minDays) {
    criteria.push({
      id: 'min-days',
      status: active.length >= program.minDays.value ? 'met' : 'not met',
      measured: `${active.length} of ${program.minDays.value} days with transmissions`,
      source: program.minDays.source,
    });
  }
  criteria.push({
    id: 'error-rate',
    status: input.total.errorRate < program.maxErrorRate.value ? 'met' : 'not met',
    measured: `${percent(input.total.errorRate)} of ${plural(input.total.transactions, 'transaction')} in error (must be under ${percent(program.maxErrorRate.value)})`,
    source: program.maxErrorRate.source,
  });
  if (!program.repetitiveErrors.allowed) {
    const worst = counted[0];
    const resolved = repetitive.length - counted.length;
    const resolvedNote = resolved > 0 ? ` (${plural(resolved, 'repetitive error')} corrected since)` : '';
    criteria.push({
      id: 'repetitive-errors',
      status: counted.length === 0 ? 'met' : 'not met',
      measured:
        worst === undefined
          ? `no ${program.repetitiveErrors.unresolvedOnly ? 'unresolved ' : ''}repetitive errors${resolvedNote}`
          : `${worst.code} on ${worst.field} repeated ${plural(worst.transactions, 'time')} over ${plural(worst.days.length, 'day')}${counted.length > 1 ? `, and ${plural(counted.length - 1, 'other repetitive error')}` : ''}${resolvedNote}`,
      source: program.repetitiveErrors.source,
    });
  }
  const share = program.minVolumeShare;
  if (share) {
    const filed = new Set(input.transactions.filter((t) => t.application === share.application).map(entryOf)).size;
    criteria.push(
      input.monthlyVolume === undefined
        ? { id: 'volume', status: 'not judged', measured: `${plural(filed, 'entry', 'entries')} filed (${share.application}); give the monthly volume to judge the ${percent(share.value)} share`, source: share.source }
        : {
            id: 'volume',
            status: filed >= share.value * input.monthlyVolume ? 'met' : 'not met',
            measured: `${plural(filed, 'entry', 'entries')} filed of a monthly ${input.monthlyVolume} (${percent(filed / input.monthlyVolume)}; at least ${percent(share.value)} asked)`,
            source: share.source,
          },
    );
  }
  if (program.qualification) {
    const q = program.qualification;
    const restart = restarts(program, input).at(-1);
    const qualifying = active.filter((d) => restart === undefined || d.day > restart.day).length;
    criteria.push({
      id: 'qualification',
      status: qualifying >= q.days.value ? 'met' : 'not met',
      measured: `${qualifying} of ${q.days.value} qualifying days${restart ? ` since the count restarted (${restart.why})` : ''}`,
      source: `${q.days.source}; ${q.maxDailyErrorRate.source}; ${q.fatalConditions.source}`,
    });
  }
  for (const n of program.notJudged) criteria.push({ id: 'not-judged', status: 'not judged', measured: n.text, source: n.source });

  const wouldPass = criteria.every((c) => c.status !== 'not met');
  const failing = criteria.filter((c) => c.status === 'not met').map((c) => c.measured);
  const summary = `${program.title}: ${
    wouldPass
      ? [
          program.minDays ? `${active.length} of ${program.minDays.value} days` : plural(active.length, 'day'),
          `${percent(input.total.errorRate)} errors`,
          counted.length === 0 ? 'no repetitive errors' : plural(counted.length, 'repetitive error'),
        ].join(', ')
      : failing.join('; ')
  }: ${wouldPass ? 'would pass' : 'would not pass'}`;
  return { wouldPass, criteria, summary };
}
