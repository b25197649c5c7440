import { useEffect, useState } from 'react';
import { api, get } from '../api';
import { PropertyFields, useAction } from '../forms';
import type { Setup as SetupView } from '../types';
import { CopyButton, ErrorText, Loading } from '../ui';
import { useLoad } from '../use-load';

/** Connectors > Connector Library > {connector} > Setup: the partner's values for the connector's properties. */
export function Setup({ connectorId }: { connectorId: string }) {
  const setup = useLoad(() => get<SetupView>(`/v1.0/connectors/${connectorId}/setup`), connectorId);
  const [values, setValues] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    const view = setup.data;
    if (!view) return;
    setSaved(false);
    // A sensitive value left blank keeps the stored one; another field emptied is cleared.
    const Properties = view.Properties.filter((p) => (p.IsSensitive ? values[p.Name] !== '' : values[p.Name] !== (p.Value ?? ''))).map(
      (p) => ({ Name: p.Name, Value: values[p.Name] === '' ? null : values[p.Name] }),
    );
    await api('PUT', `/v1.0/connectors/${connectorId}/setup`, { body: { Properties } });
    setSaved(true);
    setup.reload();
  });

  useEffect(() => {
    if (!setup.data) return;
    setValues(Object.fromEntries(setup.data.Properties.map((p) => [p.Name, p.IsSensitive ? '' : (p.Value ?? '')])));
  }, [setup.data]);

  if (setup.loading && !setup.data) return <Loading what="the setup" />;
  if (!setup.data) return <ErrorText error={setup.error} />;
  const view = setup.data;

  return (
    <main>
      <p>
        <a href="#/connectors">← Connector Library</a>
      </p>
      <h1>{view.ConnectorName}: Setup</h1>
      {view.SetupRequired ? (
        <p className="badge warn">Setup Required</p>
      ) : (
        <p className="badge ok">Set up{view.UpdatedDate ? ` (saved ${new Date(view.UpdatedDate).toLocaleString()})` : ''}</p>
      )}
      {/* Only a connector that signs in with the OAuth authorization code flow has a callback URL. */}
      {view.CallbackUrl !== null ? (
        <div className="field">
          <label htmlFor="callback-url">Callback URL</label>
          <small className="muted">Register this with the provider as the redirect URL of your OAuth application.</small>
          <div className="row">
            <input id="callback-url" readOnly value={view.CallbackUrl} />
            <CopyButton text={view.CallbackUrl} label="Copy the callback URL" />
          </div>
        </div>
      ) : null}
      {view.Properties.length === 0 ? <p className="empty">This connector has no partner properties.</p> : null}
      <form onSubmit={save.submit}>
        <PropertyFields
          properties={view.Properties}
          values={values}
          onChange={setValues}
          placeholder={(property) => (property.IsSensitive && property.IsSet ? 'Stored; type to replace' : (property.Default ?? ''))}
        />
        <p className="muted">Values left blank are asked for per account, when the connector is installed.</p>
        <ErrorText error={save.error} />
        {saved ? (
          <p className="notice" role="status">
            Changes saved.
          </p>
        ) : null}
        <button type="submit" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save Changes'}
        </button>
      </form>
    </main>
  );
}
