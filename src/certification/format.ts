/** A rate as a report shows it: 0.0625 → "6.3%". */
export const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/** "1 day", "3 days". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
