import { type FormEvent, useState } from 'react';
import { api, get } from '../api';
import { authValueOf, NO_SECRET, SecretFields } from '../secret-fields';
import type { AccountConnector, Account as AccountView, Connector, Credential, Setup } from '../types';
import { AUTH_LABELS, ConnectorIcon, Dialog, Empty, ErrorText, Field, Loading } from '../ui';
import { useLoad } from '../use-load';
import { Credentials } from './credentials';

interface PatchbayConnect {
  connect(options: { url: string }): Promise<unknown>;
}

/** Runs the OAuth popup flow for an install, through the same browser helper partners use. */
async function authenticate(accountId: string, install: AccountConnector): Promise<void> {
  const { Token } = (await api<{ Token: string }>('POST', '/v1.0/accounts/tokens', { account: accountId })).data;
  // With a callbackMessage the popup posts the outcome back to this page (without one it would redirect).
  const query = new URLSearchParams({
    id: String(install.Id),
    token: Token,
    targetOrigin: window.location.origin,
    callbackMessage: 'patchbay-console',
  });
  const { Patchbay } = (await import(/* @vite-ignore */ `${window.location.origin}/sdk/connect.js`)) as { Patchbay: PatchbayConnect };
  await Patchbay.connect({ url: `/connectorauth/updateaccountconnectoroauth?${query}` });
}

/** OAuth 2.0 with the user's consent (authorization code); client credentials need no browser. */
const signsInWithPopup = (connector: Connector) => connector.AuthType === 'OAuth2' && connector.OAuth2Type === 'AuthorisationCode';

function State({ install }: { install: AccountConnector }) {
  if (install.Authenticated) return <span className="badge ok">Authenticated</span>;
  return (
    <span className="badge warn" title={install.AuthenticationError ?? undefined}>
      {install.AuthenticationError ? `Not authenticated: ${install.AuthenticationError}` : 'Not authenticated'}
    </span>
  );
}

/** One account: its installed connectors, and installing, authenticating, deauthenticating and deleting them. */
export function Account({ accountId }: { accountId: string }) {
  const account = useLoad(() => get<AccountView>(`/v1.0/accounts/${encodeURIComponent(accountId)}`), accountId);
  const installs = useLoad(() => get<AccountConnector[]>('/v1.0/account/connectors?pageSize=500', { account: accountId }), accountId);
  const [installing, setInstalling] = useState(false);
  // Installs make and drop credentials: the credentials section reads them again after each change.
  const [changes, setChanges] = useState(0);
  const changed = () => {
    installs.reload();
    setChanges((n) => n + 1);
  };
  const [rowError, setRowError] = useState<{ id: number; error: Error }>();
  const [updating, setUpdating] = useState<AccountConnector>();

  const act = async (install: AccountConnector, action: () => Promise<unknown>) => {
    setRowError(undefined);
    try {
      await action();
    } catch (caught) {
      setRowError({ id: install.Id, error: caught as Error });
    }
    changed();
  };

  return (
    <main>
      <p>
        <a href="#/accounts">← Accounts</a>
      </p>
      <h1>{account.data?.Name ?? accountId}</h1>
      <ErrorText error={account.error} />
      <div className="toolbar">
        <button type="button" onClick={() => setInstalling(true)}>
          Install connector
        </button>
      </div>
      <h2>My Connectors</h2>
      {installs.loading && !installs.data ? <Loading what="installed connectors" /> : null}
      <ErrorText error={installs.error} />
      {installs.data && installs.data.length === 0 ? <Empty>Nothing installed yet.</Empty> : null}
      <ul className="rows">
        {(installs.data ?? []).map((install) => (
          <li key={install.Id} className="install">
            <div className="card-head">
              <ConnectorIcon name={install.Connector.Name} icon={install.Connector.Icon} />
              <div>
                <h3>
                  <a href={`#/accounts/${encodeURIComponent(accountId)}/connectors/${install.Id}`}>{install.Name}</a>
                </h3>
                <p className="muted">
                  {install.Connector.Name} · {AUTH_LABELS[install.Connector.AuthType]} · id {install.Id}
                </p>
              </div>
              <State install={install} />
            </div>
            <div className="actions">
              {signsInWithPopup(install.Connector) ? (
                <button type="button" onClick={() => act(install, () => authenticate(accountId, install))}>
                  {install.Authenticated ? 'Authenticate again' : 'Authenticate'}
                </button>
              ) : null}
              {install.Connector.AuthType === 'ApiKey' || install.Connector.AuthType === 'Basic' ? (
                <button type="button" className="secondary" onClick={() => setUpdating(install)}>
                  {install.Connector.AuthType === 'ApiKey' ? 'Update key' : 'Update sign-in'}
                </button>
              ) : null}
              {install.Authenticated ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    act(install, () => api('PUT', `/v1.0/account/connectors/${install.Id}/deauthenticate`, { account: accountId }))
                  }
                >
                  Deauthenticate
                </button>
              ) : null}
              <button
                type="button"
                className="danger"
                aria-label={`Delete ${install.Name}`}
                onClick={() => {
                  if (window.confirm(`Delete ${install.Name}? Its methods stop working for this account.`)) {
                    act(install, () => api('DELETE', `/v1.0/account/connectors/${install.Id}`, { account: accountId }));
                  }
                }}
              >
                Delete
              </button>
            </div>
            {rowError?.id === install.Id ? <ErrorText error={rowError.error} /> : null}
          </li>
        ))}
      </ul>
      <Credentials accountId={accountId} version={changes} onChanged={changed} />
      {updating ? (
        <UpdateSecret
          accountId={accountId}
          install={updating}
          onClose={() => setUpdating(undefined)}
          onSaved={() => {
            setUpdating(undefined);
            changed();
          }}
        />
      ) : null}
      {installing ? (
        <Install
          accountId={accountId}
          onClose={() => setInstalling(false)}
          onInstalled={() => {
            setInstalling(false);
            changed();
          }}
        />
      ) : null}
    </main>
  );
}

/** The install dialog: its fields follow the connector's auth type and the properties its setup left blank. */
function Install({ accountId, onClose, onInstalled }: { accountId: string; onClose: () => void; onInstalled: () => void }) {
  const connectors = useLoad(() => get<Connector[]>('/v1.0/connectors'), 'connectors');
  const [connectorId, setConnectorId] = useState('');
  const connector = connectors.data?.find((c) => String(c.Id) === connectorId);
  const setup = useLoad(
    () => (connectorId ? get<Setup>(`/v1.0/connectors/${connectorId}/setup`) : Promise.resolve(undefined)),
    connectorId,
  );
  const credentials = useLoad(() => get<Credential[]>('/v1.0/account/credentials?pageSize=500', { account: accountId }), accountId);
  const reusable = (credentials.data ?? []).filter((c) => String(c.ConnectorId) === connectorId);
  const [credentialId, setCredentialId] = useState('');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState(NO_SECRET);
  const [properties, setProperties] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  // An existing credential brings its secret and the values that belong to it.
  const asked = [
    ...(connector?.Parameters ?? []).filter((p) => p.IsAccountConnectorProperty),
    ...(credentialId === '' ? (setup.data?.Properties ?? []).filter((p) => setup.data?.AskedAtInstall.includes(p.Name)) : []),
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!connector) return;
    setBusy(true);
    setError(undefined);
    const body: Record<string, unknown> = { Name: name.trim() || connector.Name };
    const authValue = authValueOf(connector.AuthType, secret);
    if (credentialId !== '') body.CredentialId = Number(credentialId);
    else if (authValue !== undefined) body.AuthValue = authValue;
    const values = Object.entries(properties).filter(([name, value]) => value !== '' && asked.some((p) => p.Name === name));
    if (values.length > 0) body.Properties = values.map(([Name, Value]) => ({ Name, Value }));
    try {
      await api('POST', `/v1.0/connectors/${connector.Id}/install`, { account: accountId, body });
      onInstalled();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Install connector" onClose={onClose}>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="install-connector">Connector</label>
          <select
            id="install-connector"
            value={connectorId}
            onChange={(event) => {
              setConnectorId(event.target.value);
              setCredentialId('');
            }}
            required
          >
            <option value="">Choose a connector…</option>
            {(connectors.data ?? []).map((c) => (
              <option key={c.Id} value={c.Id}>
                {c.Name}
              </option>
            ))}
          </select>
        </div>
        <ErrorText error={connectors.error} />
        {connector ? (
          <>
            <Field
              label="Name"
              name="Name"
              value={name}
              onChange={setName}
              placeholder={connector.Name}
              hint="How this install is shown in the account"
            />
            {reusable.length > 0 ? (
              <div className="field">
                <label htmlFor="install-credential">Credential</label>
                <select id="install-credential" value={credentialId} onChange={(event) => setCredentialId(event.target.value)}>
                  <option value="">A new one</option>
                  {reusable.map((credential) => (
                    <option key={credential.Id} value={credential.Id}>
                      {credential.Name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            {credentialId === '' && connector.AuthDescription ? <p className="muted">{connector.AuthDescription}</p> : null}
            {credentialId === '' ? <SecretFields authType={connector.AuthType} secret={secret} onChange={setSecret} /> : null}
            {credentialId === '' && signsInWithPopup(connector) ? (
              <p className="muted">After installing, use Authenticate to sign in to {connector.Name} in a popup.</p>
            ) : null}
            {asked.map((property) => (
              <Field
                key={property.Name}
                label={property.DisplayName}
                name={property.Name}
                type={property.IsSensitive ? 'password' : 'text'}
                hint={property.Description}
                value={properties[property.Name] ?? ''}
                onChange={(value) => setProperties((all) => ({ ...all, [property.Name]: value }))}
              />
            ))}
          </>
        ) : null}
        <ErrorText error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={!connector || busy}>
            {busy ? 'Installing…' : 'Install'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A new API key (or username and password) for an install, which is then authenticated with it. */
function UpdateSecret(props: { accountId: string; install: AccountConnector; onClose: () => void; onSaved: () => void }) {
  const [secret, setSecret] = useState(NO_SECRET);
  const [error, setError] = useState<Error>();
  const authValue = authValueOf(props.install.Connector.AuthType, secret);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api('PUT', `/v1.0/account/connectors/${props.install.Id}`, { account: props.accountId, body: { AuthValue: authValue } });
      props.onSaved();
    } catch (caught) {
      setError(caught as Error);
    }
  };
  return (
    <Dialog title={`Authenticate ${props.install.Name}`} onClose={props.onClose}>
      <form onSubmit={submit}>
        {props.install.Connector.AuthDescription ? <p className="muted">{props.install.Connector.AuthDescription}</p> : null}
        <SecretFields authType={props.install.Connector.AuthType} secret={secret} onChange={setSecret} />
        <ErrorText error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" disabled={authValue === undefined}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
