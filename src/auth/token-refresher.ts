import { PatchbayError } from '../errors.js';
import type { AccountConnectors } from '../services/account-connectors.js';
import type { ResolvedInstall } from '../services/install-cache.js';
import { describeOAuthError, type OAuthClient, oauthErrorCode, oauthSettings } from './oauth-client.js';
import { expiresWithin, tokenFromResponse } from './token-set.js';

const isClientCredentials = (install: ResolvedInstall) => {
  const auth = install.connector.definition.Auth;
  return auth.Type === 'OAuth2' && auth.Flow === 'ClientCredentials';
};

/** Whether a new access token can be had without the user: with a refresh token, or by the client itself. */
const renewable = (install: ResolvedInstall) => install.token?.RefreshToken !== undefined || isClientCredentials(install);

/** Token-endpoint errors that mean the grant is gone for good: retrying cannot help (RFC 6749 §5.2). */
const FINAL_ERRORS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/**
 * Keeps OAuth access tokens fresh: before use when they expire within the margin, and after the provider
 * refuses one. Refreshes are single flight per install, so any number of concurrent calls on an expired
 * token cause one token request; the new pair is stored before anyone uses it.
 */
export class TokenRefresher {
  private readonly inFlight = new Map<number, Promise<ResolvedInstall>>();

  constructor(
    private readonly installs: AccountConnectors,
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

  private refresh(install: ResolvedInstall): Promise<ResolvedInstall> {
    const running = this.inFlight.get(install.id);
    if (running !== undefined) return running;
    const refreshing = this.run(install).finally(() => this.inFlight.delete(install.id));
    this.inFlight.set(install.id, refreshing);
    return refreshing;
  }

  private async run(install: ResolvedInstall): Promise<ResolvedInstall> {
    const current = await this.installs.resolve(install.accountId, install.id);
    // Someone refreshed since this caller read the install: the newer token is the answer.
    if (current.token !== null && current.token.AccessToken !== install.token?.AccessToken) return current;
    const token = current.token;
    if (!current.authenticated || token === null || !renewable(current)) {
      throw new PatchbayError(
        'PB_ERR_NOT_AUTHENTICATED',
        `Account connector '${current.name}' is not authenticated; authenticate it again`,
      );
    }
    const settings = oauthSettings(current);
    let response: Awaited<ReturnType<OAuthClient['refresh']>>;
    try {
      // A client-credentials token is simply asked for again; a user's grant is renewed with its refresh token.
      response = isClientCredentials(current)
        ? await this.client.clientCredentials(settings)
        : await this.client.refresh(settings, token.RefreshToken as string);
    } catch (error) {
      const code = oauthErrorCode(error);
      if (code !== undefined && FINAL_ERRORS.has(code)) {
        const reason = `The provider refused the ${isClientCredentials(current) ? 'client credentials' : 'refresh token'} (${describeOAuthError(error)})`;
        await this.installs.markRefused(current.id, reason);
        throw new PatchbayError('PB_ERR_NOT_AUTHENTICATED', `Account connector '${current.name}' must be authenticated again: ${reason}`);
      }
      throw new PatchbayError(
        'PB_ERR_TOKEN_REFRESH_FAILED',
        `The token for '${current.name}' could not be refreshed (${describeOAuthError(error)}); the stored tokens are kept, try again`,
      );
    }
    await this.installs.saveToken(current, tokenFromResponse(response, settings.keep, Date.now(), token));
    return this.installs.resolve(current.accountId, current.id);
  }
}
