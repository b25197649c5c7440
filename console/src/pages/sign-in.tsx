import { useState } from 'react';
import { signIn } from '../api';
import { useAction } from '../forms';
import { ErrorText, Field } from '../ui';

/** Sign-in with an API client's id and secret: the first start of Patchbay prints one. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const action = useAction(async () => {
    await signIn(clientId.trim(), secret.trim());
    onSignedIn();
  });
  return (
    <main className="signin">
      <h1>Patchbay console</h1>
      <p className="muted">
        Sign in with an API client. The first start of Patchbay printed one (PATCHBAY_CLIENT_ID and PATCHBAY_CLIENT_SECRET).
      </p>
      <form onSubmit={action.submit}>
        <Field label="Client ID" name="client_id" value={clientId} onChange={setClientId} required autoFocus />
        <Field label="Client secret" name="client_secret" type="password" value={secret} onChange={setSecret} required />
        <ErrorText error={action.error} />
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
