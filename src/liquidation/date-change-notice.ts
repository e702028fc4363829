import { mmddyy } from '../catair/batch-output.js';
import type { Catalog } from '../catair/catalog.js';
import { type StatusNoticeFacts, writeStatusNotice } from '../applications/entry-summary/status-notification.js';

/** UC disposition 9, liquidation date change (schemas/codes/uc-dispositions.yaml). */
const LIQUIDATION_DATE_CHANGE = '9';

/** The new date as the E3 remark gives it: MM/DD/YYYY, a date no reader can take for another. */
function remarkDate(date: Date): string {
  const mmdd = mmddyy(date);
  return `${mmdd.slice(0, 2)}/${mmdd.slice(2, 4)}/${date.getUTCFullYear()}`;
}

/**
 * The UC Entry Summary Status Notification that tells the filer CBP moved the entry's liquidation
 * date: an E1 with disposition 9 dated `at`, then an E3 naming the new date. The E1 of the revisions
 * on hand has no place for a liquidation date (older revisions had one at positions not known here,
 * schemas/layouts/status-notification.yaml), so the date travels in the remark: an ace-mock choice
 * (docs/liquidation.md, docs/conformance.md).
 */
export function liquidationDateChangeNotice(catalog: Catalog, facts: StatusNoticeFacts, newDate: Date, at: Date): string[] {
  return writeStatusNotice(catalog, facts, { disposition: LIQUIDATION_DATE_CHANGE, remarks: [`LIQUIDATION DATE CHANGED TO ${remarkDate(newDate)}`] }, at);
}
