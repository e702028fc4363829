import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import { readField } from '../../catair/record.js';
import type { Answer } from '../../scenarios/format.js';
import {
  type Application,
  type ApplicationContext,
  type ApplicationModule,
  type BlockAnswer,
  responseWithConditions,
  type TransactionOutcome,
} from '../application.js';
import type { EntryState, EntryStore } from '../entry-summary/entry-store.js';
import type { ScenarioDirector } from '../scenario-port.js';
import { type EntryKey, entryKeyOf } from '../shared/entry-key.js';
import { directed, scriptedDelay, transactionFields } from '../shared/scripting.js';
import { writeOverrideAnswer } from './answer.js';
import { groupOverrides } from './grouping.js';
import { CO } from './conditions.js';
import { acceptPair, checkEntry, isAccepted, judgePairs, overridePairs, remainingAfter } from './judge.js';
import { CENSUS_OVERRIDE_SCENARIOS } from './scenario-support.js';
import type { OverridePair, OverrideTx, PairDisposition } from './transaction.js';

const CW = 'CW';

export interface CensusOverrideDependencies {
  readonly catalog: Catalog;
  readonly store: EntryStore;
  readonly director: ScenarioDirector;
  /** Uniform in [0, 1), seeded so scripted delay ranges repeat from run to run. */
  readonly random: () => number;
}

/**
 * ACE Census Warning Override (CW → CO): a stand-alone override of Census warnings an accepted entry
 * summary still has outstanding. Each CW01 names an entry; each CW02 pair after it is judged on its
 * own and answered with a CW03 (C01 accepted, or the reason not). Accepted pairs clear the warning
 * from the entry's state, so a later CJ no longer lists it. A scenario for CW may refuse the pairs
 * the built-in rules accept, or accept them all (see scenario-support.ts).
 */
export class CensusOverrideApplication implements Application<OverrideTx> {
  readonly id = CW;
  private readonly response: string;

  constructor(private readonly deps: CensusOverrideDependencies) {
    this.response = responseWithConditions(deps.catalog, this.id, CO);
  }

  group(block: Block): { units: OverrideTx[]; conditions: BatchCondition[] } {
    return groupOverrides(block, this.deps.catalog);
  }

  answer(block: Block, units: OverrideTx[], ctx: ApplicationContext): BlockAnswer {
    const { catalog, store, director } = this.deps;
    const blockFiler = readField(catalog.layout('B'), block.header.text, 'filer');
    const records: string[] = [];
    const transactions: TransactionOutcome[] = [];
    let delayMs = 0;
    for (const tx of units) {
      const key = entryKeyOf(ctx.session, tx.header);
      const pairs = overridePairs(tx);
      const direction = director.direct({
        application: this.id,
        entry: key,
        ...(ctx.requestedScenario !== undefined && { requested: ctx.requestedScenario }),
        fields: transactionFields(block, catalog, () => [tx.header, ...tx.lines]),
        facts: { overrides: pairs.filter((p) => p.warning !== '').map((p) => p.override) },
      });
      const { dispositions, entry } = this.judge(tx, pairs, blockFiler, key, direction.answer);
      // Only accepted overrides change the entry; its history row carries the CO disposition.
      if (entry && dispositions.some(isAccepted)) {
        store.put(key, { ...entry, warnings: remainingAfter(entry.warnings, dispositions) }, { exchangeId: ctx.exchangeId, action: this.id, disposition: CO.accepted, at: ctx.now.toISOString() });
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
        ...directed(direction),
      });
      delayMs = Math.max(delayMs, scriptedDelay(direction.answer, this.deps.random));
    }
    return { records, transactions, delayMs, followUps: [] };
  }

  /**
   * Each pair's disposition, and the entry on file whose warnings the accepted pairs clear. The
   * built-in rules (unless the scenario turns them off) check the entry and judge each pair; the
   * scenario's condition then answers every pair they accept, an entry-level refusal like C03 or
   * B30; its `accept` outcome accepts every pair whatever was found.
   */
  private judge(
    tx: OverrideTx,
    pairs: readonly OverridePair[],
    blockFiler: string,
    key: EntryKey,
    script: Answer | undefined,
  ): { dispositions: PairDisposition[]; entry?: EntryState } {
    const onFile = () => {
      const state = this.deps.store.get(key);
      return state?.status === 'accepted' ? state : undefined;
    };
    if (script?.outcome === 'accept') return { dispositions: pairs.map(acceptPair), entry: onFile() };
    let dispositions: PairDisposition[];
    let entry: EntryState | undefined;
    if (script?.builtInRules === false) {
      dispositions = pairs.map(acceptPair);
      entry = onFile();
    } else {
      const checked = checkEntry(tx, blockFiler, () => this.deps.store.get(key));
      if ('code' in checked) {
        dispositions = pairs.map((pair) => ({ pair, code: checked.code, field: checked.field }));
      } else {
        dispositions = judgePairs(pairs, checked.state.warnings, this.deps.catalog);
        entry = checked.state;
      }
    }
    const [refusal] = script?.conditions ?? [];
    if (refusal) {
      const scripted = { code: refusal.code, field: 'entryNumber', ...(refusal.narrative !== undefined && { narrative: refusal.narrative }), ...(refusal.severity !== undefined && { severity: refusal.severity }) };
      dispositions = dispositions.map((d) => (isAccepted(d) ? { pair: d.pair, ...scripted } : d));
    }
    return { dispositions, ...(entry && { entry }) };
  }
}

/** CW → CO, over the entry summary state AE keeps. */
export const censusOverride: ApplicationModule<{
  readonly catalog: Catalog;
  readonly entries: EntryStore;
  readonly director: ScenarioDirector;
  readonly random: () => number;
}> = {
  id: CW,
  scenarios: CENSUS_OVERRIDE_SCENARIOS,
  create: (env) => new CensusOverrideApplication({ catalog: env.catalog, store: env.entries, director: env.director, random: env.random }),
};
