import { useState } from 'preact/hooks';
import { needsAdminToken, postJson, problemText, type SessionActivity } from './api';

export interface ResetSessionProps {
  /** The session shown, or '' for all sessions. */
  readonly session: string;
  readonly sessions: readonly SessionActivity[];
  readonly onReset: () => void;
}

/**
 * A walkthrough starts again from here: the session's entries, scenario progress, armed scenarios,
 * undelivered messages and clock are forgotten (the admin reset). With all sessions shown, every
 * session of the journal is reset. The journal keeps its exchanges.
 */
export function ResetSession(props: ResetSessionProps) {
  const [said, setSaid] = useState<{ readonly text: string; readonly failed: boolean }>();
  const targets = props.session !== '' ? [props.session] : props.sessions.map((s) => s.session);
  const reset = async (): Promise<void> => {
    try {
      for (const session of targets) await postJson(`/v1/admin/sessions/${encodeURIComponent(session)}/reset`, {});
      setSaid({ text: `${targets.length === 1 ? `Session ${targets[0]}` : `${targets.length} sessions`} reset.`, failed: false });
      props.onReset();
    } catch (err) {
      const text = needsAdminToken(err) ? 'Reset refused: this server wants its admin token; enter it under Scenarios.' : `Reset failed: ${problemText(err)}`;
      setSaid({ text, failed: true });
    }
  };
  return (
    <span class="reset-session admin">
      <button type="button" onClick={() => void reset()} disabled={targets.length === 0} title={targets.length === 0 ? 'No session to reset yet' : `Forget what ${targets.join(', ')} did: entries, scenario progress, armed scenarios, clock`}>
        Reset session
      </button>
      {said && (
        <span class={said.failed ? 'error' : 'notice'} role="status" title={said.text}>
          {said.text}
        </span>
      )}
    </span>
  );
}
