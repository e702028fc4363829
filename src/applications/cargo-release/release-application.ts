import type { Catalog } from '../../catair/catalog.js';
import type { Severity } from '../../catair/dictionary.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import type { TransactionGrammar } from '../../catair/grammar.js';
import { readField } from '../../catair/record.js';
import {
  type Application,
  type ApplicationContext,
  type BlockAnswer,
  type FollowUpMessage,
  responseWithConditions,
  type TransactionOutcome,
} from '../application.js';
import type { EntryStore } from '../entry-summary/entry-store.js';
import type { ScenarioDirector } from '../scenario-port.js';
import { entryKeyOf } from '../shared/entry-key.js';
import { portOf } from '../shared/port.js';
import { releasePortFields } from './release-port.js';
import { value } from '../shared/record.js';
import { directed, scriptedDelay, transactionFields } from '../shared/scripting.js';
import { writeReleaseAnswer } from './answer.js';
import { SX } from './conditions.js';
import { dispose } from './disposition.js';
import { groupCargoReleases } from './grouping.js';
import { requireNoticeEffects } from './notice-effects.js';
import { releaseNotices } from './notification.js';
import { schedule } from './release-as-of.js';
import { recordsOnFile } from './release-filing.js';
import type { CargoReleaseStore, ReleaseState } from './release-store.js';
import { CARGO_RELEASE_RULES } from './rules/index.js';
import { scriptedConditions } from './scripting.js';
import type { CargoReleaseTx, CrCondition, TxRecord } from './transaction.js';

export const SE = 'SE';

export interface CargoReleaseDependencies {
  readonly catalog: Catalog;
  readonly grammar: TransactionGrammar;
  readonly releases: CargoReleaseStore;
  /** The entry summaries on file, read to know whether an entry's summary is filed (SE-33, SE-41 note 9). */
  readonly summaries: EntryStore;
  readonly director: ScenarioDirector;
  /** Uniform in [0, 1), seeded so scripted delay ranges repeat from run to run. */
  readonly random: () => number;
}

/**
 * ACE Cargo Release (SE → SX): groups a block into cargo release transactions (SE-22..25, SE-30);
 * for each, runs the rules, lets the scenario stage script the answer, applies the action to the
 * entry's release on file (disposition.ts) and writes the SX records (answer.ts). A transaction
 * accepted or referred to CBP (SE90 02, 03, 04) queues the SO release notifications its scenario
 * step names (notification.ts), and schedules on the release what each changes once it is due
 * (notice-effects.ts, release-as-of.ts); a rejected one queues none. The release is read as of
 * the transaction's time (ctx.now), so the notices due by then count.
 */
export class CargoReleaseApplication implements Application<CargoReleaseTx> {
  readonly id = SE;
  private readonly response: string;

  constructor(private readonly deps: CargoReleaseDependencies) {
    this.response = responseWithConditions(deps.catalog, this.id, SX);
    requireNoticeEffects(deps.catalog);
  }

  group(block: Block): { units: CargoReleaseTx[]; conditions: BatchCondition[] } {
    return groupCargoReleases(block, this.deps.grammar, this.deps.catalog);
  }

  answer(block: Block, units: CargoReleaseTx[], ctx: ApplicationContext): BlockAnswer {
    const { catalog, releases, summaries, director } = this.deps;
    const blockFiler = readField(catalog.layout('B'), block.header.text, 'filer');
    const records: string[] = [];
    const transactions: TransactionOutcome[] = [];
    const followUps: FollowUpMessage[] = [];
    let delayMs = 0;
    for (const tx of units) {
      const key = entryKeyOf(ctx.session, tx.header);
      const action = value(tx.header, 'actionCode');
      const direction = director.direct({
        application: this.id,
        entry: key,
        ...(ctx.requestedScenario !== undefined && { requested: ctx.requestedScenario }),
        fields: transactionFields(block, catalog, () => tx.records),
        facts: { action },
      });
      const script = direction.answer;
      const release = releases.release(key, ctx.now);
      const ruleCtx = { catalog, blockFiler, summaryOnFile: summaries.get(key)?.status === 'accepted', now: ctx.now, ...(release && { release }) };
      const builtIn = script?.builtInRules !== false ? CARGO_RELEASE_RULES.flatMap((rule) => rule(tx, ruleCtx)) : [];
      const conditions = [...builtIn, ...(script ? scriptedConditions(tx, script) : [])];
      const fatal = conditions.some((c) => this.severityOf(c) === 'F');
      const review = script?.outcome === 'review';
      const accepted = review || script?.outcome === 'accept' || (script?.outcome !== 'reject' && !fatal);
      // A scenario that forces acceptance drops the fatal conditions; warnings stay.
      const reported = accepted ? conditions.filter((c) => this.severityOf(c) !== 'F') : conditions;
      const at = ctx.now.toISOString();
      const marks = script?.entry?.underReview === undefined ? {} : { underReview: script.entry.underReview };
      const disposition = accepted ? dispose(tx, release, { warnings: reported.length > 0, at, marks, review }) : { messageType: '01' as const };
      const onFile = disposition.next ?? release;
      const notices = script && accepted ? releaseNotices(catalog, this.filingOf(tx, onFile), script.followUps, ctx.now) : [];
      const changes = notices.map((n) => n.change).filter((c) => c.effects.length > 0);
      const next = onFile && changes.length > 0 ? schedule(onFile, changes) : disposition.next;
      if (next) releases.putRelease(key, next, { exchangeId: ctx.exchangeId, action: `${this.id} ${action}`, disposition: disposition.messageType, at });
      const written = writeReleaseAnswer(catalog, this.response, tx, reported, disposition.messageType);
      records.push(...written.records);
      transactions.push({
        block: block.number,
        ordinal: tx.ordinal,
        application: this.id,
        filer: key.filer,
        entryNumber: key.entryNumber,
        action,
        ...portOf(...releasePortFields(tx.header)),
        outcome: accepted ? 'accepted' : 'rejected',
        disposition: disposition.messageType,
        conditions: written.reports,
        ...directed(direction),
      });
      delayMs = Math.max(delayMs, scriptedDelay(script, this.deps.random));
      followUps.push(...notices.map((n) => n.message));
    }
    return { records, transactions, delayMs, followUps };
  }

  /**
   * The records a release notification repeats: an add's or replace's own; for a cancel, which
   * carries only its SE10 and SE13 (SE-24), and an update, which carries no parties or lines
   * (SE-25), those of the filing on file after the transaction (for an update, as updated), so that
   * the notice still names the entry's bills and lines (a release certified from a summary keeps none).
   */
  private filingOf(tx: CargoReleaseTx, onFile: ReleaseState | undefined): readonly TxRecord[] {
    const kept = onFile?.filed.records;
    return ['D', 'U'].includes(value(tx.header, 'actionCode')) && kept !== undefined ? recordsOnFile(this.deps.catalog, kept) : tx.records;
  }

  private severityOf(c: CrCondition): Severity {
    return c.severity ?? (this.deps.catalog.dictionary.has(c.code, this.response) ? this.deps.catalog.dictionary.get(c.code, this.response).severity : 'F');
  }
}
