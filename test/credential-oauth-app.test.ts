import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { TestClock } from '../src/clock.js';
import { OAUTH_SESSION_LIFETIME_SECONDS } from '../src/services/oauth-connect.js';
import { overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';
import { cookiesOf, decide, PARTNER_ORIGIN, postedMessage, signinToken, visit } from './support/oauth-flow.js';

const CAPSULE = 3;
const PIPEDRIVE_OAUTH = 4;
const OWN_APP = { clientId: 'own-app', clientSecret: 'own-app-secret' };

type Credential = Reply<'getCredential'>;
type Installed = Reply<'getAccountConnector'>;

describe('a named OAuth credential with its own app, authorized in the consent popup', () => {
  let capsule: CapsuleSimulator;
  let patchbay: Patchbay;
  const clock = new TestClock();

  const call = (method: string, url: string, account: string, body?: unknown) => patchbay.call(method, url, { account, body });
  const json = async <T>(reply: Response | Promise<Response>) => (await (await reply).json()) as T;
  const newAccount = async (id: string) => {
    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: id, Name: id } });
    return id;
  };
  const createCredential = async (account: string, body: Record<string, unknown>) => {
    const reply = await call('POST', '/v1.0/account/credentials', account, body);
    expect(reply.status).toBe(200);
    return json<Credential>(reply);
  };
  const ownApp = (account: string, scope = 'read') =>
    createCredential(account, {
      Name: 'My Capsule',
      Description: 'Our own Capsule app',
      Connector: 'Capsule v2',
      Properties: [
        { Name: 'ClientId', Value: OWN_APP.clientId },
        { Name: 'ClientSecret', Value: OWN_APP.clientSecret },
        { Name: 'Scope', Value: scope },
      ],
    });
  const startUrl = (credentialId: number, token: string) =>
    `${patchbay.url}/connectorauth/updateaccountconnectoroauth?${new URLSearchParams({
      credentialId: String(credentialId),
      token,
      targetOrigin: PARTNER_ORIGIN,
      callbackMessage: 'credential-done',
    })}`;
  /** The popup as a browser walks it: start, the provider's consent page, the callback. */
  const authorize = async (account: string, credentialId: number, decision: 'allow' | 'deny' = 'allow') => {
    const start = await visit(startUrl(credentialId, await signinToken(patchbay, account)));
    expect(start.status).toBe(302);
    const authoriseUrl = new URL(start.headers.get('location') as string);
    const consent = await decide(authoriseUrl.href, decision);
    return { authoriseUrl, callback: await visit(consent.headers.get('location') as string, cookiesOf(start)) };
  };
  const installWith = async (account: string, credentialId: number, name: string) => {
    const reply = await call('POST', `/v1.0/connectors/${CAPSULE}/install`, account, { Name: name, CredentialId: credentialId });
    expect(reply.status).toBe(200);
    return json<Installed>(reply);
  };
  const bearerOf = async (account: string, credentialId: number) => {
    const install = (await patchbay.ctx.installs.authenticatedInstalls(account)).find((i) => i.credentialId === credentialId);
    return install?.token?.AccessToken as string;
  };

  beforeAll(async () => {
    capsule = await startCapsuleSimulator({
      clients: [{ clientId: 'capsule-client', clientSecret: 'capsule-secret' }, OWN_APP],
    });
    patchbay = await startPatchbay(
      {
        ...overrides({ 'https://api.capsulecrm.com': capsule.url }),
        PATCHBAY_ALLOWED_ORIGINS: PARTNER_ORIGIN,
        PATCHBAY_SWEEP_INTERVAL_SECONDS: '0',
      },
      undefined,
      { clock },
    );
    expect((await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' })).status).toBe(200);
  });
  afterAll(async () => {
    await patchbay.close();
    await capsule.close();
  });
  beforeEach(() => capsule.reset());

  it('answers a new credential awaiting authorization, with no token and its Client Secret masked', async () => {
    const credential = await ownApp(await newAccount('awaiting'));
    expect(credential).toMatchObject({
      Name: 'My Capsule',
      Description: 'Our own Capsule app',
      AuthType: 'OAuth2',
      AuthValue: null,
      Standalone: true,
      AuthorizationStatus: 'AwaitingAuthorization',
      AuthorizationError: null,
    });
    expect(credential.Properties).toEqual([
      { Name: 'ClientId', Value: 'own-app' },
      { Name: 'ClientSecret', Value: '**********cret' },
      { Name: 'Scope', Value: 'read' },
    ]);
    expect(JSON.stringify(await json(call('GET', `/v1.0/account/credentials/${credential.Id}`, 'awaiting')))).not.toContain(
      OWN_APP.clientSecret,
    );
  });

  it("authorizes with the credential's own app and scope, and an install naming it calls Capsule with its token", async () => {
    const account = await newAccount('own-app');
    const credential = await ownApp(account);
    // Named while still awaiting authorization: the install works as soon as the credential is authorized.
    const early = await installWith(account, credential.Id, 'early');
    expect(early.Authenticated).toBe(false);

    const { authoriseUrl, callback } = await authorize(account, credential.Id);
    expect(authoriseUrl.searchParams.get('client_id')).toBe('own-app');
    expect(authoriseUrl.searchParams.getAll('scope')).toEqual(['read']);
    expect(callback.status).toBe(200);
    expect(postedMessage(await callback.text())).toEqual({ targetOrigin: PARTNER_ORIGIN, message: 'credential-done' });

    const authorized = await json<Credential>(call('GET', `/v1.0/account/credentials/${credential.Id}`, account));
    expect(authorized).toMatchObject({ AuthorizationStatus: 'Authorized', AuthorizationError: null, VerifiedStatus: 'Verified' });
    expect(authorized.AuthValue).toMatch(/^\*+/);
    const token = await bearerOf(account, credential.Id);
    expect(capsule.oauth.clientOf(token)).toBe('own-app');
    expect(capsule.oauth.scopeOf(token)).toBe('read');

    const later = await installWith(account, credential.Id, 'later');
    expect(later.Authenticated).toBe(true);
    for (const install of [early, later]) {
      expect(await json(call('GET', `/v1.0/account/connectors/${install.Id}`, account))).toMatchObject({ Authenticated: true });
      const parties = await call('GET', `/v1.0/account/connectors/${install.Id}/methods/list-parties`, account);
      expect(parties.status).toBe(200);
    }
  });

  it("refreshes a credential's token with its own app, not the partner's", async () => {
    const account = await newAccount('refresh-own');
    const credential = await ownApp(account);
    await authorize(account, credential.Id);
    const install = await installWith(account, credential.Id, 'crm');
    const before = await bearerOf(account, credential.Id);
    capsule.oauth.expireAccessTokens();
    const requests = capsule.oauth.tokenRequests;
    const parties = await call('GET', `/v1.0/account/connectors/${install.Id}/methods/list-parties`, account);
    expect(parties.status).toBe(200);
    expect(capsule.oauth.tokenRequests - requests).toBe(1);
    const after = await bearerOf(account, credential.Id);
    expect(after).not.toBe(before);
    // The provider renews a grant only for the app it was issued to, authenticated with that app's secret.
    expect(capsule.oauth.clientOf(after)).toBe('own-app');
    expect(capsule.oauth.scopeOf(after)).toBe('read');
  });

  it('re-authorizing a credential in use gives every install using it the new token', async () => {
    const account = await newAccount('reauthorize');
    const credential = await ownApp(account);
    await authorize(account, credential.Id);
    const installs = [await installWith(account, credential.Id, 'a'), await installWith(account, credential.Id, 'b')];
    const first = await bearerOf(account, credential.Id);
    capsule.oauth.revokeAll();
    await authorize(account, credential.Id);
    const second = await bearerOf(account, credential.Id);
    expect(second).not.toBe(first);
    for (const install of installs) {
      expect((await call('GET', `/v1.0/account/connectors/${install.Id}/methods/list-parties`, account)).status).toBe(200);
    }
  });

  it("uses the partner's app and the authorise URL's read write scope when the credential gives neither", async () => {
    const account = await newAccount('defaults');
    const credential = await createCredential(account, { Name: 'Plain', Connector: 'Capsule v2' });
    const { authoriseUrl, callback } = await authorize(account, credential.Id);
    expect(authoriseUrl.searchParams.get('client_id')).toBe('capsule-client');
    expect(authoriseUrl.searchParams.getAll('scope')).toEqual(['read write']);
    expect(callback.status).toBe(200);
    await installWith(account, credential.Id, 'crm');
    const token = await bearerOf(account, credential.Id);
    expect(capsule.oauth.clientOf(token)).toBe('capsule-client');
    expect(capsule.oauth.scopeOf(token)).toBe('read write');
    expect(await json(call('GET', `/v1.0/account/credentials/${credential.Id}`, account))).toMatchObject({
      AuthorizationStatus: 'Authorized',
    });
  });

  it('leaves a denied credential unauthorized with the reason, and the popup reports the failure', async () => {
    const account = await newAccount('denied');
    const credential = await ownApp(account);
    const { callback } = await authorize(account, credential.Id, 'deny');
    expect(callback.status).toBe(400);
    expect(postedMessage(await callback.text())).toEqual({
      targetOrigin: PARTNER_ORIGIN,
      message: { Error: 'PB_ERR_OAUTH_DENIED', Message: expect.stringContaining('access_denied') },
    });
    expect(await json(call('GET', `/v1.0/account/credentials/${credential.Id}`, account))).toMatchObject({
      AuthorizationStatus: 'Failed',
      AuthorizationError: expect.stringContaining('access_denied'),
      AuthValue: null,
    });
    const install = await installWith(account, credential.Id, 'crm');
    expect(install.Authenticated).toBe(false);
  });

  it('refuses an expired state and stores nothing', async () => {
    const account = await newAccount('expired');
    const credential = await ownApp(account);
    const start = await visit(startUrl(credential.Id, await signinToken(patchbay, account)));
    const consent = await decide(start.headers.get('location') as string, 'allow');
    await clock.advance((OAUTH_SESSION_LIFETIME_SECONDS + 1) * 1000);
    const callback = await visit(consent.headers.get('location') as string, cookiesOf(start));
    expect(callback.status).toBe(400);
    expect(await callback.json()).toMatchObject({ Code: 'PB_ERR_OAUTH_STATE_INVALID' });
    expect(await json(call('GET', `/v1.0/account/credentials/${credential.Id}`, account))).toMatchObject({
      AuthorizationStatus: 'AwaitingAuthorization',
      AuthValue: null,
    });
  });

  it("keeps a credential to its account: another account's sign-in token cannot start it, nor can it read or change it", async () => {
    const account = await newAccount('owner');
    const other = await newAccount('intruder');
    const credential = await ownApp(account);
    const start = await visit(startUrl(credential.Id, await signinToken(patchbay, other)));
    expect(start.status).toBe(404);
    expect((await call('GET', `/v1.0/account/credentials/${credential.Id}`, other)).status).toBe(404);
    expect((await call('PUT', `/v1.0/account/credentials/${credential.Id}`, other, { Name: 'mine' })).status).toBe(404);
    const install = await call('POST', `/v1.0/connectors/${CAPSULE}/install`, other, { Name: 'x', CredentialId: credential.Id });
    expect(install.status).toBe(404);
    expect(await json(call('GET', `/v1.0/account/credentials/${credential.Id}`, account))).toMatchObject({
      AuthorizationStatus: 'AwaitingAuthorization',
    });
  });

  it('refuses what the credential may not set, and an app the setup lacks', async () => {
    const account = await newAccount('refusals');
    const url = await call('POST', '/v1.0/account/credentials', account, {
      Name: 'x',
      Connector: 'Capsule v2',
      Properties: [{ Name: 'AuthoriseUrl', Value: 'https://api.capsulecrm.com/oauth/authorise' }],
    });
    expect(url.status).toBe(400);
    expect(await url.json()).toMatchObject({ Code: 'PB_ERR_BAD_REQUEST' });
    // Pipedrive's OAuth connector has no partner setup here: the credential must bring its own app.
    const missing = await call('POST', '/v1.0/account/credentials', account, { Name: 'x', Connector: String(PIPEDRIVE_OAUTH) });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ Message: expect.stringContaining('ClientId') });
    const both = await visit(`${startUrl(1, await signinToken(patchbay, account))}&id=1`);
    expect(both.status).toBe(400);
  });
});
