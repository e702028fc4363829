import type { TransactionOutcome } from '../../applications/application.js';
import type { DecodedRecord } from '../../catair/decode.js';
import type { BatchConditionReport } from '../../pipeline.js';
import type { ExchangeSummary } from './exchange-summary.js';

/** A message an exchange queued, as its document lists it. */
export interface FollowUpView {
  readonly seq: number;
  readonly deliverAt: string;
  readonly summary: string;
  readonly records: readonly string[];
  readonly decoded: readonly DecodedRecord[];
}

/**
 * One exchange as `POST /v1/transmissions` (JSON) and `GET /v1/transmissions/:id` answer it: the
 * listing summary with each transaction's outcome, the batch conditions, the records as sent (the
 * password starred) and answered, both decoded, and the follow-up messages it queued.
 */
export interface ExchangeDocument extends ExchangeSummary {
  readonly transactions: readonly TransactionOutcome[];
  readonly batchConditions: readonly BatchConditionReport[];
  readonly input: string;
  readonly output: readonly string[];
  /** What the journal keeps of the exchange. */
  readonly detail: unknown;
  readonly decoded: { readonly input: readonly DecodedRecord[]; readonly output: readonly DecodedRecord[] };
  readonly followUps: readonly FollowUpView[];
  /** POST only: how long a scenario held the answer back (ms). */
  readonly delayMs?: number;
}
