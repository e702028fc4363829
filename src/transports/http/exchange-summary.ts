import type { TransactionOutcome } from '../../applications/application.js';
import { z } from 'zod';
import { frameRecords } from '../../catair/framing.js';
import type { BatchConditionReport } from '../../pipeline.js';
import type { JournalEntry } from '../../store/journal.js';

/** What people look for in a list of exchanges besides the outcome. */
export type ExchangeTag = 'census-warning' | 'psc';

/** What the journal's detail holds of an answered exchange (a refusal's holds a problem instead). */
export interface StoredDetail {
  readonly transactions?: readonly TransactionOutcome[];
  readonly batchConditions?: readonly BatchConditionReport[];
}

/** Census warnings are the severity-W conditions; a PSC is a transaction with the PSC indicator. */
function tagsOf(detail: unknown): ExchangeTag[] {
  const transactions = (detail as StoredDetail | null)?.transactions ?? [];
  const tags: ExchangeTag[] = [];
  if (transactions.some((t) => t.conditions.some((c) => c.severity === 'W'))) tags.push('census-warning');
  if (transactions.some((t) => t.psc === true)) tags.push('psc');
  return tags;
}

/** The step that decided, when a scenario did (the first scripted transaction's). */
function stepOf(detail: unknown): number | undefined {
  return (detail as StoredDetail | null)?.transactions?.find((t) => t.step !== undefined)?.step;
}

/** Every condition code the answer gave, batch ones first, each once: what a list of exchanges is searched by. */
function conditionCodesOf(detail: unknown): string[] {
  const stored = detail as StoredDetail | null;
  const codes = [...(stored?.batchConditions ?? []).map((c) => c.code), ...(stored?.transactions ?? []).flatMap((t) => t.conditions.map((c) => c.code))];
  return [...new Set(codes)];
}

/** How much of the input is framed to find the first B record: it follows the A record, so a few records' worth. */
const HEAD_BYTES = 1024;

/** The first B record's user text (columns 60-80, echoed by CBP): where filers put their own reference. */
function blockUserText(input: Buffer): string | undefined {
  // Every listing row and live event asks this: frame the head of the input, not a whole 8 MB batch. The
  // head's last record may be cut short, so it is not looked at unless the head is the whole input.
  const head = frameRecords(input.subarray(0, HEAD_BYTES).toString('latin1'), true).records;
  const whole = input.length <= HEAD_BYTES ? head : head.slice(0, -1);
  const b = whole.find((r) => r.startsWith('B'));
  const text = b?.slice(59, 80).trim();
  return text === '' ? undefined : text;
}

/** An exchange without its bytes and detail, as listings and the live stream show it. */
export type ExchangeSummary = Omit<JournalEntry, 'input' | 'output' | 'detail'> & {
  readonly step?: number;
  readonly tags: readonly ExchangeTag[];
  readonly conditions: readonly string[];
  readonly userText?: string;
  readonly links: { readonly self: string };
};

/** The summary as the OpenAPI description shows it (exchangeSummary builds it). */
export const ExchangeSummaryDoc = z.object({
  id: z.string(),
  receivedAt: z.string().describe('when ace-mock received it (real time, ISO 8601)'),
  durationMs: z.number(),
  transport: z.string().describe('http or mq'),
  transportRef: z.string().optional().describe('the transport\'s own request id (MQ MsgId, hex)'),
  session: z.string(),
  filer: z.string(),
  application: z.string().describe('the CATAIR application, e.g. AE'),
  outcome: z.enum(['accepted', 'rejected', 'partial', 'batch-rejected', 'not-catair']),
  scenario: z.string().optional().describe('the scenario that decided, if one did'),
  entries: z.array(z.object({ filer: z.string(), entryNumber: z.string(), outcome: z.string(), disposition: z.string() })),
  step: z.number().int().optional().describe("the deciding scenario's step"),
  tags: z.array(z.enum(['census-warning', 'psc'])),
  conditions: z.array(z.string()).describe('every condition code of the answer, batch ones first, each once'),
  userText: z.string().optional().describe("the first B record's user text (columns 60-80)"),
  links: z.object({ self: z.string() }),
});

/** True when A and B are the same union (of field names). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// A field added to the summary and not to its description (or the other way) fails to compile.
const _describesEveryField: Same<keyof ExchangeSummary, keyof z.infer<typeof ExchangeSummaryDoc>> = true;

export function exchangeSummary(entry: JournalEntry): ExchangeSummary {
  const { input, output: _output, detail, ...head } = entry;
  const step = stepOf(detail);
  const userText = blockUserText(input);
  return {
    ...head,
    ...(step !== undefined && { step }),
    tags: tagsOf(detail),
    conditions: conditionCodesOf(detail),
    ...(userText !== undefined && { userText }),
    links: { self: `/v1/transmissions/${entry.id}` },
  };
}
