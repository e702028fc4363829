import { carriesSummary, type Rule, SUMMARY } from './rule.js';
import { value } from '../../shared/record.js';
import { certifiesForRelease } from '../certification.js';

/**
 * An entry summary for an entry whose cargo release is on file (filed in SE, or from an earlier
 * summary certified for cargo release):
 * - a warehouse withdrawal or DCMA summary (entry-types `noEntry`: 3x, 51) has no entry behind it,
 *   so it cannot use a number already established as an entry (dictionary B67; ESF-180 (ee));
 * - a summary cannot ask for cargo release certification when the release on file asked for
 *   immediate delivery: that procedure is the strict two-step filing, entry first, then a summary
 *   that does not certify (SE-41 note 9; dictionary 339).
 */
export const releaseOnFile: Rule = (tx, ctx) => {
  const release = ctx.release;
  if (!release || !carriesSummary(tx)) return [];
  const at = { ref: SUMMARY, record: tx.header };
  const type = value(tx.header, 'entryType');
  if (ctx.catalog.codes('entry-types').get(type)?.['noEntry'] === true) return [{ code: 'B67', ...at, field: 'entryType' }];
  if (certifiesForRelease(tx) && release.status === 'accepted' && release.filed.immediateDelivery) {
    return [{ code: '339', ...at, field: 'cargoReleaseCertification' }];
  }
  return [];
};
