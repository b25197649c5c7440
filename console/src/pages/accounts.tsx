import { useState } from 'react';
import { api } from '../api';
import { FormActions, useAction } from '../forms';
import type { Account } from '../types';
import { Dialog, Empty, ErrorText, Field, Loading } from '../ui';
import { useLoad } from '../use-load';

const PAGE_SIZE = 20;

async function loadPage(page: number): Promise<{ accounts: Account[]; pages: number }> {
  const { data, headers } = await api<Account[]>('GET', `/v1.0/accounts?page=${page}&pageSize=${PAGE_SIZE}`);
  return { accounts: data, pages: Math.max(1, Number(headers.get('total-pages') ?? 1)) };
}

/** Accounts: the partner's customers, each with its own connectors and credentials. */
export function Accounts() {
  const [page, setPage] = useState(1);
  const list = useLoad(() => loadPage(page), String(page));
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Account>();
  return (
    <main>
      <h1>Accounts</h1>
      <div className="toolbar">
        <button type="button" onClick={() => setCreating(true)}>
          Create account
        </button>
      </div>
      {list.loading && !list.data ? <Loading what="accounts" /> : null}
      <ErrorText error={list.error} />
      {list.data && list.data.accounts.length === 0 ? <Empty>No accounts yet. Create one for each of your customers.</Empty> : null}
      {list.data && list.data.accounts.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Id</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.accounts.map((account) => (
              <tr key={account.Id}>
                <td>
                  <a href={`#/accounts/${encodeURIComponent(account.Id)}`}>{account.Name}</a>
                </td>
                <td>
                  <code>{account.Id}</code>
                </td>
                <td>{new Date(account.CreatedDate).toLocaleDateString()}</td>
                <td>
                  <button type="button" className="danger" onClick={() => setDeleting(account)} aria-label={`Delete ${account.Name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.data && list.data.pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span>
            Page {page} of {list.data.pages}
          </span>
          <button type="button" className="secondary" disabled={page >= list.data.pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      ) : null}
      {creating ? (
        <CreateAccount
          onClose={() => setCreating(false)}
          onCreated={(account) => {
            setCreating(false);
            window.location.hash = `#/accounts/${encodeURIComponent(account.Id)}`;
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteAccount
          account={deleting}
          onClose={() => setDeleting(undefined)}
          onDeleted={() => {
            setDeleting(undefined);
            list.reload();
          }}
        />
      ) : null}
    </main>
  );
}

function CreateAccount({ onClose, onCreated }: { onClose: () => void; onCreated: (account: Account) => void }) {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const action = useAction(async () => {
    const body = { Name: name.trim(), Id: id.trim() === '' ? undefined : id.trim() };
    onCreated((await api<Account>('POST', '/v1.0/accounts', { body })).data);
  });
  return (
    <Dialog title="Create account" onClose={onClose}>
      <form onSubmit={action.submit}>
        <Field label="Name" name="Name" value={name} onChange={setName} required autoFocus />
        <Field label="Id" name="Id" value={id} onChange={setId} hint="Your own id for this customer; left blank, Patchbay makes one." />
        <FormActions error={action.error} onCancel={onClose} label="Create" busyLabel="Creating…" busy={action.busy} />
      </form>
    </Dialog>
  );
}

function DeleteAccount({ account, onClose, onDeleted }: { account: Account; onClose: () => void; onDeleted: () => void }) {
  const action = useAction(async () => {
    await api('DELETE', `/v1.0/accounts/${encodeURIComponent(account.Id)}`);
    onDeleted();
  });
  return (
    <Dialog title={`Delete ${account.Name}?`} onClose={onClose}>
      <p>The account’s connectors and credentials are deleted with it. This cannot be undone.</p>
      <ErrorText error={action.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => action.submit()} disabled={action.busy}>
          Delete account
        </button>
      </div>
    </Dialog>
  );
}
