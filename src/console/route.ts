import { useEffect, useState } from 'preact/hooks';

/** Where the console is: `#/timeline`, `#/exchange/<id>`, `#/compose?from=<id>`, `#/scenarios`. */
export interface Route {
  readonly view: 'timeline' | 'exchange' | 'compose' | 'scenarios';
  readonly id?: string;
  readonly params: URLSearchParams;
}

function parse(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [view, id] = path.split('/');
  const params = new URLSearchParams(query);
  if (view === 'exchange' && id) return { view, id, params };
  if (view === 'compose' || view === 'scenarios') return { view, params };
  return { view: 'timeline', params };
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
