import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Armed, getJson, postJson, type ScenarioList, problemText, needsAdminToken } from './api';
import { TokenForm } from './token-form';

export interface ScenariosProps {
  readonly session: string;
  /** Admin controls (arm, reset, reload) are offered; false in presenter mode. */
  readonly admin: boolean;
}


/** The loaded scenarios and their load errors; arm one for the next N transmissions, reset the session. */
export function Scenarios(props: ScenariosProps) {
  const [list, setList] = useState<ScenarioList>();
  const [armed, setArmed] = useState<readonly Armed[]>([]);
  const [error, setError] = useState<ApiError | string>();
  const [notice, setNotice] = useState<string>();
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [target, setTarget] = useState(props.session);
  useEffect(() => setTarget(props.session), [props.session]);

  const refresh = (): void => {
    getJson<ScenarioList>('/v1/admin/scenarios').then(
      (l) => {
        setList(l);
        setError(undefined);
      },
      (err: unknown) => setError(err instanceof ApiError ? err : problemText(err)),
    );
    if (target !== '') getJson<{ armed: Armed[] }>(`/v1/admin/sessions/${encodeURIComponent(target)}/armed`).then((a) => setArmed(a.armed), () => setArmed([]));
    else setArmed([]);
  };
  useEffect(refresh, [target]);

  const act = async (what: () => Promise<unknown>, done: string): Promise<void> => {
    try {
      await what();
      setNotice(done);
      setError(undefined);
      refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err : problemText(err));
    }
  };
  const needsToken = needsAdminToken(error);

  return (
    <section class="scenarios" aria-labelledby="scenarios-title">
      <header class="view-head">
        <h2 id="scenarios-title">Scenarios</h2>
        {list && (
          <span class="muted">
            {list.scenarios.length} loaded from {list.folder} at {new Date(list.loadedAt).toLocaleTimeString(undefined, { hour12: false })}
          </span>
        )}
        {props.admin && (
          <>
            <label class="admin">
              Session{' '}
              <input value={target} onInput={(e) => setTarget((e.target as HTMLInputElement).value.trim())} placeholder="e.g. B76" size={10} aria-label="Session to arm and reset" />
            </label>
            <button type="button" class="admin" disabled={target === ''} onClick={() => void act(() => postJson(`/v1/admin/sessions/${encodeURIComponent(target)}/reset`, {}), `Session ${target} reset: entries, progress and armed scenarios cleared.`)}>
              Reset session
            </button>
            <button type="button" class="admin" onClick={() => void act(() => postJson('/v1/admin/scenarios/reload', {}), 'Scenarios reloaded.')}>
              Reload
            </button>
          </>
        )}
      </header>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {typeof error === 'string' ? error : `${error.title}: ${error.detail}`}
        </p>
      )}
      {needsToken && <TokenForm onSaved={refresh} />}
      {props.admin && target !== '' && (
        <p class="armed" aria-live="polite">
          {armed.length === 0
            ? `Nothing armed for session ${target}.`
            : `Armed for session ${target}: ${armed.map((a) => `${a.scenario} × ${a.remaining}${a.scope !== 'session' ? ` (${a.scope} ${a.scopeValue})` : ''}`).join(', ')}`}
        </p>
      )}
      {list && list.errors.length > 0 && (
        <section class="load-errors" aria-labelledby="load-errors-title">
          <h3 id="load-errors-title">Files refused at load</h3>
          <ul>
            {list.errors.map((e) => (
              <li>
                <code>
                  {e.file}:{e.line}:{e.column}
                </code>{' '}
                {e.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {list && (
        <table class="scenario-list">
          <thead>
            <tr>
              <th scope="col">scenario</th>
              <th scope="col">what it does</th>
              <th scope="col">matches</th>
              {props.admin && <th scope="col">arm for the next</th>}
            </tr>
          </thead>
          <tbody>
            {list.scenarios.map((s) => (
              <tr data-scenario={s.id}>
                <th scope="row">
                  <code>{s.id}</code>
                  <span class="muted block">{s.file}</span>
                </th>
                <td>
                  <strong>{s.title}</strong>
                  {s.description && <p class="description">{s.description}</p>}
                </td>
                <td>{s.match.length > 0 ? s.match.join('; ') : <span class="muted">armed or asked for only</span>}</td>
                {props.admin && (
                  <td class="arm">
                    <input
                      type="number"
                      min={1}
                      max={100000}
                      value={counts[s.id] ?? 1}
                      onInput={(e) => setCounts({ ...counts, [s.id]: Number((e.target as HTMLInputElement).value) || 1 })}
                      aria-label={`How many transmissions ${s.id} decides`}
                    />
                    <button
                      type="button"
                      disabled={target === ''}
                      title={target === '' ? 'Choose a session first' : `Arm ${s.id} for session ${target}`}
                      onClick={() =>
                        void act(
                          () => postJson('/v1/admin/arm', { scenario: s.id, count: counts[s.id] ?? 1, session: target }),
                          `${s.id} armed for the next ${counts[s.id] ?? 1} transaction(s) of session ${target}.`,
                        )
                      }
                    >
                      Arm
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
