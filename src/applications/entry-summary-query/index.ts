import type { Catalog } from '../../catair/catalog.js';
import type { CodeEntry } from '../../catair/code-lists.js';
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
} from '../application.js';
import type { CargoReleaseStore } from '../cargo-release/release-store.js';
import type { EntryState, EntryStore } from '../entry-summary/entry-store.js';
import type { ScenarioDirector } from '../scenario-port.js';
import type { EntryKey } from '../shared/entry-key.js';
import { directed, scriptedDelay, transactionFields } from '../shared/scripting.js';
import { type AnswerRow, writeAnswer } from './answer.js';
import { ER } from './conditions.js';
import { Filing, filedRecords } from './filing.js';
import type { EntryFilings } from './filing-store.js';
import { groupQuery } from './grouping.js';
import { type Criteria, type EsQueryRequest, type QueriedEntry, readRequest } from './request.js';
import { ENTRY_SUMMARY_QUERY_SCENARIOS } from './scenario-support.js';
import type { SummaryFacts } from './summary.js';
import type { EsQuery } from './transaction.js';

const EQ = 'EQ';

/** How many summaries one answer holds before 016 (ESQ-15, ESQ-51 note 2). */
const MAX_SUMMARIES = 5000;

export interface EntrySummaryQueryDependencies {
  readonly catalog: Catalog;
  readonly entries: Pick<EntryStore, 'get'>;
  readonly filings: EntryFilings;
  readonly releases: Pick<CargoReleaseStore, 'release'>;
  readonly director: ScenarioDirector;
  /** Uniform in [0, 1), seeded so scripted delay ranges repeat from run to run. */
  readonly random: () => number;
  /** Summaries per answer before 016 (default CBP's 5,000). */
  readonly maxSummaries?: number;
}

/**
 * ACE Entry Summary Query (EQ → ER): the status of entry summaries the querying filer filed, asked
 * for by entry number (J1, up to five per record) or by criteria over the days they were last
 * accepted (J2), with their latest records when a J0 asks (ESQ-14..53). Each summary found is
 * answered with its JB..JN status records, each entry not answered and each refusal with a JZ.
 * Queries change no state. A scenario for EQ adds JZ conditions of its own, or answers with them
 * alone (see scenario-support.ts).
 */
export class EntrySummaryQueryApplication implements Application<EsQuery> {
  readonly id = EQ;
  private readonly response: string;

  constructor(private readonly deps: EntrySummaryQueryDependencies) {
    this.response = responseWithConditions(deps.catalog, this.id, ER);
  }

  group(block: Block): { units: EsQuery[]; conditions: BatchCondition[] } {
    return groupQuery(block, this.deps.catalog);
  }

  answer(block: Block, units: EsQuery[], ctx: ApplicationContext): BlockAnswer {
    const { catalog, director } = this.deps;
    const requester = readField(catalog.layout('B'), block.header.text, 'filer');
    const records: string[] = [];
    const transactions: BlockAnswer['transactions'] = [];
    let delayMs = 0;
    for (const query of units) {
      const request = readRequest(query, catalog, ctx.now);
      // A query is about the first entry it names (none for criteria): steps count per entry.
      const first = request.kind === 'entries' ? request.entries[0] : undefined;
      const entry = { session: ctx.session, filer: first?.filer ?? requester, entryNumber: first?.entryNumber ?? '' };
      const direction = director.direct({
        application: this.id,
        entry,
        ...(ctx.requestedScenario !== undefined && { requested: ctx.requestedScenario }),
        fields: transactionFields(block, catalog, () => [query.detail, ...query.entryNumbers, query.criteria].filter((r) => r !== undefined)),
        facts: {},
      });
      const script = direction.answer;
      const rows = [...(script?.builtInRules === false ? [] : this.rows(request, requester, ctx.session, ctx.now)), ...scriptedRows(script, request)];
      const collectionBill = request.kind === 'criteria' ? request.criteria.collectionBill : undefined;
      const written = writeAnswer(catalog, this.response, query.criteria, collectionBill, rows);
      records.push(...written.records);
      transactions.push({
        block: block.number,
        ordinal: query.ordinal,
        application: this.id,
        filer: entry.filer,
        entryNumber: entry.entryNumber,
        action: this.id,
        outcome: written.reports.some((r) => r.severity === 'F') ? 'rejected' : 'accepted',
        disposition: disposition(written.reports),
        conditions: written.reports,
        ...directed(direction),
      });
      delayMs = Math.max(delayMs, scriptedDelay(script, this.deps.random));
    }
    return { records, transactions, delayMs, followUps: [] };
  }

  /** What the built-in rules answer: the refusal, or each entry's summary or JZ, within the output limit. */
  private rows(request: EsQueryRequest, requester: string, session: string, now: Date): AnswerRow[] {
    const transmissions = new Map<string, string | undefined>();
    const limit = this.deps.maxSummaries ?? MAX_SUMMARIES;
    const rows: AnswerRow[] = [];
    let summaries = 0;
    const add = (row: AnswerRow): boolean => {
      // ESQ-51 note 2: past the limit, 016 ends the answer.
      if (row.kind === 'summary' && summaries++ === limit) {
        rows.push({ kind: 'condition', code: ER.outputLimit });
        return false;
      }
      rows.push(row);
      return true;
    };
    switch (request.kind) {
      case 'refused':
        return request.refusals.map((r) => ({ kind: 'condition', ...r }));
      case 'entries':
        for (const { record, ...entry } of request.entries) {
          // ace-mock knows no PSC filer, NILS or surety authorization (ESQ-14): only the entry's filer may ask.
          if (entry.filer !== requester) {
            add({ kind: 'condition', code: ER.notPermitted, entry, record });
            continue;
          }
          const key = { session, ...entry };
          const state = this.deps.entries.get(key);
          // Not on file (013, ESQ-51): a deleted entry summary is no longer on file for CBP either.
          if (state?.status !== 'accepted') add({ kind: 'condition', code: ER.notFound, entry, record });
          else if (!add({ kind: 'summary', facts: this.facts(key, state, transmissions, now), detail: request.detail && detailApplies(this.deps.catalog, state) })) break;
        }
        return rows;
      case 'criteria': {
        const { criteria } = request;
        // The range's end second is included whole: 115959PM takes in 11:59:59.999 PM.
        const found = this.deps.filings.lastFiledBetween(session, requester, criteria.from.toISOString(), new Date(criteria.to.getTime() + 999).toISOString());
        for (const { entryNumber } of found) {
          const key = { session, filer: requester, entryNumber };
          const state = this.deps.entries.get(key);
          if (!state || !matches(this.deps.catalog, criteria, state)) continue;
          if (!add({ kind: 'summary', facts: this.facts(key, state, transmissions, now), detail: request.detail && detailApplies(this.deps.catalog, state) })) break;
        }
        // ESQ-51: 015 when nothing meets the criteria.
        return rows.length > 0 ? rows : [{ kind: 'condition', code: ER.noSummaries }];
      }
    }
  }

  /**
   * What is known of a summary: its state, its cargo release and its filings, the latest one read
   * back from the journal (`transmissions` remembers each journaled text read for this answer).
   */
  private facts(key: EntryKey, state: EntryState, transmissions: Map<string, string | undefined>, now: Date): SummaryFacts {
    const { catalog, filings, releases } = this.deps;
    const filingOf = (exchangeId: string): Filing | undefined => {
      if (!transmissions.has(exchangeId)) transmissions.set(exchangeId, filings.transmission(exchangeId));
      const text = transmissions.get(exchangeId);
      const records = text === undefined ? undefined : filedRecords(text, key, catalog);
      return records && new Filing(records, catalog);
    };
    const history = filings.filings(key);
    const last = history.at(-1);
    // The first accepted filing whose 10 record carries the PSC indicator (ESF) is the first PSC.
    const firstPsc = state.pscOnFile ? history.find((f) => filingOf(f.exchangeId)?.field('10', 'pscIndicator') === 'Y') : undefined;
    const filing = last && filingOf(last.exchangeId);
    const release = releases.release(key, now);
    return {
      entry: { filer: key.filer, entryNumber: key.entryNumber },
      state,
      lastFiledAt: new Date(last?.at ?? state.firstAcceptedAt),
      ...(firstPsc && { firstPscAt: new Date(firstPsc.at) }),
      ...(filing && { filing }),
      ...(release && { release }),
      releaseApplies: detailApplies(catalog, state),
    };
  }
}

/** ER's answer to EQ, reading the entry summary state AE keeps, its filings and the entry's cargo release. */
export const entrySummaryQuery: ApplicationModule<Omit<EntrySummaryQueryDependencies, 'maxSummaries'>> = {
  id: EQ,
  scenarios: ENTRY_SUMMARY_QUERY_SCENARIOS,
  create: (env) =>
    new EntrySummaryQueryApplication({ catalog: env.catalog, entries: env.entries, filings: env.filings, releases: env.releases, director: env.director, random: env.random }),
};

/**
 * Whether a summary meets a J2's criteria (ESQ-19..21). ace-mock keeps no AII invoice requests nor
 * CBP document requests (lifecycle facts to come), so AII and DOC find none; RCN is a summary
 * flagged for reconciliation (10 record), no reconciliation entry being filed here. With any
 * summaries flag set, only the flagged categories' entry types; AII, RCN and PSC with a
 * reconciliation, drawback or duty deferral flag find none (note 4).
 */
function matches(catalog: Catalog, criteria: Criteria, state: EntryState): boolean {
  const flags = catalog.codes('es-query-summary-flags');
  const typeEntry = catalog.codes('es-query-criteria-types').get(criteria.type);
  if (typeEntry?.['summariesOnly'] === true && criteria.flags.some((f) => flags.get(f)?.['detail'] === false)) return false;
  if (criteria.flags.length > 0 && !criteria.flags.some((f) => entryTypesOf(flags.get(f)).includes(state.entryType))) return false;
  switch (criteria.type) {
    case 'RCN':
      return state.filed.reconciliation;
    case 'PSC':
      return state.pscOnFile;
    case 'LIQ':
      return state.liquidated;
    case 'NLQ':
      return !state.liquidated;
    case 'EES':
      return true;
    default:
      return false;
  }
}

/** Whether a summary's entry type gets its detail and release status (not reconciliation, drawback, duty deferral: ESQ-17 note 2, ESQ-32 note 1). */
function detailApplies(catalog: Catalog, state: EntryState): boolean {
  const flags = catalog.codes('es-query-summary-flags');
  return !flags.codes.some((f) => flags.get(f)?.['detail'] === false && entryTypesOf(flags.get(f)).includes(state.entryType));
}

/** The entry types a summaries flag selects (schemas/codes/es-query-summary-flags.yaml). */
const entryTypesOf = (flag: CodeEntry | undefined): readonly string[] => {
  const types = flag?.['entryTypes'];
  return Array.isArray(types) ? types : [];
};

/**
 * The JZ conditions a scenario step lists: each one for every entry the J1 records name (the JZ
 * carries its number), or once for a query that names none (criteria, a refused query).
 */
function scriptedRows(script: Answer | undefined, request: EsQueryRequest): AnswerRow[] {
  const entries: (QueriedEntry | undefined)[] = request.kind === 'entries' ? request.entries.map(({ filer, entryNumber }) => ({ filer, entryNumber })) : [undefined];
  return entries.flatMap((entry) =>
    (script?.conditions ?? []).map((c): AnswerRow => ({
      kind: 'condition',
      code: c.code,
      ...(entry !== undefined && { entry }),
      ...(c.narrative !== undefined && { narrative: c.narrative }),
      ...(c.severity !== undefined && { severity: c.severity }),
    })),
  );
}

/**
 * The query's disposition for the journal: its first fatal condition (refused, or an entry not
 * answered), else its informational one (015, 016), else none: the summaries are the answer.
 */
function disposition(reports: readonly ConditionReport[]): string {
  return (reports.find((r) => r.severity === 'F') ?? reports[0])?.code ?? '';
}
