import * as oauth from 'oauth4webapi';
import { renderConnectorUrl } from '../catalogue/connector-url.js';
import { MissingValueError, render } from '../catalogue/template.js';
import type { Egress } from '../egress/egress.js';
import { PatchbayError } from '../errors.js';
import { Metrics } from '../metrics.js';
import type { ResolvedInstall } from '../runtime/resolved-install.js';

/** An install's OAuth 2.0 settings, with the partner's and the account's values filled in. */
export interface OAuthSettings {
  authoriseUrl: URL | null;
  tokenUrl: URL;
  clientId: string;
  clientSecret: string;
  scope: string | null;
  pkce: boolean;
  clientAuth: 'basic' | 'body';
  keep: readonly string[];
  extraParams: Readonly<Record<string, string>>;
}

/** An install (or one being made) as far as its OAuth settings go. */
export type OAuthSubject = Pick<ResolvedInstall, 'connector' | 'values'>;

export function oauthSettings(install: OAuthSubject): OAuthSettings {
  const auth = install.connector.definition.Auth;
  if (auth.Type !== 'OAuth2') throw new PatchbayError('PB_ERR_NOT_OAUTH', `${install.connector.definition.Name} does not use OAuth 2.0`);
  const value = (name: string) => {
    const found = install.values.get(name);
    if (found === undefined || found === '') {
      throw new PatchbayError(
        'PB_ERR_CONFLICT',
        `${install.connector.definition.Name} has no value for ${name}: set it in the connector's setup, or as a property of the install`,
      );
    }
    return found;
  };
  const url = (key: string, template: string) => {
    try {
      return renderConnectorUrl(install.connector, template, install.values, key);
    } catch (error) {
      if (error instanceof MissingValueError) value(error.valueName);
      throw error;
    }
  };
  const scopes = (auth.Scopes ?? [])
    .flatMap((scope) =>
      render(
        scope,
        (name) => install.values.get(name) ?? '',
        (v) => v,
      ).split(/\s+/),
    )
    .filter((scope) => scope !== '');
  return {
    authoriseUrl: auth.AuthoriseUrl === undefined ? null : url('Authorise URL', auth.AuthoriseUrl),
    tokenUrl: url('Access Token URL', auth.TokenUrl),
    clientId: value('ClientId'),
    clientSecret: value('ClientSecret'),
    scope: scopes.length > 0 ? scopes.join(auth.ScopeSeparator ?? ' ') : null,
    pkce: auth.Pkce !== false,
    clientAuth: auth.ClientAuth ?? 'body',
    keep: auth.KeepTokenFields ?? [],
    extraParams: auth.AuthoriseParams ?? {},
  };
}

/**
 * The OAuth 2.0 client: builds authorization requests and talks to token endpoints through egress,
 * with oauth4webapi doing the protocol work (request shapes, client authentication, response checks).
 */
export class OAuthClient {
  constructor(
    private readonly egress: Egress,
    private readonly metrics = new Metrics(),
  ) {}

  /** Every request to a token endpoint goes through egress (overrides, URL policy) and is counted. */
  private readonly tokenFetch: Egress['fetch'] = (url, init) => {
    this.metrics.inc('patchbay_token_requests_total');
    return this.egress.fetch(url, init);
  };

  /** The provider's authorization URL (RFC 6749 §4.1.1, RFC 7636 §4.3); parameters already in the URL are kept. */
  authorisationUrl(settings: OAuthSettings, request: { state: string; redirectUri: string; codeChallenge: string | null }): URL {
    if (settings.authoriseUrl === null) throw new PatchbayError('PB_ERR_NOT_OAUTH', 'This connector has no authorise URL');
    const url = new URL(settings.authoriseUrl);
    for (const [name, value] of Object.entries(settings.extraParams)) url.searchParams.set(name, value);
    url.searchParams.set('client_id', settings.clientId);
    url.searchParams.set('redirect_uri', request.redirectUri);
    url.searchParams.set('response_type', 'code');
    if (settings.scope !== null) url.searchParams.set('scope', settings.scope);
    url.searchParams.set('state', request.state);
    if (request.codeChallenge !== null) {
      url.searchParams.set('code_challenge', request.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
    }
    return url;
  }

  /** Exchanges the authorization code (RFC 6749 §4.1.3); the state was already matched to its session. */
  async exchangeCode(
    settings: OAuthSettings,
    callback: URLSearchParams,
    state: string,
    redirectUri: string,
    codeVerifier: string | null,
  ): Promise<oauth.TokenEndpointResponse> {
    const { as, client, clientAuth } = this.parties(settings);
    const parameters = new URLSearchParams(callback);
    // Without a configured issuer an `iss` value cannot be checked; the single-use state binds the answer instead.
    parameters.delete('iss');
    const checked = oauth.validateAuthResponse(as, client, parameters, state);
    const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, checked, redirectUri, codeVerifier ?? oauth.nopkce, {
      [oauth.customFetch]: this.tokenFetch,
    });
    return oauth.processAuthorizationCodeResponse(as, client, response);
  }

  /** Gets a token for the client itself (RFC 6749 §4.4). */
  async clientCredentials(settings: OAuthSettings): Promise<oauth.TokenEndpointResponse> {
    const { as, client, clientAuth } = this.parties(settings);
    const parameters = new URLSearchParams();
    if (settings.scope !== null) parameters.set('scope', settings.scope);
    const response = await oauth.clientCredentialsGrantRequest(as, client, clientAuth, parameters, {
      [oauth.customFetch]: this.tokenFetch,
    });
    return oauth.processClientCredentialsResponse(as, client, response);
  }

  /** Uses a refresh token (RFC 6749 §6). */
  async refresh(settings: OAuthSettings, refreshToken: string): Promise<oauth.TokenEndpointResponse> {
    const { as, client, clientAuth } = this.parties(settings);
    const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, { [oauth.customFetch]: this.tokenFetch });
    return oauth.processRefreshTokenResponse(as, client, response);
  }

  private parties(settings: OAuthSettings) {
    const as: oauth.AuthorizationServer = {
      issuer: settings.tokenUrl.origin,
      token_endpoint: settings.tokenUrl.href,
      ...(settings.authoriseUrl ? { authorization_endpoint: settings.authoriseUrl.href } : {}),
    };
    const client: oauth.Client = { client_id: settings.clientId };
    const clientAuth =
      settings.clientAuth === 'basic' ? oauth.ClientSecretBasic(settings.clientSecret) : oauth.ClientSecretPost(settings.clientSecret);
    return { as, client, clientAuth };
  }
}

/** The OAuth error code of a token-endpoint refusal (`invalid_grant`, ...), if that is what failed. */
export function oauthErrorCode(error: unknown): string | undefined {
  return error instanceof oauth.ResponseBodyError ? error.error : undefined;
}

/** A token-endpoint failure as one readable line (never including a token). */
export function describeOAuthError(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) {
    return `${error.error}${error.error_description ? `: ${error.error_description}` : ''} (HTTP ${error.status})`;
  }
  if (error instanceof oauth.AuthorizationResponseError) {
    return `${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  if (error instanceof PatchbayError) return error.message;
  if (error instanceof Error) return error.message;
  return 'unknown error';
}
