import type { Catalog } from '../../catair/catalog.js';
import type { Answer, SoFollowUp } from '../../scenarios/format.js';
import type { FollowUpMessage } from '../application.js';
import { type TxRecord, value } from '../shared/record.js';
import { noticeEffects } from './notice-effects.js';
import { readReleaseFiling } from './release-filing.js';
import type { ScheduledChange } from './release-store.js';
import { BILL_ON_FILE, codeTitle, dispositionCodes, headerOfFiling, isBill, scriptedStatus, writeReleaseStatus } from './status-records.js';

/** The output application of a cargo release status notification (B&B-38: CBP-generated, like UC). */
const SO = 'SO';

/** One SO notice: the message for the outbox, and what it changes in the release once it is due. */
export interface ReleaseNotice {
  readonly message: FollowUpMessage;
  readonly change: ScheduledChange;
}

/**
 * The SO follow-ups a scenario step queued for an SE transaction, each as the records of one
 * ACE Cargo Release Status Notification, due `after` the answer. The pipeline puts them in the
 * outbox between a B and a Y echoing the SE block's B record with application SO (B&B-38 note 1),
 * addressed like the UC notices; they reach the filer through GET /v1/messages, the message stream
 * or the MQ notification queue. `records` is the filing the notices repeat, in input order: the
 * transaction's own, or for a cancel (SE10 and SE13 only, SE-24) the entry's filing on file where
 * the application keeps it, so that the notice still names its bills and lines. Each notice's
 * change (notice-effects.ts) takes effect at its delivery time.
 */
export function releaseNotices(catalog: Catalog, records: readonly TxRecord[], followUps: Answer['followUps'], now: Date): ReleaseNotice[] {
  const notices = followUps.filter((f): f is SoFollowUp => f.type === SO);
  if (notices.length === 0) return [];
  const filing = readReleaseFiling(records);
  const entry = `${value(filing.header, 'entryFiler')}-${value(filing.header, 'entryNumber')}`;
  const namesBills = filing.bills.some(isBill);
  return notices.map((f) => {
    const deliverAt = new Date(now.getTime() + f.after);
    // The records of status-records.ts under SO ids; every date and time is the notice's delivery.
    const records = writeReleaseStatus(catalog, SO, headerOfFiling(filing), filing, scriptedStatus(f, deliverAt));
    return {
      message: { deliverAt, application: SO, records, summary: `SO ${noticeSummary(catalog, f)} for ${entry}` },
      change: { at: deliverAt.toISOString(), effects: noticeEffects(catalog, f, namesBills ? (f.bill ?? BILL_ON_FILE) : undefined) },
    };
  });
}

/** What a notice says, for the outbox and the console: its results, its bill code, its PGA statuses. */
function noticeSummary(catalog: Catalog, followUp: SoFollowUp): string {
  return [
    ...dispositionCodes(followUp).map((code) => `${code} ${codeTitle(catalog, 'cargo-release-dispositions', code)}`),
    ...(followUp.bill === undefined ? [] : [`bill ${followUp.bill} ${codeTitle(catalog, 'cargo-release-bill-dispositions', followUp.bill)}`]),
    ...followUp.pga.map((p) => `${p.agency} ${p.status ?? p.lineStatus} ${codeTitle(catalog, 'pga-review-statuses', p.status ?? p.lineStatus ?? '')}`),
  ].join(', ');
}
