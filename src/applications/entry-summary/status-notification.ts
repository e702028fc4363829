import type { Catalog } from '../../catair/catalog.js';
import { mmddyy } from '../../catair/batch-output.js';
import { writeRecord } from '../../catair/record.js';
import type { UcFollowUp } from '../../scenarios/format.js';
import { value } from '../shared/record.js';
import type { EntrySummaryTx } from './transaction.js';

/** The entry a UC notice is about, as its E1 names it. */
export interface StatusNoticeFacts {
  readonly entryFiler: string;
  readonly entryNumber: string;
  readonly brokerReference: string;
  /** The line the notice is about, its line number as filed (E1 positions 66-68); none for the whole entry. */
  readonly line?: string;
}

/** What a UC notice says: its disposition, the reason for dispositions 4 and R, and the E3 remarks. */
export type StatusNotice = Pick<UcFollowUp, 'disposition' | 'reason' | 'remarks'>;

/**
 * The records of a UC Entry Summary Status Notification: the E1 (automated source "2", dated the
 * day it is delivered) and an E3 per remark line.
 */
export function writeStatusNotice(catalog: Catalog, facts: StatusNoticeFacts, notice: StatusNotice, deliverAt: Date): string[] {
  const e1 = writeRecord(catalog.layout('UC.E1'), {
    disposition: notice.disposition,
    source: '2',
    reason: notice.reason,
    actionDate: mmddyy(deliverAt),
    entryFiler: facts.entryFiler,
    entryNumber: facts.entryNumber,
    lineNumber: facts.line,
    brokerReference: facts.brokerReference,
  });
  return [e1, ...notice.remarks.map((remarks) => writeRecord(catalog.layout('UC.E3'), { remarks }))];
}

/** The UC notice a scenario's follow-up asks for about a transaction (its line by input order). */
export function writeStatusNotification(catalog: Catalog, tx: EntrySummaryTx, followUp: UcFollowUp, deliverAt: Date): string[] {
  const line = followUp.line === undefined ? undefined : tx.lines[followUp.line - 1];
  const facts: StatusNoticeFacts = {
    entryFiler: value(tx.header, 'entryFiler'),
    entryNumber: value(tx.header, 'entryNumber'),
    brokerReference: value(tx.header, 'brokerReference'),
    ...(line && { line: value(line.record, 'lineNumber') }),
  };
  return writeStatusNotice(catalog, facts, followUp, deliverAt);
}
