import { useState } from 'react';
import { get } from '../api';
import type { AccountConnector } from '../types';
import { ErrorText, Loading } from '../ui';
import { useLoad } from '../use-load';
import { Categories } from './categories';
import { Tester } from './tester';

/** One installed connector: its categories (and the copies made for objects), and the method tester. */
export function Install({ accountId, installId }: { accountId: string; installId: string }) {
  const install = useLoad(
    () => get<AccountConnector>(`/v1.0/account/connectors/${installId}`, { account: accountId }),
    `${accountId}/${installId}`,
  );
  // A copied category brings methods: the tester lists them again.
  const [copies, setCopies] = useState(0);
  if (install.loading && !install.data) return <Loading what="the connector" />;
  if (!install.data) return <ErrorText error={install.error} />;
  return (
    <main>
      <p>
        <a href={`#/accounts/${encodeURIComponent(accountId)}`}>← Account</a>
      </p>
      <h1>{install.data.Name}</h1>
      <p className="muted">
        {install.data.Connector?.Name ?? 'No longer in the catalogue'} ·{' '}
        {install.data.Authenticated ? 'authenticated' : 'not authenticated'}
      </p>
      <Categories accountId={accountId} installId={installId} onCopied={() => setCopies((n) => n + 1)} />
      <Tester accountId={accountId} installId={installId} version={copies} />
    </main>
  );
}
