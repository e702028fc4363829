/** The outcome of a transmission as a filer reads it from CBP's answer records alone (over MQ there are no headers). */
export type ReplyOutcome = 'accepted' | 'partial' | 'rejected' | 'batch-rejected';

/** CBP's final condition when it refuses a whole batch. */
const BATCH_REJECTED = 'X1RF999';
/** The pointer record that opens each transaction's answer. */
const TRANSACTION_START = 'E0 SUMMRY';
/** E1 column 3: blank on a condition, A or R on the transaction's final disposition. */
const DISPOSITION_COLUMN = 2;

/**
 * Accepted when the batch was not rejected and every transaction ends with a final E1 disposition
 * A; partial when only some do. An answer that settles no transaction accepted nothing: rejected.
 */
export function outcomeOfReply(records: readonly string[]): ReplyOutcome {
  if (records.some((r) => r.startsWith(BATCH_REJECTED))) return 'batch-rejected';
  const finals: (string | undefined)[] = [];
  for (const record of records) {
    if (record.startsWith(TRANSACTION_START)) finals.push(undefined);
    const disposition = record[DISPOSITION_COLUMN];
    if (record.startsWith('E1') && (disposition === 'A' || disposition === 'R') && finals.length > 0) finals[finals.length - 1] = disposition;
  }
  const accepted = finals.filter((d) => d === 'A').length;
  if (accepted > 0 && accepted === finals.length) return 'accepted';
  return accepted > 0 ? 'partial' : 'rejected';
}
