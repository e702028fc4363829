import { useState } from 'preact/hooks';
import { setAdminToken } from './api';

/** Asks for the server's admin token (ACE_MOCK_ADMIN_TOKEN); kept in this tab only. */
export function TokenForm(props: { readonly onSaved: () => void }) {
  const [value, setValue] = useState('');
  return (
    <form
      class="token-form admin"
      onSubmit={(e) => {
        e.preventDefault();
        setAdminToken(value.trim() || undefined);
        props.onSaved();
      }}
    >
      <label>
        Admin token{' '}
        <input type="password" autocomplete="off" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} aria-describedby="token-help" />
      </label>
      <button type="submit">Use token</button>
      <p id="token-help" class="muted">
        This server guards its admin calls (arming, resetting, reloading, moving entries and the session clock) with ACE_MOCK_ADMIN_TOKEN (or allows them from its own machine only). The token stays in this browser tab.
      </p>
    </form>
  );
}
