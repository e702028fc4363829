import { useEffect, useState } from 'preact/hooks';
import { type ExchangeSummary, getJson } from './api';

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

export function useLiveExchanges(session: string): LiveExchanges {
  const [items, setItems] = useState<readonly ExchangeSummary[]>([]);
  const [arrived] = useState(() => new Set<string>());
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [error, setError] = useState<string>();
  const [next, setNext] = useState<string>();
  const load = (path: string): void => {
    getJson<Page>(path).then(
      (page) => {
        setError(undefined);
        setNext(page.next);
        setItems((current) => merged(current, page.items));
      },
      (err: Error) => setError(err.message),
    );
  };
  useEffect(() => {
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
      load(`/v1/transmissions?limit=100${query ? `&${query}` : ''}`);
    };
    source.onerror = () => setStatus('reconnecting');
    source.addEventListener('exchange', (event) => {
      const exchange = JSON.parse((event as MessageEvent<string>).data) as ExchangeSummary;
      if (loaded) arrived.add(exchange.id);
      setItems((current) => merged(current, [exchange]));
    });
    return () => source.close();
  }, [session]);
  return {
    items,
    arrived,
    status,
    ...(error !== undefined && { error }),
    ...(next !== undefined && items.length < KEEP && { older: () => load(next) }),
  };
}
