import type { EntryState } from '../entry-store.js';
import type { EntrySummaryTx, EsCondition } from '../transaction.js';
import { type TxRecord, value } from '../../shared/record.js';
import { headerElements } from '../filed.js';
import { headerRecord, type Rule, type RuleContext, SUMMARY } from './rule.js';
import { DAY_MS } from '../../../clock/duration.js';
import { PAYMENT_FIELDS } from './statement-fields.js';

const TIB = '23';
const REASON_FIELDS = ['reason1', 'reason2', 'reason3', 'reason4', 'reason5'];
/** Other 10 record indicators a PSC may not carry (ESF-184), each with its dictionary code. */
const NOT_ON_PSC: readonly (readonly [field: string, code: string])[] = [
  ['cargoReleaseCertification', '271'],
  // ESF-184 forbids both the indicator and the 32 records; the dictionary has one code (270, which
  // names the 32 record): ace-mock raises it for either.
  ['consolidatedSummary', '270'],
  ['liveEntry', '272'],
  ['reconciliationFlag', '273'],
  ['reconciliationIssue', '274'],
];

/**
 * Post-summary corrections: action R with 10 record position 65 = "Y" (ESF-183..186).
 * - A PSC delete is refused (B43). A PSC needs a summary on file (B42), not waiting for the
 *   filer's correction of a CBP rejection (B46).
 * - The summary on file must be paid (B47) and scheduled for liquidation (B45), in the order
 *   ESF-183 names them (AD/CVD summaries need not be scheduled); not liquidated (B50) nor liquidating within `pscLiquidationMarginDays`
 *   (B51); not filed for reconciliation (B52); not informal, on file or in the PSC (B49); not under
 *   CBP review (B59); its liquidation not suspended other than for AD/CVD (B60); not a TIB already
 *   closed (B69); no duty added by CBP (B71); its entry date at most `pscWindowDays` ago (B48). Payment, statements and
 *   liquidation come with the payment lifecycle; until then a summary counts as not yet paid, so a
 *   PSC of a summary ace-mock has only accepted is refused with B47 and B45 (scenarios can mark a
 *   summary paid and scheduled, see scripting).
 * - Port and importer must be those on file (B44, 286), an entry type change must be one a PSC may
 *   make (B64); the fields ESF-184 forbids must be blank
 *   (217, 270..274, 280).
 * - It carries reason codes, on a 35 record or a line's 63 record (748), and an explanation on
 *   36 records (287). The reasons must fit the change (ESF-185): an entry-type reason without an
 *   entry-type change (281), an entry-type change without one (282), a header change without a
 *   35 record (283).
 * - A transaction that is not a PSC may not carry 35 (284), 36 (277) or 63 (580) records, nor an
 *   accelerated liquidation request (276).
 */
export const postSummaryCorrection: Rule = (tx, ctx) => {
  const psc = value(tx.header, 'pscIndicator') === 'Y';
  const action = value(tx.header, 'actionCode');
  if (!psc) return action === 'A' || action === 'R' ? conventional(tx) : [];
  const at = { ref: SUMMARY, record: tx.header, field: 'pscIndicator' };
  if (action === 'D') return [{ code: 'B43', ...at }];
  const existing = ctx.existing;
  const found: EsCondition[] = [];
  if (!existing || existing.status !== 'accepted') found.push({ code: 'B42', ...at });
  else if (existing.lifecycle.cbpRejected) found.push({ code: 'B46', ...at });
  else found.push(...eligibility(existing, tx, ctx).map((code) => ({ code, ...at })));
  if (existing?.status === 'accepted') found.push(...sameAsOnFile(existing, tx), ...typeChange(existing, tx, ctx), ...reasonsFitChange(existing, tx, ctx));
  found.push(...contents(tx));
  return found;
};

/** What the summary on file must be for a PSC (ESF-183..184 and the dictionary's B4x/B5x). */
function eligibility(existing: EntryState, tx: EntrySummaryTx, ctx: RuleContext): string[] {
  const l = existing.lifecycle;
  const codes: string[] = [];
  const today = Date.parse(ctx.now.toISOString().slice(0, 10));
  if (!l.paid && !existing.liquidated) codes.push('B47');
  // ESF-183 exempts AD/CVD summaries (their liquidation is suspended) from being scheduled.
  if (!l.liquidationScheduled && !existing.liquidated && !typeFlag(ctx, existing.entryType, 'adcvd')) codes.push('B45');
  const liquidatesIn = l.liquidationDate === undefined ? undefined : (Date.parse(l.liquidationDate) - today) / DAY_MS;
  if (existing.liquidated || (liquidatesIn !== undefined && liquidatesIn <= 0)) codes.push('B50');
  else if (liquidatesIn !== undefined && liquidatesIn <= ctx.options.pscLiquidationMarginDays) codes.push('B51');
  if (existing.filed.reconciliation) codes.push('B52');
  if (typeFlag(ctx, existing.entryType, 'informal') || typeFlag(ctx, value(tx.header, 'entryType'), 'informal')) codes.push('B49');
  if (existing.underReview) codes.push('B59');
  // Dictionary B60: a suspension of liquidation refuses a PSC, except the AD/CVD ones (43, 44, 45).
  const suspension = l.suspension === undefined ? undefined : ctx.catalog.codes('extension-suspension-statuses').get(l.suspension);
  if (suspension?.['suspension'] === true && suspension['adcvd'] !== true) codes.push('B60');
  // Dictionary B69: a TIB (type 23) closed on or before the day of the PSC.
  if (existing.entryType === TIB && l.tibCloseDate !== undefined && Date.parse(l.tibCloseDate) <= today) codes.push('B69');
  if (l.additionalDuty) codes.push('B71');
  if (existing.filed.entryDate !== '' && (today - Date.parse(existing.filed.entryDate)) / DAY_MS > ctx.options.pscWindowDays) codes.push('B48');
  return codes;
}

/** Port of entry and importer of record must be those on file (ESF-184). */
function sameAsOnFile(existing: EntryState, tx: EntrySummaryTx): EsCondition[] {
  const found: EsCondition[] = [];
  const port = value(tx.header, 'port');
  if (existing.filed.port !== '' && port !== '' && port !== existing.filed.port) {
    found.push({ code: 'B44', ref: SUMMARY, record: tx.header, field: 'port' });
  }
  const record11 = headerRecord(tx, '11');
  const importer = value(record11, 'importerNumber');
  if (record11 && existing.filed.importer !== '' && importer !== '' && importer !== existing.filed.importer) {
    found.push({ code: '286', ref: SUMMARY, record: record11, field: 'importerNumber' });
  }
  return found;
}

/**
 * B64: which entry type changes a PSC may make. The text lists none (the dictionary's B64 says
 * only that there are limitations); ESF-183 keeps what bears on admissibility out of a PSC's reach,
 * and AE Table 14 names changes between AD/CVD and other types (H01, H14) and "other" ones (H02).
 * `pscEntryTypeChange: regime` (default) allows a change within the regime the goods were entered
 * under (consumption, FTZ, warehouse, ... schemas/codes/entry-types.yaml); `entry` only refuses a
 * change between a summary with an entry (cargo release) and one without (warehouse withdrawals,
 * DCMA: dictionary B67, ESF-178, ESF-180 (ee)). Informal types are B49's.
 */
function typeChange(existing: EntryState, tx: EntrySummaryTx, ctx: RuleContext): EsCondition[] {
  const types = ctx.catalog.codes('entry-types');
  const before = types.get(existing.entryType);
  const after = types.get(value(tx.header, 'entryType'));
  if (!before || !after || before === after || before['informal'] === true || after['informal'] === true) return [];
  const allowed =
    ctx.options.pscEntryTypeChange === 'regime' ? before['regime'] === after['regime'] : (before['noEntry'] === true) === (after['noEntry'] === true);
  return allowed ? [] : [{ code: 'B64', ref: SUMMARY, record: tx.header, field: 'entryType' }];
}

/** ESF-185: the header reasons cited must fit what changed against the summary on file. */
function reasonsFitChange(existing: EntryState, tx: EntrySummaryTx, ctx: RuleContext): EsCondition[] {
  const record35 = headerRecord(tx, '35');
  const reasons = record35 ? REASON_FIELDS.map((f) => value(record35, f)).filter((r) => r !== '') : [];
  const table = ctx.catalog.codes('psc-header-reasons');
  // ESF-185 names H01, H02 and H14 (flagged in the code list); the dictionary's 281 says "H01/H03"
  // (AE Table 14 has no H03): ace-mock follows the chapter.
  const typeReason = reasons.find((r) => table.get(r)?.['entryTypeChange'] === true);
  const typeChanged = value(tx.header, 'entryType') !== existing.entryType;
  const found: EsCondition[] = [];
  if (typeReason && !typeChanged && record35) found.push({ code: '281', ref: SUMMARY, record: record35 });
  if (typeChanged && !typeReason) found.push({ code: '282', ref: SUMMARY, record: tx.header, field: 'entryType' });
  if (existing.filed.header !== '' && reasons.length === 0 && headerElements(tx) !== existing.filed.header) {
    found.push({ code: '283', ref: SUMMARY, record: tx.header });
  }
  return found;
}

/** What a PSC must and must not carry, whatever is on file. */
function contents(tx: EntrySummaryTx): EsCondition[] {
  const at = { ref: SUMMARY, record: tx.header, field: 'pscIndicator' };
  const found: EsCondition[] = [];
  const lineReasons = tx.lines.flatMap((line) => line.trailers.filter((r) => r.id === '63'));
  const headerReasons = tx.headerRecords.some((r) => r.id === '35' && hasReason(r));
  if (!headerReasons && !lineReasons.some(hasReason)) found.push({ code: '748', ...at });
  if (!headerRecord(tx, '36')) found.push({ code: '287', ...at });
  const payment = PAYMENT_FIELDS.find((f) => value(tx.header, f) !== '');
  if (payment) found.push({ code: '217', ref: SUMMARY, record: tx.header, field: payment });
  for (const [field, code] of NOT_ON_PSC) {
    if (value(tx.header, field) !== '') found.push({ code, ref: SUMMARY, record: tx.header, field });
  }
  for (const record of tx.headerRecords.filter((r) => r.id === '32')) found.push({ code: '270', ref: SUMMARY, record });
  const record20 = headerRecord(tx, '20');
  if (value(record20, 'locationOfGoods') !== '') found.push({ code: '280', ref: SUMMARY, record: record20, field: 'locationOfGoods' });
  return found;
}

/** PSC records and fields on a conventional add or replace. */
function conventional(tx: EntrySummaryTx): EsCondition[] {
  const found: EsCondition[] = [];
  const header35 = headerRecord(tx, '35');
  const header36 = headerRecord(tx, '36');
  if (header35) found.push({ code: '284', ref: SUMMARY, record: header35 });
  if (header36) found.push({ code: '277', ref: SUMMARY, record: header36 });
  for (const line of tx.lines) {
    for (const record of line.trailers.filter((r) => r.id === '63')) found.push({ code: '580', ref: { kind: 'line', line }, record });
  }
  if (value(tx.header, 'acceleratedLiquidation') !== '') {
    found.push({ code: '276', ref: SUMMARY, record: tx.header, field: 'acceleratedLiquidation' });
  }
  return found;
}

/** A flag of schemas/codes/entry-types.yaml: `informal` (11, 12: no PSC, B49), `adcvd` (03, 07, 34, 38). */
function typeFlag(ctx: RuleContext, entryType: string, flag: 'informal' | 'adcvd'): boolean {
  return ctx.catalog.codes('entry-types').get(entryType)?.[flag] === true;
}

function hasReason(record: TxRecord): boolean {
  return REASON_FIELDS.some((f) => value(record, f) !== '');
}
