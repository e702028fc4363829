import type { Logger } from 'pino';
import type { GroupCommit } from '../store/group-commit.js';
import type { Schedule } from './schedule.js';

/**
 * Runs the schedule's due jobs in their own transactions: for one session on demand (`catchUp`,
 * before a read that must see them, e.g. GET /v1/messages right after the clock moved), and for every
 * session on a timer, so a statement falls due while nobody asks.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly schedule: Schedule,
    private readonly commits: GroupCommit,
    private readonly logger: Logger,
  ) {}

  /** Runs what is due for the session now, if anything is, in a transaction of its own. */
  async catchUp(session: string): Promise<void> {
    if (this.schedule.hasDue(session)) await this.commits.run(() => this.runDue(session));
  }

  /** Runs what is due for the session inside the caller's transaction (an exchange runs it before it answers). */
  runDue(session: string): void {
    const { ran, failures } = this.schedule.runDue(session);
    for (const { job, error } of failures) {
      this.logger.error({ session, job: { id: job.id, kind: job.kind, key: job.key, dueAt: job.dueAt }, error }, `scheduled ${job.kind} for ${job.key} failed: ${error}`);
    }
    if (ran > 0) this.logger.info({ session, ran }, `session ${session}: ran ${ran} due job(s)`);
  }

  /** Looks for due work in every session every `intervalMs`. */
  start(intervalMs = 1000): void {
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    for (const session of this.schedule.pendingSessions()) {
      try {
        await this.catchUp(session);
      } catch (err) {
        this.logger.error({ err, session }, 'scheduled work could not be committed; it will be tried again');
      }
    }
  }
}
