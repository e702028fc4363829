import type { Logger } from 'pino';
import type { GroupCommit } from './group-commit.js';
import type { Journal } from './journal.js';
import type { Outbox, OutboxPruned } from './outbox.js';

const EVERY_MS = 10 * 60_000;

/** How much history is kept; 0 means no limit for any of them. */
export interface RetentionPolicy {
  readonly maxExchanges: number;
  readonly maxAgeDays: number;
  /** Follow-up messages kept per session in the outbox. */
  readonly outboxPerSession: number;
}

/** One retention pass over the journal and the outbox; run it inside a transaction. */
export function applyRetention(stores: { journal: Journal; outbox: Outbox }, policy: RetentionPolicy, now: Date): { exchanges: number; outbox: OutboxPruned } {
  return {
    exchanges: stores.journal.prune(policy, now),
    outbox: stores.outbox.prune({ maxPerSession: policy.outboxPerSession, maxAgeDays: policy.maxAgeDays }, now),
  };
}

/** Says what a pass dropped: dropped follow-ups are lost to their consumer, so each session is named. */
function logPass(result: { exchanges: number; outbox: OutboxPruned }, policy: RetentionPolicy, logger: Logger): void {
  if (result.exchanges > 0) logger.info(`journal retention: ${result.exchanges} exchange(s) removed`);
  if (result.outbox.expired > 0) logger.info(`outbox retention: ${result.outbox.expired} message(s) due more than ${policy.maxAgeDays} day(s) ago dropped`);
  for (const trim of result.outbox.trimmed) {
    logger.warn(
      { session: trim.session, dropped: trim.dropped, notYetDue: trim.notYetDue, firstSeq: trim.firstSeq, lastSeq: trim.lastSeq },
      `outbox retention: session ${trim.session} was over its limit of ${policy.outboxPerSession} messages (ACE_MOCK_OUTBOX_LIMIT): ` +
        `${trim.dropped} dropped, oldest delivered or due first (seq ${trim.firstSeq}-${trim.lastSeq}, ${trim.notYetDue} not due yet)`,
    );
  }
}

/**
 * Keeps the journal and the outbox within the retention policy, so a mock that runs for weeks, or
 * whose follow-up messages nobody reads, keeps its disk and memory bounded: prunes at start and every
 * ten minutes, inside the group commit like any write. Between passes a session's outbox can exceed
 * its limit by what ten minutes of traffic adds.
 */
export function startRetention(
  stores: { journal: Journal; outbox: Outbox },
  commits: GroupCommit,
  policy: RetentionPolicy,
  clock: () => Date,
  logger: Logger,
): () => void {
  if (policy.maxExchanges === 0 && policy.maxAgeDays === 0 && policy.outboxPerSession === 0) return () => undefined;
  const prune = (): void => {
    commits.run(() => applyRetention(stores, policy, clock())).then(
      (result) => logPass(result, policy, logger),
      (err: unknown) => logger.error({ err }, 'retention failed'),
    );
  };
  prune();
  const timer = setInterval(prune, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
