import { useState } from 'react';
import { api, get } from '../api';
import { ConnectorSelect, FormActions, PropertyFields, propertyInput, useAction, useConnectorChoice } from '../forms';
import { runPopup, signsInWithPopup } from '../popup';
import { authValueOf, NO_SECRET, SecretFields } from '../secret-fields';
import type { Credential, Reply, Setup } from '../types';
import { AUTH_LABELS, Dialog, Empty, ErrorText, Field, Loading } from '../ui';
import { useLoad } from '../use-load';

function Verified({ credential }: { credential: Credential }) {
  if (credential.AuthorizationStatus === 'AwaitingAuthorization' || credential.AuthorizationStatus === 'Failed') {
    const failed = credential.AuthorizationStatus === 'Failed';
    return (
      <span className={failed ? 'badge warn' : 'badge'} title={credential.AuthorizationError ?? undefined}>
        {failed ? 'Not authorized' : 'Awaiting authorization'}
      </span>
    );
  }
  if (credential.VerifiedStatus === null) {
    return (
      <span className="badge" title={credential.VerifiedMessage ?? undefined}>
        Not verified yet
      </span>
    );
  }
  const when = credential.VerifiedAt ? ` ${new Date(credential.VerifiedAt).toLocaleString()}` : '';
  return (
    <span className={credential.VerifiedStatus === 'Verified' ? 'badge ok' : 'badge warn'} title={credential.VerifiedMessage ?? undefined}>
      {credential.VerifiedStatus}
      {when}
    </span>
  );
}

/**
 * The account's credentials as tiles: name, description, type, last verified state; Probe checks one
 * with its connector's test method, Usage lists the installs sharing it, Delete removes an unused one.
 */
export function Credentials({ accountId, version, onChanged }: { accountId: string; version: number; onChanged: () => void }) {
  const credentials = useLoad(
    () => get<Credential[]>('/v1.0/account/credentials?pageSize=500', { account: accountId }),
    `${accountId}#${version}`,
  );
  const [adding, setAdding] = useState(false);
  const [notes, setNotes] = useState<Record<number, { text?: string; error?: Error }>>({});
  const note = (id: number, value: { text?: string; error?: Error }) => setNotes((all) => ({ ...all, [id]: value }));

  const probe = async (credential: Credential) => {
    try {
      const { data } = await api<Reply<'probeCredential'>>('POST', `/v1.0/account/credentials/${credential.Id}/probe`, {
        account: accountId,
      });
      note(credential.Id, { text: data.Message ? `${data.VerifiedStatus}: ${data.Message}` : data.VerifiedStatus });
    } catch (error) {
      note(credential.Id, { error: error as Error });
    }
    credentials.reload();
  };
  const usage = async (credential: Credential) => {
    try {
      const users = await get<Reply<'getCredentialUsage'>>(`/v1.0/account/credentials/${credential.Id}/usage`, { account: accountId });
      note(credential.Id, { text: users.length === 0 ? 'No install uses it.' : `Used by ${users.map((u) => u.Name).join(', ')}.` });
    } catch (error) {
      note(credential.Id, { error: error as Error });
    }
  };
  const remove = async (credential: Credential) => {
    if (!window.confirm(`Delete the credential ${credential.Name}?`)) return;
    try {
      await api('DELETE', `/v1.0/account/credentials/${credential.Id}`, { account: accountId });
      onChanged();
    } catch (error) {
      note(credential.Id, { error: error as Error });
    }
  };

  return (
    <section aria-labelledby="credentials-title">
      <h2 id="credentials-title">Credentials</h2>
      {credentials.loading && !credentials.data ? <Loading what="credentials" /> : null}
      <ErrorText error={credentials.error} />
      <ul className="cards">
        {(credentials.data ?? []).map((credential) => (
          <li key={credential.Id} className="card">
            <div className="card-head">
              <h3>{credential.Name}</h3>
              <Verified credential={credential} />
            </div>
            {credential.Description ? <p>{credential.Description}</p> : null}
            {credential.AuthorizationError ? <p className="muted">{credential.AuthorizationError}</p> : null}
            <p className="muted">
              {credential.ConnectorName} · {AUTH_LABELS[credential.AuthType] ?? credential.AuthType}
              {credential.AuthValue ? ` · ${credential.AuthValue}` : ''} · used by {credential.UsageCount}
            </p>
            <div className="actions">
              <button type="button" className="secondary" onClick={() => probe(credential)}>
                Probe
              </button>
              <button type="button" className="secondary" onClick={() => usage(credential)}>
                Usage
              </button>
              <button type="button" className="danger" aria-label={`Delete ${credential.Name}`} onClick={() => remove(credential)}>
                Delete
              </button>
            </div>
            {notes[credential.Id]?.text ? (
              <p className="notice" role="status">
                {notes[credential.Id]?.text}
              </p>
            ) : null}
            <ErrorText error={notes[credential.Id]?.error} />
          </li>
        ))}
        <li className="card add">
          <button type="button" className="secondary" onClick={() => setAdding(true)}>
            + Add Credential
          </button>
        </li>
      </ul>
      {credentials.data && credentials.data.length === 0 ? (
        <Empty>No credentials yet: installs make them, or add one to share.</Empty>
      ) : null}
      {adding ? (
        <AddCredential
          accountId={accountId}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

/** The Add New Credential overlay: name, description, and the chosen connector's auth fields. */
function AddCredential({ accountId, onClose, onAdded }: { accountId: string; onClose: () => void; onAdded: () => void }) {
  const choice = useConnectorChoice();
  const { connector } = choice;
  const consent = connector !== undefined && signsInWithPopup(connector);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState(NO_SECRET);
  const [values, setValues] = useState<Record<string, string>>({});
  const [app, setApp] = useState({ ClientId: '', ClientSecret: '', Scope: '' });
  // Made on the first Save of a consent credential: a failed popup leaves it, and Save tries it again.
  const [pending, setPending] = useState<number>();
  const action = useAction(async () => {
    if (!connector) return;
    if (consent) {
      let id = pending;
      if (id === undefined) {
        const body = {
          Name: name.trim(),
          Connector: String(connector.Id),
          Description: description.trim() === '' ? undefined : description.trim(),
          Properties: Object.entries(app)
            .filter(([, value]) => value.trim() !== '')
            .map(([Name, Value]) => ({ Name, Value: Value.trim() })),
        };
        id = (await api<Reply<'createCredential'>>('POST', '/v1.0/account/credentials', { account: accountId, body })).data.Id;
        setPending(id);
      }
      await authorizeCredential(accountId, id);
      onAdded();
      return;
    }
    const body = {
      Name: name.trim(),
      Connector: String(connector.Id),
      Description: description.trim() === '' ? undefined : description.trim(),
      AuthValue: authValueOf(connector.AuthType, secret),
      Properties: propertyInput(choice.askedAtInstall, values),
    };
    await api('POST', '/v1.0/account/credentials', { account: accountId, body });
    onAdded();
  });
  // After a failed popup the credential exists: closing the overlay shows it among the tiles.
  const close = pending === undefined ? onClose : onAdded;

  return (
    <Dialog title="Add New Credential" onClose={close}>
      <form onSubmit={action.submit}>
        <Field label="Credential Name" name="Name" value={name} onChange={setName} required />
        <Field label="Credential Description" name="Description" value={description} onChange={setDescription} />
        <ConnectorSelect id="credential-connector" choice={choice} />
        {connector && !consent ? <SecretFields authType={connector.AuthType} secret={secret} onChange={setSecret} /> : null}
        {consent ? (
          <OAuthAppFields setup={choice.setup} app={app} onChange={setApp} />
        ) : (
          <PropertyFields properties={choice.askedAtInstall} values={values} onChange={setValues} />
        )}
        {consent ? <p className="muted">On Save, sign in to {connector.Name} in a popup and allow access.</p> : null}
        <FormActions error={action.error} onCancel={close} label="Save" busyLabel="Saving…" busy={action.busy} disabled={!connector} />
      </form>
    </Dialog>
  );
}

/** Runs the consent popup for a credential: its own app and scope, and the token every install using it gets. */
async function authorizeCredential(accountId: string, credentialId: number): Promise<void> {
  const { Token } = (await api<Reply<'createSignInToken'>>('POST', '/v1.0/accounts/tokens', { account: accountId })).data;
  const query = new URLSearchParams({
    credentialId: String(credentialId),
    token: Token,
    targetOrigin: window.location.origin,
    callbackMessage: 'patchbay-console',
  });
  await runPopup(`/connectorauth/updateaccountconnectoroauth?${query}`);
}

/** The properties an account brings for its own OAuth app. */
const OWN_APP = new Set(['ClientId', 'ClientSecret', 'Scope']);

/**
 * Client ID, Client Secret and Access Scope, each optional where the partner's setup has a value; the
 * setup's other values (the authorise and token URLs) shown, not editable.
 */
function OAuthAppFields(props: {
  setup: Setup | undefined;
  app: { ClientId: string; ClientSecret: string; Scope: string };
  onChange: (app: { ClientId: string; ClientSecret: string; Scope: string }) => void;
}) {
  const { setup, app } = props;
  const asked = new Set(setup?.AskedAtInstall ?? []);
  const fromSetup = (name: string) => (asked.has(name) ? undefined : "Leave empty to use the partner's app");
  const preconfigured = (setup?.Properties ?? []).filter((p) => !OWN_APP.has(p.Name) && !p.IsSensitive && (p.Value ?? p.Default) !== null);
  return (
    <>
      <Field
        label="Client ID"
        name="ClientId"
        value={app.ClientId}
        onChange={(ClientId) => props.onChange({ ...app, ClientId })}
        required={asked.has('ClientId')}
        {...(fromSetup('ClientId') ? { hint: fromSetup('ClientId') } : {})}
      />
      <Field
        label="Client Secret"
        name="ClientSecret"
        type="password"
        value={app.ClientSecret}
        onChange={(ClientSecret) => props.onChange({ ...app, ClientSecret })}
        required={asked.has('ClientSecret')}
        {...(fromSetup('ClientSecret') ? { hint: fromSetup('ClientSecret') } : {})}
      />
      <Field
        label="Access Scope"
        name="Scope"
        value={app.Scope}
        onChange={(Scope) => props.onChange({ ...app, Scope })}
        hint="Leave this field empty if you want to use the default scope"
      />
      {preconfigured.length > 0 ? (
        <dl className="preconfigured" aria-label="Preconfigured">
          {preconfigured.map((p) => (
            <div key={p.Name}>
              <dt>{p.DisplayName}</dt>
              <dd>
                <code>{p.Value ?? p.Default}</code>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </>
  );
}
