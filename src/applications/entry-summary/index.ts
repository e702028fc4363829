import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import { readField } from '../../catair/record.js';
import type { Application, ApplicationContext, BlockAnswer, TransactionOutcome } from '../application.js';
import { type Disposition, EntrySummaryWriter } from './answer.js';
import type { EntryState, EntryStore } from './entry-store.js';
import type { Grammar } from './grammar.js';
import { groupEntrySummaries } from './grouping.js';
import type { EntrySummaryOptions } from './options.js';
import { ENTRY_SUMMARY_RULES } from './rules/index.js';
import { type BlockFacts, value } from './rules/rule.js';
import type { EntrySummaryTx } from './transaction.js';

const VERSION_STEP = 100;

/**
 * ACE Entry Summary Create/Update (AE → AX): groups a block into entry summaries, runs the business
 * rules against each one and the entry's state, records the new state and writes E0/E1 answers.
 */
export class EntrySummaryApplication implements Application<EntrySummaryTx> {
  readonly id = 'AE';
  private readonly writer: EntrySummaryWriter;

  constructor(
    private readonly catalog: Catalog,
    private readonly grammar: Grammar,
    private readonly store: EntryStore,
    private readonly options: EntrySummaryOptions,
  ) {
    this.writer = new EntrySummaryWriter(catalog);
  }

  group(block: Block): { units: EntrySummaryTx[]; conditions: BatchCondition[] } {
    return groupEntrySummaries(block, this.grammar, this.catalog);
  }

  answer(block: Block, units: EntrySummaryTx[], ctx: ApplicationContext): BlockAnswer {
    const facts = this.blockFacts(block);
    const records: string[] = [];
    const transactions: TransactionOutcome[] = [];
    for (const tx of units) {
      const key = { session: ctx.session, filer: value(tx.header, 'entryFiler'), entryNumber: value(tx.header, 'entryNumber') };
      const existing = this.store.get(key);
      const ruleCtx = { catalog: this.catalog, block: facts, options: this.options, now: ctx.now, ...(existing && { existing }) };
      const conditions = ENTRY_SUMMARY_RULES.flatMap((rule) => rule(tx, ruleCtx));
      const fatal = conditions.some((c) => this.catalog.dictionary.get(c.code).severity === 'F');
      const action = value(tx.header, 'actionCode');
      const disposition = fatal ? { code: '998', accepted: false } : this.accept(tx, action, existing, key, ctx);
      const written = this.writer.write(tx, conditions, disposition);
      records.push(...written.records);
      transactions.push({
        block: block.number,
        ordinal: tx.ordinal,
        application: this.id,
        filer: key.filer,
        entryNumber: key.entryNumber,
        action,
        outcome: disposition.accepted ? 'accepted' : 'rejected',
        disposition: disposition.code,
        ...(disposition.version !== undefined && { version: String(disposition.version).padStart(5, '0') }),
        conditions: written.reports,
      });
    }
    return { records, transactions };
  }

  /** Records the accepted transaction and returns its disposition: 995 added, 996 replaced, 997 deleted. */
  private accept(
    tx: EntrySummaryTx,
    action: string,
    existing: EntryState | undefined,
    key: { session: string; filer: string; entryNumber: string },
    ctx: ApplicationContext,
  ): Disposition {
    const at = ctx.now.toISOString();
    const onFile = existing?.status === 'accepted' ? existing : undefined;
    const event = (disposition: string) => ({ exchangeId: ctx.exchangeId, action, disposition, at });
    if (action === 'D' && onFile) {
      this.store.put(key, { ...onFile, status: 'deleted' }, event('997'));
      return { code: '997', accepted: true };
    }
    const psc = value(tx.header, 'pscIndicator') === 'Y';
    const version = onFile ? onFile.version + VERSION_STEP : VERSION_STEP;
    const code = onFile ? '996' : '995';
    this.store.put(
      key,
      {
        status: 'accepted',
        version,
        brokerReference: value(tx.header, 'brokerReference'),
        entryType: value(tx.header, 'entryType'),
        pscOnFile: psc || (onFile?.pscOnFile ?? false),
        firstAcceptedAt: onFile?.firstAcceptedAt ?? at,
      },
      event(code),
    );
    return { code, accepted: true, version };
  }

  private blockFacts(block: Block): BlockFacts {
    const layout = this.catalog.layout('B');
    const b = block.header.text;
    const remote = readField(layout, b, 'preparerIndicator') === '1';
    return {
      port: readField(layout, b, 'port'),
      filer: readField(layout, b, 'filer'),
      ...(remote && { remotePreparerFiler: readField(layout, b, 'preparerFiler') }),
    };
  }
}
