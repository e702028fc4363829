import type { Catalog } from '../../catair/catalog.js';
import { frameRecords } from '../../catair/framing.js';
import { readAmount, readField } from '../../catair/record.js';
import type { QueriedEntry } from './request.js';

/**
 * The records of the entry summary a transmission filed for an entry: its 10 record and everything
 * after it up to the next 10 record or the end of the block (a B or Y record: no Entry Summary
 * record id begins with either letter). The last such transaction when the transmission filed the
 * entry twice. Undefined when the transmission has none.
 */
export function filedRecords(transmission: string, entry: QueriedEntry, catalog: Catalog): readonly string[] | undefined {
  const ten = catalog.layout('10');
  // Lenient: the transmission was accepted, so its records were whole; this only reads them.
  const { records } = frameRecords(transmission, true);
  let found: string[] | undefined;
  let current: string[] | undefined;
  for (const record of records) {
    if (record.startsWith('10')) {
      const ours = readField(ten, record, 'entryFiler') === entry.filer && readField(ten, record, 'entryNumber') === entry.entryNumber;
      current = ours ? [] : undefined;
      if (current) found = current;
    } else if (/^[BY]/.test(record)) {
      current = undefined;
    }
    current?.push(record);
  }
  return found;
}

/** What the query answer reads of a summary's latest filing (ESQ-35..41), by Entry Summary layout. */
export class Filing {
  constructor(
    readonly records: readonly string[],
    private readonly catalog: Catalog,
  ) {}

  /** The records with an id (the 31 bond records, the 40 lines …), in filing order. */
  all(id: string): readonly string[] {
    return this.records.filter((r) => r.startsWith(id));
  }

  /** A field of the first record with an id ('' when there is none). */
  field(id: string, name: string): string {
    const record = this.records.find((r) => r.startsWith(id));
    return record === undefined ? '' : readField(this.catalog.layout(id), record, name);
  }

  /** An amount field of the first record with an id, undefined when there is none or it is blank. */
  amount(id: string, name: string): number | undefined {
    const record = this.records.find((r) => r.startsWith(id));
    return record === undefined ? undefined : readAmount(this.catalog.layout(id), record, name);
  }

  /** A field of a given record of this filing. */
  read(id: string, record: string, name: string): string {
    return readField(this.catalog.layout(id), record, name);
  }
}
