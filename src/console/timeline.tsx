import { useRef } from 'preact/hooks';
import { entryLabel, type ExchangeSummary, matchesText, type Outcome } from './api';
import { clockTime, OUTCOME_LABEL, TAG_LABEL } from './format';
import { ENTRY_PATTERN, type ListFilter, type LiveStatus } from './live';

/** The timeline's filter: the list query's, all applied by the server (outcome, application, entry, text). */
export type TimelineFilter = ListFilter;

export interface TimelineProps {
  readonly items: readonly ExchangeSummary[];
  readonly arrived: ReadonlySet<string>;
  readonly status: LiveStatus;
  readonly error?: string;
  readonly session: string;
  readonly onOpen: (id: string) => void;
  readonly older?: () => void;
  readonly filter: TimelineFilter;
  readonly onFilter: (filter: TimelineFilter) => void;
}

/** Every exchange of the session, newest first, live: what came in, by which door, and what ACE said. */
export function Timeline(props: TimelineProps) {
  const list = useRef<HTMLOListElement>(null);
  // Arrow keys (and j/k) move between exchanges; Enter opens one (it is a button).
  const onKeyDown = (event: KeyboardEvent): void => {
    const step = event.key === 'ArrowDown' || event.key === 'j' ? 1 : event.key === 'ArrowUp' || event.key === 'k' ? -1 : 0;
    if (step === 0) return;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button.exchange') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[Math.max(0, Math.min(buttons.length - 1, at + step))]?.focus();
    event.preventDefault();
  };
  // The server searched the journal; rows already listed are narrowed at once while it answers.
  const shown = props.items.filter((e) => matchesText(e, props.filter.text));
  return (
    <section class="timeline" aria-labelledby="timeline-title">
      <header class="view-head">
        <h2 id="timeline-title">Timeline</h2>
        <span class={`live ${props.status}`} role="status">
          {props.status === 'live' ? 'live' : props.status === 'connecting' ? 'connecting…' : 'reconnecting…'}
        </span>
        <span class="muted">{props.session === '' ? 'all sessions' : `session ${props.session}`}</span>
      </header>
      <FilterBar filter={props.filter} onFilter={props.onFilter} applications={props.items.map((e) => e.application)} />
      {props.error && <p class="error">Could not read the journal: {props.error}</p>}
      {shown.length === 0 && (props.filter.outcome || props.filter.application || props.filter.entry || props.filter.text.trim()) ? (
        <p class="empty">{props.older ? 'None among the newest exchanges read so far: show older ones to search further back.' : 'No exchange matches these filters.'}</p>
      ) : props.items.length === 0 ? (
        <p class="empty">
          No exchanges yet. Send one from <a href="#/compose">Compose</a>, or with <code>curl --data-binary @file.txt localhost:8080/v1/transmissions</code>.
        </p>
      ) : (
        <ol class="exchanges" ref={list} onKeyDown={onKeyDown} aria-label="exchanges, newest first">
          {shown.map((e) => (
            <li key={e.id} class={props.arrived.has(e.id) ? 'arrived' : undefined}>
              <button type="button" class={`exchange outcome-${e.outcome}`} data-id={e.id} onClick={() => props.onOpen(e.id)}>
                <time dateTime={e.receivedAt}>{clockTime(e.receivedAt)}</time>
                <span class="transport">{e.transport.toUpperCase()}</span>
                <span class="application">{e.application || '—'}</span>
                <span class="entries">{e.entries.length > 0 ? e.entries.map((x) => entryLabel(x.filer, x.entryNumber)).join(', ') : e.filer || '—'}</span>
                <span class="badges">
                  <span class={`badge ${e.outcome}`}>{OUTCOME_LABEL[e.outcome]}</span>
                  {e.tags.map((t) => (
                    <span class={`badge tag-${t}`}>{TAG_LABEL[t]}</span>
                  ))}
                </span>
                <span class="codes" title="Condition codes of the answer">
                  {e.conditions.map((c) => (
                    <code class="code">{c}</code>
                  ))}
                </span>
                <span class="user-text" title="B record user text">
                  {e.userText ?? ''}
                </span>
                <span class="scenario">{e.scenario ? `${e.scenario}${e.step !== undefined ? ` · step ${e.step}` : ''}` : 'built-in rules'}</span>
                {props.session === '' && <span class="session muted">{e.session}</span>}
              </button>
            </li>
          ))}
        </ol>
      )}
      {props.older && (
        <button type="button" class="older" onClick={props.older}>
          Show older exchanges
        </button>
      )}
    </section>
  );
}

const OUTCOMES = Object.keys(OUTCOME_LABEL) as Outcome[];

/** Outcome, application, entry and text narrow the journal query. */
function FilterBar(props: { readonly filter: TimelineFilter; readonly onFilter: (filter: TimelineFilter) => void; readonly applications: readonly string[] }) {
  const { filter } = props;
  const set = (change: Partial<TimelineFilter>): void => props.onFilter({ ...filter, ...change });
  const entryUnread = filter.entry !== '' && !ENTRY_PATTERN.test(filter.entry);
  return (
    <form class="filters" role="search" aria-label="Filter the timeline" onSubmit={(e) => e.preventDefault()}>
      <label>
        Outcome{' '}
        <select value={filter.outcome} onChange={(e) => set({ outcome: (e.target as HTMLSelectElement).value })}>
          <option value="">any</option>
          {OUTCOMES.map((o) => (
            <option value={o}>{OUTCOME_LABEL[o]}</option>
          ))}
        </select>
      </label>
      <label>
        Application{' '}
        <input value={filter.application} list="timeline-applications" size={4} maxLength={2} placeholder="AE" onInput={(e) => set({ application: (e.target as HTMLInputElement).value.trim().toUpperCase() })} />
        <datalist id="timeline-applications">
          {[...new Set(props.applications.filter((a) => a !== ''))].map((a) => (
            <option value={a} />
          ))}
        </datalist>
      </label>
      <label>
        Entry{' '}
        <input value={filter.entry} size={15} placeholder="B76-0324527-8" aria-invalid={entryUnread} aria-describedby="entry-filter-hint" onInput={(e) => set({ entry: (e.target as HTMLInputElement).value.trim() })} />
      </label>
      <label>
        Text{' '}
        <input type="search" value={filter.text} size={18} placeholder="user text, code, scenario…" onInput={(e) => set({ text: (e.target as HTMLInputElement).value })} />
      </label>
      {entryUnread && (
        <span id="entry-filter-hint" class="muted">
          not applied until it is an entry number: B76-0324527-8, B7603245278 or 03245278
        </span>
      )}
      {(filter.outcome || filter.application || filter.entry || filter.text) && (
        <button type="button" onClick={() => props.onFilter({ outcome: '', application: '', entry: '', text: '' })}>
          Clear filters
        </button>
      )}
    </form>
  );
}
