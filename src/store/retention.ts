import type { Logger } from 'pino';
import type { GroupCommit } from './group-commit.js';
import type { Journal } from './journal.js';

const EVERY_MS = 10 * 60_000;

/**
 * Keeps the journal within its retention policy, so a mock that runs for weeks keeps its disk and
 * memory bounded: prunes at start and every ten minutes, inside the group commit like any write.
 */
export function startRetention(
  journal: Journal,
  commits: GroupCommit,
  policy: { maxExchanges: number; maxAgeDays: number },
  clock: () => Date,
  logger: Logger,
): () => void {
  if (policy.maxExchanges === 0 && policy.maxAgeDays === 0) return () => undefined;
  const prune = (): void => {
    commits.run(() => journal.prune(policy, clock())).then(
      (removed) => {
        if (removed > 0) logger.info(`journal retention: ${removed} exchange(s) removed`);
      },
      (err: unknown) => logger.error({ err }, 'journal retention failed'),
    );
  };
  prune();
  const timer = setInterval(prune, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
