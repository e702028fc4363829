import { entryOf, type BatchRejectionFact, type TransactionFact } from './facts.js';

/** One business day's volume and errors. */
export interface DayTally {
  readonly day: string;
  readonly transactions: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly batchRejections: number;
  /** Rejected transactions plus batch rejections (each counted as the criteria say). */
  readonly errors: number;
  /** errors / (transactions + counted batch rejections); 0 on a day with nothing counted. */
  readonly errorRate: number;
}

/** How a condition weighed: fatal (refused the transaction), a Census or PGA warning, or informational. */
export type Weight = 'fatal' | 'warning' | 'informational';

/** A condition code and how often it was raised. */
export interface ConditionCount {
  readonly code: string;
  readonly narrative: string;
  readonly severity: Weight;
  readonly transactions: number;
}

const WEIGHT = { W: 'warning', P: 'warning', I: 'informational' } as const;

/** The same fatal condition on the same field, across transactions and days. */
export interface RepeatedError {
  readonly code: string;
  readonly narrative: string;
  readonly field: string;
  readonly transactions: number;
  readonly days: readonly string[];
  readonly firstSeen: { readonly exchangeId: string; readonly at: string };
  readonly lastSeen: { readonly exchangeId: string; readonly at: string };
  /** Entry numbers it was raised on (filer-number), at most ten. */
  readonly entries: readonly string[];
  /** Whether it is repetitive by the criteria's counts. */
  readonly repetitive: boolean;
  /** The business day on which it became repetitive. */
  readonly repetitiveFrom?: string;
  /** Every entry it was raised on was accepted afterwards (corrected and retransmitted). */
  readonly resolved: boolean;
}

const ENTRIES_SHOWN = 10;

function rate(errors: number, counted: number): number {
  return counted === 0 ? 0 : errors / counted;
}

/** Volume and errors per business day, oldest first. */
export function tallyDays(transactions: readonly TransactionFact[], batches: readonly BatchRejectionFact[], batchWeight: number): DayTally[] {
  const days = new Map<string, { transactions: number; accepted: number; batchRejections: number }>();
  const of = (day: string) => {
    let d = days.get(day);
    if (!d) days.set(day, (d = { transactions: 0, accepted: 0, batchRejections: 0 }));
    return d;
  };
  for (const t of transactions) {
    const d = of(t.day);
    d.transactions++;
    if (t.accepted) d.accepted++;
  }
  for (const b of batches) of(b.day).batchRejections++;
  return [...days.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, d]) => {
      const rejected = d.transactions - d.accepted;
      const errors = rejected + d.batchRejections * batchWeight;
      return { day, ...d, rejected, errors, errorRate: rate(errors, d.transactions + d.batchRejections * batchWeight) };
    });
}

/** The whole period as one tally. */
export function totalOf(days: readonly DayTally[]): Omit<DayTally, 'day'> {
  const sum = (pick: (d: DayTally) => number) => days.reduce((n, d) => n + pick(d), 0);
  const transactions = sum((d) => d.transactions);
  const errors = sum((d) => d.errors);
  const counted = transactions + sum((d) => d.errors - d.rejected);
  return { transactions, accepted: sum((d) => d.accepted), rejected: sum((d) => d.rejected), batchRejections: sum((d) => d.batchRejections), errors, errorRate: rate(errors, counted) };
}

/** Every condition raised, the most frequent first (each counted once per transaction). */
export function rankConditions(transactions: readonly TransactionFact[], batches: readonly BatchRejectionFact[]): ConditionCount[] {
  const counts = new Map<string, { code: string; narrative: string; severity: Weight; transactions: number }>();
  const count = (code: string, narrative: string, severity: Weight) => {
    const key = `${severity} ${code}`;
    const c = counts.get(key);
    if (c) c.transactions++;
    else counts.set(key, { code, narrative, severity, transactions: 1 });
  };
  for (const t of transactions) {
    for (const code of new Set(t.faults.map((f) => f.code))) count(code, t.faults.find((f) => f.code === code)?.narrative ?? '', 'fatal');
    const warnings = new Map(t.warnings.map((w) => [w.code, w]));
    for (const w of warnings.values()) count(w.code, w.narrative, WEIGHT[w.severity]);
  }
  for (const b of batches) for (const code of new Set(b.conditions.map((c) => c.code))) count(code, b.conditions.find((c) => c.code === code)?.narrative ?? '', 'fatal');
  return [...counts.values()].sort((a, b) => b.transactions - a.transactions || a.code.localeCompare(b.code));
}

/** Where in the (ordered) transactions each entry was last accepted, by application and entry. */
function lastAccepted(transactions: readonly TransactionFact[]): Map<string, number> {
  const last = new Map<string, number>();
  transactions.forEach((t, i) => {
    if (t.accepted) last.set(`${t.application} ${entryOf(t)}`, i);
  });
  return last;
}

/**
 * Fatal conditions grouped by code and field, with when and where they recurred; `repetitive` when
 * one reaches either count of the criteria (transactions or distinct days). Transactions are taken
 * in business-time order.
 */
export function repeatedErrors(transactions: readonly TransactionFact[], rule: { minTransactions: number; minDays: number }): RepeatedError[] {
  const groups = new Map<string, { code: string; narrative: string; field: string; seen: TransactionFact[]; at: number[] }>();
  transactions.forEach((t, index) => {
    const keys = new Set<string>();
    for (const f of t.faults) {
      const key = `${f.code} ${f.field}`;
      if (keys.has(key)) continue;
      keys.add(key);
      const g = groups.get(key);
      if (g) {
        g.seen.push(t);
        g.at.push(index);
      } else groups.set(key, { code: f.code, narrative: f.narrative, field: f.field, seen: [t], at: [index] });
    }
  });
  const accepted = lastAccepted(transactions);
  return [...groups.values()]
    .map((g) => {
      const days: string[] = [];
      let repetitiveFrom: string | undefined;
      g.seen.forEach((t, i) => {
        if (!days.includes(t.day)) days.push(t.day);
        if (repetitiveFrom === undefined && (i + 1 >= rule.minTransactions || days.length >= rule.minDays)) repetitiveFrom = t.day;
      });
      const first = g.seen[0] as TransactionFact;
      const last = g.seen[g.seen.length - 1] as TransactionFact;
      return {
        code: g.code,
        narrative: g.narrative,
        field: g.field,
        transactions: g.seen.length,
        days,
        firstSeen: { exchangeId: first.exchangeId, at: first.at },
        lastSeen: { exchangeId: last.exchangeId, at: last.at },
        entries: [...new Set(g.seen.map(entryOf))].slice(0, ENTRIES_SHOWN),
        repetitive: repetitiveFrom !== undefined,
        ...(repetitiveFrom !== undefined && { repetitiveFrom }),
        resolved: g.seen.every((t, i) => (accepted.get(`${t.application} ${entryOf(t)}`) ?? -1) > (g.at[i] as number)),
      };
    })
    .sort((a, b) => Number(b.repetitive) - Number(a.repetitive) || b.transactions - a.transactions || a.code.localeCompare(b.code));
}
