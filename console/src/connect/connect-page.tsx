import { useEffect, useState } from 'react';
import { FormActions, useAction } from '../forms';
import { runPopup } from '../popup';
import type { ConnectableApp as App, ConnectPage as PageData, Reply } from '../types';
import { ConnectorIcon, ErrorText, Field, Loading } from '../ui';
import { useLoad } from '../use-load';

/** Calls the connect page's API with the session cookie; a refusal becomes an Error with the server's words. */
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const reply = await fetch(`/account/connect/api/${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!reply.ok) {
    const answer = (await reply.json().catch(() => ({}))) as { Message?: string };
    throw new Error(answer.Message ?? `The server answered ${reply.status}`);
  }
  return (reply.status === 204 ? undefined : await reply.json()) as T;
}

const stateOf = (app: App) =>
  app.Authenticated ? 'Connected' : app.AuthenticationError ? `Not connected: ${app.AuthenticationError}` : 'Not connected';

async function connectInPopup(app: App): Promise<void> {
  const { Url } = await call<Reply<'startConnectPagePopup'>>('POST', `apps/${app.Id}/popup`);
  await runPopup(Url);
}

/**
 * What the end user sees: the apps of their account, each with a Connect button that runs the popup
 * flow, or asks for a key. Title, accent colour and logo are the partner's (PATCHBAY_CONNECT_*).
 */
export function ConnectPage() {
  const page = useLoad(() => call<PageData>('GET', 'apps'), 'apps');
  const [keyFor, setKeyFor] = useState<App>();
  const [errors, setErrors] = useState<Record<number, Error | undefined>>({});
  const [busy, setBusy] = useState<number>();

  useEffect(() => {
    if (!page.data) return;
    document.title = page.data.Title;
    document.documentElement.style.setProperty('--accent', page.data.Accent);
  }, [page.data]);

  const connect = async (app: App) => {
    setErrors((all) => ({ ...all, [app.Id]: undefined }));
    if (app.Connect !== 'popup') {
      setKeyFor(app);
      return;
    }
    setBusy(app.Id);
    try {
      await connectInPopup(app);
    } catch (error) {
      setErrors((all) => ({ ...all, [app.Id]: error as Error }));
    } finally {
      setBusy(undefined);
      page.reload();
    }
  };

  if (page.loading && !page.data) return <Loading what="your apps" />;
  if (!page.data) {
    return (
      <main className="signin">
        <h1>Connect your apps</h1>
        <ErrorText error={page.error} />
      </main>
    );
  }
  return (
    <main className="connect">
      <header className="brand-head">
        {page.data.LogoUrl ? <img src={page.data.LogoUrl} alt="" className="logo" /> : null}
        <h1>{page.data.Title}</h1>
      </header>
      {page.data.Apps.length === 0 ? <p className="empty">There is nothing to connect yet.</p> : null}
      <ul className="rows">
        {page.data.Apps.map((app) => (
          <li key={app.Id} className="install">
            <div className="card-head">
              <ConnectorIcon name={app.ConnectorName} icon={app.Icon} />
              <div>
                <h2>{app.Name}</h2>
                <p className="muted">
                  {app.Name === app.ConnectorName ? '' : `${app.ConnectorName} · `}
                  <span>{stateOf(app)}</span>
                </p>
              </div>
              {app.Connect === 'none' ? null : (
                <button type="button" onClick={() => connect(app)} disabled={busy === app.Id} aria-label={`Connect ${app.Name}`}>
                  {busy === app.Id ? 'Connecting…' : app.Authenticated ? 'Reconnect' : 'Connect'}
                </button>
              )}
            </div>
            <ErrorText error={errors[app.Id]} />
            {keyFor?.Id === app.Id ? (
              <KeyForm
                app={app}
                onDone={() => {
                  setKeyFor(undefined);
                  page.reload();
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </main>
  );
}

/** An API key, or a username and password, typed in for an app that takes one. */
function KeyForm({ app, onDone }: { app: App; onDone: () => void }) {
  const [key, setKey] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(async () => {
    const AuthValue = app.Connect === 'key' ? key.trim() : btoa(`${username}:${password}`);
    await call('PUT', `apps/${app.Id}`, { AuthValue });
    onDone();
  });
  return (
    <form onSubmit={action.submit} className="key-form">
      {app.AuthDescription ? <p className="muted">{app.AuthDescription}</p> : null}
      {app.Connect === 'key' ? (
        <Field label="API key" name="key" type="password" value={key} onChange={setKey} required autoFocus />
      ) : (
        <>
          <Field label="Username" name="username" value={username} onChange={setUsername} required autoFocus />
          <Field label="Password" name="password" type="password" value={password} onChange={setPassword} required />
        </>
      )}
      <FormActions error={action.error} onCancel={onDone} label="Save" busyLabel="Saving…" busy={action.busy} />
    </form>
  );
}
