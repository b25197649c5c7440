import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The real https origin Patchbay is pointed at (PATCHBAY_UPSTREAM_OVERRIDES maps it to `url`). */
export const IDP_ISSUER = 'https://idp.test';
/** The user every interaction signs in, without asking. */
export const IDP_USER = 'user-1';

export interface OidcServerOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accessTokenTtlSeconds: number;
}

/** A token endpoint answer that oidc-provider gave (from its `grant.success` event). */
export interface IssuedTokens {
  grantType: string;
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
  id_token?: string;
}

export interface OidcServer {
  /** Where it really listens (http://127.0.0.1:PORT). */
  url: string;
  /** Its issuer identifier, https://idp.test. */
  issuer: string;
  /** Requests that reached the token endpoint, answered or refused. */
  readonly tokenRequests: number;
  /** Successful token endpoint answers, oldest first. */
  readonly issued: readonly IssuedTokens[];
  /**
   * A browser for this server: keeps its cookies and reaches it as a TLS-terminating proxy in front of
   * https://idp.test would (x-forwarded-proto/host), so oidc-provider's secure cookies and URLs are right.
   * URLs of the issuer are sent to `url`; any other URL is fetched as is, without cookies. Never follows redirects.
   */
  browser(): (url: string) => Promise<Response>;
  close(): Promise<void>;
}

/* oidc-provider ships no type declarations: the little of its API used here. */
interface Interaction {
  uid: string;
  prompt: { name: string };
  params: Record<string, unknown>;
}
interface Grant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}
interface Provider {
  proxy: boolean;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: new (properties: { accountId: string; clientId: string }) => Grant;
  on(event: 'grant.success', listener: (ctx: { body: Record<string, unknown>; oidc: { params: Record<string, unknown> } }) => void): void;
  on(event: 'server_error', listener: (ctx: unknown, error: Error) => void): void;
}
type ProviderClass = new (issuer: string, configuration: Record<string, unknown>) => Provider;

/**
 * A real, independent OAuth 2.0 / OpenID Connect server: oidc-provider with one confidential client
 * (client_secret_post), PKCE (S256) required on every authorization request, refresh tokens issued
 * without offline_access and rotated on use, and an interaction that signs in `user-1` and grants what
 * was asked. The userinfo endpoint is /me.
 */
export async function startOidcServer(options: OidcServerOptions): Promise<OidcServer> {
  // A computed specifier: the package has no types, and this keeps it `any` without a declaration file.
  const specifier = 'oidc-provider';
  const { default: Provider } = (await import(specifier)) as { default: ProviderClass };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ttl = options.accessTokenTtlSeconds;

  const provider = new Provider(IDP_ISSUER, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['oidc-server-test-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    rotateRefreshToken: true,
    // Expired means expired: by default tokens stay usable for 15 s past their expiry.
    clockTolerance: 0,
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub }) }),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    ttl: {
      AccessToken: ttl,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 86400,
      Interaction: 600,
      Session: 86400,
      Grant: 86400,
    },
  });
  // Behind a TLS-terminating proxy: x-forwarded-proto/host say how the browser reached it.
  provider.proxy = true;

  let tokenRequests = 0;
  const issued: IssuedTokens[] = [];
  provider.on('grant.success', (ctx) => {
    issued.push({ grantType: String(ctx.oidc.params.grant_type), ...(ctx.body as Omit<IssuedTokens, 'grantType'>) });
  });
  provider.on('server_error', (_ctx, error) => {
    console.error('oidc-provider server_error', error);
  });

  /** Signs in the test user and grants the requested scope, all in one step. */
  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const grant = new provider.Grant({ accountId: IDP_USER, clientId: String(details.params.client_id) });
    if (typeof details.params.scope === 'string') grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: IDP_USER }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  const handle = provider.callback();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/token') tokenRequests++;
    if (req.method === 'GET' && path.startsWith('/interaction/')) {
      interaction(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    issuer: IDP_ISSUER,
    get tokenRequests() {
      return tokenRequests;
    },
    issued,
    browser() {
      const jar = new CookieJar();
      return async (address: string) => {
        const target = new URL(address);
        if (target.origin === IDP_ISSUER) target.href = `${url}${target.pathname}${target.search}`;
        if (target.origin !== url) return fetch(target, { redirect: 'manual' });
        const headers: Record<string, string> = { 'x-forwarded-proto': 'https', 'x-forwarded-host': new URL(IDP_ISSUER).host };
        const cookie = jar.header(target.pathname);
        if (cookie !== '') headers.cookie = cookie;
        const response = await fetch(target, { redirect: 'manual', headers });
        jar.store(response.headers.getSetCookie(), target.pathname);
        return response;
      };
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Just enough of a cookie jar for one host: names, values, paths and deletion. */
class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  store(setCookies: string[], requestPath: string): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      let path = requestPath.slice(0, requestPath.lastIndexOf('/')) || '/';
      let expired = value === '';
      for (const attribute of attributes) {
        const [key = '', ...rest] = attribute.split('=');
        const argument = rest.join('=');
        if (key.toLowerCase() === 'path') path = argument;
        if (key.toLowerCase() === 'expires' && Date.parse(argument) <= Date.now()) expired = true;
        if (key.toLowerCase() === 'max-age' && Number(argument) <= 0) expired = true;
      }
      const key = `${path} ${name}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  header(requestPath: string): string {
    return [...this.cookies]
      .filter(
        ([, cookie]) => requestPath === cookie.path || requestPath.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`),
      )
      .map(([key, cookie]) => `${key.slice(key.indexOf(' ') + 1)}=${cookie.value}`)
      .join('; ');
  }
}
