import { useEffect, useState } from 'preact/hooks';
import { type ExchangeSummary, getJson, type SessionActivity } from './api';
import { Certification } from './certification';
import { Compose } from './compose';
import { EntryPage } from './entry';
import { ExchangeView } from './exchange';
import { useLiveExchanges } from './live';
import { ResetSession } from './reset-session';
import { navigate, useRoute } from './route';
import { Scenarios } from './scenarios';
import { Timeline, type TimelineFilter } from './timeline';

const SESSION_KEY = 'ace-mock-session';

const SHORTCUTS: readonly [string, string][] = [
  ['1 · t', 'Timeline'],
  ['2 · c', 'Compose'],
  ['3 · s', 'Scenarios'],
  ['4', 'Certification rehearsal'],
  ['↑ ↓ · j k', 'Move between exchanges; Enter opens one'],
  ['Esc', 'Back to the timeline'],
  ['Ctrl+Enter', 'Send (in Compose)'],
  ['p', 'Presenter mode on or off'],
  ['← → · PageUp PageDown', 'Step through an exchange record by record (presenter mode)'],
  ['?', 'These shortcuts'],
];

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function App() {
  const route = useRoute();
  const [session, setSession] = useState(() => new URLSearchParams(window.location.search).get('session') ?? localStorage.getItem(SESSION_KEY) ?? '');
  const [sessions, setSessions] = useState<readonly SessionActivity[]>([]);
  const [presenter, setPresenter] = useState(() => new URLSearchParams(window.location.search).has('presenter'));
  const [help, setHelp] = useState(false);
  const [filter, setFilter] = useState<TimelineFilter>({ outcome: '', application: '', entry: '', text: '' });
  const [demo, setDemo] = useState(false);
  const live = useLiveExchanges(session, filter);

  useEffect(() => {
    getJson<{ demo?: boolean }>('/health').then((h) => setDemo(h.demo === true), () => undefined);
  }, []);

  useEffect(() => {
    localStorage.setItem(SESSION_KEY, session);
  }, [session]);
  // The session list follows the journal: refreshed when a new exchange arrives.
  const readSessions = (): void => {
    getJson<{ sessions: SessionActivity[] }>('/v1/sessions').then((s) => setSessions(s.sessions), () => undefined);
  };
  useEffect(readSessions, [live.items[0]?.id]);
  useEffect(() => {
    document.documentElement.classList.toggle('presenter', presenter);
  }, [presenter]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        setHelp(false);
        if (route.view === 'exchange' || route.view === 'entry') navigate('#/timeline');
        return;
      }
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const go: Record<string, string> = { '1': '#/timeline', t: '#/timeline', '2': '#/compose', c: '#/compose', '3': '#/scenarios', s: '#/scenarios', '4': '#/certification' };
      if (go[event.key]) navigate(go[event.key] as string);
      else if (event.key === 'p') setPresenter((p) => !p);
      else if (event.key === '?') setHelp((h) => !h);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.view]);

  const known = sessions.some((s) => s.session === session) || session === '';
  const tab = (view: string, label: string, key: string) => (
    <a href={`#/${view}`} aria-current={route.view === view || (view === 'timeline' && (route.view === 'exchange' || route.view === 'entry')) ? 'page' : undefined} title={`${label} (${key})`}>
      {label}
    </a>
  );

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <h1>
          ace-mock <span class="muted">console</span>
        </h1>
        <nav aria-label="Views">
          {tab('timeline', 'Timeline', '1')}
          {tab('compose', 'Compose', '2')}
          {tab('scenarios', 'Scenarios', '3')}
          {tab('certification', 'Certification', '4')}
        </nav>
        <label class="session-picker">
          Session{' '}
          <select value={session} onChange={(e) => setSession((e.target as HTMLSelectElement).value)} aria-label="Session shown and used">
            <option value="">all sessions</option>
            {!known && <option value={session}>{session}</option>}
            {sessions.map((s) => (
              <option value={s.session}>
                {s.session} ({s.exchanges})
              </option>
            ))}
          </select>
        </label>
        {!presenter && <ResetSession session={session} sessions={sessions} onReset={readSessions} />}
        <button type="button" class="presenter-toggle" aria-pressed={presenter} onClick={() => setPresenter(!presenter)} title="Presenter mode: large type, no admin controls (p)">
          Presenter
        </button>
        <button type="button" onClick={() => setHelp(!help)} aria-expanded={help} title="Keyboard shortcuts (?)">
          ?
        </button>
      </header>
      {demo && (
        <p class="demo-banner" role="note">
          Demo mode: this server keeps everything in a throwaway database, deleted when it stops. Restart it for a clean slate.
        </p>
      )}
      {help && (
        <aside class="help" aria-label="Keyboard shortcuts">
          <dl>
            {SHORTCUTS.map(([keys, what]) => (
              <>
                <dt>
                  <kbd>{keys}</kbd>
                </dt>
                <dd>{what}</dd>
              </>
            ))}
          </dl>
        </aside>
      )}
      <main id="main" tabIndex={-1} class={presenter && route.view === 'exchange' ? 'stage' : undefined}>
        {route.view === 'timeline' && (
          <Timeline items={live.items} arrived={live.arrived} status={live.status} {...(live.error !== undefined && { error: live.error })} {...(live.older && { older: live.older })} session={session} filter={filter} onFilter={setFilter} onOpen={(id) => navigate(`#/exchange/${id}`)} />
        )}
        {route.view === 'exchange' && route.id !== undefined && <ExchangeView id={route.id} presenter={presenter} />}
        {route.view === 'entry' && route.entry !== undefined && <EntryPage entry={route.entry} admin={!presenter} {...refreshOf(live.items, route.entry.session)} />}
        {route.view === 'compose' && <Compose session={session} admin={!presenter} {...(route.params.get('from') !== null && { from: route.params.get('from') as string })} {...(route.params.get('sample') !== null && { sample: route.params.get('sample') as string })} />}
        {route.view === 'scenarios' && <Scenarios session={session} admin={!presenter} />}
        {route.view === 'certification' && <Certification params={route.params} />}
      </main>
    </>
  );
}

/** The newest exchange of the entry's own session: when it changes, a filing may have changed the entry. */
function refreshOf(items: readonly ExchangeSummary[], session: string): { refresh?: string } {
  const newest = items.find((e) => e.session === session);
  return newest ? { refresh: newest.id } : {};
}
