import { value } from '../shared/record.js';
import { C1 } from './conditions.js';
import type { StatusQueryTx } from './transaction.js';

/** What a WR1 queries: one kind per record (ACMQ-14 note 1). */
export type QueryKind = 'entry' | 'in-bond' | 'bill' | 'air-waybill';

/** A WR1 as read: what it names (trimmed), its kind, and the condition refusing it, if any. */
export interface StatusQuery {
  readonly kind: QueryKind;
  readonly filer: string;
  readonly entryNumber: string;
  readonly inBondNumber: string;
  readonly issuer: string;
  readonly billNumber: string;
  readonly airWaybill: string;
  readonly houseAirWaybill: string;
  /** Y: the entry's bills and in-bonds too (ACMQ-14). */
  readonly billAndEntry: boolean;
  readonly refusal?: { readonly code: string; readonly field?: string };
}

/** A bill's issuer: a Standard Carrier Alpha Code, 2 to 4 letters (ace-mock has no carrier file to look it up in). */
const SCAC = /^[A-Z]{2,4}$/;
/** An air waybill: the carrier's 3-digit prefix and an 8-digit serial; its check digit is not checked (ACMQ-7, revision 8). */
const AIR_WAYBILL = /^\d{11}$/;

/**
 * Reads a WR1 into one query, checked in this order: a field problem (X39, X40); exactly one kind of
 * query (ACMQ-14 note 1; none or several: INE, the kind being the first named in column order, an
 * entry when none is); then the kind's own fields:
 * - entry: filer (B05) and number (B14) both, and the filer the block's own (X17): CBP answers
 *   entry queries only to the entry's filer (ACMQ-14 note 1, ACMQ-26 note 1);
 * - bill: its number (185) and issuer (176) both, the issuer a SCAC (009);
 * - air waybill: given, not only a house (INE), and 11 digits (297);
 * - in-bond: nothing more; an issuer code with it is the air carrier of an air in-bond (ACMQ-13).
 * The entry number is right-justified in its 9 positions; ace-mock reads it trimmed.
 */
export function readStatusQuery(tx: StatusQueryTx, blockFiler: string): StatusQuery {
  const r = tx.record;
  const fields = {
    filer: value(r, 'entryFiler'),
    entryNumber: value(r, 'entryNumber'),
    inBondNumber: value(r, 'inBondNumber'),
    issuer: value(r, 'billIssuer'),
    billNumber: value(r, 'billNumber'),
    airWaybill: value(r, 'airWaybill'),
    houseAirWaybill: value(r, 'houseAirWaybill'),
    billAndEntry: value(r, 'billAndEntry') === 'Y',
  };
  const named: QueryKind[] = [];
  if (fields.filer !== '' || fields.entryNumber !== '') named.push('entry');
  if (fields.inBondNumber !== '') named.push('in-bond');
  if (fields.billNumber !== '' || (fields.issuer !== '' && fields.inBondNumber === '')) named.push('bill');
  if (fields.airWaybill !== '' || fields.houseAirWaybill !== '') named.push('air-waybill');
  const kind = named[0] ?? 'entry';
  const refused = (code: string, field?: string): StatusQuery => ({ kind, ...fields, refusal: { code, ...(field !== undefined && { field }) } });
  if (tx.syntax) return refused(tx.syntax.code, tx.syntax.field);
  // One kind of query per WR1 (ACMQ-14 note 1); the codes are the appendix's (ACMQ-65).
  if (named.length !== 1) return refused(C1.insufficientData);
  switch (kind) {
    case 'entry':
      // Filer and number both, the filer the B record's (ACMQ-13, ACMQ-14 note 1).
      if (fields.filer === '') return refused(C1.filerMissing, 'entryFiler');
      if (fields.entryNumber === '') return refused(C1.entryNumberMissing, 'entryNumber');
      if (fields.filer !== blockFiler) return refused(C1.filerNotAuthorized, 'entryFiler');
      break;
    case 'bill':
      // SCAC and bill number both (ACMQ-13, ACMQ-14 note 1).
      if (fields.billNumber === '') return refused(C1.billNumberMissing, 'billNumber');
      if (fields.issuer === '') return refused(C1.carrierMissing, 'billIssuer');
      if (!SCAC.test(fields.issuer)) return refused(C1.invalidCarrier, 'billIssuer');
      break;
    case 'air-waybill':
      // A house only with its master (ACMQ-14 note 1); 11 digits (ACMQ-14, ACMQ-15).
      if (fields.airWaybill === '') return refused(C1.insufficientData, 'airWaybill');
      if (!AIR_WAYBILL.test(fields.airWaybill)) return refused(C1.invalidAirWaybill, 'airWaybill');
      break;
    case 'in-bond':
      break;
  }
  return { kind, ...fields };
}
