import { type TxRecord, value } from './record.js';

/**
 * An entry summary as CBP knows it: filer code and entry number (appendix E), within the session
 * that keeps ace-mock's state apart between users.
 */
export interface EntryKey {
  readonly session: string;
  readonly filer: string;
  readonly entryNumber: string;
}

/** The entry a record names in its `entryFiler` and `entryNumber` fields (10, CW01 …). */
export function entryKeyOf(session: string, record: TxRecord): EntryKey {
  return { session, filer: value(record, 'entryFiler'), entryNumber: value(record, 'entryNumber') };
}
