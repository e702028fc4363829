import { useRef } from 'preact/hooks';
import { entryLabel, type ExchangeSummary } from './api';
import { clockTime, OUTCOME_LABEL, TAG_LABEL } from './format';
import type { LiveStatus } from './live';

export interface TimelineProps {
  readonly items: readonly ExchangeSummary[];
  readonly arrived: ReadonlySet<string>;
  readonly status: LiveStatus;
  readonly error?: string;
  readonly session: string;
  readonly onOpen: (id: string) => void;
  readonly older?: () => void;
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
  return (
    <section class="timeline" aria-labelledby="timeline-title">
      <header class="view-head">
        <h2 id="timeline-title">Timeline</h2>
        <span class={`live ${props.status}`} role="status">
          {props.status === 'live' ? 'live' : props.status === 'connecting' ? 'connecting…' : 'reconnecting…'}
        </span>
        <span class="muted">{props.session === '' ? 'all sessions' : `session ${props.session}`}</span>
      </header>
      {props.error && <p class="error">Could not read the journal: {props.error}</p>}
      {props.items.length === 0 ? (
        <p class="empty">
          No exchanges yet. Send one from <a href="#/compose">Compose</a>, or with <code>curl --data-binary @file.txt localhost:8080/v1/transmissions</code>.
        </p>
      ) : (
        <ol class="exchanges" ref={list} onKeyDown={onKeyDown} aria-label="exchanges, newest first">
          {props.items.map((e) => (
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
