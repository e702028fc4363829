/** One day in milliseconds: the unit of every "within N days" rule. */
export const DAY_MS = 86_400_000;

/** An ISO 8601 duration (P1Y2M3W4DT5H6M7S), each part a whole number; years and months are calendar ones. */
export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly days: number;
  /** Hours, minutes and seconds together. */
  readonly milliseconds: number;
}

const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Reads an ISO 8601 duration such as P30D, PT2H or P1MT12H; undefined when it is not one (or is empty: "P", "PT"). */
export function parseDuration(text: string): Duration | undefined {
  const m = ISO_DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const n = (i: number) => Number(m[i] ?? 0);
  return { years: n(1), months: n(2), days: n(3) * 7 + n(4), milliseconds: ((n(5) * 60 + n(6)) * 60 + n(7)) * 1000 };
}

/**
 * The time a duration after `from`. Years and months move the UTC calendar date (Jan 31 + P1M is
 * Mar 3, as Date does it), days count 24 hours: ace-mock's clocks are UTC, so there is no DST.
 */
export function addDuration(from: Date, d: Duration): Date {
  const at = new Date(from.getTime());
  if (d.years !== 0 || d.months !== 0) at.setUTCMonth(at.getUTCMonth() + d.years * 12 + d.months);
  return new Date(at.getTime() + d.days * DAY_MS + d.milliseconds);
}
