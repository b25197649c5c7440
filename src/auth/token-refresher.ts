import type { Clock } from '../clock.js';
import { PatchbayError } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import type { CredentialStore } from './credential-store.js';
import { describeOAuthError, type OAuthClient, oauthErrorCode, oauthSettings } from './oauth-client.js';
import { expiresWithin, keptFields, type StoredToken, tokenFromResponse } from './token-set.js';

const isClientCredentials = (install: ResolvedInstall) => {
  const auth = install.connector.definition.Auth;
  return auth.Type === 'OAuth2' && auth.Flow === 'ClientCredentials';
};

/** Whether a new access token can be had without the user: with a refresh token, or by the client itself. */
const renewable = (install: ResolvedInstall, token = install.token) => token?.RefreshToken !== undefined || isClientCredentials(install);

/** Token-endpoint errors that mean the grant is gone for good: retrying cannot help (RFC 6749 §5.2). */
const FINAL_ERRORS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client']);

/** How often a node waiting on another node's refresh looks for the new token. */
const POLL_MS = 50;

export interface RefreshTiming {
  /** An access token this close to expiry is refreshed before use. */
  marginSeconds: number;
  /** How long a node may hold a credential's refresh lease: longer than a token request can take. */
  leaseMs: number;
}

/** Told, after each refresh, how long the new token waited between the provider's answer and its commit. */
export type StoreWindowObserver = (credentialId: number, ms: number) => void;

/**
 * Keeps OAuth access tokens fresh: before use when they expire within the margin, and after the provider
 * refuses one. Refreshes are single flight per credential: within a node through one shared promise, and
 * across nodes through a lease on the credential row, so any number of concurrent calls on an expired
 * token cause one token request. The new pair is stored before anyone uses it, and before anything else
 * is done with it: a rotating provider has already forgotten the old refresh token, so until the commit
 * the credential lives only in this process's memory.
 */
export class TokenRefresher {
  /** Refreshes under way, by credential: installs sharing a credential share its refresh. */
  private readonly inFlight = new Map<number, Promise<StoredToken>>();
  constructor(
    private readonly credentials: CredentialStore,
    private readonly client: OAuthClient,
    private readonly timing: RefreshTiming,
    private readonly clock: Clock,
    /** This node's identity, the name on the leases it holds. */
    private readonly owner: string,
    private readonly onStored: StoreWindowObserver = () => {},
  ) {}

  /** The install to call with: refreshed first when its access token is about to expire. */
  async ready(install: ResolvedInstall): Promise<ResolvedInstall> {
    return this.isFresh(install, this.timing.marginSeconds) ? install : this.refresh(install);
  }

  /** The install with a token that lasts at least `seconds` more (the refresh sweep looks ahead). */
  async freshFor(install: ResolvedInstall, seconds: number): Promise<ResolvedInstall> {
    return this.isFresh(install, seconds) ? install : this.refresh(install);
  }

  private isFresh(install: ResolvedInstall, seconds: number): boolean {
    const token = install.token;
    return token === null || !renewable(install) || !expiresWithin(token, seconds, this.clock.now());
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
    const deadline = this.clock.now() + 2 * this.timing.leaseMs;
    for (;;) {
      const token = await this.credentials.token(install.accountId, credentialId);
      // Someone (on this node or another) refreshed since this caller read the install: the newer token is the answer.
      if (token !== null && token.AccessToken !== install.token?.AccessToken) return token;
      if (token === null || !renewable(install, token)) {
        throw new PatchbayError(
          'PB_ERR_NOT_AUTHENTICATED',
          `Account connector '${install.name}' is not authenticated; authenticate it again`,
        );
      }
      if (await this.credentials.claimRefresh(credentialId, this.owner, this.timing.leaseMs)) {
        try {
          // Read again under the lease: a node that finished just before the claim has stored a newer pair,
          // and a superseded refresh token must never be sent.
          const current = await this.credentials.token(install.accountId, credentialId);
          if (current === null) {
            throw new PatchbayError(
              'PB_ERR_NOT_AUTHENTICATED',
              `Account connector '${install.name}' is not authenticated; authenticate it again`,
            );
          }
          if (current.AccessToken !== token.AccessToken) return current;
          return await this.renew(install, credentialId, token);
        } finally {
          await this.credentials.releaseRefresh(credentialId, this.owner);
        }
      }
      // Another node holds the lease: wait for the token it stores, or for its lease to lapse if it died.
      if (this.clock.now() > deadline) {
        throw new PatchbayError(
          'PB_ERR_TOKEN_REFRESH_FAILED',
          `The token for '${install.name}' is being refreshed elsewhere and did not arrive in time; try again`,
        );
      }
      await this.clock.sleep(POLL_MS);
    }
  }

  /** One token request, under the lease; the new token is stored before it is returned. */
  private async renew(install: ResolvedInstall, credentialId: number, token: StoredToken): Promise<StoredToken> {
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
        // A node taken for dead while it was still refreshing may have stored a newer pair meanwhile:
        // the refusal is of a superseded token then, and the credential is still good.
        const current = await this.credentials.token(install.accountId, credentialId);
        if (current !== null && current.AccessToken !== token.AccessToken) return current;
        const reason = `The provider refused the ${isClientCredentials(install) ? 'client credentials' : 'refresh token'} (${describeOAuthError(error)})`;
        await this.credentials.markRefused(credentialId, reason);
        throw new PatchbayError('PB_ERR_NOT_AUTHENTICATED', `Account connector '${install.name}' must be authenticated again: ${reason}`);
      }
      throw new PatchbayError(
        'PB_ERR_TOKEN_REFRESH_FAILED',
        `The token for '${install.name}' could not be refreshed (${describeOAuthError(error)}); the stored tokens are kept, try again`,
      );
    }
    const answered = performance.now();
    const next = tokenFromResponse(response, settings.keep, this.clock.now(), token);
    await this.credentials.saveToken(install.accountId, credentialId, next);
    this.onStored(credentialId, performance.now() - answered);
    return next;
  }
}

/** The same install with a new token: its secret, and the token fields its templates use. */
function withToken(install: ResolvedInstall, token: StoredToken): ResolvedInstall {
  const values = new Map([...install.values, ...keptFields(install.connector.definition.Auth, token)]);
  return { ...install, authenticated: true, authError: null, secret: JSON.stringify(token), token, values };
}
