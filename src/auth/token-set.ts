import type { TokenEndpointResponse } from 'oauth4webapi';
import type { AuthDefinition } from '../catalogue/schema.js';

/**
 * An OAuth token pair as stored (sealed) in a credential. The same JSON is accepted as an install's
 * `AuthValue`. Token-response fields the connector keeps (Pipedrive `api_domain`, Capsule `subdomain`)
 * sit beside the tokens under their own names, so templates can use them.
 */
export interface StoredToken {
  AccessToken: string;
  RefreshToken?: string;
  /** ISO 8601 expiry of the access token, when the provider said. */
  Expires?: string;
  RefreshExpires?: string;
  [keptField: string]: string | undefined;
}

export const TOKEN_KEYS = ['AccessToken', 'RefreshToken', 'Expires', 'RefreshExpires'] as const;

/**
 * The token to store after a token-endpoint answer (RFC 6749 §5.1). A provider that does not rotate
 * may leave `refresh_token` out of a refresh answer: the previous one stays. Kept fields likewise.
 */
export function tokenFromResponse(
  response: TokenEndpointResponse,
  keep: readonly string[],
  now: number,
  previous?: StoredToken,
): StoredToken {
  const token: StoredToken = { AccessToken: response.access_token };
  const refresh = response.refresh_token ?? previous?.RefreshToken;
  if (refresh !== undefined) token.RefreshToken = refresh;
  if (typeof response.expires_in === 'number') token.Expires = new Date(now + response.expires_in * 1000).toISOString();
  if (previous?.RefreshExpires !== undefined && response.refresh_token === undefined) token.RefreshExpires = previous.RefreshExpires;
  for (const name of keep) {
    const value = response[name] ?? previous?.[name];
    if (typeof value === 'string') token[name] = value;
  }
  return token;
}

export function parseStoredToken(secret: string): StoredToken {
  return JSON.parse(secret) as StoredToken;
}

/** Whether the access token expires within `marginSeconds` (a token without an expiry is used until refused). */
export function expiresWithin(token: StoredToken, marginSeconds: number, now: number): boolean {
  return token.Expires !== undefined && Date.parse(token.Expires) - marginSeconds * 1000 <= now;
}

/** The token fields the connector keeps for its templates (Pipedrive's `api_domain`), as values. */
export function keptFields(auth: AuthDefinition, token: StoredToken | null): [string, string][] {
  if (auth.Type !== 'OAuth2' || token === null) return [];
  return (auth.KeepTokenFields ?? []).flatMap((name): [string, string][] => {
    const kept = token[name];
    return kept === undefined ? [] : [[name, kept]];
  });
}
