import type { Catalog } from '../../catair/catalog.js';
import { writeRecord } from '../../catair/record.js';
import type { ConditionReport } from '../application.js';
import { wording } from '../shared/scripting.js';
import type { CargoReleaseTx, CrCondition, TxRecord } from './transaction.js';

/** The message-level SE90 message types (SE-83): 01 rejected, 02 accepted, 03 accepted with warnings, 04 referred to human review. */
export type MessageType = '01' | '02' | '03' | '04';

/** Record-level SE90 message types (SE-83): 11 record rejected, 13 record accepted with a warning. */
const RECORD_REJECTED = '11';
const RECORD_WARNING = '13';
/** The output map allows nine SE90s after an echoed record (SE-26..27). */
const SE90_PER_RECORD = 9;

/**
 * Writes one transaction's SX answer (SE-18, SE-26..27, SE-83): the SE10 and every SE15 echoed, and
 * every other record a condition was found on, in input order; each echoed record followed by its
 * record-level SE90s (11 for a fatal condition, 13 for a warning; message identifier = the
 * condition code); then the message-level SE90 with the transaction's disposition, its narrative
 * from schemas/codes/se90-message-types.yaml and no message identifier.
 */
export function writeReleaseAnswer(
  catalog: Catalog,
  response: string,
  tx: CargoReleaseTx,
  conditions: readonly CrCondition[],
  disposition: MessageType,
): { records: string[]; reports: ConditionReport[] } {
  const se90 = catalog.layout(`${response}.SE90`);
  const byRecord = new Map<TxRecord, CrCondition[]>();
  for (const c of conditions) byRecord.set(c.record, [...(byRecord.get(c.record) ?? []), c]);
  const records: string[] = [];
  const reports: ConditionReport[] = [];
  for (const record of tx.records) {
    const found = byRecord.get(record) ?? [];
    if (found.length === 0 && record !== tx.header && !record.text.startsWith('SE15')) continue;
    records.push(record.text);
    for (const c of found.slice(0, SE90_PER_RECORD)) {
      const { narrative, severity } = wording(catalog, response, c);
      records.push(writeRecord(se90, { messageType: severity === 'F' ? RECORD_REJECTED : RECORD_WARNING, messageId: c.code, narrative }));
      reports.push({ code: c.code, severity, narrative, reference: record.text.slice(0, 4), position: record.position, ...(c.field !== undefined && { field: c.field }) });
    }
  }
  const narrative = catalog.codes('se90-message-types').get(disposition)?.['narrative'];
  records.push(writeRecord(se90, { messageType: disposition, narrative: typeof narrative === 'string' ? narrative : '' }));
  return { records, reports };
}
