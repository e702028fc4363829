/** The console's view of the ace-mock HTTP API: the JSON it reads and the calls it makes. */
import type { ConditionReport as Condition, TransactionOutcome } from '../applications/application.js';
import type { EntryEvent } from '../applications/entry-summary/entry-store.js';
import type { Stage } from '../applications/entry-summary/entry-life/stages.js';
import type { entryView } from '../applications/entry-summary/entry-life/view.js';
import type { CertificationReport, ProgramReport } from '../certification/report.js';
import type { DecodedRecord } from '../catair/decode.js';
import type { Inspection, LayoutProblem } from '../catair/inspect.js';
import type { BatchConditionReport as BatchCondition } from '../pipeline.js';
import type { ScenarioError } from '../scenarios/load.js';
import type { Outcome, SessionActivity } from '../store/journal.js';
import type { Armed } from '../store/scenario-state.js';
import type { SessionClockView } from '../transports/http/clock.js';
import type { ExchangeDocument, FollowUpView } from '../transports/http/exchange-document.js';
import type { ExchangeSummary } from '../transports/http/exchange-summary.js';
import type { InspectAnswer } from '../transports/http/inspect.js';

// The wire types are the server's own: one definition of the contract for both ends.
export type { DecodedField } from '../catair/record.js';
export type { Armed, BatchCondition, ExchangeSummary, Condition, DecodedRecord, InspectAnswer, Inspection, LayoutProblem, Outcome, SessionActivity, SessionClockView, Stage };
export type Transaction = TransactionOutcome;
export type { CertificationReport, ProgramReport };

/** A rehearsal plan as `GET /v1/certification/plans` lists it. */
export interface PlanSummary {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly source: string;
  readonly items: readonly { readonly id: string; readonly title: string }[];
}

export type FollowUp = FollowUpView;

/** `GET /v1/transmissions/:id`, with the journal's detail as the console reads it (a refusal's problem). */
export interface ExchangeDetail extends Omit<ExchangeDocument, 'detail'> {
  readonly detail: {
    readonly transactions?: readonly Transaction[];
    readonly batchConditions?: readonly BatchCondition[];
    readonly problem?: { readonly title: string; readonly detail: string; readonly status: number };
  };
}

/** One accepted change of an entry: a filing (with its exchange) or a step of its life (exchange ''). */
export interface EntryHistoryRow extends EntryEvent {
  readonly status: string;
  readonly version: number;
}

/** `GET /v1/sessions/:session/entries/:filer/:entryNumber`: where an entry summary stands, its days, jobs and history. */
export interface EntryDetail extends ReturnType<typeof entryView> {
  readonly session: string;
  readonly filer: string;
  readonly entryNumber: string;
  /** The session's clock when it was read. */
  readonly now: string;
  readonly scheduled: readonly { readonly kind: string; readonly dueAt: string }[];
  readonly history: readonly EntryHistoryRow[];
}

/** What `POST /v1/transmissions` answers with `Accept: application/json` (the parts the console reads). */
export type TransmissionAnswer = Pick<ExchangeDetail, 'id' | 'outcome' | 'decoded'>;

export interface ScenarioInfo {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly file: string;
  readonly steps: number;
  readonly match: readonly string[];
  readonly priority: number;
}

export interface ScenarioList {
  readonly loadedAt: string;
  readonly folder: string;
  readonly scenarios: readonly ScenarioInfo[];
  readonly errors: readonly ScenarioError[];
}

export interface Sample {
  readonly file: string;
  readonly title: string;
}

/** A problem document (RFC 9457) the API answered with. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(`${title}: ${detail}`);
  }
}

/** What to show of a failed call: an ApiError's title and detail, or any other error's message. */
export const problemText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The server refused an admin call for want of the admin token (401) or for a wrong one (403). */
export const needsAdminToken = (err: unknown): boolean => err instanceof ApiError && (err.status === 401 || err.status === 403);

const TOKEN_KEY = 'ace-mock-admin-token';

/** The admin token typed by the user, kept for this browser tab only. */
export function adminToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function setAdminToken(token: string | undefined): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  const token = adminToken();
  if (token && path.startsWith('/v1/admin/')) headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { title?: string; detail?: string };
    throw new ApiError(res.status, body.title ?? res.statusText, body.detail ?? `${init.method ?? 'GET'} ${path} answered ${res.status}`);
  }
  return res;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await call(path)).json() as Promise<T>;
}

export async function getText(path: string): Promise<string> {
  return (await call(path, { headers: { accept: 'text/plain' } })).text();
}

export async function postJson<T>(path: string, body: unknown): Promise<T | undefined> {
  const res = await call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.status === 204 ? undefined : (res.json() as Promise<T>);
}

export async function postText<T>(path: string, text: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await call(path, { method: 'POST', headers: { 'content-type': 'text/plain', ...headers }, body: text });
  return res.json() as Promise<T>;
}

export { entryLabel, matchesText } from '../transports/http/exchange-search.js';
