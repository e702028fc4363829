import { useEffect, useState } from 'preact/hooks';
import { ApiError, type EntryDetail, entryLabel, getJson, needsAdminToken, postJson, problemText, type SessionClockView } from './api';
import { EntryStages, movesOf, type RoadStage } from './entry-stages';
import { STAGE_LABEL, utcMinute } from './format';
import type { EntryRef } from './route';
import { type ClockChange, SessionClock } from './session-clock';
import { TokenForm } from './token-form';
import { BackToTimeline } from './back-link';

export interface EntryPageProps {
  readonly entry: EntryRef;
  /** The controls that move the entry or the clock are offered; false in presenter mode. */
  readonly admin: boolean;
  /** Changes when a new exchange arrives: a filing may have changed the entry. */
  readonly refresh?: string;
}

/** A call the page made that the server refused, with what it was. */
interface Refusal {
  readonly what: string;
  readonly error: ApiError | string;
}

const JOB_LABEL: Record<string, string> = { 'preliminary-statement': 'print the preliminary statement', liquidation: 'liquidate' };

/**
 * An entry summary's life on one page: its stage on the road from trade control to liquidation with
 * the days of each step, what is scheduled, every accepted change, and (admin) buttons to move it on
 * and to move the session's clock, for trainers and QA who cannot wait the year it takes.
 */
export function EntryPage(props: EntryPageProps) {
  const { session, filer, entryNumber } = props.entry;
  // Read at /v1/sessions/…, changed at /v1/admin/sessions/….
  const sessionPath = `sessions/${encodeURIComponent(session)}`;
  const entryPath = `${sessionPath}/entries/${encodeURIComponent(filer)}/${encodeURIComponent(entryNumber)}`;
  const [entry, setEntry] = useState<EntryDetail>();
  const [clock, setClock] = useState<SessionClockView>();
  const [loadError, setLoadError] = useState<string>();
  const [refusal, setRefusal] = useState<Refusal>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = (): void => {
    getJson<EntryDetail>(`/v1/${entryPath}`).then(
      (e) => {
        setEntry(e);
        setLoadError(undefined);
      },
      (err: unknown) => {
        setEntry(undefined);
        setLoadError(problemText(err));
      },
    );
    getJson<SessionClockView>(`/v1/${sessionPath}/clock`).then(setClock, () => undefined);
  };
  useEffect(() => {
    setEntry(undefined);
    setRefusal(undefined);
    setNotice(undefined);
  }, [entryPath]);
  useEffect(load, [entryPath, props.refresh]);

  /** Makes an admin call, says what came of it, and reads the entry again either way. */
  const act = async (what: string, call: () => Promise<string>): Promise<void> => {
    setBusy(true);
    try {
      setNotice(await call());
      setRefusal(undefined);
    } catch (err) {
      setNotice(undefined);
      setRefusal({ what, error: err instanceof ApiError ? err : problemText(err) });
    } finally {
      setBusy(false);
      load();
    }
  };
  const move = (to: RoadStage): void =>
    void act(`Move to ${STAGE_LABEL[to]}`, async () => {
      const moved = (await postJson<EntryDetail>(`/v1/admin/${entryPath}/advance`, { to })) as EntryDetail;
      return `Moved to ${STAGE_LABEL[to]}; the entry is now ${STAGE_LABEL[moved.stage]}.`;
    });
  const changeClock = (change: ClockChange, what: string): void =>
    void act(what, async () => {
      const reading = (await postJson<SessionClockView>(`/v1/admin/${sessionPath}/clock`, change)) as SessionClockView;
      setClock(reading);
      return `${what}: the session's clock now reads ${utcMinute(reading.now)}.`;
    });

  const moves = entry ? movesOf(entry) : [];
  const needsToken = needsAdminToken(refusal?.error);
  const label = entryLabel(filer, entryNumber);

  return (
    <article class="entry-page" aria-labelledby="entry-title">
      <header class="view-head">
        <BackToTimeline />
        <h2 id="entry-title">Entry {label}</h2>
        {entry && (
          <span class="muted">
            session {session} · type {entry.entryType} · broker reference {entry.brokerReference || '—'} · payment type {entry.paymentType || '—'} · {entry.status} · version {entry.version}
          </span>
        )}
      </header>

      <div class="entry-bar">
        {clock && <SessionClock clock={clock} admin={props.admin} busy={busy} onChange={changeClock} />}
        {props.admin && entry && (
          <section class="entry-moves admin" aria-labelledby="moves-title">
            <h3 id="moves-title">Move on</h3>
            {moves.length === 0 ? (
              <p class="muted">Nothing further: the entry is {STAGE_LABEL[entry.stage].toLowerCase()}.</p>
            ) : (
              <div class="move-buttons">
                {moves.map((to) => (
                  <button type="button" disabled={busy} data-to={to} onClick={() => move(to)}>
                    Move to {STAGE_LABEL[to]}
                  </button>
                ))}
              </div>
            )}
          </section>
        )}
      </div>

      {refusal && (
        <div class="error refusal" role="alert">
          <strong>{refusal.what} refused</strong>
          {typeof refusal.error === 'string' ? (
            <p>{refusal.error}</p>
          ) : (
            <p>
              {refusal.error.status} {refusal.error.title}: <span class="detail">{refusal.error.detail}</span>
            </p>
          )}
        </div>
      )}
      {needsToken && <TokenForm onSaved={() => setRefusal(undefined)} />}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}

      {loadError && (
        <p class="error" role="alert">
          {loadError}
        </p>
      )}
      {!entry && !loadError && <p class="muted">Loading entry {label}…</p>}
      {entry && (
        <>
          <EntryStages entry={entry} />
          <div class="entry-details">
            <section aria-labelledby="facts-title">
              <h3 id="facts-title">On file</h3>
              <dl class="facts">
                <dt>Entry date</dt>
                <dd>{entry.entryDate || '—'}</dd>
                <dt>First accepted</dt>
                <dd>{entry.firstAcceptedAt ? utcMinute(entry.firstAcceptedAt) : '—'}</dd>
                <dt>Statement</dt>
                <dd>{entry.statement ? `${entry.statement.number ?? '—'} (${entry.statement.status}${entry.statement.printedOn ? `, printed ${entry.statement.printedOn}` : ''})` : 'none'}</dd>
                <dt>Paid</dt>
                <dd>{entry.paid ? `yes${entry.paidOn ? `, ${entry.paidOn}` : ''}` : 'no'}</dd>
                <dt>Liquidation date</dt>
                <dd>{entry.liquidation.date ?? (entry.liquidation.suspension ? `suspended (${entry.liquidation.suspension})` : 'not scheduled')}</dd>
                <dt>Liquidated</dt>
                <dd>{entry.liquidation.liquidated ? `yes${entry.liquidation.liquidatedOn ? `, ${entry.liquidation.liquidatedOn}` : ''}` : 'no'}</dd>
                <dt>PSC on file</dt>
                <dd>{entry.pscOnFile ? 'yes' : 'no'}</dd>
                <dt>Census warnings outstanding</dt>
                <dd>{entry.outstandingCensusWarnings.length === 0 ? 'none' : entry.outstandingCensusWarnings.map((w) => `${w.code} on line ${w.line}`).join(', ')}</dd>
              </dl>
            </section>
            <section aria-labelledby="scheduled-title">
              <h3 id="scheduled-title">Scheduled</h3>
              {entry.scheduled.length === 0 ? (
                <p class="muted">Nothing scheduled for this entry.</p>
              ) : (
                <table class="scheduled">
                  <thead>
                    <tr>
                      <th scope="col">job</th>
                      <th scope="col">due (session clock)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {entry.scheduled.map((j) => (
                      <tr>
                        <td>{JOB_LABEL[j.kind] ?? j.kind}</td>
                        <td>
                          <time dateTime={j.dueAt}>{utcMinute(j.dueAt)}</time>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
          <table class="entry-history">
            <caption>History</caption>
            <thead>
              <tr>
                <th scope="col">when (session clock)</th>
                <th scope="col">what</th>
                <th scope="col">answer</th>
                <th scope="col">status</th>
                <th scope="col">version</th>
                <th scope="col">exchange</th>
              </tr>
            </thead>
            <tbody>
              {entry.history.map((h) => (
                <tr>
                  <td>
                    <time dateTime={h.at}>{utcMinute(h.at)}</time>
                  </td>
                  <td>{h.action}</td>
                  <td>{h.disposition || '—'}</td>
                  <td>{h.status}</td>
                  <td>{String(h.version).padStart(5, '0')}</td>
                  <td>{h.exchangeId ? <a href={`#/exchange/${h.exchangeId}`}>open the exchange</a> : <span class="muted">a step of its life</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </article>
  );
}
