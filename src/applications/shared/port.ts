/** The first of the given fields that holds a four-digit Schedule D port code; undefined when none does. */
export function firstPort(...candidates: readonly string[]): string | undefined {
  return candidates.map((c) => c.trim()).find((p) => /^\d{4}$/.test(p));
}

/** A transaction's port of entry for its outcome: `{ port }`, or nothing when it names none. */
export function portOf(...candidates: readonly string[]): { port?: string } {
  const port = firstPort(...candidates);
  return port === undefined ? {} : { port };
}
