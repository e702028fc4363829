import type { EntrySummaryOptions } from '../options.js';
import { type Rule, SUMMARY } from './rule.js';
import { value } from '../../shared/record.js';

/** Districts whose entry summaries may share a block (B&B-17). */
const COMMINGLED_DISTRICTS = new Set(['10', '46', '47']);

/**
 * The entry filer (10 record 4-6) must be the block's processing filer (B 8-10), or, when the block
 * is remotely filed, the remote preparer's filer (B 51-53): B53 / B12. A post-summary correction
 * may come from another filer than the entry's (ESF-185..186; the dictionary's B53 exempts PSCs),
 * so B53 is not raised for one.
 * The port of entry (10 record 18-21) must match the processing port (B 4-7): B10, compared as
 * `portMatch` says (see options.ts: B&B-17 asks for the district, the dictionary's B10 the port).
 */
export const filerAndPort: Rule = (tx, ctx) => {
  const filer = value(tx.header, 'entryFiler');
  const port = value(tx.header, 'port');
  const psc = value(tx.header, 'pscIndicator') === 'Y';
  const found = [];
  if (filer !== '') {
    const remote = ctx.block.remotePreparerFiler !== undefined;
    const expected = ctx.block.remotePreparerFiler ?? ctx.block.filer;
    if (filer !== expected && (remote || !psc)) {
      const whose = remote ? "the B record's remote preparer filer" : "the B record's filer";
      found.push({ code: remote ? 'B12' : 'B53', ref: SUMMARY, record: tx.header, field: 'entryFiler', why: `the 10 record names filer ${filer}; ${whose} is ${expected}` });
    }
  }
  if (port !== '' && !portsMatch(port, ctx.block.port, ctx.options.portMatch)) {
    found.push({ code: 'B10', ref: SUMMARY, record: tx.header, field: 'port', why: `the 10 record names port ${port}; the B record's is ${ctx.block.port}` });
  }
  return found;
};

function portsMatch(entryPort: string, processingPort: string, how: EntrySummaryOptions['portMatch']): boolean {
  if (how === 'port') return entryPort === processingPort;
  const entry = entryPort.slice(0, 2);
  const processing = processingPort.slice(0, 2);
  return entry === processing || (COMMINGLED_DISTRICTS.has(entry) && COMMINGLED_DISTRICTS.has(processing));
}
