import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import { readField } from '../../catair/record.js';
import {
  type Application,
  type ApplicationContext,
  type ApplicationModule,
  type BlockAnswer,
  requireConditions,
  responseApplication,
  type TransactionOutcome,
} from '../application.js';
import type { EntryStore } from '../entry-summary/entry-store.js';
import { entryKeyOf } from '../shared/entry-key.js';
import { writeOverrideAnswer } from './answer.js';
import { groupOverrides } from './grouping.js';
import { CO } from './conditions.js';
import { checkEntry, isAccepted, judgePairs, overridePairs } from './judge.js';
import type { OverrideTx, PairDisposition } from './transaction.js';

const CW = 'CW';

export interface CensusOverrideDependencies {
  readonly catalog: Catalog;
  readonly store: EntryStore;
}

/**
 * ACE Census Warning Override (CW → CO): a stand-alone override of Census warnings an accepted entry
 * summary still has outstanding. Each CW01 names an entry; each CW02 pair after it is judged on its
 * own and answered with a CW03 (C01 accepted, or the reason not). Accepted pairs clear the warning
 * from the entry's state, so a later CJ no longer lists it. No scenario scripts CW answers yet: the
 * built-in rules decide.
 */
export class CensusOverrideApplication implements Application<OverrideTx> {
  readonly id = CW;
  private readonly response: string;

  constructor(private readonly deps: CensusOverrideDependencies) {
    this.response = responseApplication(deps.catalog, this.id);
    requireConditions(deps.catalog, this.response, CO);
  }

  group(block: Block): { units: OverrideTx[]; conditions: BatchCondition[] } {
    return groupOverrides(block, this.deps.catalog);
  }

  answer(block: Block, units: OverrideTx[], ctx: ApplicationContext): BlockAnswer {
    const { catalog, store } = this.deps;
    const blockFiler = readField(catalog.layout('B'), block.header.text, 'filer');
    const records: string[] = [];
    const transactions: TransactionOutcome[] = [];
    for (const tx of units) {
      const key = entryKeyOf(ctx.session, tx.header);
      const pairs = overridePairs(tx);
      const entry = checkEntry(tx, blockFiler, () => store.get(key));
      let dispositions: PairDisposition[];
      if ('code' in entry) {
        dispositions = pairs.map((pair) => ({ pair, code: entry.code, field: entry.field }));
      } else {
        const judged = judgePairs(pairs, entry.state.warnings, catalog);
        dispositions = judged.dispositions;
        // Only accepted overrides change the entry; its history row carries the CO disposition.
        if (dispositions.some(isAccepted)) {
          store.put(key, { ...entry.state, warnings: judged.remaining }, { exchangeId: ctx.exchangeId, action: this.id, disposition: CO.accepted, at: ctx.now.toISOString() });
        }
      }
      const written = writeOverrideAnswer(catalog, this.response, tx, dispositions);
      records.push(...written.records);
      const failed = dispositions.find((d) => !isAccepted(d));
      transactions.push({
        block: block.number,
        ordinal: tx.ordinal,
        application: this.id,
        filer: key.filer,
        entryNumber: key.entryNumber,
        action: this.id,
        outcome: failed ? 'rejected' : 'accepted',
        disposition: failed?.code ?? CO.accepted,
        conditions: written.reports,
        reason: 'built-in',
      });
    }
    return { records, transactions, delayMs: 0, followUps: [] };
  }
}

/** CW → CO, over the entry summary state AE keeps. */
export const censusOverride: ApplicationModule<{ readonly catalog: Catalog; readonly entries: EntryStore }> = {
  id: CW,
  create: (env) => new CensusOverrideApplication({ catalog: env.catalog, store: env.entries }),
};
