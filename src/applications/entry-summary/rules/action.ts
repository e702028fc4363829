import type { EsCondition } from '../transaction.js';
import { conventionalFilingRefusal } from '../lifecycle.js';
import { type Rule, SUMMARY } from './rule.js';
import { value } from '../../shared/record.js';

/**
 * 10 record fields a delete may not carry (ESF-26..34: the data elements marked note 2, "not
 * allowed if the Summary Filing Action Request Code is a D"). ESF-133 (b) lists what a delete
 * needs: action, port, filer, entry number and entry type. The broker reference is in neither list
 * (ESF-26 gives it no note 2) while the dictionary's B24 allows only the mandatory elements:
 * ace-mock follows the layout and lets a delete carry it. The PSC indicator has its own code on a
 * delete (B43, psc.ts).
 */
const NOT_ON_DELETE = [
  'modeOfTransport', 'bondWaiver', 'electronicSignature', 'cargoReleaseCertification', 'eInvoice', 'consolidatedSummary',
  'shipmentUsage', 'liveEntry', 'deferredTax', 'reconciliationFlag', 'reconciliationIssue', 'paymentType',
  'statementPrintDate', 'periodicStatementMonth', 'statementClientBranch', 'bondWaiverReason',
  'acceleratedLiquidation', 'knownImporter', 'pgaDataIncluded', 'tibDeclaration', 'consolidatedExpressInformal',
];

/**
 * The action code against the entry's state.
 * - D of an entry not on file (never filed, or already deleted): B25. A delete carries only its
 *   10 record (any other record is B24) with only the elements of ESF-133 (b) filled (ESF-34 note 2:
 *   any other is rejected, B24 "extraneous data not allowed - delete").
 * - A of an entry on file whose initial filing had a broker reference, with another one: B35
 *   (ESF-132: a re-add must repeat the initial filing's reference; R does not check it).
 * - A, R or D that is not a PSC, on an entry CBP has taken over: B54 / B30 / B29 (lifecycle.ts).
 * - With `actionPolicy: strict`, also: A of an entry on file (M01), R of one not on file (M02).
 */
export const actionAgainstState: Rule = (tx, ctx) => {
  const action = value(tx.header, 'actionCode');
  const at = { ref: SUMMARY, record: tx.header, field: 'actionCode' };
  const onFile = ctx.existing?.status === 'accepted' ? ctx.existing : undefined;
  const psc = value(tx.header, 'pscIndicator') === 'Y';
  const found: EsCondition[] = [];
  if (action !== 'A' && action !== 'R' && action !== 'D') return found;
  if (action === 'D') {
    if (!onFile) found.push({ code: 'B25', ...at });
    if (tx.headerRecords.length > 0 || tx.lines.length > 0 || tx.totals.length > 0 || tx.trailer) {
      found.push({ code: 'B24', ...at });
    } else {
      const extra = NOT_ON_DELETE.find((f) => value(tx.header, f) !== '');
      if (extra) found.push({ code: 'B24', ref: SUMMARY, record: tx.header, field: extra });
    }
  } else {
    if (onFile && action === 'A' && ctx.options.actionPolicy === 'strict') found.push({ code: 'M01', ...at });
    if (!onFile && action === 'R' && !psc && ctx.options.actionPolicy === 'strict') found.push({ code: 'M02', ...at });
    const initialReference = onFile?.brokerReference ?? '';
    if (action === 'A' && initialReference !== '' && initialReference !== value(tx.header, 'brokerReference')) {
      found.push({ code: 'B35', ref: SUMMARY, record: tx.header, field: 'brokerReference' });
    }
  }
  // A PSC delete is B43 (psc.ts); a PSC's own state checks are there too.
  const refusal = onFile && !psc ? conventionalFilingRefusal(onFile, action) : undefined;
  if (refusal) found.push({ code: refusal, ...at });
  return found;
};
