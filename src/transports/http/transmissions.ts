import { setTimeout as sleep } from 'node:timers/promises';
import fastifyAccepts from '@fastify/accepts';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Catalog } from '../../catair/catalog.js';
import { decodeRecords, maskSecrets } from '../../catair/decode.js';
import { frameRecords } from '../../catair/framing.js';
import { sniffTransmission } from '../../catair/sniff.js';
import type { Pipeline } from '../../pipeline.js';
import type { Journal, JournalEntry, JournalQuery } from '../../store/journal.js';
import type { Outbox } from '../../store/outbox.js';
import type { ExchangeDocument } from './exchange-document.js';
import { ENTRY_PATTERN, matchesText, splitEntry } from './exchange-search.js';
import { type ExchangeSummary, ExchangeSummaryDoc, exchangeSummary, type StoredDetail } from './exchange-summary.js';
import { documented, json, problems } from './openapi.js';
import { invalidInput, problem, sendProblem, UNKNOWN_CURSOR } from './problem.js';

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
      .regex(ENTRY_PATTERN, 'entry is an entry number: B76-0324527-8, B7603245278 or 03245278')
      .optional(),
    filer: z.string().regex(/^[A-Z0-9]{3}$/i, 'filer is a 3-character filer code').optional(),
    outcome: z.enum(['accepted', 'rejected', 'partial', 'batch-rejected', 'not-catair']).optional(),
    session: z.string().min(1).optional(),
    scenario: z.string().min(1).optional(),
    since: z.iso.datetime({ offset: true, message: 'since is an ISO time with Z or an offset, e.g. 2026-11-25T15:00:00Z or 2026-11-25T10:00:00-05:00' }).optional(),
    until: z.iso.datetime({ offset: true, message: 'until is an ISO time with Z or an offset, e.g. 2026-11-25T16:00:00Z or 2026-11-25T11:00:00-05:00' }).optional(),
    transport: z.string().min(1).optional(),
    application: z.string().regex(/^[A-Z0-9]{2}$/i, 'application is a 2-character application id, e.g. AE').optional(),
    text: z.string().trim().min(1).max(100).optional().describe('text the row shows: an entry number, a condition code, the B record user text, a scenario, filer or session (case ignored)'),
    before: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(50),
  })
  .strict();

const Decoded = z.array(z.object({}).loose()).describe('records decoded field by field');

/** The document POST (JSON) and GET /v1/transmissions/:id answer with (exchangeDocument builds it). */
const ExchangeDocumentDoc = ExchangeSummaryDoc.extend({
  transactions: z.array(z.object({}).loose()).describe('the outcome of each transaction: filer, entry number, action, disposition, conditions with their explanations'),
  batchConditions: z.array(z.object({}).loose()).describe('conditions of the batch as a whole (a rejected batch)'),
  input: z.string().describe('the transmission as sent, its password starred'),
  output: z.array(z.string()).describe("CBP's answer: 80-character records"),
  detail: z.unknown().describe('what the journal keeps of the exchange'),
  decoded: z.object({ input: Decoded, output: Decoded }),
  followUps: z.array(z.object({ seq: z.number().int(), deliverAt: z.string(), summary: z.string(), records: z.array(z.string()), decoded: Decoded })),
  delayMs: z.number().optional().describe('POST only: the delay a scenario held the answer back by'),
});

const ExchangeHeaders = {
  'x-ace-exchange-id': { description: 'the exchange id in the journal', type: 'string' },
  'x-ace-outcome': { description: 'accepted, rejected, partial or batch-rejected', type: 'string' },
} as const;

/** The answer's form by the client's Accept, q-values and all: the records as text unless JSON is preferred. */
function wantsJson(request: FastifyRequest): boolean {
  return request.accepts().type(['text/plain', 'application/json']) === 'application/json';
}

/** What the pipeline keeps of an answered exchange in the journal's detail (a refusal keeps its problem instead). */
/** The most rows one text search reads before it answers with what it found and a cursor to go on. */
const TEXT_SCAN_LIMIT = 5000;
const TEXT_SCAN_PAGE = 500;

/** One page of the list, newest first; the cursor (its last row) when the page is full, as more may follow. */
function listPage(journal: Journal, query: Omit<JournalQuery, 'limit' | 'before'>, limit: number, before: string | undefined): { items: ExchangeSummary[]; cursor?: string } {
  const items = journal.find({ ...query, limit, ...(before !== undefined && { before }) }).map(exchangeSummary);
  const last = items[items.length - 1];
  return { items, ...(items.length === limit && last && { cursor: last.id }) };
}

/**
 * One page of a text search: rows matching the query are read newest first and kept when they show
 * the text, until `limit` are found or TEXT_SCAN_LIMIT were read; the cursor (the last row read)
 * goes on from there, so a rare text over a long journal comes in several short pages, not one slow one.
 */
function searchPage(journal: Journal, query: Omit<JournalQuery, 'limit' | 'before'>, text: string, limit: number, before: string | undefined): { items: ExchangeSummary[]; cursor?: string } {
  const items: ExchangeSummary[] = [];
  let cursor = before;
  for (let read = 0; read < TEXT_SCAN_LIMIT; ) {
    const rows = journal.find({ ...query, limit: TEXT_SCAN_PAGE, ...(cursor !== undefined && { before: cursor }) });
    for (const row of rows) {
      read++;
      cursor = row.id;
      const summary = exchangeSummary(row);
      if (matchesText(summary, text)) items.push(summary);
      if (items.length === limit) return { items, cursor };
    }
    if (rows.length < TEXT_SCAN_PAGE) return { items };
  }
  return { items, ...(cursor !== undefined && { cursor }) };
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
  const exchangeDocument = (entry: JournalEntry): ExchangeDocument => {
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

  app.post(
    '/v1/transmissions',
    documented({
      summary: 'Send a CATAIR transmission',
      description:
        "The body is the raw transmission (80-character records, one per line or back to back), whatever its Content-Type. The answer is CBP's output records as text, or with Accept preferring application/json, the exchange with each transaction's outcome and the records decoded. Calls from a web page of another site are refused (403).",
      tags: ['transmissions'],
      headers: z.object({
        'x-ace-session': z.string().optional().describe('the session the exchange belongs to; default: the filer code'),
        'x-ace-scenario': z.string().optional().describe('a scenario to answer with, for this transmission only'),
      }),
      body: { description: 'the CATAIR transmission', content: { 'text/plain': { type: 'string', description: 'CATAIR records, ASCII' } } },
      responses: {
        200: {
          description: "CBP's answer",
          content: { 'text/plain': { type: 'string', description: 'output records, one per line' }, 'application/json': ExchangeDocumentDoc },
          headers: ExchangeHeaders,
        },
        ...problems(400, 403, 413),
      },
    }),
    async (request, reply: FastifyReply) => {
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
    },
  );

  app.get(
    '/v1/transmissions',
    documented({
      summary: 'Search the exchange journal',
      description: 'Newest first. `next` links the following page while there may be more.',
      tags: ['transmissions'],
      query: ListQuery,
      responses: {
        200: json('A page of exchange summaries', z.object({ items: z.array(ExchangeSummaryDoc), next: z.string().optional() })),
        ...problems(400),
      },
    }),
    async (request, reply) => {
      const parsed = ListQuery.safeParse(request.query);
      if (!parsed.success) {
        return sendProblem(reply, invalidInput(parsed.error, 'bad-query', 'Invalid query', 'query'));
      }
      const q = parsed.data;
      // An unknown cursor would page from nowhere: an empty page that looks like the end of the list.
      if (q.before !== undefined && journal.positionOf(q.before) === undefined) {
        return sendProblem(
          reply,
          problem(400, 'unknown-cursor', UNKNOWN_CURSOR, `No exchange ${q.before} is in the journal (a wrong id, or removed by retention); start again without ?before=.`),
        );
      }
      const entry: { filer?: string; entryNumber?: string } = q.entry === undefined ? {} : splitEntry(q.entry);
      const query = {
        ...(q.session !== undefined && { session: q.session }),
        ...(q.outcome !== undefined && { outcome: q.outcome }),
        ...(q.transport !== undefined && { transport: q.transport }),
        ...(q.scenario !== undefined && { scenario: q.scenario }),
        ...(q.application !== undefined && { application: q.application.toUpperCase() }),
        ...(q.since !== undefined && { since: new Date(q.since).toISOString() }),
        ...(q.until !== undefined && { until: new Date(q.until).toISOString() }),
        ...((entry.filer ?? q.filer) !== undefined && { filer: (entry.filer ?? q.filer)?.toUpperCase() }),
        ...(entry.entryNumber !== undefined && { entryNumber: entry.entryNumber }),
      };
      // The text is in packed bodies (user text) or derived (codes): rows are read and matched, a bounded number per request.
      const { items, cursor } = q.text === undefined ? listPage(journal, query, q.limit, q.before) : searchPage(journal, query, q.text, q.limit, q.before);
      return {
        items,
        ...(cursor !== undefined && { next: `/v1/transmissions?${new URLSearchParams({ ...(request.query as Record<string, string>), before: cursor })}` }),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/transmissions/:id',
    documented({
      summary: 'One exchange',
      tags: ['transmissions'],
      params: z.object({ id: z.string().describe('the exchange id (X-ACE-Exchange-Id)') }),
      responses: { 200: json('The exchange, in the shape of the JSON answer to POST', ExchangeDocumentDoc), ...problems(404) },
    }),
    async (request, reply) => {
      const entry = journal.get(request.params.id);
      if (!entry) {
        return sendProblem(reply, problem(404, 'not-found', 'No such exchange', `No exchange with id ${request.params.id} is in the journal.`));
      }
      return exchangeDocument(entry);
    },
  );
};
