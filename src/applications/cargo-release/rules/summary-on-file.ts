import { SX } from '../conditions.js';
import { actionOf, on, type Rule, value } from './rule.js';

/**
 * With the entry summary on file, the port of entry is changed only after deleting the summary:
 * delete the AE, then update or replace the SE, then send the AE again without certifying for cargo
 * release (SE-33; M63). A planned port left blank changes nothing.
 */
export const portWithSummary: Rule = (tx, ctx) => {
  const release = ctx.release;
  const port = value(tx.header, 'plannedPortOfEntry');
  if (!['R', 'U'].includes(actionOf(tx)) || !ctx.summaryOnFile || !release || port === '' || release.filed.port === '' || port === release.filed.port) return [];
  return [on(SX.portChangeWithSummary, tx.header, 'plannedPortOfEntry')];
};
