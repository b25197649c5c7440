import { useState } from 'react';
import { api, get } from '../api';
import { FormActions, useAction } from '../forms';
import type { InstallCategory, Reply } from '../types';
import { Dialog, ErrorText, Loading } from '../ui';
import { useLoad } from '../use-load';

/**
 * The install's categories. Expanding one shows its methods; a customisable one (Caspio's Tables) can be
 * copied for an object, and the copy appears marked with a star, with the object's fields.
 */
export function Categories(props: { accountId: string; installId: string; onCopied: () => void }) {
  const base = `/v1.0/account/connectors/${props.installId}/categories`;
  const categories = useLoad(() => get<InstallCategory[]>(base, { account: props.accountId }), base);
  const [copying, setCopying] = useState<InstallCategory>();
  return (
    <section aria-labelledby="categories-title">
      <h2 id="categories-title">Categories</h2>
      {categories.loading && !categories.data ? <Loading what="categories" /> : null}
      <ErrorText error={categories.error} />
      <ul className="rows">
        {(categories.data ?? []).map((category) => (
          <li key={category.Id} className="install">
            <details>
              <summary>
                {category.Name}
                {category.IsCustomisable ? <span className="muted"> · can be copied for an object</span> : null}
              </summary>
              {category.Description ? <p className="muted">{category.Description}</p> : null}
              {category.IsCustomisable ? (
                <div className="actions start">
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Copy ${category.Name} for an object`}
                    onClick={() => setCopying(category)}
                  >
                    ★ Copy
                  </button>
                </div>
              ) : null}
              <ul>
                {category.Methods.map((method) => (
                  <li key={method.Id}>{method.Name}</li>
                ))}
              </ul>
            </details>
            {category.CustomCategories.map((custom) => (
              <details key={custom.Id} className="custom">
                <summary>
                  <span aria-hidden="true">★</span>
                  <span className="visually-hidden">Custom category</span> {custom.Name}
                </summary>
                <table>
                  <caption className="visually-hidden">Fields of {custom.ObjectName}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Type</th>
                      <th scope="col">Read-only</th>
                    </tr>
                  </thead>
                  <tbody>
                    {custom.Fields.map((field) => (
                      <tr key={field.Name}>
                        <td>{field.Name}</td>
                        <td>
                          {field.DataType}
                          {field.ProviderType ? <span className="muted"> ({field.ProviderType})</span> : null}
                        </td>
                        <td>{field.ReadOnly ? 'yes' : ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <ul>
                  {custom.Methods.map((method) => (
                    <li key={method.Id}>{method.Name}</li>
                  ))}
                </ul>
              </details>
            ))}
          </li>
        ))}
      </ul>
      {copying ? (
        <CopyCategory
          accountId={props.accountId}
          base={base}
          category={copying}
          onClose={() => setCopying(undefined)}
          onCopied={() => {
            setCopying(undefined);
            categories.reload();
            props.onCopied();
          }}
        />
      ) : null}
    </section>
  );
}

function CopyCategory(props: { accountId: string; base: string; category: InstallCategory; onClose: () => void; onCopied: () => void }) {
  const path = `${props.base}/${encodeURIComponent(props.category.Id)}/objects`;
  const objects = useLoad(() => get<Reply<'listCategoryObjects'>>(path, { account: props.accountId }), path);
  const [object, setObject] = useState('');
  const action = useAction(async () => {
    await api('POST', `${props.base}/${encodeURIComponent(props.category.Id)}/custom`, {
      account: props.accountId,
      body: { ObjectName: object },
    });
    props.onCopied();
  });
  return (
    <Dialog title={`Copy ${props.category.Name}`} onClose={props.onClose}>
      <form onSubmit={action.submit}>
        <p className="muted">The copy's methods are bound to one object, and check fields against its fields.</p>
        {objects.loading ? <Loading what="objects" /> : null}
        <ErrorText error={objects.error} />
        <div className="field">
          <label htmlFor="copy-object">Object</label>
          <select id="copy-object" value={object} onChange={(event) => setObject(event.target.value)} required>
            <option value="">Choose…</option>
            {(objects.data ?? []).map((item) => (
              <option key={item.Name} value={item.Name}>
                {item.Name}
              </option>
            ))}
          </select>
        </div>
        <FormActions
          error={action.error}
          onCancel={props.onClose}
          label="Copy"
          busyLabel="Copying…"
          busy={action.busy}
          disabled={object === ''}
        />
      </form>
    </Dialog>
  );
}
