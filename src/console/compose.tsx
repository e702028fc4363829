import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { type ExchangeDetail, getJson, getText, type InspectAnswer, type Inspection, type LayoutProblem, postJson, postText, type Sample, type ScenarioList, type TransmissionAnswer, problemText } from './api';
import { type EditorPosition, measureCharWidth, offsetOfPosition, positionAtPoint, positionOfOffset } from './editor-position';
import { OUTCOME_LABEL, RULER_TENS, RULER_UNITS } from './format';
import { RecordGrid } from './record-grid';
import { navigate } from './route';

export interface ComposeProps {
  readonly session: string;
  /** An exchange whose input to start from. */
  readonly from?: string;
  /** The shipped sample chosen (`#/compose?sample=<file>`): loaded, and shown as chosen. */
  readonly sample?: string;
  /** Admin controls (arming) are offered; false in presenter mode. */
  readonly admin: boolean;
}

function describePosition(inspection: Inspection | undefined, at: EditorPosition | undefined): string {
  if (!at) return 'Move the cursor or the mouse over a record to see its field.';
  const record = inspection?.records[at.record];
  const head = `Record ${at.record + 1} · column ${at.column}`;
  if (!record) return head;
  if (!record.layout) return `${head} · no layout for this record`;
  const field = record.fields.find((f) => f.start <= at.column && at.column < f.start + f.length);
  const where = field
    ? `${field.name}${field.title ? ` — ${field.title}` : ''} (${field.start}-${field.start + field.length - 1}) = "${field.value}"${field.meaning ? ` · ${field.meaning}` : ''}`
    : 'filler (blank)';
  const problem = inspection?.problems.find((p) => p.position === at.record + 1 && p.column <= at.column && at.column < p.column + p.length);
  return `${head} · ${record.layout} ${record.title ?? ''} · ${where}${problem ? ` · ⚠ ${problem.message}` : ''}`;
}

/** Lines and columns (0-based) of the secret fields, where the server's masked copy differs from the text it checked. */
type Secrets = ReadonlyMap<number, readonly number[]>;

function secretsOf(checked: string, masked: string): Secrets {
  const found = new Map<number, number[]>();
  const sent = checked.split('\n');
  masked.split('\n').forEach((line, i) => {
    const columns = [...line].flatMap((ch, c) => (ch !== sent[i]?.[c] ? [c] : []));
    if (columns.length > 0) found.set(i, columns);
  });
  return found;
}

/**
 * The text as shown: the secret fields (the A record's communication password) starred, by line and
 * column from the last check, so that typing never shows them even before the next check answers.
 */
function shownText(text: string, secrets: Secrets): string {
  if (secrets.size === 0) return text;
  return text
    .split('\n')
    .map((line, i) => {
      const columns = secrets.get(i);
      return columns ? [...line].map((ch, c) => (columns.includes(c) ? '*' : ch)).join('') : line;
    })
    .join('\n');
}

/** The text with each layout problem's columns marked, laid behind the editor so problems show in place. */
function markedText(text: string, problems: readonly LayoutProblem[]) {
  const spans = problems
    .map((p) => {
      const from = offsetOfPosition(text, p.position - 1, p.column);
      const lineEnd = text.indexOf('\n', from);
      const to = Math.min(from + p.length, lineEnd < 0 ? text.length : lineEnd);
      return { from, to, message: p.message };
    })
    .filter((m) => m.to > m.from)
    .sort((a, b) => a.from - b.from);
  const out: (string | JSX.Element)[] = [];
  let at = 0;
  for (const m of spans) {
    if (m.from < at) continue;
    out.push(text.slice(at, m.from), <mark>{text.slice(m.from, m.to)}</mark>);
    at = m.to;
  }
  out.push(text.slice(at));
  return out;
}

/**
 * The filer the transmission is sent as, whose code is its default session: the A record's sender,
 * or the first B record's filer for bare blocks (as the pipeline reads it), from the last inspection.
 */
function senderOf(inspection: Inspection | undefined): string | undefined {
  const value = (layout: string, field: string) =>
    inspection?.records.find((r) => r.layout === layout)?.fields.find((f) => f.name === field)?.value.trim() || undefined;
  return value('A', 'senderId') ?? value('B', 'filer');
}

/** Write or edit a transmission in an 80-column editor with live layout checks, then send it. */
export function Compose(props: ComposeProps) {
  const [text, setText] = useState('');
  const [samples, setSamples] = useState<readonly Sample[]>([]);
  const [scenarios, setScenarios] = useState<ScenarioList>();
  const [inspection, setInspection] = useState<InspectAnswer>();
  /** The text the inspection is of: until it catches up with the editor, the check is pending. */
  const [checked, setChecked] = useState('');
  const [inspectError, setInspectError] = useState<string>();
  const [cursor, setCursor] = useState<EditorPosition>();
  const [hover, setHover] = useState<EditorPosition>();
  const [arm, setArm] = useState('');
  const [result, setResult] = useState<TransmissionAnswer>();
  const [sendError, setSendError] = useState<string>();
  const [sending, setSending] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const ruler = useRef<HTMLPreElement>(null);
  const backdrop = useRef<HTMLPreElement>(null);
  const gutter = useRef<HTMLPreElement>(null);
  const charWidth = useRef(0);

  useEffect(() => {
    getJson<{ samples: Sample[] }>('/v1/samples').then((s) => setSamples(s.samples), () => setSamples([]));
  }, []);
  useEffect(() => {
    if (!props.admin) return;
    getJson<ScenarioList>('/v1/admin/scenarios').then(setScenarios, () => setScenarios(undefined));
  }, [props.admin]);
  useEffect(() => {
    if (props.sample !== undefined) void loadSample(props.sample);
  }, [props.sample]);
  useEffect(() => {
    if (props.from === undefined) return;
    getJson<ExchangeDetail>(`/v1/transmissions/${encodeURIComponent(props.from)}`).then(
      (e) => setText(e.input),
      (err: Error) => setSendError(`Could not load exchange ${props.from}: ${err.message}`),
    );
  }, [props.from]);
  // Live layout check, a moment after the last keystroke.
  useEffect(() => {
    if (text.trim() === '') {
      setInspection(undefined);
      return undefined;
    }
    const timer = setTimeout(() => {
      postText<InspectAnswer>('/v1/inspect', text).then(
        (i) => {
          setInspection(i);
          setChecked(text);
          setInspectError(undefined);
        },
        (err: Error) => {
          setInspection(undefined);
          setInspectError(err.message);
        },
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [text]);

  const follow = (): void => {
    const el = area.current;
    if (el) setCursor(positionOfOffset(el.value, el.selectionStart));
  };
  const goTo = (position: number, column: number): void => {
    const el = area.current;
    if (!el) return;
    const offset = offsetOfPosition(el.value, position - 1, column);
    el.focus();
    el.setSelectionRange(offset, offset);
    follow();
  };
  const loadSample = async (file: string): Promise<void> => {
    if (file === '') return;
    setResult(undefined);
    try {
      setText(await getText(`/v1/samples/${encodeURIComponent(file)}`));
    } catch (err) {
      setSendError(`Could not load sample ${file}: ${problemText(err)}`);
    }
  };
  const send = async (): Promise<void> => {
    if (text.trim() === '' || sending) return;
    setSending(true);
    setSendError(undefined);
    try {
      if (arm !== '') {
        await postJson('/v1/admin/arm', { scenario: arm, count: 1, ...(props.session !== '' ? { session: props.session } : { filer: senderOf(inspection) }) });
      }
      const headers: Record<string, string> = props.session !== '' ? { 'x-ace-session': props.session } : {};
      setResult(await postText<TransmissionAnswer>('/v1/transmissions', text, headers));
      setArm('');
    } catch (err) {
      setSendError(problemText(err));
    } finally {
      setSending(false);
    }
  };

  const problems = inspection?.problems ?? [];
  const secrets = inspection ? secretsOf(checked, inspection.masked) : new Map<number, readonly number[]>();
  const shown = shownText(text, secrets);
  const lines = text === '' ? 1 : text.replace(/\n$/, '').split('\n').length;
  return (
    <section class="compose" aria-labelledby="compose-title">
      <header class="view-head">
        <h2 id="compose-title">Compose</h2>
        <label>
          Start from a sample{' '}
          <select aria-label="Start from a sample" onChange={(e) => navigate(`#/compose?sample=${encodeURIComponent((e.target as HTMLSelectElement).value)}`)} value={props.sample ?? ''}>
            <option value="">choose…</option>
            {samples.map((s) => (
              <option value={s.file}>
                {s.file} — {s.title}
              </option>
            ))}
          </select>
        </label>
        <span class="muted">or open an exchange and choose “Edit in Compose”.</span>
      </header>

      <div class="editor">
        <pre class="ruler" ref={ruler} aria-hidden="true">{`${RULER_TENS}\n${RULER_UNITS}`}</pre>
        <div class="editor-body">
        <div class="record-numbers" aria-hidden="true" title="Record numbers">
          <pre ref={gutter}>
            {Array.from({ length: lines }, (_, i) => String(i + 1).padStart(3, '0')).join('\n')}
            {'\n'}
          </pre>
        </div>
        <div class="editor-surface">
          <pre class="backdrop" ref={backdrop} aria-hidden="true">
            {checked === text ? markedText(shown, problems) : shown}
            {'\n'}
          </pre>
          <textarea
            ref={area}
            aria-label="Transmission: 80-character records, one per line"
            aria-describedby="field-hint"
            spellcheck={false}
            wrap="off"
            rows={14}
            value={text}
            onInput={(e) => {
              setText((e.target as HTMLTextAreaElement).value);
              follow();
            }}
            onKeyUp={follow}
            onClick={follow}
            onSelect={follow}
            onScroll={(e) => {
              const el = e.target as HTMLTextAreaElement;
              if (ruler.current) ruler.current.scrollLeft = el.scrollLeft;
              if (backdrop.current) {
                backdrop.current.scrollLeft = el.scrollLeft;
                backdrop.current.scrollTop = el.scrollTop;
              }
              if (gutter.current) gutter.current.scrollTop = el.scrollTop;
            }}
            onMouseMove={(e) => {
              const el = area.current;
              if (!el) return;
              charWidth.current ||= measureCharWidth(el);
              setHover(positionAtPoint(el, e.clientX, e.clientY, charWidth.current));
            }}
            onMouseLeave={() => setHover(undefined)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void send();
              }
            }}
          />
        </div>
        </div>
        <p id="field-hint" class="hint" aria-live="polite">
          {describePosition(inspection, hover ?? cursor)}
        </p>
      </div>

      <section class="problems" aria-labelledby="problems-title">
        <h3 id="problems-title">
          Layout check{' '}
          {text.trim() === '' || inspectError ? (
            ''
          ) : checked !== text ? (
            <span class="muted">checking…</span>
          ) : problems.length === 0 ? (
            <span class="badge accepted">no problems</span>
          ) : (
            <span class="badge rejected">{problems.length} problem(s)</span>
          )}
        </h3>
        {inspectError && <p class="error">{inspectError}</p>}
        {problems.length > 0 && (
          <ul>
            {problems.map((p) => (
              <li>
                <button type="button" class="problem" onClick={() => goTo(p.position, p.column)}>
                  Record {p.position}, column {p.column}: {p.message}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <div class="send-bar">
        {props.admin && scenarios && (
          <label class="admin">
            Arm a scenario for it{' '}
            <select value={arm} onChange={(e) => setArm((e.target as HTMLSelectElement).value)} aria-label="Arm a scenario for this transmission">
              <option value="">none (built-in rules or matching scenarios)</option>
              {scenarios.scenarios.map((s) => (
                <option value={s.id}>
                  {s.id} — {s.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <span class="muted">{props.session !== '' ? `as session ${props.session}` : 'in the filer’s own session'}</span>
        <button type="button" class="primary" onClick={() => void send()} disabled={sending || text.trim() === ''} title="Send (Ctrl+Enter)">
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
      {sendError && (
        <p class="error" role="alert">
          {sendError}
        </p>
      )}
      {result && (
        <section class="result" aria-labelledby="result-title">
          <h3 id="result-title">
            Answer <span class={`badge ${result.outcome}`}>{OUTCOME_LABEL[result.outcome]}</span>{' '}
            <a href={`#/exchange/${result.id}`}>open the exchange</a>
          </h3>
          <RecordGrid caption="Answer records" idPrefix="answer" records={result.decoded.output} />
        </section>
      )}
    </section>
  );
}
