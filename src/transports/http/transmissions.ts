import { setTimeout as sleep } from 'node:timers/promises';
import fastifyAccepts from '@fastify/accepts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Catalog } from '../../catair/catalog.js';
import { decodeRecords, maskSecrets } from '../../catair/decode.js';
import { frameRecords } from '../../catair/framing.js';
import { sniffTransmission } from '../../catair/sniff.js';
import type { BatchConditionReport, Pipeline } from '../../pipeline.js';
import type { TransactionOutcome } from '../../applications/application.js';
import type { Journal, JournalEntry } from '../../store/journal.js';
import type { Outbox } from '../../store/outbox.js';
import { exchangeSummary } from './exchange-summary.js';
import { invalidInput, problem, sendProblem } from './problem.js';

export interface TransmissionRoutesOptions {
  readonly pipeline: Pipeline;
  readonly journal: Journal;
  readonly catalog: Catalog;
  readonly outbox: Outbox;
  readonly bodyLimit: number;
}

const SESSION_HEADER = 'x-ace-session';
const SCENARIO_HEADER = 'x-ace-scenario';
/** Levels at which the exchange's story line is written (its fields are not built otherwise). */
const INFO_LEVELS = new Set(['trace', 'debug', 'info']);

const ListQuery = z
  .object({
    entry: z
      .string()
      .regex(/^([A-Z0-9]{3}-?\d{7}-?\d|\d{8})$/i, 'entry is an entry number: B76-0324527-8, B7603245278 or 03245278')
      .optional(),
    filer: z.string().regex(/^[A-Z0-9]{3}$/i, 'filer is a 3-character filer code').optional(),
    outcome: z.enum(['accepted', 'rejected', 'partial', 'batch-rejected', 'not-catair']).optional(),
    session: z.string().min(1).optional(),
    scenario: z.string().min(1).optional(),
    since: z.iso.datetime({ offset: true, message: 'since is an ISO time with Z or an offset, e.g. 2026-11-25T15:00:00Z or 2026-11-25T10:00:00-05:00' }).optional(),
    until: z.iso.datetime({ offset: true, message: 'until is an ISO time with Z or an offset, e.g. 2026-11-25T16:00:00Z or 2026-11-25T11:00:00-05:00' }).optional(),
    transport: z.string().min(1).optional(),
    before: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(50),
  })
  .strict();

/** `B76-0324527-8` → filer B76, entry 03245278; `03245278` → entry only. */
function splitEntry(entry: string | undefined): { filer?: string; entryNumber?: string } {
  if (entry === undefined) return {};
  const compact = entry.replace(/-/g, '').toUpperCase();
  return compact.length === 8 ? { entryNumber: compact } : { filer: compact.slice(0, 3), entryNumber: compact.slice(3) };
}

/** The answer's form by the client's Accept, q-values and all: the records as text unless JSON is preferred. */
function wantsJson(request: FastifyRequest): boolean {
  return request.accepts().type(['text/plain', 'application/json']) === 'application/json';
}

/** What the pipeline keeps of an answered exchange in the journal's detail (a refusal keeps its problem instead). */
interface StoredDetail {
  readonly transactions?: readonly TransactionOutcome[];
  readonly batchConditions?: readonly BatchConditionReport[];
}

/** Records of stored text for display, cut as the pipeline cut them (short ones padded). */
function recordsOf(text: string): string[] {
  return frameRecords(text, true).records;
}

/**
 * The filer's door over HTTP: `POST /v1/transmissions` takes a raw CATAIR transmission and answers
 * with CBP's output records; `GET` reads the journal.
 */
export const transmissionRoutes: FastifyPluginAsync<TransmissionRoutesOptions> = async (app, opts) => {
  const { pipeline, journal, catalog } = opts;

  // Transmissions are raw bytes whatever the declared content type; JSON and XML are refused by sniffing.
  await app.register(fastifyAccepts);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (_req, body, done) => done(null, body));

  /**
   * One exchange as both `POST` (with `Accept: application/json`) and `GET /v1/transmissions/:id`
   * answer it, so a client reads them with one type: the journal's entry, its transactions and
   * batch conditions at the top, the records decoded, and the follow-ups it queued.
   */
  const exchangeDocument = (entry: JournalEntry) => {
    const input = entry.input.toString('latin1');
    const output = entry.output === undefined ? [] : recordsOf(entry.output);
    const detail = (entry.detail ?? {}) as StoredDetail;
    return {
      ...exchangeSummary(entry),
      transactions: detail.transactions ?? [],
      batchConditions: detail.batchConditions ?? [],
      input: maskSecrets(catalog, input),
      output,
      detail: entry.detail,
      decoded: { input: decodeRecords(catalog, recordsOf(input), 'in'), output: decodeRecords(catalog, output, 'out') },
      followUps: opts.outbox.ofExchange(entry.id).map((m) => ({
        seq: m.seq,
        deliverAt: m.deliverAt,
        summary: m.summary,
        records: m.records,
        decoded: decodeRecords(catalog, m.records, 'out'),
      })),
    };
  };

  app.post('/v1/transmissions', async (request, reply: FastifyReply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const session = request.headers[SESSION_HEADER];
    const scenario = request.headers[SCENARIO_HEADER];
    const transmission = {
      bytes: body,
      transport: 'http',
      ...(typeof session === 'string' && session !== '' && { session }),
      ...(typeof scenario === 'string' && scenario !== '' && { scenario }),
    };
    const notCatair = sniffTransmission(body);
    if (notCatair) {
      const id = await pipeline.recordRefusal(transmission, { ...notCatair, status: 400 });
      request.log.info({ exchange: id, bytes: body.length }, `refused: ${notCatair.title}`);
      return sendProblem(reply, problem(400, 'not-catair', notCatair.title, notCatair.detail, { exchange: id }));
    }
    const exchange = await pipeline.process(transmission);
    if (INFO_LEVELS.has(request.log.level)) request.log.info(
      {
        exchange: exchange.id,
        session: exchange.session,
        outcome: exchange.outcome,
        ms: Number(exchange.durationMs.toFixed(2)),
        transactions: exchange.transactions.map(
          (t) => `${t.filer}-${t.entryNumber} ${t.action} → ${t.disposition}${t.scenario ? ` (scenario ${t.scenario} step ${t.step ?? '-'})` : ''}`,
        ),
        batchConditions: exchange.batchConditions.map((c) => c.code),
      },
      `${exchange.application || '??'} from ${exchange.filer || '???'}: ${exchange.outcome}`,
    );
    // A scripted delay holds the answer back; the exchange is already journaled.
    if (exchange.delayMs > 0) await sleep(exchange.delayMs);
    reply.header('x-ace-exchange-id', exchange.id).header('x-ace-outcome', exchange.outcome).header('vary', 'Accept');
    const journaled = wantsJson(request) ? journal.get(exchange.id) : undefined;
    if (journaled) return reply.type('application/json').send({ ...exchangeDocument(journaled), delayMs: exchange.delayMs });
    return reply.type('text/plain; charset=us-ascii').send(`${exchange.output.join('\n')}\n`);
  });

  app.get('/v1/transmissions', async (request, reply) => {
    const parsed = ListQuery.safeParse(request.query);
    if (!parsed.success) {
      return sendProblem(reply, invalidInput(parsed.error, 'bad-query', 'Invalid query', 'query'));
    }
    const q = parsed.data;
    // An unknown cursor would page from nowhere: an empty page that looks like the end of the list.
    if (q.before !== undefined && journal.positionOf(q.before) === undefined) {
      return sendProblem(
        reply,
        problem(400, 'unknown-cursor', 'No such exchange to page before', `No exchange ${q.before} is in the journal (a wrong id, or removed by retention); start again without ?before=.`),
      );
    }
    const entry = splitEntry(q.entry);
    const items = journal.find({
      limit: q.limit,
      ...(q.session !== undefined && { session: q.session }),
      ...(q.outcome !== undefined && { outcome: q.outcome }),
      ...(q.transport !== undefined && { transport: q.transport }),
      ...(q.scenario !== undefined && { scenario: q.scenario }),
      ...(q.since !== undefined && { since: new Date(q.since).toISOString() }),
      ...(q.until !== undefined && { until: new Date(q.until).toISOString() }),
      ...(q.before !== undefined && { before: q.before }),
      ...((entry.filer ?? q.filer) !== undefined && { filer: (entry.filer ?? q.filer)?.toUpperCase() }),
      ...(entry.entryNumber !== undefined && { entryNumber: entry.entryNumber }),
    });
    const last = items[items.length - 1];
    return {
      items: items.map(exchangeSummary),
      ...(items.length === q.limit && last && { next: `/v1/transmissions?${new URLSearchParams({ ...(request.query as Record<string, string>), before: last.id })}` }),
    };
  });

  app.get<{ Params: { id: string } }>('/v1/transmissions/:id', async (request, reply) => {
    const entry = journal.get(request.params.id);
    if (!entry) {
      return sendProblem(reply, problem(404, 'not-found', 'No such exchange', `No exchange with id ${request.params.id} is in the journal.`));
    }
    return exchangeDocument(entry);
  });
};
