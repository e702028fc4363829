import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import { readField } from '../../catair/record.js';
import type { Answer } from '../../scenarios/format.js';
import {
  type Application,
  type ApplicationContext,
  type ApplicationModule,
  type BlockAnswer,
  type ConditionReport,
  responseWithConditions,
  type TransactionOutcome,
} from '../application.js';
import type { CargoReleaseStore, ReleaseState } from '../cargo-release/release-store.js';
import { type ReleaseStatus, scriptedStatus, writeReleaseStatus } from '../cargo-release/status-records.js';
import type { ScenarioDirector } from '../scenario-port.js';
import type { EntryKey } from '../shared/entry-key.js';
import { directed, scriptedDelay, transactionFields } from '../shared/scripting.js';
import { type QueryCondition, writeQueryErrors } from './answer.js';
import { C1 } from './conditions.js';
import { queriedEntry, statusOnFile, withinQueryReach } from './entry-status.js';
import { groupStatusQueries } from './grouping.js';
import { readStatusQuery, type StatusQuery } from './request.js';
import { STATUS_QUERY_SCENARIOS } from './scenario-support.js';
import type { StatusQueryTx } from './transaction.js';

const CQ = 'CQ';
/** The WO records answer a query by entry number (ACMQ-45: they mimic SO10..SO72). */
const WO = 'WO';

/** The state a status query reads: the cargo release of each entry (the SQLite cargo release store). */
export type StatusQueryStore = Pick<CargoReleaseStore, 'release'>;

export interface StatusQueryDependencies {
  readonly catalog: Catalog;
  readonly releases: StatusQueryStore;
  readonly director: ScenarioDirector;
  /** Uniform in [0, 1), seeded so scripted delay ranges repeat from run to run. */
  readonly random: () => number;
}

/** What answers one query: its error records' conditions, or the entry's status and its release on file, if any. */
type QueryAnswer = { readonly refused: readonly QueryCondition[] } | { readonly status: ReleaseStatus; readonly key: EntryKey; readonly release?: ReleaseState };

/**
 * ACE Cargo Manifest/In-bond/Entry Status Query (CQ → C1), the part ace-mock can answer from its
 * state. A query by entry number finds the entry's cargo release (filed in SE, or certified from
 * an entry summary) and answers with the WO records of where it stands (ACMQ-17..18, ACMQ-45..63),
 * or WR0 950 when no release of the last six months is on file (ACMQ-12, ACMQ-18). ace-mock keeps
 * no manifests and no in-bonds: a query by bill, air waybill or in-bond number is answered as CBP
 * answers one for which nothing is on file, WSA 122 or 123 or WSB 122 (ACMQ-15..19, ACMQ-65). A
 * query its fields refuse is answered with the error record of its kind (request.ts). Queries
 * change no state. A scenario adds error records of its own, or scripts the status (scenario-support.ts).
 */
export class StatusQueryApplication implements Application<StatusQueryTx> {
  readonly id = CQ;
  private readonly response: string;

  constructor(private readonly deps: StatusQueryDependencies) {
    this.response = responseWithConditions(deps.catalog, this.id, C1);
  }

  group(block: Block): { units: StatusQueryTx[]; conditions: BatchCondition[] } {
    return groupStatusQueries(block, this.deps.catalog);
  }

  answer(block: Block, units: StatusQueryTx[], ctx: ApplicationContext): BlockAnswer {
    const { catalog, director } = this.deps;
    const blockFiler = readField(catalog.layout('B'), block.header.text, 'filer');
    const records: string[] = [];
    const transactions: TransactionOutcome[] = [];
    let delayMs = 0;
    for (const tx of units) {
      const query = readStatusQuery(tx, blockFiler);
      // Steps count per entry queried; other queries per filer of the block.
      const entry = query.kind === 'entry';
      const key = { session: ctx.session, filer: entry ? query.filer : blockFiler, entryNumber: entry ? query.entryNumber : '' };
      const direction = director.direct({
        application: this.id,
        entry: key,
        ...(ctx.requestedScenario !== undefined && { requested: ctx.requestedScenario }),
        fields: transactionFields(block, catalog, () => [tx.record]),
        facts: {},
      });
      const script = direction.answer;
      const answer = this.answerOf(query, key, script, ctx.now);
      let reports: ConditionReport[] = [];
      let disposition: string;
      if ('refused' in answer) {
        const written = writeQueryErrors(catalog, this.response, tx.record, query, answer.refused);
        records.push(...written.records);
        reports = written.reports;
        disposition = answer.refused[0]?.code ?? '';
      } else {
        const onFile = queriedEntry(catalog, answer.key, answer.release);
        records.push(...writeReleaseStatus(catalog, WO, onFile.header, onFile.filing, answer.status));
        // The journal shows the latest processing result, else the bill match.
        disposition = answer.status.results.at(-1)?.code ?? answer.status.bill?.code ?? '';
      }
      transactions.push({
        block: block.number,
        ordinal: tx.ordinal,
        application: this.id,
        filer: key.filer,
        entryNumber: key.entryNumber,
        action: `${this.id} ${query.kind}`,
        outcome: reports.some((r) => r.severity === 'F') ? 'rejected' : 'accepted',
        disposition,
        conditions: reports,
        ...directed(direction),
      });
      delayMs = Math.max(delayMs, scriptedDelay(script, this.deps.random));
    }
    return { records, transactions, delayMs, followUps: [] };
  }

  /**
   * The conditions refusing the query (the field checks unless `builtInRules: false`, then the
   * scenario's), else what ace-mock's state answers: for an entry the release's status, or the one
   * the scenario scripts; for an entry not on file, a bill, an air waybill or an in-bond, that
   * nothing is on file.
   */
  private answerOf(query: StatusQuery, key: EntryKey, script: Answer | undefined, now: Date): QueryAnswer {
    const refused: QueryCondition[] = [
      ...(script?.builtInRules !== false && query.refusal ? [query.refusal] : []),
      ...(script?.conditions ?? []).map((c) => ({ code: c.code, ...(c.narrative !== undefined && { narrative: c.narrative }), ...(c.severity !== undefined && { severity: c.severity }) })),
    ];
    if (refused.length > 0) return { refused };
    switch (query.kind) {
      case 'entry': {
        const release = this.deps.releases.release(key, now);
        // A scripted status repeats the filing on file, whatever its age.
        if (script?.releaseStatus) return { status: scriptedStatus(script.releaseStatus, now), key, ...(release && { release }) };
        if (release && withinQueryReach(release, now)) return { status: statusOnFile(release), key, release };
        // WR0 only when the entry is not on file (ACMQ-18, ACMQ-65).
        return { refused: [{ code: C1.entryNotFound }] };
      }
      // No manifest or in-bond is on file in ace-mock: WSA/WSB alone (ACMQ-15..18, ACMQ-65).
      case 'in-bond':
        return { refused: [{ code: C1.inBondNotOnFile }] };
      case 'bill':
      case 'air-waybill':
        // 122 also for an air waybill: the appendix has no narrower code (ACMQ-17..18, ACMQ-65).
        return { refused: [{ code: C1.billNotOnFile }] };
    }
  }
}

/** CQ → C1, reading the cargo releases SE files (and AE certifies). */
export const cargoStatusQuery: ApplicationModule<{
  readonly catalog: Catalog;
  readonly releases: StatusQueryStore;
  readonly director: ScenarioDirector;
  readonly random: () => number;
}> = {
  id: CQ,
  scenarios: STATUS_QUERY_SCENARIOS,
  create: (env) => new StatusQueryApplication({ catalog: env.catalog, releases: env.releases, director: env.director, random: env.random }),
};
