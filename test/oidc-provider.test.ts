import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { freePort, installInto, overrides, type Patchbay, startPatchbay } from './support/harness.js';
import { PARTNER_ORIGIN, postedMessage, signinToken, startUrl, visit } from './support/oauth-flow.js';
import { IDP_ISSUER, IDP_USER, type OidcServer, startOidcServer } from './support/oidc-server.js';

const CONNECTOR = 900;
const CLIENT_ID = 'patchbay-test-client';
const CLIENT_SECRET = 'patchbay-test-secret-0123456789abcdef';
const ACCESS_TOKEN_TTL_SECONDS = 2;

/** An OAuth 2.0 connector whose authorise and token URLs come from the partner's setup. */
const CONNECTOR_YAML = `
Id: ${CONNECTOR}
Slug: oidc_test
Name: OIDC Test
Description: oidc-provider as an independent OAuth 2.0 authorization server and resource server (userinfo).
Version: "1.0"
BaseUrl: ${IDP_ISSUER}
AllowedHosts: [idp.test]
Auth:
  Type: OAuth2
  Flow: AuthorisationCode
  AuthoriseUrl: '{{AuthoriseUrl}}'
  TokenUrl: '{{AccessTokenUrl}}'
  Scopes: [openid]
  ClientAuth: body
PartnerProperties:
  - { Name: ClientId, DisplayName: Client ID }
  - { Name: ClientSecret, DisplayName: Client Secret, Sensitive: true }
  - { Name: AuthoriseUrl, DisplayName: Authorise URL }
  - { Name: AccessTokenUrl, DisplayName: Access Token URL }
Categories:
  - Id: account
    Name: Account
Methods:
  - Id: userinfo
    MethodUniqueIdentifier: 6f1c2d0e-3b7a-4c59-9e21-8d4a5b6c7e90
    Name: User Info
    Description: The signed-in user's claims.
    Category: account
    HttpMethod: GET
    Endpoint: /me
    Output: { Item: { type: object, properties: { sub: { type: string } } } }
`;

describe('OAuth 2.0 against oidc-provider, a real authorization server', () => {
  let oidc: OidcServer;
  let patchbay: Patchbay;
  let connectorsDir: string;

  const installed = async (account: string, id: number) =>
    (await (await patchbay.call('GET', `/v1.0/account/connectors/${id}`, { account })).json()) as Reply<'getAccountConnector'>;
  const userinfo = (account: string, id: number) => patchbay.call('GET', `/v1.0/account/connectors/${id}/methods/userinfo`, { account });
  const tokenRequest = (parameters: Record<string, string>) =>
    fetch(`${oidc.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, ...parameters }),
    });

  beforeAll(async () => {
    // oidc-provider must know Patchbay's redirect URI when it is built, so the port is chosen first.
    const port = await freePort();
    oidc = await startOidcServer({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `http://127.0.0.1:${port}/connector/callback`,
      accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
    });
    connectorsDir = mkdtempSync(path.join(tmpdir(), 'patchbay-oidc-connectors-'));
    writeFileSync(path.join(connectorsDir, 'oidc-test.yaml'), CONNECTOR_YAML);
    patchbay = await startPatchbay({
      ...overrides({ [IDP_ISSUER]: oidc.url }),
      PATCHBAY_PORT: String(port),
      PATCHBAY_CONNECTORS_DIR: connectorsDir,
      PATCHBAY_ALLOWED_ORIGINS: PARTNER_ORIGIN,
      PATCHBAY_TOKEN_REFRESH_MARGIN_SECONDS: '0',
    });
  });
  afterAll(async () => {
    await patchbay?.close();
    await oidc?.close();
    if (connectorsDir !== undefined) rmSync(connectorsDir, { recursive: true, force: true });
  });

  it('takes the authorise and access token URLs from partner setup', async () => {
    const reply = await patchbay.call('PUT', `/v1.0/connectors/${CONNECTOR}/setup`, {
      body: {
        Properties: [
          { Name: 'ClientId', Value: CLIENT_ID },
          { Name: 'ClientSecret', Value: CLIENT_SECRET },
          { Name: 'AuthoriseUrl', Value: `${IDP_ISSUER}/auth` },
          { Name: 'AccessTokenUrl', Value: `${IDP_ISSUER}/token` },
        ],
      },
    });
    expect(reply.status).toBe(200);
  });

  it('authenticates with PKCE, calls userinfo, then refreshes an expired token with rotation', async () => {
    const account = 'oidc';
    const id = await installInto(patchbay, account, CONNECTOR);
    expect((await installed(account, id)).Authenticated).toBe(false);
    const browser = oidc.browser();

    // Patchbay sends the browser to oidc-provider's authorization endpoint with an S256 challenge.
    const start = await visit(startUrl(patchbay, id, await signinToken(patchbay, account), { callbackMessage: 'oidc-done' }));
    expect(start.status).toBe(302);
    const authorise = new URL(start.headers.get('location') as string);
    expect(authorise.origin + authorise.pathname).toBe(`${oidc.url}/auth`);
    expect(authorise.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(authorise.searchParams.get('scope')).toBe('openid');
    expect(authorise.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorise.searchParams.get('code_challenge_method')).toBe('S256');

    // oidc-provider accepts the request and asks for an interaction (sign-in and consent).
    const toInteraction = await browser(authorise.href);
    expect(toInteraction.status).toBe(303);
    const interaction = new URL(toInteraction.headers.get('location') as string, `${IDP_ISSUER}/auth`);
    expect(interaction.pathname).toMatch(/^\/interaction\/[\w-]+$/);

    // The interaction signs in user-1, grants openid and hands back to the authorization endpoint.
    const toResume = await browser(interaction.href);
    expect(toResume.status).toBe(303);
    const resume = new URL(toResume.headers.get('location') as string, IDP_ISSUER);
    expect(resume.href).toBe(`${IDP_ISSUER}/auth/${interaction.pathname.split('/').pop()}`);

    // Resuming ends at Patchbay's callback with a code.
    const toCallback = await browser(resume.href);
    expect(toCallback.status).toBe(303);
    const callback = new URL(toCallback.headers.get('location') as string);
    expect(callback.origin + callback.pathname).toBe(`${patchbay.url}/connector/callback`);
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('iss')).toBe(IDP_ISSUER);
    expect(oidc.tokenRequests).toBe(0);

    // Patchbay exchanges the code (with the verifier: oidc-provider requires it) and reports success.
    const page = await browser(callback.href);
    expect(page.status).toBe(200);
    expect(postedMessage(await page.text())).toEqual({ targetOrigin: PARTNER_ORIGIN, message: 'oidc-done' });
    expect(oidc.tokenRequests).toBe(1);
    expect(oidc.issued.map((tokens) => tokens.grantType)).toEqual(['authorization_code']);
    const first = oidc.issued[0]!;
    expect(first.refresh_token).toBeTruthy();
    expect(first.expires_in).toBe(ACCESS_TOKEN_TTL_SECONDS);
    expect((await installed(account, id)).Authenticated).toBe(true);

    // The access token works at oidc-provider's userinfo endpoint, through the connector's method.
    const me = await userinfo(account, id);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ sub: IDP_USER });
    expect(oidc.tokenRequests).toBe(1);

    // Once the access token has expired, the next call refreshes first; the refresh token rotates.
    await new Promise((resolve) => setTimeout(resolve, ACCESS_TOKEN_TTL_SECONDS * 1000 + 100));
    const expired = await fetch(`${oidc.url}/me`, { headers: { authorization: `Bearer ${first.access_token}` } });
    expect(expired.status).toBe(401);
    const again = await userinfo(account, id);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ sub: IDP_USER });
    expect(oidc.tokenRequests).toBe(2);
    expect(oidc.issued.map((tokens) => tokens.grantType)).toEqual(['authorization_code', 'refresh_token']);
    const second = oidc.issued[1]!;
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);

    // The new token needs no refresh.
    expect((await userinfo(account, id)).status).toBe(200);
    expect(oidc.tokenRequests).toBe(2);

    // The rotated-away refresh token is refused by oidc-provider.
    const replay = await tokenRequest({ grant_type: 'refresh_token', refresh_token: first.refresh_token as string });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('is refused by oidc-provider without a PKCE challenge, so PKCE really is required', async () => {
    const query = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: `${patchbay.url}/connector/callback`,
      response_type: 'code',
      scope: 'openid',
      state: 'no-pkce',
    });
    const reply = await oidc.browser()(`${IDP_ISSUER}/auth?${query}`);
    expect(reply.status).toBe(303);
    const location = new URL(reply.headers.get('location') as string);
    expect(location.origin + location.pathname).toBe(`${patchbay.url}/connector/callback`);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(location.searchParams.get('state')).toBe('no-pkce');
  });
});
