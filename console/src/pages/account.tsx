import { useState } from 'react';
import { api, get } from '../api';
import { ConnectorSelect, FormActions, PropertyFields, propertyInput, useAction, useConnectorChoice } from '../forms';
import { runPopup, signsInWithPopup } from '../popup';
import { authValueOf, NO_SECRET, SecretFields } from '../secret-fields';
import type { AccountConnector, Account as AccountView, Connector, Credential, Reply } from '../types';
import { AUTH_LABELS, ConnectorIcon, Dialog, Empty, ErrorText, Field, Loading } from '../ui';
import { useLoad } from '../use-load';
import { Credentials } from './credentials';

/** Runs the OAuth popup flow for an install, through the same browser helper partners use. */
async function authenticate(accountId: string, install: InstallRow): Promise<void> {
  const { Token } = (await api<Reply<'createSignInToken'>>('POST', '/v1.0/accounts/tokens', { account: accountId })).data;
  // With a callbackMessage the popup posts the outcome back to this page (without one it would redirect).
  const query = new URLSearchParams({
    id: String(install.Id),
    token: Token,
    targetOrigin: window.location.origin,
    callbackMessage: 'patchbay-console',
  });
  await runPopup(`/connectorauth/updateaccountconnectoroauth?${query}`);
}

/** An install without its connector, which the list shows apart (it may have left the catalogue). */
type InstallRow = Omit<AccountConnector, 'Connector'>;

function State({ install }: { install: InstallRow }) {
  // Authenticated, yet the provider refused its last check, or could not be asked: said, not hidden.
  if (
    install.Authenticated &&
    (install.VerifiedStatus === 'Failed' || (install.VerifiedStatus === null && install.VerifiedMessage !== null))
  ) {
    return (
      <span className="badge warn" title={install.VerifiedMessage ?? undefined}>
        {install.VerifiedStatus === 'Failed' ? 'Authenticated; its last check failed' : 'Authenticated; not verified'}
      </span>
    );
  }
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
  const [updating, setUpdating] = useState<{ install: InstallRow; connector: Connector }>();

  const act = async (install: InstallRow, action: () => Promise<unknown>) => {
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
        {(installs.data ?? []).map(({ Connector: connector, ...install }) => (
          <li key={install.Id} className="install">
            <div className="card-head">
              <ConnectorIcon name={connector?.Name ?? install.Name} icon={connector?.Icon ?? ''} />
              <div>
                <h3>
                  <a href={`#/accounts/${encodeURIComponent(accountId)}/connectors/${install.Id}`}>{install.Name}</a>
                </h3>
                <p className="muted">
                  {/* A connector whose file left the catalogue is still listed, so that it can be deleted. */}
                  {connector
                    ? `${connector.Name} · ${AUTH_LABELS[connector.AuthType] ?? connector.AuthType}`
                    : 'No longer in the catalogue'}{' '}
                  · id {install.Id}
                </p>
              </div>
              <State install={install} />
            </div>
            <div className="actions">
              {connector && signsInWithPopup(connector) ? (
                <button type="button" onClick={() => act(install, () => authenticate(accountId, install))}>
                  {install.Authenticated ? 'Authenticate again' : 'Authenticate'}
                </button>
              ) : null}
              {connector?.AuthType === 'ApiKey' || connector?.AuthType === 'Basic' ? (
                <button type="button" className="secondary" onClick={() => setUpdating({ install, connector })}>
                  {connector.AuthType === 'ApiKey' ? 'Update key' : 'Update sign-in'}
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
          install={updating.install}
          connector={updating.connector}
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
  const choice = useConnectorChoice();
  const { connector } = choice;
  const credentials = useLoad(() => get<Credential[]>('/v1.0/account/credentials?pageSize=500', { account: accountId }), accountId);
  const reusable = (credentials.data ?? []).filter((c) => String(c.ConnectorId) === choice.connectorId);
  const [credentialId, setCredentialId] = useState('');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState(NO_SECRET);
  const [values, setValues] = useState<Record<string, string>>({});
  // An existing credential brings its secret and the values that belong to it.
  const asked = [
    ...(connector?.Parameters ?? []).filter((p) => p.IsAccountConnectorProperty),
    ...(credentialId === '' ? choice.askedAtInstall : []),
  ];
  const action = useAction(async () => {
    if (!connector) return;
    const authValue = authValueOf(connector.AuthType, secret);
    const body = {
      Name: name.trim() || connector.Name,
      ...(credentialId !== '' ? { CredentialId: Number(credentialId) } : authValue !== undefined ? { AuthValue: authValue } : {}),
      Properties: propertyInput(asked, values),
    };
    await api('POST', `/v1.0/connectors/${connector.Id}/install`, { account: accountId, body });
    onInstalled();
  });

  return (
    <Dialog title="Install connector" onClose={onClose}>
      <form onSubmit={action.submit}>
        <ConnectorSelect id="install-connector" choice={choice} onChange={() => setCredentialId('')} />
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
            <PropertyFields properties={asked} values={values} onChange={setValues} />
          </>
        ) : null}
        <FormActions
          error={action.error}
          onCancel={onClose}
          label="Install"
          busyLabel="Installing…"
          busy={action.busy}
          disabled={!connector}
        />
      </form>
    </Dialog>
  );
}

/** A new API key (or username and password) for an install, which is then authenticated with it. */
function UpdateSecret(props: { accountId: string; install: InstallRow; connector: Connector; onClose: () => void; onSaved: () => void }) {
  const [secret, setSecret] = useState(NO_SECRET);
  const authValue = authValueOf(props.connector.AuthType, secret);
  const action = useAction(async () => {
    await api('PUT', `/v1.0/account/connectors/${props.install.Id}`, { account: props.accountId, body: { AuthValue: authValue } });
    props.onSaved();
  });
  return (
    <Dialog title={`Authenticate ${props.install.Name}`} onClose={props.onClose}>
      <form onSubmit={action.submit}>
        {props.connector.AuthDescription ? <p className="muted">{props.connector.AuthDescription}</p> : null}
        <SecretFields authType={props.connector.AuthType} secret={secret} onChange={setSecret} />
        <FormActions
          error={action.error}
          onCancel={props.onClose}
          label="Save"
          busyLabel="Saving…"
          busy={action.busy}
          disabled={authValue === undefined}
        />
      </form>
    </Dialog>
  );
}
