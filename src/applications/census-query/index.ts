import type { Catalog } from '../../catair/catalog.js';
import type { BatchCondition, Block } from '../../catair/envelope.js';
import {
  type Application,
  type ApplicationContext,
  type ApplicationModule,
  type BlockAnswer,
  type ConditionReport,
  responseWithConditions,
  type TransactionOutcome,
} from '../application.js';
import type { Answer } from '../../scenarios/format.js';
import type { EntryState } from '../entry-summary/entry-store.js';
import type { ScenarioDirector } from '../scenario-port.js';
import type { EntryKey } from '../shared/entry-key.js';
import { directed, scriptedDelay, transactionFields } from '../shared/scripting.js';
import { type QueryRow, writeQueryAnswer } from './answer.js';
import { CL } from './conditions.js';
import { groupQueries } from './grouping.js';
import { type QueryRequest, readQuery } from './request.js';
import { CENSUS_QUERY_SCENARIOS } from './scenario-support.js';
import type { QueryTx } from './transaction.js';

const CJ = 'CJ';

/** The entry state a Census Warning Query reads; the SQLite store implements it. */
export interface CensusQueryStore {
  get(key: EntryKey): EntryState | undefined;
  /** Accepted entries of a session and filer first accepted on a day from … to (YYYY-MM-DD, included). */
  acceptedBetween(session: string, filer: string, from: string, to: string): { entryNumber: string; state: EntryState }[];
}

export interface CensusQueryDependencies {
  readonly catalog: Catalog;
  readonly store: CensusQueryStore;
  readonly director: ScenarioDirector;
  /** Uniform in [0, 1), seeded so scripted delay ranges repeat from run to run. */
  readonly random: () => number;
}

/**
 * ACE Census Warning Query (CJ → CL): lists the Census warnings still outstanding on entry summaries,
 * asked for by entry number (up to five per CJ1) or by the days they were accepted. Each CJ1 is
 * answered with one CJ2 per outstanding warning per line per entry, 007 for an entry that has none,
 * 006 for one not on file, 016 when a date range finds nothing, or the condition that refuses the
 * query. Queries change no state. A scenario for CJ adds condition rows of its own, or answers with
 * them alone (see scenario-support.ts).
 */
export class CensusQueryApplication implements Application<QueryTx> {
  readonly id = CJ;
  private readonly response: string;

  constructor(private readonly deps: CensusQueryDependencies) {
    this.response = responseWithConditions(deps.catalog, this.id, CL);
  }

  group(block: Block): { units: QueryTx[]; conditions: BatchCondition[] } {
    return groupQueries(block, this.deps.catalog);
  }

  answer(block: Block, units: QueryTx[], ctx: ApplicationContext): BlockAnswer {
    const { catalog, director } = this.deps;
    const records: string[] = [];
    const transactions: TransactionOutcome[] = [];
    let delayMs = 0;
    for (const tx of units) {
      const request = readQuery(tx.record);
      // A query is about the first entry it names (none for a date range): steps count per entry.
      const entryNumber = request.kind === 'entries' ? (request.entryNumbers[0] ?? '') : '';
      const direction = director.direct({
        application: this.id,
        entry: { session: ctx.session, filer: request.filer, entryNumber },
        ...(ctx.requestedScenario !== undefined && { requested: ctx.requestedScenario }),
        fields: transactionFields(block, catalog, () => [tx.record]),
        facts: {},
      });
      const script = direction.answer;
      const rows = [...(script?.builtInRules === false ? [] : this.rows(request, ctx.session)), ...scriptedRows(script, request)];
      const written = writeQueryAnswer(catalog, this.response, tx.record, request.filer, rows);
      records.push(...written.records);
      const fatal = written.reports.find((r) => r.severity === 'F');
      transactions.push({
        block: block.number,
        ordinal: tx.ordinal,
        application: this.id,
        filer: request.filer,
        entryNumber,
        action: this.id,
        outcome: fatal ? 'rejected' : 'accepted',
        disposition: disposition(written.reports),
        conditions: written.reports,
        ...directed(direction),
      });
      delayMs = Math.max(delayMs, scriptedDelay(script, this.deps.random));
    }
    return { records, transactions, delayMs, followUps: [] };
  }

  private rows(request: QueryRequest, session: string): QueryRow[] {
    const { store } = this.deps;
    switch (request.kind) {
      case 'invalid':
        return [{ kind: 'condition', code: request.code, field: request.field }];
      case 'entries':
        return request.entryNumbers.flatMap((entryNumber) => {
          const state = store.get({ session, filer: request.filer, entryNumber });
          // A deleted entry summary is no longer on file for CBP either.
          return state?.status === 'accepted' ? entryRows(entryNumber, state) : [{ kind: 'condition', code: CL.entryNotFound, entryNumber }];
        });
      case 'range': {
        const found = store.acceptedBetween(session, request.filer, request.from, request.to);
        if (found.length === 0) return [{ kind: 'condition', code: CL.noSummaries }];
        return found.flatMap(({ entryNumber, state }) => entryRows(entryNumber, state));
      }
    }
  }
}

/** CJ → CL, reading the entry summary state AE keeps. */
export const censusQuery: ApplicationModule<{
  readonly catalog: Catalog;
  readonly entries: CensusQueryStore;
  readonly director: ScenarioDirector;
  readonly random: () => number;
}> = {
  id: CJ,
  scenarios: CENSUS_QUERY_SCENARIOS,
  create: (env) => new CensusQueryApplication({ catalog: env.catalog, store: env.entries, director: env.director, random: env.random }),
};

/**
 * The CJ2 condition rows a scenario step lists: each condition for every entry the query names (the
 * row carries its number), or once for the query when it names none (a date range, a refused query).
 */
function scriptedRows(script: Answer | undefined, request: QueryRequest): QueryRow[] {
  const entries = request.kind === 'entries' ? request.entryNumbers : [undefined];
  return entries.flatMap((entryNumber) =>
    (script?.conditions ?? []).map((c): QueryRow => ({
      kind: 'condition',
      code: c.code,
      ...(entryNumber !== undefined && { entryNumber }),
      ...(c.narrative !== undefined && { narrative: c.narrative }),
      ...(c.severity !== undefined && { severity: c.severity }),
    })),
  );
}

/**
 * An entry's outstanding warnings by line (order of raising within a line), each line/warning once
 * (a built-in check and a scenario may both raise it), or 007 when it has none.
 */
function entryRows(entryNumber: string, state: EntryState): QueryRow[] {
  const acceptedAt = state.firstAcceptedAt;
  if (state.warnings.length === 0) return [{ kind: 'condition', code: CL.noWarnings, entryNumber, acceptedAt }];
  const unique = new Map(state.warnings.map((w) => [`${w.line} ${w.code}`, w]));
  return [...unique.values()]
    .sort((a, b) => a.line.localeCompare(b.line))
    .map((w) => ({ kind: 'warning', entryNumber, acceptedAt, line: w.line, warning: w.code }));
}

/**
 * The query's disposition for the journal: its first fatal condition (it was refused, or an entry was
 * not found), else the first warning it lists, else its informational condition (007, 016).
 */
function disposition(reports: readonly ConditionReport[]): string {
  const first = reports.find((r) => r.severity === 'F') ?? reports.find((r) => r.severity === 'W') ?? reports[0];
  return first?.code ?? '';
}
