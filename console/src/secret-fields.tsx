import type { Connector } from './types';
import { Field } from './ui';

export interface Secret {
  apiKey: string;
  username: string;
  password: string;
}
export const NO_SECRET: Secret = { apiKey: '', username: '', password: '' };

/** The AuthValue the API takes: the API key, or base64 of username:password; undefined when none was typed. */
export function authValueOf(authType: Connector['AuthType'], secret: Secret): string | undefined {
  if (authType === 'ApiKey' && secret.apiKey.trim() !== '') return secret.apiKey.trim();
  if (authType === 'Basic' && secret.username !== '') return btoa(`${secret.username}:${secret.password}`);
  return undefined;
}

/** The secret fields an auth type asks for (none for OAuth 2.0 and None). */
export function SecretFields(props: { authType: Connector['AuthType']; secret: Secret; onChange: (secret: Secret) => void }) {
  const set = (key: keyof Secret) => (value: string) => props.onChange({ ...props.secret, [key]: value });
  if (props.authType === 'ApiKey') {
    return <Field label="API key" name="AuthValue" type="password" value={props.secret.apiKey} onChange={set('apiKey')} />;
  }
  if (props.authType !== 'Basic') return null;
  return (
    <>
      <Field label="Username" name="username" value={props.secret.username} onChange={set('username')} />
      <Field label="Password" name="password" type="password" value={props.secret.password} onChange={set('password')} />
    </>
  );
}
