import { useState } from 'react';
import { api, get } from '../api';
import { ConnectorSelect, FormActions, PropertyFields, propertyInput, useAction, useConnectorChoice } from '../forms';
import { signsInWithPopup } from '../popup';
import { authValueOf, NO_SECRET, SecretFields } from '../secret-fields';
import type { Credential, Reply } from '../types';
import { AUTH_LABELS, Dialog, Empty, ErrorText, Field, Loading } from '../ui';
import { useLoad } from '../use-load';

function Verified({ credential }: { credential: Credential }) {
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
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [secret, setSecret] = useState(NO_SECRET);
  const [values, setValues] = useState<Record<string, string>>({});
  const action = useAction(async () => {
    if (!connector) return;
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

  return (
    <Dialog title="Add New Credential" onClose={onClose}>
      <form onSubmit={action.submit}>
        <Field label="Name" name="Name" value={name} onChange={setName} required />
        <Field label="Description" name="Description" value={description} onChange={setDescription} />
        <ConnectorSelect id="credential-connector" choice={choice} />
        {connector ? <SecretFields authType={connector.AuthType} secret={secret} onChange={setSecret} /> : null}
        {connector && signsInWithPopup(connector) ? (
          <p className="muted">
            {connector.Name} signs in with the user's consent: install it and use Authenticate; the install makes its credential.
          </p>
        ) : null}
        <PropertyFields properties={choice.askedAtInstall} values={values} onChange={setValues} />
        <FormActions error={action.error} onCancel={onClose} label="Save" busyLabel="Saving…" busy={action.busy} disabled={!connector} />
      </form>
    </Dialog>
  );
}
