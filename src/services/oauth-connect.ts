import * as oauth from 'oauth4webapi';
import { describeOAuthError, type OAuthClient, oauthSettings } from '../auth/oauth-client.js';
import { tokenFromResponse } from '../auth/token-set.js';
import type { Clock } from '../clock.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { hashToken, randomToken } from '../crypto/tokens.js';
import type { Egress } from '../egress/egress.js';
import { badRequest, type ErrorCode, PatchbayError } from '../errors.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';
import type { Db } from '../store/database.js';
import { insertOAuthSession, spendOAuthSession } from '../store/sessions.js';
import type { AccountConnectors } from './account-connectors.js';
import { callbackUrl } from './connector-setup.js';
import { type Credentials, sealContext } from './credentials.js';
import type { SigninTokens } from './signin-tokens.js';

export const OAUTH_SESSION_LIFETIME_SECONDS = 600;

/** What a popup authorizes: an account connector (`id`), or a credential on its own (`credentialId`); exactly one. */
export interface ConnectRequest {
  id?: number | undefined;
  credentialId?: number | undefined;
  token: string;
  targetOrigin: string;
  callbackMessage?: string | undefined;
}

/** Where and how the browser reports the outcome: a postMessage with the callback message, or a redirect. */
export interface Report {
  targetOrigin: string;
  callbackMessage: string | null;
}

/**
 * A secret the browser that starts a flow keeps (in a cookie) and shows again at the callback. For a
 * provider without PKCE nothing else ties the callback to the browser that began: without it, a state
 * could be completed from another browser. `key` names it, derived from the state, so that several flows
 * in one browser each keep their own.
 */
export interface BrowserBinding {
  key: string;
  secret: string;
}

/** The name of the binding for a flow's state, as the callback learns it from the state alone. */
export const bindingKey = (state: string) => hashToken(`binding:${state}`).slice(0, 16);

export type CallbackOutcome = { ok: true; report: Report } | { ok: false; report: Report; code: ErrorCode; message: string };

/**
 * The browser side of the OAuth 2.0 authorization code flow: a sign-in token opens a single-use session
 * (state, PKCE verifier, where to report) and sends the browser to the provider; the callback consumes
 * the session, exchanges the code and stores the tokens. A credential is authorized the same way, with its
 * own app and scope, and every install naming it is authenticated by the one token.
 */
export class OAuthConnect {
  constructor(
    private readonly db: Db,
    private readonly installs: AccountConnectors,
    private readonly credentials: Credentials,
    private readonly signins: SigninTokens,
    private readonly client: OAuthClient,
    private readonly egress: Egress,
    private readonly box: SecretBox,
    private readonly options: { publicUrl: string; allowedOrigins: ReadonlySet<string> },
    private readonly clock: Clock,
  ) {}

  /**
   * Where to report to, if the partner allowed its origin: an origin, or a full URL below it (Cyclr's
   * redirect form, `https://app.example.com/complete-page`), to which messages go by its origin and
   * redirects in full. A bare host (the seed's `targetOrigin=example.com`) means its https origin.
   */
  checkOrigin(raw: string): string {
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
    } catch {
      throw badRequest('targetOrigin must be an origin such as https://app.example.com, or a URL below one');
    }
    if (!this.options.allowedOrigins.has(url.origin)) {
      throw new PatchbayError(
        'PB_ERR_ORIGIN_NOT_ALLOWED',
        `targetOrigin ${raw}: its origin ${url.origin} is not one of the allowed origins (PATCHBAY_ALLOWED_ORIGINS)`,
      );
    }
    if (url.pathname === '/' && url.search === '') return url.origin;
    url.username = '';
    url.password = '';
    url.hash = '';
    return url.href;
  }

  /** Opens a session and answers where to send the browser, and the binding it must keep when the provider has no PKCE. */
  async start(request: ConnectRequest): Promise<{ location: URL; binding: BrowserBinding | null }> {
    const targetOrigin = this.checkOrigin(request.targetOrigin);
    if ((request.id === undefined) === (request.credentialId === undefined)) {
      throw badRequest('Give either id (an account connector) or credentialId (a credential), not both');
    }
    const accountId = await this.signins.consume(request.token);
    const install = await this.subject(accountId, request.id ?? null, request.credentialId ?? null);
    const auth = install.connector.definition.Auth;
    if (auth.Type !== 'OAuth2' || auth.Flow !== 'AuthorisationCode') {
      throw new PatchbayError('PB_ERR_NOT_OAUTH', `'${install.name}' does not authenticate with OAuth 2.0 authorization code`);
    }
    const settings = oauthSettings(install);
    const state = randomToken('', 32);
    const verifier = settings.pkce ? oauth.generateRandomCodeVerifier() : null;
    const binding = settings.pkce ? null : { key: bindingKey(state), secret: randomToken('', 32) };
    const redirectUri = callbackUrl(this.options.publicUrl);
    const authorisationUrl = this.client.authorisationUrl(settings, {
      state,
      redirectUri,
      codeChallenge: verifier === null ? null : await oauth.calculatePKCECodeChallenge(verifier),
    });
    await insertOAuthSession(this.db, {
      state_hash: hashToken(state),
      account_id: accountId,
      account_connector_id: request.id ?? null,
      credential_id: request.credentialId ?? null,
      code_verifier: verifier === null ? null : this.box.seal(verifier, sealContext(accountId)),
      redirect_uri: redirectUri,
      target_origin: targetOrigin,
      callback_message: request.callbackMessage ?? null,
      browser_hash: binding === null ? null : hashToken(binding.secret),
      expires_at: this.clock.isoIn(OAUTH_SESSION_LIFETIME_SECONDS * 1000),
      used_at: null,
      created_at: this.clock.nowIso(),
    });
    // The browser goes where egress would send a request for that URL (an override points it at a local server).
    return { location: this.egress.target(authorisationUrl), binding };
  }

  /**
   * Handles the provider's redirect back, with the binding's secret the browser kept, if any. Throws when no
   * live session matches the state, or its binding does not match (the session then stays usable).
   */
  async finish(callback: URLSearchParams, bindingSecret?: string): Promise<CallbackOutcome> {
    const state = callback.get('state');
    const session = state === null ? undefined : await this.consumeSession(state, bindingSecret);
    if (state === null || session === undefined) {
      throw new PatchbayError(
        'PB_ERR_OAUTH_STATE_INVALID',
        'This sign-in link is unknown, expired, already used or was started in another browser; start again from the app',
      );
    }
    const report: Report = { targetOrigin: session.target_origin, callbackMessage: session.callback_message };
    const credentialId = session.credential_id;
    // A credential keeps the reason its authorization failed, for GET to show; an install's popup only reports it.
    const refused = async (code: ErrorCode, message: string): Promise<CallbackOutcome> => {
      if (credentialId !== null) await this.credentials.storeAuthorizationFailure(credentialId, message);
      return { ok: false, report, code, message };
    };
    const providerError = callback.get('error');
    if (providerError !== null) {
      const description = callback.get('error_description');
      return refused('PB_ERR_OAUTH_DENIED', `The provider refused: ${providerError}${description ? ` (${description})` : ''}`);
    }
    let install: ResolvedInstall;
    try {
      install = await this.subject(session.account_id, session.account_connector_id, credentialId);
    } catch (error) {
      // Only what went wrong with the flow becomes its failure; a fault of our own (the store) propagates as one.
      if (!(error instanceof PatchbayError)) throw error;
      return refused(error.code, `The authorization could not be completed: ${error.message}`);
    }
    const settings = oauthSettings(install);
    const verifier = session.code_verifier === null ? null : this.box.open(session.code_verifier, sealContext(session.account_id));
    let response: Awaited<ReturnType<OAuthClient['exchangeCode']>>;
    try {
      response = await this.client.exchangeCode(settings, callback, state, session.redirect_uri, verifier);
    } catch (error) {
      const code = error instanceof PatchbayError ? error.code : 'PB_ERR_OAUTH_EXCHANGE_FAILED';
      return refused(code, `The authorization could not be completed: ${describeOAuthError(error)}`);
    }
    const token = tokenFromResponse(response, settings.keep, this.clock.now());
    if (credentialId !== null) await this.credentials.storeAuthorization(session.account_id, credentialId, token);
    else await this.installs.saveToken(install, token);
    return { ok: true, report };
  }

  /** The install, or the credential as an install of its own (its app and scope its values), to authorize; 404 outside the account. */
  private async subject(accountId: string, installId: number | null, credentialId: number | null): Promise<ResolvedInstall> {
    if (credentialId === null) return this.installs.resolve(accountId, installId as number);
    const row = await this.credentials.row(accountId, credentialId);
    return this.installs.forCredential(accountId, row, this.credentials.connectorOf(row));
  }

  private consumeSession(state: string, bindingSecret: string | undefined) {
    const browserHash = bindingSecret === undefined ? null : hashToken(bindingSecret);
    return spendOAuthSession(this.db, hashToken(state), browserHash, this.clock.nowIso());
  }
}
