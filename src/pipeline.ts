import { exchangeId } from './store/exchange-id.js';
import { parseDuration } from './clock/duration.js';
import type { SessionClocks } from './clock/session-clocks.js';
import { type Application, type ApplicationContext, type ConditionReport, responseApplication, type TransactionOutcome } from './applications/application.js';
import { writeBatchRejection, writeOutputA, writeOutputB, writeOutputY, writeOutputZ } from './catair/batch-output.js';
import type { Catalog } from './catair/catalog.js';
import { type Batch, type BatchCondition, type Block, readEnvelope } from './catair/envelope.js';
import { frameRecords } from './catair/framing.js';
import { readField } from './catair/record.js';
import type { GroupCommit } from './store/group-commit.js';
import type { Journal, Outcome } from './store/journal.js';
import type { OutboxNotices } from './store/notices.js';

/** What a transport hands to the pipeline. */
export interface Transmission {
  readonly bytes: Buffer;
  readonly transport: string;
  /** Isolates state between users; defaults to the transmitting filer code. */
  readonly session?: string;
  /** The scenario asked for by the transport (`X-ACE-Scenario`). */
  readonly scenario?: string;
  /** The transport's own id of the request (MQ MsgId, hex), journaled to recognise redeliveries. */
  readonly reference?: string;
}

/** A batch condition as reported to people: code, narrative and where it points. */
export interface BatchConditionReport {
  readonly code: string;
  readonly narrative: string;
  readonly block: number;
  readonly position?: number;
  readonly column?: number;
  /** What the condition means and what to fix (the error dictionary's explanation). */
  readonly explanation?: string;
  /** Why it was raised there, when the check knows (the record an out-of-place one came after). */
  readonly why?: string;
}

/** Everything about one exchange: the answer's records and the decisions behind them. */
export interface Exchange {
  readonly id: string;
  readonly receivedAt: string;
  readonly durationMs: number;
  readonly session: string;
  readonly filer: string;
  readonly application: string;
  readonly outcome: Outcome;
  readonly transactions: readonly TransactionOutcome[];
  readonly batchConditions: readonly BatchConditionReport[];
  /** Output records, each 80 characters. */
  readonly output: readonly string[];
  /** How long the transport should hold the answer back, as scripted by a scenario (ms). */
  readonly delayMs: number;
  /** Follow-up messages queued in the outbox by this exchange. */
  readonly followUps: number;
}

export interface PipelineOptions {
  /** Right-pad short records instead of rejecting them (hand-edited files). */
  readonly lenient: boolean;
  /**
   * Real time (when an exchange was received, as the journal records it) and each session's own
   * time, the mock clock, which every rule and follow-up reads and a scenario step may move on.
   */
  readonly clocks: SessionClocks;
  /** Runs the session's due scheduled work (statements, liquidations) inside the exchange's transaction, before it is answered. */
  readonly runDue?: (session: string) => void;
}

function overallOutcome(transactions: readonly TransactionOutcome[]): Outcome {
  const accepted = transactions.filter((t) => t.outcome === 'accepted').length;
  if (accepted === transactions.length) return 'accepted';
  return accepted === 0 ? 'rejected' : 'partial';
}

/**
 * The one path every transmission takes, whatever door it came in by: frame → envelope → application
 * grouping → (batch rejection | business rules and state) → output → journal. State changes and the
 * journal row are written in one SQLite transaction, before the caller sends the answer.
 */
export class Pipeline {
  private readonly clocks: SessionClocks;
  /** The application ids answered here; any other known one is X13 (B&B-32). */
  private readonly implemented: ReadonlySet<string>;

  constructor(
    private readonly catalog: Catalog,
    private readonly applications: ReadonlyMap<string, Application>,
    private readonly commits: GroupCommit,
    private readonly journal: Journal,
    private readonly notices: OutboxNotices,
    private readonly options: PipelineOptions,
  ) {
    this.clocks = options.clocks;
    this.implemented = new Set(applications.keys());
  }

  /** Answers a transmission; resolves once its state changes and journal row are committed. */
  process(transmission: Transmission): Promise<Exchange> {
    const started = performance.now();
    const receivedAt = this.clocks.real();
    const id = exchangeId();
    const text = transmission.bytes.toString('latin1');
    const framed = frameRecords(text, this.options.lenient);
    const batch = readEnvelope(framed.records, framed.problems, this.catalog, this.implemented);
    const { filer, application } = this.identify(batch);
    const session = transmission.session ?? (filer || 'default');
    const now = this.clocks.now(session);
    const ctx = {
      catalog: this.catalog,
      session,
      exchangeId: id,
      now,
      addressee: { exchangeId: id, transport: transmission.transport, ...this.addressee(batch) },
      ...(transmission.scenario !== undefined && { requestedScenario: transmission.scenario }),
    };

    const syntax: BatchCondition[] = [...batch.conditions];
    // A batch- or block-level problem leaves every transaction unexamined (B&B-34, B&B-35).
    const envelopeRejected = syntax.some((c) => c.pointer.kind !== 'record');
    const grouped = (envelopeRejected ? [] : batch.blocks).map((block) => {
      const app = this.applications.get(readField(this.catalog.layout('B'), block.header.text, 'applicationId'));
      const result = app?.group(block, ctx);
      if (result) syntax.push(...result.conditions);
      return { block, app, units: result?.units ?? [] };
    });
    syntax.sort((a, b) => a.pointer.position - b.pointer.position);

    return this.commits.run((): Exchange => {
      this.options.runDue?.(session);
      const answered =
        syntax.length > 0
          ? { output: writeBatchRejection(this.catalog, batch, syntax), transactions: [], delayMs: 0, followUps: 0 }
          : this.answerBlocks(batch, grouped, application, ctx, filer);
      const { output, transactions, delayMs, followUps } = answered;
      const outcome: Outcome = syntax.length > 0 ? 'batch-rejected' : overallOutcome(transactions);
      const exchange: Exchange = {
        id,
        receivedAt: receivedAt.toISOString(),
        durationMs: performance.now() - started,
        session,
        filer,
        application,
        outcome,
        transactions,
        batchConditions: syntax.map((c) => this.reportBatchCondition(c)),
        output,
        delayMs,
        followUps,
      };
      this.journal.append({
        id,
        receivedAt: exchange.receivedAt,
        durationMs: exchange.durationMs,
        transport: transmission.transport,
        ...(transmission.reference !== undefined && { transportRef: transmission.reference }),
        session,
        filer,
        application,
        outcome,
        scenario: transactions.find((t) => t.scenario !== undefined)?.scenario,
        input: transmission.bytes,
        output: output.join('\n'),
        // sessionTime: the session's business time, which day a certification report counts the exchange on.
        detail: { transactions, batchConditions: exchange.batchConditions, framing: framed.separated ? 'lines' : 'concatenated', sessionTime: now.toISOString() },
        entries: transactions.map((t) => ({ filer: t.filer, entryNumber: t.entryNumber, outcome: t.outcome, disposition: t.disposition })),
      });
      this.advanceClock(session, transactions);
      return exchange;
    });
  }

  /**
   * The output of a batch with no syntax problem: the A, then each block's B, its application's
   * records and Y, then the Z; follow-up messages go to the outbox in the same transaction.
   */
  private answerBlocks(
    batch: Batch,
    grouped: readonly { block: Block; app: Application | undefined; units: unknown[] }[],
    application: string,
    ctx: ApplicationContext,
    filer: string,
  ): { output: string[]; transactions: TransactionOutcome[]; delayMs: number; followUps: number } {
    const output: string[] = [];
    const transactions: TransactionOutcome[] = [];
    let delayMs = 0;
    let followUps = 0;
    if (batch.header) output.push(writeOutputA(this.catalog, batch.header.text, this.responseId(application)));
    for (const { block, app, units } of grouped) {
      if (!app) continue; // unreachable: an unknown application is a batch condition
      const answer = app.answer(block, units, ctx);
      const response = this.responseId(app.id);
      output.push(writeOutputB(this.catalog, block.header.text, response), ...answer.records);
      output.push(writeOutputY(this.catalog, block.header.text, response, answer.records.length));
      transactions.push(...answer.transactions.map((t) => this.explainTransaction(t, response)));
      delayMs = Math.max(delayMs, answer.delayMs);
      for (const f of answer.followUps) {
        this.notices.send({ ...ctx.addressee, session: ctx.session, filer, blockHeader: block.header.text, ...f });
        followUps++;
      }
    }
    if (batch.trailer) output.push(writeOutputZ(this.catalog, batch));
    return { output, transactions, delayMs, followUps };
  }

  /** Moves the session's clock on by what the answering scenario steps asked, one after the other, once everything is dated. */
  private advanceClock(session: string, transactions: readonly TransactionOutcome[]): void {
    for (const t of transactions) {
      const by = t.advanceClock === undefined ? undefined : parseDuration(t.advanceClock);
      if (by) this.clocks.advance(session, by);
    }
  }

  /** Journals input that is not a CATAIR transmission at all, with the problem it was answered with. */
  async recordRefusal(transmission: Transmission, problem: { title: string; detail: string; status: number }): Promise<string> {
    const id = exchangeId();
    await this.commits.run(() => this.journal.append({
      id,
      receivedAt: this.clocks.real().toISOString(),
      durationMs: 0,
      transport: transmission.transport,
      session: transmission.session ?? 'default',
      filer: '',
      application: '',
      outcome: 'not-catair',
      scenario: undefined,
      input: transmission.bytes,
      output: undefined,
      detail: { problem },
      entries: [],
    }));
    return id;
  }

  /** Who sent the batch and for which application: from the A record, or the first B of bare blocks. */
  private identify(batch: Batch): { filer: string; application: string } {
    const [layout, text, filerField] = batch.header
      ? [this.catalog.layout('A'), batch.header.text, 'senderId']
      : [this.catalog.layout('B'), batch.blocks[0]?.header.text, 'filer'];
    if (text === undefined) return { filer: '', application: '' };
    return { filer: readField(layout, text, filerField), application: readField(layout, text, 'applicationId') };
  }

  private responseId(app: string): string {
    return responseApplication(this.catalog, app);
  }

  /** Whom a notification's batch is addressed to: the causing batch's A record sender (B&B-38); bare blocks have none. */
  private addressee(batch: Batch): { site?: string; sender?: string } {
    if (!batch.header) return {};
    const a = this.catalog.layout('A');
    return { site: readField(a, batch.header.text, 'siteCode'), sender: readField(a, batch.header.text, 'senderId') };
  }

  private reportBatchCondition(c: BatchCondition): BatchConditionReport {
    const { narrative, explanation } = this.catalog.dictionary.get(c.code);
    const explained = explanation !== undefined ? { explanation } : {};
    const { pointer } = c;
    return {
      code: c.code,
      narrative,
      block: pointer.kind === 'batch' ? 0 : pointer.block,
      position: pointer.position,
      column: pointer.column,
      ...explained,
      ...(c.why !== undefined && { why: c.why }),
    };
  }

  /**
   * Each condition with the dictionary's explanation of it, as the answering application means the
   * code; a scenario's own narrative for a code is another meaning, so it gets none.
   */
  private explainTransaction(t: TransactionOutcome, response: string): TransactionOutcome {
    if (t.conditions.length === 0) return t;
    const conditions = t.conditions.map((c) => {
      const entry = this.catalog.dictionary.lookup(c.code, response);
      return entry?.explanation !== undefined && entry.narrative === c.narrative ? { ...c, explanation: entry.explanation } : c;
    });
    return { ...t, conditions };
  }
}

export type { ConditionReport };
