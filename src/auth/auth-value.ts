import type { AuthDefinition } from '../catalogue/schema.js';
import { maskSecret } from '../crypto/tokens.js';
import { badRequest } from '../errors.js';
import { type StoredToken, TOKEN_KEYS } from './token-set.js';

/** A credential secret as stored (sealed) and a hint of it that is safe to show. */
export interface ParsedAuthValue {
  secret: string;
  hint: string;
  /** For OAuth2: the parsed token, whose expiry is kept beside the secret. */
  token?: StoredToken;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Checks an install's `AuthValue` for the connector's auth type: the key itself for ApiKey,
 * base64 `username:password` for Basic, the token JSON for OAuth2.
 */
export function parseAuthValue(auth: AuthDefinition, value: string): ParsedAuthValue {
  switch (auth.Type) {
    case 'ApiKey':
      if (value.trim() === '') throw badRequest('AuthValue must be the API key');
      if (/[\r\n]/.test(value)) throw badRequest('AuthValue must not contain line breaks');
      return { secret: value, hint: maskSecret(value) };
    case 'Basic': {
      const decoded = BASE64.test(value) ? Buffer.from(value, 'base64').toString('utf8') : '';
      const colon = decoded.indexOf(':');
      if (colon < 1) throw badRequest('AuthValue must be base64 of username:password');
      return { secret: value, hint: `${decoded.slice(0, colon)}:****` };
    }
    case 'OAuth2':
      return parseTokenJson(value, auth.KeepTokenFields ?? []);
    case 'None':
      throw badRequest('This connector takes no AuthValue');
  }
}

function parseTokenJson(value: string, keep: string[]): ParsedAuthValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw badRequest('AuthValue must be a JSON string {"AccessToken","RefreshToken","Expires","RefreshExpires"}');
  }
  const token = parsed as Record<string, unknown>;
  if (token === null || typeof token !== 'object' || typeof token.AccessToken !== 'string' || token.AccessToken === '') {
    throw badRequest('AuthValue.AccessToken must be a non-empty string');
  }
  const allowed = new Set<string>([...TOKEN_KEYS, ...keep]);
  for (const [key, field] of Object.entries(token)) {
    if (!allowed.has(key)) throw badRequest(`AuthValue.${key} is not a token field (expected: ${[...allowed].join(', ')})`);
    if (field !== null && typeof field !== 'string') throw badRequest(`AuthValue.${key} must be a string`);
  }
  for (const key of ['Expires', 'RefreshExpires'] as const) {
    if (typeof token[key] === 'string' && Number.isNaN(Date.parse(token[key]))) {
      throw badRequest(`AuthValue.${key} must be a date, e.g. 2030-01-01T00:00:00Z`);
    }
  }
  const stored = Object.fromEntries(Object.entries(token).filter(([, field]) => field !== null)) as StoredToken;
  return { secret: JSON.stringify(stored), hint: maskSecret(stored.AccessToken), token: stored };
}
