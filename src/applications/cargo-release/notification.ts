import { hhmm, mmddyy } from '../../catair/batch-output.js';
import type { Catalog } from '../../catair/catalog.js';
import { writeRecord } from '../../catair/record.js';
import type { Answer, PgaStatus, SoFollowUp } from '../../scenarios/format.js';
import type { FollowUpMessage } from '../application.js';
import { type TxRecord, value } from '../shared/record.js';
import { dispositionsOf, noticeEffects } from './notice-effects.js';
import { type FiledBill, type ReleaseFiling, readReleaseFiling } from './release-filing.js';
import type { ScheduledChange } from './release-store.js';

/** The output application of a cargo release status notification (B&B-38: CBP-generated, like UC). */
const SO = 'SO';
/** The bill match code of a notice that names none: the bill is on file (ACMQ-53 note 1). */
const BILL_ON_FILE = '93';
/** The SO70..SO72 layout version ace-mock writes: 04, in place since 6 September 2025 (ACMQ-59 note 7). */
const PGA_PROCESSING_GROUP = '04';
/** The PGA line of an agency that takes part in One USG without a message set on the entry (ACMQ-60 note 9). */
const NO_PGA_LINE = '000';
/** SO20 qualifiers that echo the filer's SE20 references (SE-55, ACMQ-47 note 1). */
const ECHOED_REFERENCES = ['CR', 'RRN'];

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
    return {
      message: { deliverAt, application: SO, records: writeReleaseNotification(catalog, filing, f, deliverAt), summary: `SO ${noticeSummary(catalog, f)} for ${entry}` },
      change: { at: deliverAt.toISOString(), effects: noticeEffects(catalog, f, namesBills ? (f.bill ?? BILL_ON_FILE) : undefined) },
    };
  });
}

/**
 * The records of one release notification, in the order the query chapter lists the records that
 * mimic them (ACMQ-17..18, ACMQ-45): SO10 header; SO20 references; SO30 per tariff of each line;
 * per bill its SO40 and the one SO50 about it (ACMQ-52); the SO60 processing results; per PGA
 * review an SO70 with its SO71 and SO72s (ACMQ-61, ACMQ-63). Dates and times are those of delivery.
 */
function writeReleaseNotification(catalog: Catalog, filing: ReleaseFiling, followUp: SoFollowUp, deliverAt: Date): string[] {
  return [
    writeHeader(catalog, filing),
    ...writeReferences(catalog, filing, followUp),
    ...writeLines(catalog, filing),
    ...filing.bills.filter(isBill).flatMap((bill) => writeBill(catalog, filing, bill, followUp.bill ?? BILL_ON_FILE, deliverAt)),
    ...dispositionsOf(followUp).map((code) => writeResult(catalog, code, followUp, deliverAt)),
    ...followUp.pga.flatMap((review) => writePgaReview(catalog, filing, review, deliverAt)),
  ];
}

/** SO10 (ACMQ-45..46): the entry as filed, with the conveyance the filing names. */
function writeHeader(catalog: Catalog, filing: ReleaseFiling): string {
  const { header, detail, references } = filing;
  const part = filing.bills.flatMap((b) => b.parts)[0];
  // Type 06 carries the zone id where others name the conveyance (SE-40 note 6).
  const vessel = value(header, 'entryType') === '06' ? '' : value(detail, 'conveyanceOrFtz');
  return writeRecord(catalog.layout('SO10'), {
    port: portOf(filing),
    entryFiler: value(header, 'entryFiler'),
    entryNumber: value(header, 'entryNumber'),
    entryType: value(header, 'entryType'),
    importerNumber: value(header, 'importerNumber'),
    carrierCode: value(part, 'carrierCode') || carrierOf(filing),
    vesselName: vessel || value(part, 'conveyanceName'),
    voyage: value(detail, 'voyage') || value(part, 'voyage'),
    estimatedArrival: value(references.find((r) => value(r, 'qualifier') === 'EDA'), 'reference') || value(part, 'arrivalDate'),
    splitShipmentRelease: value(header, 'splitShipmentRelease'),
  });
}

/** SO20 (ACMQ-47..48): the CR and RRN references the filer sent, then CBP's reason and comments for a rejected request. */
function writeReferences(catalog: Catalog, filing: ReleaseFiling, followUp: SoFollowUp): string[] {
  const layout = catalog.layout('SO20');
  const echoed = filing.references
    .filter((r) => ECHOED_REFERENCES.includes(value(r, 'qualifier')))
    .map((r) => writeRecord(layout, { qualifier: value(r, 'qualifier'), reference: value(r, 'reference') }));
  const { rejection } = followUp;
  if (!rejection) return echoed;
  return [
    ...echoed,
    writeRecord(layout, { qualifier: 'RSN', reference: rejection.reason }),
    ...rejection.comments.map((reference) => writeRecord(layout, { qualifier: 'CMT', reference })),
  ];
}

/** SO30 (ACMQ-49): line number, country of origin and HTS, one per tariff of each line. */
function writeLines(catalog: Catalog, filing: ReleaseFiling): string[] {
  const layout = catalog.layout('SO30');
  return filing.lines.flatMap((line) =>
    line.tariffs.map((tariff) =>
      writeRecord(layout, {
        lineNumber: value(line.record, 'lineNumber'),
        countryOfOrigin: value(line.record, 'countryOfOrigin'),
        hts: value(tariff.record, 'hts'),
      }),
    ),
  );
}

/** An in-bond SE15 has no SO40 of its own; its SO42 would repeat the in-bond on file (ACMQ-51), which ace-mock does not keep. */
const isBill = (bill: FiledBill): boolean => value(bill.record, 'billType') !== 'I';

/**
 * SO40 (ACMQ-50) and its SO50 bill match (ACMQ-52..53). The quantity is the one entered: the SE15's,
 * else the split parts' together; the manifested quantity is the manifest's, which ace-mock does not
 * have. The SO50's conveyance fields are for split shipments only (ACMQ-53 note 2).
 */
function writeBill(catalog: Catalog, filing: ReleaseFiling, bill: FiledBill, code: string, deliverAt: Date): string[] {
  const { record, parts } = bill;
  const partQuantities = parts.map((p) => value(p, 'quantity')).filter((q) => q !== '');
  const entered = value(record, 'quantity') || (partQuantities.length > 0 ? String(partQuantities.reduce((sum, q) => sum + Number(q), 0)) : '');
  const split = value(filing.contact, 'splitShipment') === '1';
  const part = split ? parts[0] : undefined;
  return [
    writeRecord(catalog.layout('SO40'), {
      billType: value(record, 'billType'),
      issuerCode: value(record, 'issuerCode'),
      billNumber: value(record, 'billNumber'),
      quantity: entered,
      uom: value(parts[0], 'uom'),
    }),
    writeRecord(catalog.layout('SO50'), {
      dispositionDate: mmddyy(deliverAt),
      dispositionTime: hhmm(deliverAt),
      dispositionCode: code,
      narrative: title(catalog, 'cargo-release-bill-dispositions', code),
      splitIndicator: split ? 'Y' : 'N',
      ...(part && { carrierCode: value(part, 'carrierCode'), voyage: value(part, 'voyage'), arrivalDate: value(part, 'arrivalDate'), arrivalPort: portOf(filing) }),
    }),
  ];
}

/**
 * SO60 (ACMQ-54..56): one processing result; the release date (the day it is sent) and origin with
 * 22 and 98 only, the document type with the codes that ask for a document (both flags of
 * schemas/codes/cargo-release-dispositions.yaml).
 */
function writeResult(catalog: Catalog, code: string, followUp: SoFollowUp, deliverAt: Date): string {
  const disposition = catalog.codes('cargo-release-dispositions').get(code);
  const releases = disposition?.['releaseDate'] === true;
  return writeRecord(catalog.layout('SO60'), {
    actionDate: mmddyy(deliverAt),
    actionTime: hhmm(deliverAt),
    dispositionCode: code,
    narrative: title(catalog, 'cargo-release-dispositions', code),
    ...(releases && { releaseDate: mmddyy(deliverAt), releaseOrigin: followUp.releaseOrigin }),
    ...(disposition?.['documentType'] === true && { documentType: followUp.documentType }),
  });
}

/**
 * SO70 (ACMQ-57..60) for one PGA review, then an SO71 with the agency's reference (ACMQ-61..62) and
 * an SO72 per comment (ACMQ-63). A review of a line names it as a one-line range: the CBP line, the
 * tariff's position within it and the PGA line the agency's PG01 gave that tariff, or 000 when the
 * agency has no message set there (ACMQ-60 note 9).
 */
function writePgaReview(catalog: Catalog, filing: ReleaseFiling, review: PgaStatus, deliverAt: Date): string[] {
  const line = review.line === undefined ? undefined : filing.lines[review.line - 1];
  const position = review.tariff ?? 1;
  const pg01 = line?.tariffs[position - 1]?.pgaLines.find((p) => value(p, 'agencyCode') === review.agency);
  const range = line && {
    beginCbpLine: value(line.record, 'lineNumber'),
    beginTariffPosition: position,
    beginPgaLine: value(pg01, 'pgaLineNumber') || NO_PGA_LINE,
    endCbpLine: value(line.record, 'lineNumber'),
    endTariffPosition: position,
    endPgaLine: value(pg01, 'pgaLineNumber') || NO_PGA_LINE,
  };
  const so70 = writeRecord(catalog.layout('SO70'), {
    agencyCode: review.agency,
    programCode: review.program ?? value(pg01, 'programCode'),
    statusDate: mmddyy(deliverAt),
    statusTime: hhmm(deliverAt),
    entryStatus: review.status,
    entryStatusMessage: review.status === undefined ? undefined : title(catalog, 'pga-review-statuses', review.status),
    pgaLineStatus: line ? review.lineStatus : undefined,
    statusReason: review.reason,
    ...range,
    documentType: review.documentType,
    entryHoldType: review.holdType,
    processingGroupVersion: PGA_PROCESSING_GROUP,
  });
  const { confirmation } = review;
  const so71 = confirmation
    ? [
        writeRecord(catalog.layout('SO71'), {
          referenceQualifier1: confirmation.qualifier,
          referenceNumber1: confirmation.number,
          receiptDate: mmddyy(deliverAt),
          receiptTime: hhmm(deliverAt, true),
        }),
      ]
    : [];
  return [so70, ...so71, ...review.comments.map((comments) => writeRecord(catalog.layout('SO72'), { comments }))];
}

/**
 * The district/port of entry (4N): the planned port of entry, else the port of unlading; blank when
 * the filer left both to CBP to derive (SE-35 note 7), as ace-mock has no bill or in-bond to derive it from.
 */
function portOf(filing: ReleaseFiling): string {
  const port = [value(filing.header, 'plannedPortOfEntry'), value(filing.header, 'portOfUnlading')].find((p) => /^\d{4}$/.test(p));
  return port ?? '';
}

/** The carrier of a bill's SCAC: the issuer of the first regular or master bill (air and in-bond bills have none, SE-45). */
function carrierOf(filing: ReleaseFiling): string {
  const bill = filing.bills.find((b) => ['R', 'M'].includes(value(b.record, 'billType')));
  return value(bill?.record, 'issuerCode');
}

/** A code's narrative from its code list (the titles are CBP's narratives). */
function title(catalog: Catalog, list: string, code: string): string {
  return catalog.codes(list).get(code)?.title ?? '';
}

/** What a notice says, for the outbox and the console: its results, its bill code, its PGA statuses. */
function noticeSummary(catalog: Catalog, followUp: SoFollowUp): string {
  return [
    ...dispositionsOf(followUp).map((code) => `${code} ${title(catalog, 'cargo-release-dispositions', code)}`),
    ...(followUp.bill === undefined ? [] : [`bill ${followUp.bill} ${title(catalog, 'cargo-release-bill-dispositions', followUp.bill)}`]),
    ...followUp.pga.map((p) => `${p.agency} ${p.status ?? p.lineStatus} ${title(catalog, 'pga-review-statuses', p.status ?? p.lineStatus ?? '')}`),
  ].join(', ');
}
