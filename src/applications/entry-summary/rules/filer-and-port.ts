import { type Rule, SUMMARY, value } from './rule.js';

/**
 * The entry filer (10 record 4-6) must be the block's processing filer (B 8-10), or, when the block
 * is remotely filed, the remote preparer's filer (B 51-53): B53 / B12. The port of entry (10 record
 * 18-21) must be the processing port (B 4-7): B10.
 */
export const filerAndPort: Rule = (tx, ctx) => {
  const filer = value(tx.header, 'entryFiler');
  const port = value(tx.header, 'port');
  const found = [];
  if (filer !== '') {
    const expected = ctx.block.remotePreparerFiler ?? ctx.block.filer;
    const code = ctx.block.remotePreparerFiler !== undefined ? 'B12' : 'B53';
    if (filer !== expected) found.push({ code, ref: SUMMARY, record: tx.header, field: 'entryFiler' });
  }
  if (port !== '' && port !== ctx.block.port) found.push({ code: 'B10', ref: SUMMARY, record: tx.header, field: 'port' });
  return found;
};
