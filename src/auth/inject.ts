import type { AuthDefinition } from '../catalogue/schema.js';

/** The parts of an outbound request a credential may add to. */
export interface Injectable {
  headers: Record<string, string>;
  url: URL;
}

/** Adds the stored credential to an outbound request, the way the connector's auth type says. */
export function injectCredential(auth: AuthDefinition, secret: string, request: Injectable): void {
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
      request.headers.authorization = `Bearer ${(JSON.parse(secret) as { AccessToken: string }).AccessToken}`;
      return;
    case 'None':
      return;
  }
}
