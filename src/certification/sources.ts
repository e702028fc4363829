import type { Catalog } from '../catair/catalog.js';
import { readField } from '../catair/record.js';
import type { Journal } from '../store/journal.js';
import type { Outbox } from '../store/outbox.js';
import { type BatchRejectionFact, factsOf, type TransactionFact } from './facts.js';
import type { MessageFact } from './plan.js';

const PAGE = 500;

/** What a report reads: the journal, the outbox, and each session's clock and due work. */
export interface ReportSources {
  readonly journal: Journal;
  readonly outbox: Outbox;
  readonly catalog: Catalog;
  /** Each session's business time: messages due by then have been delivered. */
  readonly sessionNow: (session: string) => Date;
  /** Runs a session's time-driven work that has fallen due (statements), so its messages are there to be seen. */
  readonly catchUp: (session: string) => Promise<void>;
  readonly now: () => Date;
}

/** Every exchange of the filer or session as facts, in business-time order (several sessions interleave by their clocks). */
export function journalFacts(journal: Journal, scope: { filer?: string; session?: string }): { transactions: TransactionFact[]; batches: BatchRejectionFact[] } {
  const transactions: TransactionFact[] = [];
  const batches: BatchRejectionFact[] = [];
  let before: string | undefined;
  for (;;) {
    const page = journal.find({ limit: PAGE, ...scope, ...(before !== undefined && { before }) });
    for (const entry of page) {
      const facts = factsOf(entry);
      transactions.push(...facts.transactions);
      if (facts.batchRejection) batches.push(facts.batchRejection);
    }
    if (page.length < PAGE) break;
    before = page[page.length - 1]?.id;
  }
  // The journal pages newest first; reversed, the sort is stable for exchanges of equal time.
  const byTime = (a: { at: string }, b: { at: string }) => a.at.localeCompare(b.at);
  return { transactions: transactions.reverse().sort(byTime), batches: batches.reverse().sort(byTime) };
}

/** The messages of the sessions that are due by their clocks and were caused by one of the given exchanges. */
export function deliveredMessages(sources: ReportSources, sessions: ReadonlySet<string>, causes: ReadonlySet<string>): MessageFact[] {
  const b = sources.catalog.layout('B');
  const messages: MessageFact[] = [];
  for (const session of sessions) {
    let after = 0;
    for (;;) {
      const page = sources.outbox.dueFor(session, after, sources.sessionNow(session), PAGE);
      for (const m of page) {
        const header = m.records.find((r) => r.startsWith('B'));
        if (header === undefined || !causes.has(m.exchangeId)) continue;
        messages.push({ application: readField(b, header, 'applicationId'), summary: m.summary, exchangeId: m.exchangeId, deliverAt: m.deliverAt });
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1]?.seq ?? after;
    }
  }
  return messages.sort((a, b) => a.deliverAt.localeCompare(b.deliverAt));
}
