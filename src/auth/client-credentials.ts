import type { Connector } from '../catalogue/catalogue.js';
import { maskSecret } from '../crypto/tokens.js';
import { PatchbayError } from '../errors.js';
import type { ParsedAuthValue } from './auth-value.js';
import { describeOAuthError, type OAuthClient, oauthSettings } from './oauth-client.js';
import { tokenFromResponse } from './token-set.js';

/**
 * For a client-credentials connector, a first token from the provider, as the secret to store; undefined
 * for other connectors. A refusal answers 400 with the provider's reason, before anything is stored.
 */
export async function clientCredentialsToken(
  oauth: OAuthClient,
  connector: Connector,
  values: ReadonlyMap<string, string>,
  /** When the token is received (its expiry counts from it). */
  now: number,
): Promise<ParsedAuthValue | undefined> {
  const auth = connector.definition.Auth;
  if (auth.Type !== 'OAuth2' || auth.Flow !== 'ClientCredentials') return undefined;
  const settings = oauthSettings({ connector, values });
  try {
    const token = tokenFromResponse(await oauth.clientCredentials(settings), settings.keep, now);
    return { secret: JSON.stringify(token), hint: maskSecret(token.AccessToken), token };
  } catch (error) {
    if (error instanceof PatchbayError && error.code === 'PB_ERR_URL_REFUSED') throw error;
    throw new PatchbayError(
      'PB_ERR_AUTHENTICATION_FAILED',
      `${connector.definition.Name} refused the credentials: ${describeOAuthError(error)}`,
    );
  }
}
