import { AssertionError } from 'node:assert';
import type { Answer, ConditionReport, TransactionOutcome } from './answer.js';

export interface RejectionExpected {
  /** A condition code that must be among those of the rejection, e.g. `B16`, `101`, `X06`. */
  readonly condition?: string;
  /** The field the condition must point at, as the JSON answer names it (e.g. `entryNumber`). */
  readonly field?: string;
  /** Only this entry's transaction (B76-0324543-0, B7603245430 or 03245430); default any of the answer's. */
  readonly entryNumber?: string;
}

/** `B76-0324543-0` → `03245430`: the 8 digits a transaction's entryNumber holds. */
const entryDigits = (entry: string): string => entry.replace(/-/g, '').slice(-8);

const conditionText = (c: ConditionReport): string =>
  `${c.code} ${c.narrative.trim()}${c.field !== undefined ? ` on ${c.field}` : ''}${c.reference ? ` (${c.reference.trim()})` : ''}`;

const transactionText = (t: TransactionOutcome): string => {
  const conditions = t.conditions.length > 0 ? ` with ${t.conditions.map(conditionText).join(', ')}` : '';
  return `${t.filer}-${t.entryNumber} ${t.action} ${t.outcome} (${t.disposition})${conditions}`;
};

/** What an answer says, in one line a person can act on: its outcome, and each transaction or batch condition. */
export function describeAnswer(answer: Answer): string {
  if (answer.outcome === 'batch-rejected') {
    return `batch rejected with ${answer.batchConditions.map((c) => `${c.code} ${c.narrative.trim()}`).join(', ')}`;
  }
  return `${answer.outcome}: ${answer.transactions.map(transactionText).join('; ') || 'no transactions'}`;
}

function fail(wanted: string, answer: Answer, operator: string): never {
  const got = describeAnswer(answer);
  throw new AssertionError({ message: `expected ${wanted}; got ${got}`, actual: got, expected: wanted, operator });
}

/** Throws unless every transaction of the answer was accepted (warnings allowed), naming what was rejected and why. */
export function expectAccepted(answer: Answer): void {
  if (answer.outcome !== 'accepted') fail('accepted', answer, 'expectAccepted');
}

/**
 * Throws unless the answer is a rejection (of the batch, or of a transaction: of `entryNumber`'s
 * when given) with the `condition` on the `field`, when given. The message lists what it got.
 */
export function expectRejected(answer: Answer, expected: RejectionExpected = {}): void {
  const wanted = [
    expected.condition !== undefined ? `condition ${expected.condition}` : 'a rejection',
    expected.field !== undefined ? `on ${expected.field}` : '',
    expected.entryNumber !== undefined ? `for entry ${expected.entryNumber}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const rejections: (readonly { code: string; field?: string }[])[] =
    answer.outcome === 'batch-rejected'
      ? [answer.batchConditions]
      : answer.transactions
          .filter((t) => t.outcome === 'rejected' && (expected.entryNumber === undefined || t.entryNumber === entryDigits(expected.entryNumber)))
          .map((t) => t.conditions);
  const matches = (c: { code: string; field?: string }) =>
    (expected.condition === undefined || c.code === expected.condition) && (expected.field === undefined || c.field === expected.field);
  const anyCondition = expected.condition === undefined && expected.field === undefined;
  if (!rejections.some((conditions) => anyCondition || conditions.some(matches))) fail(wanted, answer, 'expectRejected');
}
