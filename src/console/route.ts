import { useEffect, useState } from 'preact/hooks';

/** An entry summary of a session, as the entry page names it. */
export interface EntryRef {
  readonly session: string;
  readonly filer: string;
  readonly entryNumber: string;
}

/**
 * Where the console is: `#/timeline`, `#/exchange/<id>`, `#/compose?from=<id>`, `#/scenarios`,
 * `#/sessions/<session>/entries/<filer>/<entryNumber>`, `#/certification?filer=<code>&…`.
 */
export interface Route {
  readonly view: 'timeline' | 'exchange' | 'compose' | 'scenarios' | 'entry' | 'certification';
  readonly id?: string;
  readonly entry?: EntryRef;
  readonly params: URLSearchParams;
}

function parse(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view, id, ...rest] = path.split('/');
  const params = new URLSearchParams(query);
  if (view === 'exchange' && id) return { view, id, params };
  if (view === 'compose' || view === 'scenarios' || view === 'certification') return { view, params };
  const [entries, filer, entryNumber] = rest;
  if (view === 'sessions' && id && entries === 'entries' && filer && entryNumber) {
    return { view: 'entry', entry: { session: decodeURIComponent(id), filer: decodeURIComponent(filer), entryNumber: decodeURIComponent(entryNumber) }, params };
  }
  return { view: 'timeline', params };
}

/** The address of an entry's page. */
export function entryHash(entry: EntryRef): string {
  return `#/sessions/${encodeURIComponent(entry.session)}/entries/${encodeURIComponent(entry.filer)}/${encodeURIComponent(entry.entryNumber)}`;
}

export function navigate(hash: string): void {
  window.location.hash = hash;
}

/** The current route, following the address bar (so back/forward and links work). */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const update = (): void => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
