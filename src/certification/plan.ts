import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readYaml, SchemaError } from '../catair/catalog.js';
import { ApplicationId as AppId } from './criteria.js';
import { entryOf, type TransactionFact } from './facts.js';

/** A transaction the filer's software sent, as the journal answered it. */
const TransactionMatch = z
  .object({
    application: AppId,
    action: z.string().min(1).optional(),
    outcome: z.enum(['accepted', 'rejected']).optional(),
    psc: z.boolean().optional(),
    /** A condition raised on it (fatal or not), by code. */
    condition: z.string().min(1).optional(),
    /** A condition of this severity that did not refuse it: W a Census warning, P a PGA warning, I informational. */
    severity: z.enum(['W', 'P', 'I']).optional(),
  })
  .strict();

/** A message delivered to the filer afterwards (a UC or SO notification, a statement), by its application id and summary. */
const MessageMatch = z
  .object({
    application: AppId,
    /** A regular expression the message's one-line summary (as the console lists it) must match. */
    summary: z.string().min(1).optional(),
  })
  .strict();

const Item = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    /** How many times it must be shown (default once). */
    times: z.number().int().min(1).default(1),
    transaction: TransactionMatch.optional(),
    message: MessageMatch.optional(),
    /** Counts only on an entry that already showed this other item (a Census override after its warning, a release after its hold). */
    after: z.string().regex(/^[a-z0-9-]+$/).optional(),
    source: z.string().min(1).optional(),
  })
  .strict()
  .refine((i) => (i.transaction === undefined) !== (i.message === undefined), 'an item names exactly one of transaction and message');

const Plan = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    description: z.string().min(1),
    source: z.string().min(1),
    items: z.array(Item).min(1),
  })
  .strict();
export type Plan = z.infer<typeof Plan>;
type PlanItem = Plan['items'][number];

/** A delivered message as plans match it. */
export interface MessageFact {
  readonly application: string;
  readonly summary: string;
  readonly exchangeId: string;
  readonly deliverAt: string;
}

export interface ItemProgress {
  readonly id: string;
  readonly title: string;
  readonly done: boolean;
  readonly seen: number;
  readonly times: number;
  /** The first exchange that showed it (for a message: the exchange that caused it). */
  readonly first?: { readonly exchangeId: string; readonly at: string };
}

export interface PlanProgress {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly done: number;
  readonly of: number;
  readonly items: readonly ItemProgress[];
  /** The titles of what is still to be shown. */
  readonly missing: readonly string[];
}

/** The shipped plans: `<schemas>/certification/plans/`. */
export function defaultPlansDir(schemas: string): string {
  return join(schemas, 'certification', 'plans');
}

/** Every plan file (*.yaml) in a folder, by id; a bad file is a SchemaError naming it. */
export function loadPlans(dir: string): ReadonlyMap<string, Plan> {
  const plans = new Map<string, Plan>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const plan = readYaml(join(dir, file), Plan);
    const ids = plan.items.map((i) => i.id);
    for (const item of plan.items) {
      if (item.after !== undefined && ids.indexOf(item.after) < 0) throw new SchemaError(`${file}: item ${item.id}: after names ${item.after}, which is not an item of this plan`);
      if (item.message?.summary !== undefined) {
        try {
          new RegExp(item.message.summary);
        } catch (err) {
          throw new SchemaError(`${file}: item ${item.id}: summary is not a regular expression: ${(err as Error).message}`);
        }
      }
    }
    if (plans.has(plan.id)) throw new SchemaError(`${file}: plan id ${plan.id} is already used by another file`);
    plans.set(plan.id, plan);
  }
  return plans;
}

function matchesTransaction(m: NonNullable<PlanItem['transaction']>, t: TransactionFact): boolean {
  return (
    t.application === m.application &&
    (m.action === undefined || t.action === m.action) &&
    (m.outcome === undefined || (m.outcome === 'accepted') === t.accepted) &&
    (m.psc === undefined || t.psc === m.psc) &&
    (m.condition === undefined || t.faults.some((f) => f.code === m.condition) || t.warnings.some((w) => w.code === m.condition)) &&
    (m.severity === undefined || t.warnings.some((w) => w.severity === m.severity))
  );
}

/** A showing of an item: when, by which exchange, on which entries. */
interface Showing {
  readonly exchangeId: string;
  readonly at: string;
  readonly entries: readonly string[];
}

/** Ticks off a plan's items against what the journal and the outbox show, oldest first. */
export function progressOf(plan: Plan, transactions: readonly TransactionFact[], messages: readonly MessageFact[]): PlanProgress {
  const entriesOf = new Map<string, string[]>();
  for (const t of transactions) entriesOf.set(t.exchangeId, [...(entriesOf.get(t.exchangeId) ?? []), entryOf(t)]);
  const showings = new Map<string, Showing[]>();
  // Every item is matched first: an item's `after` may name one listed after it.
  for (const item of plan.items) {
    const seen: Showing[] = [];
    if (item.transaction) {
      const m = item.transaction;
      for (const t of transactions) if (matchesTransaction(m, t)) seen.push({ exchangeId: t.exchangeId, at: t.at, entries: [entryOf(t)] });
    } else if (item.message) {
      const m = item.message;
      const summary = m.summary === undefined ? undefined : new RegExp(m.summary);
      for (const msg of messages) {
        if (msg.application === m.application && (summary === undefined || summary.test(msg.summary))) seen.push({ exchangeId: msg.exchangeId, at: msg.deliverAt, entries: entriesOf.get(msg.exchangeId) ?? [] });
      }
    }
    showings.set(item.id, seen);
  }
  const items = plan.items.map((item): ItemProgress => {
    let seen = showings.get(item.id) ?? [];
    if (item.after !== undefined) {
      const before = showings.get(item.after) ?? [];
      seen = seen.filter((s) => before.some((b) => b !== s && b.at <= s.at && b.entries.some((e) => s.entries.includes(e))));
    }
    const first = seen[0];
    return { id: item.id, title: item.title, done: seen.length >= item.times, seen: seen.length, times: item.times, ...(first && { first: { exchangeId: first.exchangeId, at: first.at } }) };
  });
  const done = items.filter((i) => i.done).length;
  return { id: plan.id, title: plan.title, source: plan.source, done, of: items.length, items, missing: items.filter((i) => !i.done).map((i) => i.title) };
}
