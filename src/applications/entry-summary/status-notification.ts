import type { Catalog } from '../../catair/catalog.js';
import { mmddyy } from '../../catair/batch-output.js';
import { writeRecord } from '../../catair/record.js';
import type { UcFollowUp } from '../../scenarios/format.js';
import { value } from '../shared/record.js';
import type { EntrySummaryTx } from './transaction.js';

/**
 * The records of a UC Entry Summary Status Notification about a transaction: the E1 (automated
 * source "2", dated the day it is delivered) and an E3 per remark line.
 */
export function writeStatusNotification(
  catalog: Catalog,
  tx: EntrySummaryTx,
  followUp: UcFollowUp,
  deliverAt: Date,
): string[] {
  const line = followUp.line === undefined ? undefined : tx.lines[followUp.line - 1];
  const e1 = writeRecord(catalog.layout('UC.E1'), {
    disposition: followUp.disposition,
    source: '2',
    reason: followUp.reason,
    actionDate: mmddyy(deliverAt),
    entryFiler: value(tx.header, 'entryFiler'),
    entryNumber: value(tx.header, 'entryNumber'),
    lineNumber: line ? value(line.record, 'lineNumber') : undefined,
    brokerReference: value(tx.header, 'brokerReference'),
  });
  return [e1, ...followUp.remarks.map((remarks) => writeRecord(catalog.layout('UC.E3'), { remarks }))];
}
