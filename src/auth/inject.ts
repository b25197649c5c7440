import type { AuthDefinition } from '../catalogue/schema.js';
import type { StoredToken } from './token-set.js';

/** The parts of an outbound request a credential may add to. */
export interface Injectable {
  headers: Record<string, string>;
  url: URL;
}

/** A credential as the runtime holds it: the opened secret, and for OAuth2 the token already parsed. */
export interface HeldCredential {
  secret: string;
  token: StoredToken | null;
}

/** Adds the stored credential to an outbound request, the way the connector's auth type says. */
export function injectCredential(auth: AuthDefinition, { secret, token }: HeldCredential, request: Injectable): void {
  switch (auth.Type) {
    case 'ApiKey': {
      const value = `${auth.Prefix ?? ''}${secret}`;
      if (auth.In === 'header') request.headers[auth.Name.toLowerCase()] = value;
      else request.url.searchParams.set(auth.Name, value);
      return;
    }
    case 'Basic':
      request.headers.authorization = `Basic ${secret}`;
      return;
    case 'OAuth2':
      request.headers.authorization = `Bearer ${(token ?? (JSON.parse(secret) as StoredToken)).AccessToken}`;
      return;
    case 'None':
      return;
  }
}
