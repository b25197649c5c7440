import { PatchbayError } from '../errors.js';
import type { Credentials } from '../services/credentials.js';
import type { ResolvedInstall } from '../services/install-cache.js';
import { describeOAuthError, type OAuthClient, oauthErrorCode, oauthSettings } from './oauth-client.js';
import { expiresWithin, type StoredToken, tokenFromResponse } from './token-set.js';

const isClientCredentials = (install: ResolvedInstall) => {
  const auth = install.connector.definition.Auth;
  return auth.Type === 'OAuth2' && auth.Flow === 'ClientCredentials';
};

/** Whether a new access token can be had without the user: with a refresh token, or by the client itself. */
const renewable = (install: ResolvedInstall, token = install.token) => token?.RefreshToken !== undefined || isClientCredentials(install);

/** Token-endpoint errors that mean the grant is gone for good: retrying cannot help (RFC 6749 §5.2). */
const FINAL_ERRORS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/**
 * Keeps OAuth access tokens fresh: before use when they expire within the margin, and after the provider
 * refuses one. Refreshes are single flight per install, so any number of concurrent calls on an expired
 * token cause one token request; the new pair is stored before anyone uses it.
 */
export class TokenRefresher {
  /** Refreshes under way, by credential: installs sharing a credential share its refresh. */
  private readonly inFlight = new Map<number, Promise<StoredToken>>();

  constructor(
    private readonly credentials: Credentials,
    private readonly client: OAuthClient,
    private readonly marginSeconds: number,
  ) {}

  /** The install to call with: refreshed first when its access token is about to expire. */
  async ready(install: ResolvedInstall): Promise<ResolvedInstall> {
    const token = install.token;
    if (token === null || !renewable(install) || !expiresWithin(token, this.marginSeconds, Date.now())) return install;
    return this.refresh(install);
  }

  /** After the provider answered 401 to this install's token: a fresh install to retry once with, or null when none can be had. */
  async afterRejection(install: ResolvedInstall): Promise<ResolvedInstall | null> {
    if (install.token === null || !renewable(install)) return null;
    return this.refresh(install);
  }

  private async refresh(install: ResolvedInstall): Promise<ResolvedInstall> {
    const credentialId = install.credentialId;
    if (credentialId === null) {
      throw new PatchbayError(
        'PB_ERR_NOT_AUTHENTICATED',
        `Account connector '${install.name}' is not authenticated; authenticate it again`,
      );
    }
    let refreshing = this.inFlight.get(credentialId);
    if (refreshing === undefined) {
      refreshing = this.run(install, credentialId).finally(() => this.inFlight.delete(credentialId));
      this.inFlight.set(credentialId, refreshing);
    }
    return withToken(install, await refreshing);
  }

  private async run(install: ResolvedInstall, credentialId: number): Promise<StoredToken> {
    const token = await this.credentials.token(install.accountId, credentialId);
    // Someone refreshed since this caller read the install: the newer token is the answer.
    if (token !== null && token.AccessToken !== install.token?.AccessToken) return token;
    if (token === null || !renewable(install, token)) {
      throw new PatchbayError(
        'PB_ERR_NOT_AUTHENTICATED',
        `Account connector '${install.name}' is not authenticated; authenticate it again`,
      );
    }
    const settings = oauthSettings(install);
    let response: Awaited<ReturnType<OAuthClient['refresh']>>;
    try {
      // A client-credentials token is simply asked for again; a user's grant is renewed with its refresh token.
      response = isClientCredentials(install)
        ? await this.client.clientCredentials(settings)
        : await this.client.refresh(settings, token.RefreshToken as string);
    } catch (error) {
      const code = oauthErrorCode(error);
      if (code !== undefined && FINAL_ERRORS.has(code)) {
        const reason = `The provider refused the ${isClientCredentials(install) ? 'client credentials' : 'refresh token'} (${describeOAuthError(error)})`;
        await this.credentials.markRefused(credentialId, reason);
        throw new PatchbayError('PB_ERR_NOT_AUTHENTICATED', `Account connector '${install.name}' must be authenticated again: ${reason}`);
      }
      throw new PatchbayError(
        'PB_ERR_TOKEN_REFRESH_FAILED',
        `The token for '${install.name}' could not be refreshed (${describeOAuthError(error)}); the stored tokens are kept, try again`,
      );
    }
    const next = tokenFromResponse(response, settings.keep, Date.now(), token);
    await this.credentials.saveToken(install.accountId, credentialId, next);
    return next;
  }
}

/** The same install with a new token: its secret, and the token fields its templates use. */
function withToken(install: ResolvedInstall, token: StoredToken): ResolvedInstall {
  const values = new Map(install.values);
  const auth = install.connector.definition.Auth;
  for (const name of auth.Type === 'OAuth2' ? (auth.KeepTokenFields ?? []) : []) {
    const kept = token[name];
    if (kept !== undefined) values.set(name, kept);
  }
  return { ...install, authenticated: true, authError: null, secret: JSON.stringify(token), token, values };
}
