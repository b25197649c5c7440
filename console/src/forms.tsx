import { type FormEvent, useId, useState } from 'react';
import { get } from './api';
import type { Connector, Setup } from './types';
import { ErrorText, Field } from './ui';
import { useLoad } from './use-load';

/**
 * A form's submit: runs `action`, keeping `busy` while it runs and the error it threw (in the server's
 * words) until the next try.
 */
export function useAction(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

/** A dialog form's last row: the error, Cancel, and the submit button. */
export function FormActions(props: {
  error: Error | undefined;
  onCancel: () => void;
  label: string;
  busyLabel: string;
  busy: boolean;
  disabled?: boolean;
}) {
  return (
    <>
      <ErrorText error={props.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={props.busy || props.disabled === true}>
          {props.busy ? props.busyLabel : props.label}
        </button>
      </div>
    </>
  );
}

/** The catalogue's connectors, the one chosen, and its setup (which says what is asked at install). */
export function useConnectorChoice() {
  const connectors = useLoad(() => get<Connector[]>('/v1.0/connectors'), 'connectors');
  const [connectorId, setConnectorId] = useState('');
  const setup = useLoad(
    () => (connectorId ? get<Setup>(`/v1.0/connectors/${connectorId}/setup`) : Promise.resolve(undefined)),
    connectorId,
  );
  return {
    connectors,
    connectorId,
    setConnectorId,
    connector: connectors.data?.find((c) => String(c.Id) === connectorId),
    /** The partner's setup of the chosen connector (values of sensitive properties masked). */
    setup: setup.data,
    /** The partner properties the setup left blank: each account gives its own. */
    askedAtInstall: (setup.data?.Properties ?? []).filter((p) => setup.data?.AskedAtInstall.includes(p.Name)),
  };
}

export function ConnectorSelect(props: { id: string; choice: ReturnType<typeof useConnectorChoice>; onChange?: () => void }) {
  const { choice } = props;
  return (
    <>
      <div className="field">
        <label htmlFor={props.id}>Connector</label>
        <select
          id={props.id}
          value={choice.connectorId}
          onChange={(event) => {
            choice.setConnectorId(event.target.value);
            props.onChange?.();
          }}
          required
        >
          <option value="">Choose a connector…</option>
          {(choice.connectors.data ?? []).map((c) => (
            <option key={c.Id} value={c.Id}>
              {c.Name}
            </option>
          ))}
        </select>
      </div>
      <ErrorText error={choice.connectors.error} />
    </>
  );
}

interface PropertyField {
  Name: string;
  DisplayName: string;
  Description: string | null;
  IsSensitive: boolean;
  /** The values a property may take, when its connector lists them. */
  Choices?: { Value: string; Label: string }[] | null;
}

/** A property with Choices: one of them, or none (left to each account). */
function ChoiceField(props: {
  property: PropertyField;
  value: string;
  placeholder?: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const { property } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{property.DisplayName}</label>
      {property.Description ? <small className="muted">{property.Description}</small> : null}
      <select id={id} name={property.Name} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">{props.placeholder || 'Not set'}</option>
        {(property.Choices ?? []).map((choice) => (
          <option key={choice.Value} value={choice.Value}>
            {choice.Label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One input per property (sensitive ones as password fields). */
export function PropertyFields<P extends PropertyField>(props: {
  properties: P[];
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  /** What an empty input shows, e.g. that a value is stored. */
  placeholder?: (property: P) => string;
}) {
  return props.properties.map((property) =>
    property.Choices ? (
      <ChoiceField
        key={property.Name}
        property={property}
        value={props.values[property.Name] ?? ''}
        placeholder={props.placeholder?.(property)}
        onChange={(value) => props.onChange({ ...props.values, [property.Name]: value })}
      />
    ) : (
      <Field
        key={property.Name}
        label={property.DisplayName}
        name={property.Name}
        type={property.IsSensitive ? 'password' : 'text'}
        hint={property.Description ?? undefined}
        placeholder={props.placeholder?.(property)}
        value={props.values[property.Name] ?? ''}
        onChange={(value) => props.onChange({ ...props.values, [property.Name]: value })}
      />
    ),
  );
}

/** The API's `Properties` for the values typed into these fields; undefined when none was. */
export function propertyInput(properties: PropertyField[], values: Record<string, string>) {
  const filled = properties.filter((p) => (values[p.Name] ?? '') !== '').map((p) => ({ Name: p.Name, Value: values[p.Name] as string }));
  return filled.length > 0 ? filled : undefined;
}
