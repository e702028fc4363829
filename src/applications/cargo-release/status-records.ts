import { firstPort } from '../shared/port.js';
import { releasePortFields } from './release-port.js';
import { hhmm, mmddyy } from '../../catair/batch-output.js';
import type { Catalog } from '../../catair/catalog.js';
import { writeRecord } from '../../catair/record.js';
import type { PgaStatus, ReleaseStatusScript } from '../../scenarios/format.js';
import { value } from '../shared/record.js';
import type { FiledBill, ReleaseFiling } from './release-filing.js';

/**
 * The record families that report where an entry's cargo release stands: SO10..SO72 in a release
 * notification CBP sends unasked, WO10..WO72 in the answer to a status query by entry number
 * (CQ → C1), which mimic the SO records field for field (ACMQ-45). The family is the records' id prefix.
 */
export type StatusFamily = 'SO' | 'WO';

/** A code CBP set, and when; a result ace-mock knows without its time keeps its date and time blank. */
export interface DatedCode {
  readonly code: string;
  readonly at?: Date;
}

/** A processing result (SO60/WO60), with what its code carries (schemas/codes/cargo-release-dispositions.yaml). */
export interface ProcessingResult extends DatedCode {
  readonly releaseOrigin?: string;
  readonly documentType?: string;
}

/** What a status reports besides the entry's filing. */
export interface ReleaseStatus {
  /** The bill match given to every bill of the filing (SO50/WO50); none: the bills are not reported. */
  readonly bill?: DatedCode;
  readonly results: readonly ProcessingResult[];
  /** Why CBP rejected a correction or cancellation request (SO20 RSN, then CMT). */
  readonly rejection?: { readonly reason: string; readonly comments: readonly string[] };
  readonly pga: readonly PgaStatus[];
  /** When the PGA reviews were set. */
  readonly pgaAt?: Date;
}

/** The header fields (SO10/WO10, by layout field name) of the entry a status is about. */
export type StatusHeader = Readonly<Record<string, string>>;

/** The bill match code of a status that names none: the bill is on file (ACMQ-53 note 1). */
export const BILL_ON_FILE = '93';
/** The SO70..SO72 layout version ace-mock writes: 04, in place since 6 September 2025 (ACMQ-59 note 7). */
const PGA_PROCESSING_GROUP = '04';
/** The PGA line of an agency that takes part in One USG without a message set on the entry (ACMQ-60 note 9). */
const NO_PGA_LINE = '000';
/** SO20 qualifiers that echo the filer's SE20 references (SE-55, ACMQ-47 note 1). */
const ECHOED_REFERENCES = ['CR', 'RRN'];

/**
 * The status a scenario scripts (an SO follow-up, a CQ answer's `releaseStatus`), every code of it
 * set at `at`: the time the notice is sent, or the query answered. Bills get 93 unless it names one.
 */
export function scriptedStatus(script: ReleaseStatusScript, at: Date): ReleaseStatus {
  return {
    bill: { code: script.bill ?? BILL_ON_FILE, at },
    results: dispositionCodes(script).map((code) => ({
      code,
      at,
      ...(script.releaseOrigin !== undefined && { releaseOrigin: script.releaseOrigin }),
      ...(script.documentType !== undefined && { documentType: script.documentType }),
    })),
    ...(script.rejection && { rejection: script.rejection }),
    pga: script.pga,
    pgaAt: at,
  };
}

/**
 * The records of one status, in the order the query chapter lists the WO records (ACMQ-17..18,
 * ACMQ-45): the header; the references; one line record per tariff of each line; per bill its
 * bill record and the one bill match about it (ACMQ-52); the processing results; per PGA review a
 * status record with its detail and comments (ACMQ-61, ACMQ-63). Without the filing (a release
 * certified from a summary keeps none) only the header, a rejection, the results and the reviews
 * of the entry as a whole are written.
 */
export function writeReleaseStatus(catalog: Catalog, family: StatusFamily, header: StatusHeader, filing: ReleaseFiling | undefined, status: ReleaseStatus): string[] {
  const { bill } = status;
  return [
    writeRecord(catalog.layout(`${family}10`), header),
    ...writeReferences(catalog, family, filing, status),
    ...(filing ? writeLines(catalog, family, filing) : []),
    ...(filing && bill ? filing.bills.filter(isBill).flatMap((b) => writeBill(catalog, family, filing, b, bill)) : []),
    ...status.results.map((result) => writeResult(catalog, family, result)),
    ...status.pga.flatMap((review) => writePgaReview(catalog, family, filing, review, status.pgaAt)),
  ];
}

/** The processing result codes a script names, in the order given. */
export function dispositionCodes(script: ReleaseStatusScript): readonly string[] {
  const { disposition } = script;
  if (disposition === undefined) return [];
  return typeof disposition === 'string' ? [disposition] : disposition;
}

/** The header fields of a filing (ACMQ-45..46): the entry as filed, with the conveyance it names. */
export function headerOfFiling(filing: ReleaseFiling): StatusHeader {
  const { header, detail, references } = filing;
  const part = filing.bills.flatMap((b) => b.parts)[0];
  // Type 06 carries the zone id where others name the conveyance (SE-40 note 6).
  const vessel = value(header, 'entryType') === '06' ? '' : value(detail, 'conveyanceOrFtz');
  return {
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
  };
}

/** A code's narrative from its code list (the titles are CBP's narratives). */
export function codeTitle(catalog: Catalog, list: string, code: string): string {
  return catalog.codes(list).get(code)?.title ?? '';
}

/** The references (ACMQ-47..48): the CR and RRN the filer sent, then CBP's reason and comments for a rejected request. */
function writeReferences(catalog: Catalog, family: StatusFamily, filing: ReleaseFiling | undefined, status: ReleaseStatus): string[] {
  const layout = catalog.layout(`${family}20`);
  const echoed = (filing?.references ?? [])
    .filter((r) => ECHOED_REFERENCES.includes(value(r, 'qualifier')))
    .map((r) => writeRecord(layout, { qualifier: value(r, 'qualifier'), reference: value(r, 'reference') }));
  const { rejection } = status;
  if (!rejection) return echoed;
  return [
    ...echoed,
    writeRecord(layout, { qualifier: 'RSN', reference: rejection.reason }),
    ...rejection.comments.map((reference) => writeRecord(layout, { qualifier: 'CMT', reference })),
  ];
}

/** Line records (ACMQ-49): line number, country of origin and HTS, one per tariff of each line. */
function writeLines(catalog: Catalog, family: StatusFamily, filing: ReleaseFiling): string[] {
  const layout = catalog.layout(`${family}30`);
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

/** An in-bond SE15 has no bill record of its own; its in-bond record would repeat the in-bond on file (ACMQ-51), which ace-mock does not keep. */
export const isBill = (bill: FiledBill): boolean => value(bill.record, 'billType') !== 'I';

/**
 * A bill record (ACMQ-50) and its bill match (ACMQ-52..53). The quantity is the one entered: the
 * SE15's, else the split parts' together; the manifested quantity is the manifest's, which ace-mock
 * does not have. The match's conveyance fields are for split shipments only (ACMQ-53 note 2).
 */
function writeBill(catalog: Catalog, family: StatusFamily, filing: ReleaseFiling, bill: FiledBill, match: DatedCode): string[] {
  const { record, parts } = bill;
  const partQuantities = parts.map((p) => value(p, 'quantity')).filter((q) => q !== '');
  const entered = value(record, 'quantity') || (partQuantities.length > 0 ? String(partQuantities.reduce((sum, q) => sum + Number(q), 0)) : '');
  const split = value(filing.contact, 'splitShipment') === '1';
  const part = split ? parts[0] : undefined;
  return [
    writeRecord(catalog.layout(`${family}40`), {
      billType: value(record, 'billType'),
      issuerCode: value(record, 'issuerCode'),
      billNumber: value(record, 'billNumber'),
      quantity: entered,
      uom: value(parts[0], 'uom'),
    }),
    writeRecord(catalog.layout(`${family}50`), {
      ...dated(match.at, 'dispositionDate', 'dispositionTime'),
      dispositionCode: match.code,
      narrative: codeTitle(catalog, 'cargo-release-bill-dispositions', match.code),
      splitIndicator: split ? 'Y' : 'N',
      ...(part && { carrierCode: value(part, 'carrierCode'), voyage: value(part, 'voyage'), arrivalDate: value(part, 'arrivalDate'), arrivalPort: portOf(filing) }),
    }),
  ];
}

/**
 * A processing result (ACMQ-54..56); the release date (the day of the result) and origin with 22
 * and 98 only, the document type with the codes that ask for a document (both flags of
 * schemas/codes/cargo-release-dispositions.yaml).
 */
function writeResult(catalog: Catalog, family: StatusFamily, result: ProcessingResult): string {
  const disposition = catalog.codes('cargo-release-dispositions').get(result.code);
  const releases = disposition?.['releaseDate'] === true;
  return writeRecord(catalog.layout(`${family}60`), {
    ...dated(result.at, 'actionDate', 'actionTime'),
    dispositionCode: result.code,
    narrative: codeTitle(catalog, 'cargo-release-dispositions', result.code),
    ...(releases && { releaseDate: result.at && mmddyy(result.at), releaseOrigin: result.releaseOrigin }),
    ...(disposition?.['documentType'] === true && { documentType: result.documentType }),
  });
}

/**
 * A PGA status record (ACMQ-57..60) for one review, then a detail record with the agency's
 * reference (ACMQ-61..62) and a comment record per comment (ACMQ-63). A review of a line names it
 * as a one-line range: the CBP line, the tariff's position within it and the PGA line the agency's
 * PG01 gave that tariff, or 000 when the agency has no message set there (ACMQ-60 note 9).
 */
function writePgaReview(catalog: Catalog, family: StatusFamily, filing: ReleaseFiling | undefined, review: PgaStatus, at: Date | undefined): string[] {
  const line = review.line === undefined ? undefined : filing?.lines[review.line - 1];
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
  const status = writeRecord(catalog.layout(`${family}70`), {
    agencyCode: review.agency,
    programCode: review.program ?? value(pg01, 'programCode'),
    ...dated(at, 'statusDate', 'statusTime'),
    entryStatus: review.status,
    entryStatusMessage: review.status === undefined ? undefined : codeTitle(catalog, 'pga-review-statuses', review.status),
    pgaLineStatus: line ? review.lineStatus : undefined,
    statusReason: review.reason,
    ...range,
    documentType: review.documentType,
    entryHoldType: review.holdType,
    processingGroupVersion: PGA_PROCESSING_GROUP,
  });
  const { confirmation } = review;
  const detail = confirmation
    ? [
        writeRecord(catalog.layout(`${family}71`), {
          referenceQualifier1: confirmation.qualifier,
          referenceNumber1: confirmation.number,
          ...dated(at, 'receiptDate', 'receiptTime', true),
        }),
      ]
    : [];
  return [status, ...detail, ...review.comments.map((comments) => writeRecord(catalog.layout(`${family}72`), { comments }))];
}

/** A date and time field pair (MMDDYY, HHMM or HHMMSS, UTC), both blank without a time. */
function dated(at: Date | undefined, date: string, time: string, seconds = false): Record<string, string> {
  return at ? { [date]: mmddyy(at), [time]: hhmm(at, seconds) } : {};
}

/**
 * The district/port of entry (4N): the planned port of entry, else the port of unlading; blank when
 * the filer left both to CBP to derive (SE-35 note 7), as ace-mock has no bill or in-bond to derive it from.
 */
function portOf(filing: ReleaseFiling): string {
  return firstPort(...releasePortFields(filing.header)) ?? '';
}

/** The carrier of a bill's SCAC: the issuer of the first regular or master bill (air and in-bond bills have none, SE-45). */
function carrierOf(filing: ReleaseFiling): string {
  const bill = filing.bills.find((b) => ['R', 'M'].includes(value(b.record, 'billType')));
  return value(bill?.record, 'issuerCode');
}
