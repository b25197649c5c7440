import { useState } from 'react';
import { get } from '../api';
import type { Connector, Setup } from '../types';
import { AUTH_LABELS, ConnectorIcon, Empty, ErrorText, Loading } from '../ui';
import { useLoad } from '../use-load';

interface Entry {
  connector: Connector;
  setupRequired: boolean;
}

async function loadLibrary(): Promise<Entry[]> {
  const connectors = await get<Connector[]>('/v1.0/connectors');
  const setups = await Promise.all(connectors.map((connector) => get<Setup>(`/v1.0/connectors/${connector.Id}/setup`)));
  return connectors.map((connector, i) => ({ connector, setupRequired: setups[i]?.SetupRequired ?? false }));
}

const matches = (entry: Entry, query: string) => {
  const { connector } = entry;
  const text = [connector.Name, connector.Description, AUTH_LABELS[connector.AuthType], ...connector.Categories.map((c) => c.Name)]
    .join(' ')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word));
};

/** Connectors > Connector Library: every connector the catalogue holds, and whether it still needs its setup. */
export function Library() {
  const library = useLoad(loadLibrary, 'library');
  const [query, setQuery] = useState('');
  const shown = (library.data ?? []).filter((entry) => matches(entry, query.trim()));
  return (
    <main>
      <h1>Connector Library</h1>
      <div className="toolbar">
        <label htmlFor="library-search" className="visually-hidden">
          Search connectors
        </label>
        <input
          id="library-search"
          type="search"
          placeholder="Search connectors"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {library.loading && !library.data ? <Loading what="connectors" /> : null}
      <ErrorText error={library.error} />
      {library.data && shown.length === 0 ? <Empty>No connector matches “{query}”.</Empty> : null}
      <ul className="cards">
        {shown.map(({ connector, setupRequired }) => (
          <li key={connector.Id} className="card">
            <div className="card-head">
              <ConnectorIcon name={connector.Name} icon={connector.Icon} />
              <h2>
                <a href={`#/connectors/${connector.Id}/setup`}>{connector.Name}</a>
              </h2>
              {setupRequired ? (
                <a
                  className="badge warn"
                  href={`#/connectors/${connector.Id}/setup`}
                  title="Set the partner properties before accounts can connect"
                  aria-label={`Setup Required: set up ${connector.Name}`}
                >
                  Setup Required
                </a>
              ) : null}
            </div>
            <p>{connector.Description}</p>
            <p className="muted">
              {AUTH_LABELS[connector.AuthType] ?? connector.AuthType} · {connector.Categories.map((c) => c.Name).join(', ')}
            </p>
            <div className="actions">
              <a className="button secondary" href={`#/connectors/${connector.Id}/setup`} aria-label={`Setup ${connector.Name}`}>
                Setup
              </a>
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
