import type { Program } from './criteria.js';
import type { TransactionFact } from './facts.js';
import type { DayTally, RepeatedError } from './tally.js';

/** One criterion of a program, judged: met, not met, or not judged (ace-mock lacks what it needs). */
export interface CriterionResult {
  readonly id: 'min-days' | 'error-rate' | 'repetitive-errors' | 'volume' | 'qualification';
  readonly status: 'met' | 'not met' | 'not judged';
  /** What was measured against what was asked, in a sentence. */
  readonly measured: string;
  readonly source: string;
}

export interface Verdict {
  readonly wouldPass: boolean;
  readonly criteria: readonly CriterionResult[];
  /** One line a team lead can read out, e.g. "Cargo Release: 3 of 3 days, 6.2% errors, no repetitive errors: would pass". */
  readonly summary: string;
}

export interface VerdictInput {
  readonly days: readonly DayTally[];
  readonly total: { readonly transactions: number; readonly errorRate: number };
  readonly repeated: readonly RepeatedError[];
  readonly transactions: readonly TransactionFact[];
  /** The filer's monthly entry summary volume, when the caller knows it. */
  readonly monthlyVolume?: number;
}

export const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The day the qualification count last started again, and why; undefined when nothing restarted it. */
function lastRestart(program: Program, input: VerdictInput): { day: string; why: string } | undefined {
  const q = program.qualification;
  if (!q) return undefined;
  const fatal = new Set(q.fatalConditions.codes);
  const restarts: { day: string; why: string }[] = [];
  for (const d of input.days) if (d.errorRate > q.maxDailyErrorRate.value) restarts.push({ day: d.day, why: `${percent(d.errorRate)} errors on ${d.day}` });
  for (const t of input.transactions) {
    const code = t.faults.find((f) => fatal.has(f.code))?.code;
    if (code !== undefined) restarts.push({ day: t.day, why: `fatal ${code} on ${t.filer}-${t.entryNumber} on ${t.day}` });
  }
  for (const r of input.repeated) if (r.repetitiveFrom !== undefined) restarts.push({ day: r.repetitiveFrom, why: `${r.code} on ${r.field} repetitive from ${r.repetitiveFrom}` });
  return restarts.sort((a, b) => a.day.localeCompare(b.day)).at(-1);
}

/** Judges a program's period against its criteria. */
export function judge(program: Program, input: VerdictInput): Verdict {
  const criteria: CriterionResult[] = [];
  const activeDays = input.days.filter((d) => d.transactions + d.batchRejections > 0).length;
  const repetitive = input.repeated.filter((r) => r.repetitive);

  if (program.minDays) {
    criteria.push({
      id: 'min-days',
      status: activeDays >= program.minDays.value ? 'met' : 'not met',
      measured: `${activeDays} of ${program.minDays.value} days with transmissions`,
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
    const worst = repetitive[0];
    criteria.push({
      id: 'repetitive-errors',
      status: repetitive.length === 0 ? 'met' : 'not met',
      measured:
        worst === undefined
          ? 'no repetitive errors'
          : `${worst.code} on ${worst.field} repeated ${plural(worst.transactions, 'time')} over ${plural(worst.days.length, 'day')}${repetitive.length > 1 ? `, and ${plural(repetitive.length - 1, 'other repetitive error')}` : ''}`,
      source: program.repetitiveErrors.source,
    });
  }
  if (program.minVolumeShare) {
    const share = program.minVolumeShare.value;
    criteria.push(
      input.monthlyVolume === undefined
        ? { id: 'volume', status: 'not judged', measured: `${plural(input.total.transactions, 'transaction')}; give the monthly volume to judge the ${percent(share)} share`, source: program.minVolumeShare.source }
        : {
            id: 'volume',
            status: input.total.transactions >= share * input.monthlyVolume ? 'met' : 'not met',
            measured: `${input.total.transactions} of a monthly ${input.monthlyVolume} (${percent(input.total.transactions / input.monthlyVolume)}; at least ${percent(share)} asked)`,
            source: program.minVolumeShare.source,
          },
    );
  }
  if (program.qualification) {
    const q = program.qualification;
    const restart = lastRestart(program, input);
    const counted = input.days.filter((d) => d.transactions + d.batchRejections > 0 && (restart === undefined || d.day > restart.day)).length;
    criteria.push({
      id: 'qualification',
      status: counted >= q.days.value ? 'met' : 'not met',
      measured: `${counted} of ${q.days.value} qualifying days${restart ? ` since the count restarted (${restart.why})` : ''}`,
      source: `${q.days.source}; ${q.maxDailyErrorRate.source}; ${q.fatalConditions.source}`,
    });
  }

  const wouldPass = criteria.every((c) => c.status !== 'not met');
  const failing = criteria.filter((c) => c.status === 'not met').map((c) => c.measured);
  const summary = `${program.title}: ${
    wouldPass
      ? [
          ...(program.minDays ? [`${activeDays} of ${program.minDays.value} days`] : [plural(activeDays, 'day')]),
          `${percent(input.total.errorRate)} errors`,
          repetitive.length === 0 ? 'no repetitive errors' : plural(repetitive.length, 'repetitive error'),
        ].join(', ')
      : failing.join('; ')
  }: ${wouldPass ? 'would pass' : 'would not pass'}`;
  return { wouldPass, criteria, summary };
}
