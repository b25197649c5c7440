import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

/** An error in plain words, announced to screen readers, next to what caused it. */
export function ErrorText({ error }: { error: Error | string | undefined }) {
  if (error === undefined) return null;
  return (
    <p className="error" role="alert">
      {typeof error === 'string' ? error : error.message}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A labelled input; `hint` explains it under the label. */
export function Field(props: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'url';
  hint?: string;
  required?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <div className="label-row">
        <label htmlFor={id}>{props.label}</label>
        {/* The input says it is required to assistive technology; the star says it to the eye. */}
        {props.required ? (
          <span className="required" aria-hidden="true">
            *
          </span>
        ) : null}
      </div>
      {props.hint ? (
        <small id={`${id}-hint`} className="muted">
          {props.hint}
        </small>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        placeholder={props.placeholder}
        autoComplete={props.type === 'password' ? 'new-password' : 'off'}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        // biome-ignore lint/a11y/noAutofocus: the first field of a dialog or form the user just opened
        autoFocus={props.autoFocus}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </div>
  );
}

/**
 * A modal dialog (the browser's own: focus stays inside). React decides when it shows: Escape asks to
 * close it through `onClose`, and nothing else closes it behind React's back.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/** Copies `text` to the clipboard and says so. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="secondary"
      aria-label={label}
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => {
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          },
          () => setCopied(false),
        )
      }
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** The connector's icon, or its initial when the connector file has none or the image does not load. */
export function ConnectorIcon({ name, icon }: { name: string; icon: string }) {
  const [failed, setFailed] = useState(false);
  if (icon && !failed) return <img className="icon" src={icon} alt="" onError={() => setFailed(true)} />;
  return (
    <span className="icon" aria-hidden="true">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

export const AUTH_LABELS: Record<string, string> = {
  None: 'No authentication',
  ApiKey: 'API key',
  Basic: 'Username and password',
  OAuth2: 'OAuth 2.0',
};
