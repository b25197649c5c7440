import { type FormEvent, useState } from 'react';
import { get, type RawAnswer, raw } from '../api';
import type { Method } from '../types';
import { ErrorText, Field, Loading } from '../ui';
import { useLoad } from '../use-load';

/** Values typed into the tester, by name; blank ones are not sent. */
const filled = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));

/**
 * The method tester: pick a method of the install, fill its parameters and fields from their definitions,
 * run it through the same API a partner's product calls, and see the status, the time and the JSON.
 */
export function Tester(props: { accountId: string; installId: string; version: number }) {
  const path = `/v1.0/account/connectors/${props.installId}/methods`;
  const methods = useLoad(() => get<Method[]>(path, { account: props.accountId }), `${path}#${props.version}`);
  const [methodId, setMethodId] = useState('');
  const [parameters, setParameters] = useState<Record<string, string>>({});
  const [fields, setFields] = useState<Record<string, string>>({});
  const [allPages, setAllPages] = useState(false);
  const [answer, setAnswer] = useState<RawAnswer>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const method = methods.data?.find((m) => m.Id === methodId);
  const categories = [...new Set((methods.data ?? []).map((m) => m.Category))];

  const choose = (id: string) => {
    setMethodId(id);
    setParameters({});
    setFields({});
    setAnswer(undefined);
  };
  const run = async (event: FormEvent) => {
    event.preventDefault();
    if (!method) return;
    setBusy(true);
    setError(undefined);
    try {
      setAnswer(
        await raw('POST', `${path}/${encodeURIComponent(method.Id)}`, {
          account: props.accountId,
          body: { Parameters: filled(parameters), Fields: filled(fields), AllPages: allPages },
        }),
      );
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="tester-title">
      <h2 id="tester-title">Method tester</h2>
      {methods.loading && !methods.data ? <Loading what="methods" /> : null}
      <ErrorText error={methods.error} />
      <form onSubmit={run}>
        <div className="field">
          <label htmlFor="tester-method">Method</label>
          <select id="tester-method" value={methodId} onChange={(event) => choose(event.target.value)} required>
            <option value="">Choose a method…</option>
            {categories.map((category) => (
              <optgroup key={category} label={category}>
                {(methods.data ?? [])
                  .filter((m) => m.Category === category)
                  .map((m) => (
                    <option key={m.Id} value={m.Id}>
                      {m.Id.includes('@') ? `★ ${m.Name} (${m.Id})` : m.Name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        {method ? (
          <>
            <p className="muted">
              <code>{method.HttpMethod}</code> {method.Description}
            </p>
            {method.Parameters.length > 0 ? <h3>Parameters</h3> : null}
            {method.Parameters.map((parameter) => (
              <Field
                key={parameter.Name}
                label={parameter.Name}
                name={`parameter-${parameter.Name}`}
                hint={`${parameter.DataType}, in ${parameter.Location}${parameter.Description ? `: ${parameter.Description}` : ''}`}
                required={!parameter.IsOptional}
                value={parameters[parameter.Name] ?? ''}
                onChange={(value) => setParameters((all) => ({ ...all, [parameter.Name]: value }))}
              />
            ))}
            {method.Fields.some((f) => !f.IsReadOnly) ? <h3>Fields</h3> : null}
            {method.Fields.filter((f) => !f.IsReadOnly).map((field) => (
              <Field
                key={field.Name}
                label={field.Name}
                name={`field-${field.Name}`}
                hint={`${field.DataType}${field.Description ? `: ${field.Description}` : ''}`}
                required={!field.IsOptional}
                value={fields[field.Name] ?? ''}
                onChange={(value) => setFields((all) => ({ ...all, [field.Name]: value }))}
              />
            ))}
            {method.Paginated ? (
              <label className="check">
                <input type="checkbox" checked={allPages} onChange={(event) => setAllPages(event.target.checked)} /> Every page
              </label>
            ) : null}
          </>
        ) : null}
        <ErrorText error={error} />
        <div className="actions">
          <button type="submit" disabled={!method || busy}>
            {busy ? 'Running…' : 'Run'}
          </button>
        </div>
      </form>
      {answer ? (
        <div className="answer" aria-live="polite">
          <p>
            <span className={answer.status < 400 ? 'badge ok' : 'badge warn'}>Status {answer.status}</span>{' '}
            <span className="muted">{Math.round(answer.ms)} ms</span>
          </p>
          <section aria-label="Response">
            <pre>{JSON.stringify(answer.body, null, 2)}</pre>
          </section>
        </div>
      ) : null}
    </section>
  );
}
