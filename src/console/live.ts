import { useEffect, useState } from 'preact/hooks';
import { type ExchangeSummary, getJson } from './api';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

const KEEP = 500;

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
}

export function useLiveExchanges(session: string): LiveExchanges {
  const [items, setItems] = useState<readonly ExchangeSummary[]>([]);
  const [arrived] = useState(() => new Set<string>());
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [error, setError] = useState<string>();
  useEffect(() => {
    setItems([]);
    setStatus('connecting');
    const query = session === '' ? '' : `session=${encodeURIComponent(session)}`;
    const merge = (incoming: readonly ExchangeSummary[]): void =>
      setItems((current) => {
        const seen = new Set(current.map((e) => e.id));
        const fresh = incoming.filter((e) => !seen.has(e.id));
        if (fresh.length === 0) return current;
        return [...current, ...fresh].sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, KEEP);
      });
    const source = new EventSource(`/v1/transmissions/stream${query ? `?${query}` : ''}`);
    let loaded = false;
    source.onopen = () => {
      setStatus('live');
      if (loaded) return;
      loaded = true;
      getJson<{ items: ExchangeSummary[] }>(`/v1/transmissions?limit=100${query ? `&${query}` : ''}`).then(
        (page) => {
          setError(undefined);
          merge(page.items);
        },
        (err: Error) => setError(err.message),
      );
    };
    source.onerror = () => setStatus('reconnecting');
    source.addEventListener('exchange', (event) => {
      const exchange = JSON.parse((event as MessageEvent<string>).data) as ExchangeSummary;
      if (loaded) arrived.add(exchange.id);
      merge([exchange]);
    });
    return () => source.close();
  }, [session]);
  return { items, arrived, status, ...(error !== undefined && { error }) };
}
