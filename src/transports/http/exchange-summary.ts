import type { TransactionOutcome } from '../../applications/application.js';
import type { JournalEntry } from '../../store/journal.js';

/** What people look for in a list of exchanges besides the outcome. */
export type ExchangeTag = 'census-warning' | 'psc';

interface StoredDetail {
  readonly transactions?: readonly Pick<TransactionOutcome, 'psc' | 'conditions' | 'step'>[];
}

/** Census warnings are the severity-W conditions; a PSC is a transaction with the PSC indicator. */
function tagsOf(detail: unknown): ExchangeTag[] {
  const transactions = (detail as StoredDetail | null)?.transactions ?? [];
  const tags: ExchangeTag[] = [];
  if (transactions.some((t) => t.conditions.some((c) => c.severity === 'W'))) tags.push('census-warning');
  if (transactions.some((t) => t.psc === true)) tags.push('psc');
  return tags;
}

/** The step that decided, when a scenario did (the first scripted transaction's). */
function stepOf(detail: unknown): number | undefined {
  return (detail as StoredDetail | null)?.transactions?.find((t) => t.step !== undefined)?.step;
}

/** An exchange without its bytes and detail, as listings and the live stream show it. */
export type ExchangeSummary = Omit<JournalEntry, 'input' | 'output' | 'detail'> & {
  readonly step?: number;
  readonly tags: readonly ExchangeTag[];
  readonly links: { readonly self: string };
};

export function exchangeSummary(entry: JournalEntry): ExchangeSummary {
  const { input: _input, output: _output, detail, ...head } = entry;
  const step = stepOf(detail);
  return { ...head, ...(step !== undefined && { step }), tags: tagsOf(detail), links: { self: `/v1/transmissions/${entry.id}` } };
}
