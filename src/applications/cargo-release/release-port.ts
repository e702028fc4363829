import { type TxRecord, value } from '../shared/record.js';

/** Where a cargo release names its port of entry: the planned port, else the port of unlading (SE-35 note 7). */
export function releasePortFields(header: TxRecord | undefined): string[] {
  return [value(header, 'plannedPortOfEntry'), value(header, 'portOfUnlading')];
}
