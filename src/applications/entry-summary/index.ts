import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import { readField } from '../../catair/record.js';
import type { Answer } from '../../scenarios/format.js';
import type { Application, ApplicationContext, ApplicationModule, BlockAnswer, FollowUpMessage, TransactionOutcome } from '../application.js';
import type { Direction, ScenarioDirector } from '../scenario-port.js';
import { type EntryKey, entryKeyOf } from '../shared/entry-key.js';
import { portOf } from '../shared/port.js';
import { value } from '../shared/record.js';
import { directed, scriptedDelay, transactionFields } from '../shared/scripting.js';
import { type Disposition, EntrySummaryWriter } from './answer.js';
import type { CargoReleaseStore } from '../cargo-release/release-store.js';
import { CensusRanges } from './census-ranges.js';
import { certifiedRelease } from './certification.js';
import { type EntryState, type EntryStore, type Lifecycle, type OutstandingWarning, TRADE_CONTROL } from './entry-store.js';
import { filedSummary } from './filed.js';
import { loadCheckedGrammar, type TransactionGrammar } from '../../catair/grammar.js';
import { groupEntrySummaries } from './grouping.js';
import { type EntryLife, EntryLifeRefusal } from './entry-life/engine.js';
import type { AdvanceTarget } from './entry-life/stages.js';
import { statementEntryFromSummary } from '../../statements/from-summary.js';
import { statementGrouping } from '../../statements/grouping.js';
import { grandTotals } from './grand-totals.js';
import { inTradeControl, nextVersion } from './lifecycle.js';
import type { EntrySummaryOptions } from './options.js';
import { UNIT_VALUE_WARNINGS, unitValueChecked } from './rules/census-parameters.js';
import { ENTRY_SUMMARY_RULES } from './rules/index.js';
import type { BlockFacts } from './rules/rule.js';
import { ENTRY_SUMMARY_SCENARIOS } from './scenario-support.js';
import { applyOverrides, censusOverrides, scriptedConditions, unmatchedOverrides } from './scripting.js';
import { writeStatusNotification } from './status-notification.js';
import { allRecords, type EntrySummaryTx, type EsCondition, type Line } from './transaction.js';
import { DAY_MS } from '../../clock/duration.js';

const AE = 'AE';

/** How a summary is paid and where its later messages go, as an add or replace files them. */
type Payment = Pick<Lifecycle, 'paymentType' | 'statementEntry' | 'statementKey' | 'amounts' | 'addressee'>;
const SYSTEM_FAILURE = 'ZZZ';

export interface EntrySummaryDependencies {
  readonly catalog: Catalog;
  readonly grammar: TransactionGrammar;
  readonly store: EntryStore;
  /** The entry's cargo release: read by the rules, filed when a summary certifies for cargo release. */
  readonly releases: CargoReleaseStore;
  readonly options: EntrySummaryOptions;
  readonly director: ScenarioDirector;
  readonly census: CensusRanges;
  /** The entry's life after acceptance: told of every filing, so its scheduled work stays in step. */
  readonly life: EntryLife;
  /** Uniform in [0, 1), seeded so scripted delay ranges repeat from run to run. */
  readonly random: () => number;
}

/**
 * ACE Entry Summary Create/Update (AE → AX): groups a block into entry summaries; for each, runs the
 * business rules, lets the scenario stage script the answer, records the new state and writes the
 * E0/E1 records.
 */
export class EntrySummaryApplication implements Application<EntrySummaryTx> {
  readonly id = AE;
  private readonly writer: EntrySummaryWriter;

  constructor(private readonly deps: EntrySummaryDependencies) {
    this.writer = new EntrySummaryWriter(deps.catalog, deps.grammar);
  }

  group(block: Block): { units: EntrySummaryTx[]; conditions: BatchCondition[] } {
    return groupEntrySummaries(block, this.deps.grammar, this.deps.catalog);
  }

  answer(block: Block, units: EntrySummaryTx[], ctx: ApplicationContext): BlockAnswer {
    const { catalog, store, options, director } = this.deps;
    const facts = this.blockFacts(block);
    const records: string[] = [];
    const transactions: TransactionOutcome[] = [];
    const followUps: FollowUpMessage[] = [];
    let delayMs = 0;
    for (const tx of units) {
      const key = entryKeyOf(ctx.session, tx.header);
      const action = value(tx.header, 'actionCode');
      const psc = value(tx.header, 'pscIndicator') === 'Y';
      const overrides = censusOverrides(tx);
      const direction = director.direct({
        application: this.id,
        entry: key,
        ...(ctx.requestedScenario !== undefined && { requested: ctx.requestedScenario }),
        fields: transactionFields(block, catalog, function* () {
          for (const { record } of allRecords(tx)) yield record;
        }),
        facts: { action, psc, overrides: overrides.map((o) => o.override) },
      });
      const script = direction.answer;
      const existing = store.get(key);
      const release = this.deps.releases.release(key, ctx.now);
      const ruleCtx = { catalog, block: facts, options, census: this.deps.census, now: ctx.now, ...(existing && { existing }), ...(release && { release }) };
      const builtInRan = script?.builtInRules !== false;
      const builtIn = builtInRan ? ENTRY_SUMMARY_RULES.flatMap((rule) => rule(tx, ruleCtx)) : [];
      const raised = [...builtIn, ...(script ? scriptedConditions(tx, script) : [])];
      // Which Census warnings were looked for on a line: those a scenario lists stand for the whole
      // Census result; else those the built-in unit-value check covers.
      const evaluated = (line: Line, warning: string) =>
        (script?.census.length ?? 0) > 0 ||
        (builtInRan && (UNIT_VALUE_WARNINGS as readonly string[]).includes(warning) && unitValueChecked(line, this.deps.census));
      const unmatched = action === 'D' ? [] : unmatchedOverrides(raised, overrides, catalog, evaluated);
      const { conditions, outstanding } = applyOverrides([...raised, ...unmatched], overrides, catalog);
      const severityOf = (c: EsCondition) => c.severity ?? (catalog.dictionary.has(c.code) ? catalog.dictionary.get(c.code).severity : 'F');
      const fatal = conditions.some((c) => severityOf(c) === 'F');
      const accepted = script?.outcome === 'accept' || (script?.outcome !== 'reject' && !fatal);
      // A scenario that forces acceptance drops the fatal conditions; warnings stay.
      const reported = accepted ? conditions.filter((c) => severityOf(c) !== 'F') : conditions;
      let disposition: Disposition;
      if (accepted) disposition = this.accept(tx, block, action, existing, key, ctx, outstanding, script);
      else {
        disposition = { code: '998', accepted: false };
        // ESF-211 (d): after an ACE system failure (ZZZ) the transaction was not processed at all.
        const processed = !reported.some((c) => c.code === SYSTEM_FAILURE);
        if (existing && processed && (action === 'A' || action === 'R') && !psc) this.implicitDelete(existing, key, ctx, action);
      }
      // ESF-206 note 4: when the broker reference had to match and did not (B35), the E1 records
      // carry the reference on file.
      const echo = reported.some((c) => c.code === 'B35') && existing ? { brokerReference: existing.brokerReference } : {};
      const written = this.writer.write(tx, reported, disposition, echo);
      records.push(...written.records);
      const moved = accepted && action !== 'D' && script?.entry?.advanceTo ? this.advanceScripted(key, script.entry.advanceTo, ctx.now) : '';
      transactions.push(this.outcome(block, tx, key, { action, psc }, disposition, written.reports, { ...direction, reason: direction.reason + moved }));
      delayMs = Math.max(delayMs, scriptedDelay(script, this.deps.random));
      // Status notifications concern entries on file: a rejected transaction queues none.
      if (script && accepted) {
        // AE declares UC follow-ups only (scenario-support.ts); the loader refuses any other kind.
        for (const f of script.followUps) {
          if (f.type !== 'UC') continue;
          const deliverAt = new Date(ctx.now.getTime() + f.after);
          followUps.push({
            deliverAt,
            application: f.type,
            records: writeStatusNotification(catalog, tx, f, deliverAt),
            summary: `UC ${f.disposition}${f.reason ? `/${f.reason}` : ''} for ${key.filer}-${key.entryNumber}`,
          });
        }
      }
    }
    return { records, transactions, delayMs, followUps };
  }

  private outcome(
    block: Block,
    tx: EntrySummaryTx,
    key: EntryKey,
    { action, psc }: { action: string; psc: boolean },
    disposition: Disposition,
    conditions: TransactionOutcome['conditions'],
    direction: Direction,
  ): TransactionOutcome {
    return {
      block: block.number,
      ordinal: tx.ordinal,
      application: this.id,
      filer: key.filer,
      entryNumber: key.entryNumber,
      action,
      ...portOf(value(tx.header, 'port')),
      ...(psc && { psc }),
      outcome: disposition.accepted ? 'accepted' : 'rejected',
      disposition: disposition.code,
      ...(disposition.version !== undefined && { version: String(disposition.version).padStart(5, '0') }),
      conditions,
      ...directed(direction),
    };
  }

  /**
   * ESF-210 (c): a rejected add or replace of a summary still in trade control deletes the summary
   * on file (the "implicit delete"), so the next good filing adds it afresh (995, 00100). A summary
   * CBP has taken over stays as it is. A rejected PSC never deletes: ESF-183 says the summary on
   * file stays unchanged, and that page is specific to PSCs. Nor does an ACE system failure (the
   * caller leaves those out).
   */
  private implicitDelete(existing: EntryState, key: EntryKey, ctx: ApplicationContext, action: string): void {
    if (!inTradeControl(existing)) return;
    const deleted: EntryState = { ...existing, status: 'deleted' };
    this.deps.store.put(key, deleted, { exchangeId: ctx.exchangeId, action, disposition: '998', at: ctx.now.toISOString() });
    this.deps.life.filed(key, deleted, existing);
  }

  /** Records the accepted transaction and returns its disposition: 995 added, 996 replaced, 997 deleted. */
  private accept(
    tx: EntrySummaryTx,
    block: Block,
    action: string,
    existing: EntryState | undefined,
    key: EntryKey,
    ctx: ApplicationContext,
    warnings: OutstandingWarning[],
    script: Answer | undefined,
  ): Disposition {
    const { store } = this.deps;
    const at = ctx.now.toISOString();
    const onFile = existing?.status === 'accepted' ? existing : undefined;
    const event = (disposition: string) => ({ exchangeId: ctx.exchangeId, action, disposition, at });
    const flags = {
      liquidated: script?.entry?.liquidated ?? onFile?.liquidated ?? false,
      underReview: script?.entry?.underReview ?? onFile?.underReview ?? false,
    };
    if (action === 'D') {
      if (onFile) {
        const deleted: EntryState = { ...onFile, ...flags, status: 'deleted' };
        store.put(key, deleted, event('997'));
        this.deps.life.filed(key, deleted, onFile);
      }
      // ESF-206 note 5: no version number on a delete.
      return { code: '997', accepted: true };
    }
    const psc = value(tx.header, 'pscIndicator') === 'Y';
    const version = nextVersion(onFile, psc);
    const code = onFile ? '996' : '995';
    const release = certifiedRelease(tx, this.deps.releases.release(key, ctx.now), at);
    if (release) this.deps.releases.putRelease(key, release, { ...event(code), action: `AE ${action}` });
    const state: EntryState = {
      status: 'accepted',
      version,
      brokerReference: onFile?.brokerReference ?? value(tx.header, 'brokerReference'),
      entryType: value(tx.header, 'entryType'),
      pscOnFile: psc || (onFile?.pscOnFile ?? false),
      firstAcceptedAt: onFile?.firstAcceptedAt ?? at,
      warnings,
      ...flags,
      filed: filedSummary(tx, onFile?.firstAcceptedAt ?? at),
      lifecycle: this.lifecycleAfter(onFile, version, script, ctx.now, psc ? undefined : this.payment(tx, block, ctx)),
    };
    store.put(key, state, event(code));
    this.deps.life.filed(key, state, onFile);
    return { code, accepted: true, version };
  }

  /**
   * Where the summary stands after an accepted add or replace: as before, with what the scenario
   * marks; a replacement that took the next major version (after removal from a statement or a CBP
   * rejection) is back in trade control.
   */
  private lifecycleAfter(onFile: EntryState | undefined, version: number, script: Answer | undefined, now: Date, payment: Payment | undefined): Lifecycle {
    const filed = onFile?.lifecycle ?? TRADE_CONTROL;
    // An add or replace says anew how the summary is paid (what it leaves out is gone); a PSC keeps it.
    const { paymentType: _type, statementEntry: _entry, statementKey: _key, ...unpaid } = filed;
    const before: Lifecycle = payment ? { ...unpaid, ...payment } : filed;
    const reopened = onFile !== undefined && version !== onFile.version && (before.statement === 'removed' || before.cbpRejected);
    const base: Lifecycle = reopened ? { ...before, statement: 'none', cbpRejected: false } : before;
    const marks = script?.entry;
    if (!marks) return base;
    const inDays = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
    const liquidationDate = marks.liquidationInDays === undefined ? undefined : inDays(marks.liquidationInDays);
    const { suspension: _suspension, tibCloseDate: _tibCloseDate, ...rest } = base;
    const suspension = marks.suspension === undefined ? base.suspension : marks.suspension === 'none' ? undefined : marks.suspension;
    const tibCloseDate =
      marks.tibClosesInDays !== undefined ? inDays(marks.tibClosesInDays) : marks.tibClosed === undefined ? base.tibCloseDate : marks.tibClosed ? inDays(0) : undefined;
    return {
      ...rest,
      ...(marks.paid !== undefined && { paid: marks.paid }),
      ...(marks.liquidationScheduled !== undefined && { liquidationScheduled: marks.liquidationScheduled }),
      ...(liquidationDate !== undefined && { liquidationScheduled: true, liquidationDate }),
      ...(marks.additionalDuty !== undefined && { additionalDuty: marks.additionalDuty }),
      ...(suspension !== undefined && { suspension }),
      ...(tibCloseDate !== undefined && { tibCloseDate }),
    };
  }

  /** A step's `entry.advanceTo`: the entry moved on as the admin call would; what stops it is told in the transaction's reason. */
  private advanceScripted(key: EntryKey, to: AdvanceTarget, now: Date): string {
    try {
      this.deps.life.advance(key, to, now);
      return `; entry advanced to ${to}`;
    } catch (err) {
      if (!(err instanceof EntryLifeRefusal)) throw err;
      return `; entry not advanced to ${to}: ${err.message}`;
    }
  }

  /**
   * How the summary is to be paid and where its later messages go, as an add or replace files them
   * (a PSC carries no payment fields, ESF-184, so it keeps what is on file).
   */
  private payment(tx: EntrySummaryTx, block: Block, ctx: ApplicationContext): Payment {
    const { catalog } = this.deps;
    // The block's processing port decides the statement, whatever the port of entry (Daily Statement p. 7).
    const statementEntry = statementEntryFromSummary(catalog, tx, readField(catalog.layout('B'), block.header.text, 'port'));
    return {
      paymentType: value(tx.header, 'paymentType'),
      ...(statementEntry && { statementEntry, statementKey: JSON.stringify(statementGrouping(catalog, statementEntry)) }),
      amounts: grandTotals(tx),
      addressee: { ...ctx.addressee, blockHeader: block.header.text },
    };
  }

  private blockFacts(block: Block): BlockFacts {
    const layout = this.deps.catalog.layout('B');
    const b = block.header.text;
    const remote = readField(layout, b, 'preparerIndicator') === '1';
    return {
      port: readField(layout, b, 'port'),
      filer: readField(layout, b, 'filer'),
      ...(remote && { remotePreparerFiler: readField(layout, b, 'preparerFiler') }),
    };
  }
}

/** What the server gives the Entry Summary application to build it. */
export interface EntrySummaryEnvironment {
  readonly catalog: Catalog;
  readonly schemas: string;
  readonly config: { readonly entrySummary: EntrySummaryOptions };
  readonly entries: EntryStore;
  readonly releases: CargoReleaseStore;
  readonly entryLife: EntryLife;
  readonly director: ScenarioDirector;
  readonly random: () => number;
}

/** AE → AX, with its grammar (schemas/grammar/entry-summary.yaml) and Census ranges (schemas/census). */
export const entrySummary: ApplicationModule<EntrySummaryEnvironment> = {
  id: AE,
  scenarios: ENTRY_SUMMARY_SCENARIOS,
  create(env) {
    const grammar = loadCheckedGrammar(env.schemas, 'entry-summary', env.catalog);
    return new EntrySummaryApplication({
      catalog: env.catalog,
      grammar,
      store: env.entries,
      releases: env.releases,
      options: env.config.entrySummary,
      director: env.director,
      census: CensusRanges.load(env.schemas),
      life: env.entryLife,
      random: env.random,
    });
  },
};
