import type { EsCondition, TxRecord } from '../transaction.js';
import { headerRecord, type Rule, SUMMARY, value } from './rule.js';

const DAY_MS = 86_400_000;
const REASON_FIELDS = ['reason1', 'reason2', 'reason3', 'reason4', 'reason5'];
const STATEMENT_FIELDS = ['statementPrintDate', 'periodicStatementMonth', 'statementClientBranch'];

/**
 * Post-summary corrections: action R with 10 record position 65 = "Y".
 * - A PSC delete is refused (B43); a PSC needs an entry on file (B42) that is accepted, not
 *   deleted (B46), not liquidated (B50) nor under CBP review (B59) — both set by scenarios — and
 *   within `pscWindowDays` of its first acceptance (B48).
 * - It carries reason codes, on a 35 record or a line's 63 record (748), and an explanation on
 *   36 records (287); statement fields (10 record 52-61) are not allowed (217).
 * - A transaction that is not a PSC may not carry 35 (284), 36 (277) or 63 (580) records.
 */
export const postSummaryCorrection: Rule = (tx, ctx) => {
  const psc = value(tx.header, 'pscIndicator') === 'Y';
  const action = value(tx.header, 'actionCode');
  const at = { ref: SUMMARY, record: tx.header, field: 'pscIndicator' };
  const found: EsCondition[] = [];
  const lineReasons = tx.lines.flatMap((line) => line.trailers.filter((r) => r.id === '63').map((record) => ({ line, record })));
  if (!psc) {
    const header35 = headerRecord(tx, '35');
    const header36 = headerRecord(tx, '36');
    if (header35) found.push({ code: '284', ref: SUMMARY, record: header35 });
    if (header36) found.push({ code: '277', ref: SUMMARY, record: header36 });
    for (const { line, record } of lineReasons) found.push({ code: '580', ref: { kind: 'line', line }, record });
    return found;
  }
  if (action === 'D') return [{ code: 'B43', ...at }];
  const existing = ctx.existing;
  if (!existing) found.push({ code: 'B42', ...at });
  else if (existing.status !== 'accepted') found.push({ code: 'B46', ...at });
  else if (existing.liquidated) found.push({ code: 'B50', ...at });
  else if (existing.underReview) found.push({ code: 'B59', ...at });
  else if (ctx.now.getTime() - Date.parse(existing.firstAcceptedAt) > ctx.options.pscWindowDays * DAY_MS) {
    found.push({ code: 'B48', ...at });
  }
  const headerReasons = tx.headerRecords.some((r) => r.id === '35' && hasReason(r));
  if (!headerReasons && !lineReasons.some(({ record }) => hasReason(record))) found.push({ code: '748', ...at });
  if (!headerRecord(tx, '36')) found.push({ code: '287', ...at });
  const statementField = STATEMENT_FIELDS.find((f) => value(tx.header, f) !== '');
  if (statementField) found.push({ code: '217', ref: SUMMARY, record: tx.header, field: statementField });
  return found;
};

function hasReason(record: TxRecord): boolean {
  return REASON_FIELDS.some((f) => value(record, f) !== '');
}
