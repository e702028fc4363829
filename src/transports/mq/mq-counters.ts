/** What the MQ door has done since start, as `/health` shows it. */
export interface MqCounters {
  /** Requests answered with a reply put at once, or later for a held-back one. */
  answered: number;
  /** Requests whose reply a scenario held back (put later by the push loop). */
  deferred: number;
  backedOut: number;
  movedToBackoutQueue: number;
  deadLettered: number;
  /** Requests at their backout threshold that no backout queue took and that asked for MQRO_DISCARD_MSG. */
  discarded: number;
  notificationsPushed: number;
  /** A request at its backout threshold that nothing would take: the request queue is blocked by it. */
  poison: { msgId: string; reason: string; since: string; retryInMs: number } | undefined;
}

export const noCounts = (): MqCounters => ({
  answered: 0,
  deferred: 0,
  backedOut: 0,
  movedToBackoutQueue: 0,
  deadLettered: 0,
  discarded: 0,
  notificationsPushed: 0,
  poison: undefined,
});

/** What each loop of the listener shares with it: the counts, whether it is stopping, a wait that stopping cuts short. */
export interface LoopControl {
  readonly counters: MqCounters;
  readonly stopping: () => boolean;
  readonly pause: (ms: number) => Promise<void>;
}
