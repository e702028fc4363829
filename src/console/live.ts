import { useEffect, useRef, useState } from 'preact/hooks';
import { ENTRY_PATTERN, splitEntry } from '../transports/http/exchange-search.js';
import { type ExchangeSummary, getJson, matchesText } from './api';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** The most exchanges a page holds, live and paged in: a console left open for days stays small. */
const KEEP = 2000;

/** Adds exchanges not already listed, keeping the list newest first (ids are time-ordered). */
function merged(current: readonly ExchangeSummary[], incoming: readonly ExchangeSummary[]): readonly ExchangeSummary[] {
  const seen = new Set(current.map((e) => e.id));
  const fresh = incoming.filter((e) => !seen.has(e.id));
  if (fresh.length === 0) return current;
  return [...current, ...fresh].sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, KEEP);
}

interface Page {
  readonly items: ExchangeSummary[];
  readonly next?: string;
}

/**
 * The exchanges of a session (or of all, with ''), newest first, kept current by the server's event
 * stream. The stream is opened first and the list read once it is open, so nothing falls between.
 */
export interface LiveExchanges {
  readonly items: readonly ExchangeSummary[];
  /** Exchanges that came by the stream while the page was open (shown as arriving). */
  readonly arrived: ReadonlySet<string>;
  readonly status: LiveStatus;
  readonly error?: string;
  /** Loads the next page of older exchanges; absent when there are none. */
  readonly older?: () => void;
}

/** What the timeline is narrowed to on the server: the list query's own filters (empty: any). */
export interface ListFilter {
  readonly outcome: string;
  readonly application: string;
  /** An entry number as the list query takes it (B76-0324527-8, B7603245278 or 03245278), or ''. */
  readonly entry: string;
  /** Text a row shows (user text, a condition code, an entry, a scenario …), searched by the server over the whole journal, or ''. */
  readonly text: string;
}

export const NO_FILTER: ListFilter = { outcome: '', application: '', entry: '', text: '' };

/** How long typing in the text filter rests before the server is asked. */
const TEXT_PAUSE_MS = 300;

/** The value once it has not changed for `ms`: a search as typed, not one per keystroke. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** An entry number the list query accepts; anything else is not sent (the timeline says what to type). */
export { ENTRY_PATTERN } from '../transports/http/exchange-search.js';

/** The same filter applied to an exchange that arrives by the stream (which filters by session only). */
function matches(e: ExchangeSummary, filter: ListFilter): boolean {
  if (filter.outcome !== '' && e.outcome !== filter.outcome) return false;
  if (filter.application !== '' && e.application !== filter.application.toUpperCase()) return false;
  if (!matchesText(e, filter.text)) return false;
  if (filter.entry === '') return true;
  const wanted = splitEntry(filter.entry);
  return e.entries.some((x) => x.entryNumber === wanted.entryNumber && (wanted.filer === undefined || x.filer === wanted.filer));
}

/** The filter as far as it can be sent: a half-typed application or entry number is left out until complete. */
function complete(filter: ListFilter): ListFilter {
  return {
    outcome: filter.outcome,
    application: /^[A-Z0-9]{2}$/i.test(filter.application) ? filter.application : '',
    entry: ENTRY_PATTERN.test(filter.entry) ? filter.entry : '',
    text: filter.text.trim(),
  };
}

function listQuery(session: string, filter: ListFilter): string {
  const params = new URLSearchParams({ limit: '100' });
  if (session !== '') params.set('session', session);
  if (filter.outcome !== '') params.set('outcome', filter.outcome);
  if (filter.application !== '') params.set('application', filter.application);
  if (filter.entry !== '') params.set('entry', filter.entry);
  if (filter.text !== '') params.set('text', filter.text);
  return params.toString();
}

export function useLiveExchanges(session: string, typed: ListFilter = NO_FILTER): LiveExchanges {
  const text = useSettled(typed.text, TEXT_PAUSE_MS);
  const filter = complete({ ...typed, text });
  const [items, setItems] = useState<readonly ExchangeSummary[]>([]);
  const [arrived] = useState(() => new Set<string>());
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [error, setError] = useState<string>();
  const [next, setNext] = useState<string>();
  // Each change of session or filter starts a new list: a page asked for under the old one is dropped when it comes.
  const generation = useRef(0);
  const load = (path: string, asked = generation.current): void => {
    getJson<Page>(path).then(
      (page) => {
        if (asked !== generation.current) return;
        setError(undefined);
        setNext(page.next);
        setItems((current) => merged(current, page.items));
      },
      (err: Error) => {
        if (asked === generation.current) setError(err.message);
      },
    );
  };
  useEffect(() => {
    generation.current++;
    setItems([]);
    setNext(undefined);
    setStatus('connecting');
    const query = session === '' ? '' : `session=${encodeURIComponent(session)}`;
    const source = new EventSource(`/v1/transmissions/stream${query ? `?${query}` : ''}`);
    let loaded = false;
    source.onopen = () => {
      setStatus('live');
      if (loaded) return;
      loaded = true;
      load(`/v1/transmissions?${listQuery(session, filter)}`);
    };
    source.onerror = () => setStatus('reconnecting');
    source.addEventListener('exchange', (event) => {
      const exchange = JSON.parse((event as MessageEvent<string>).data) as ExchangeSummary;
      if (!matches(exchange, filter)) return;
      if (loaded) arrived.add(exchange.id);
      setItems((current) => merged(current, [exchange]));
    });
    return () => source.close();
  }, [session, filter.outcome, filter.application, filter.entry, filter.text]);
  return {
    items,
    arrived,
    status,
    ...(error !== undefined && { error }),
    ...(next !== undefined && items.length < KEEP && { older: () => load(next) }),
  };
}
