import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorReply, Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { TestClock } from '../src/clock.js';
import { OAUTH_SESSION_LIFETIME_SECONDS } from '../src/services/oauth-connect.js';
import { SIGNIN_TOKEN_LIFETIME_SECONDS } from '../src/services/signin-tokens.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';
import { authorise, cookiesOf, decide, PARTNER_ORIGIN, postedMessage, signinToken, startUrl, visit } from './support/oauth-flow.js';

const CAPSULE = 3;
const PIPEDRIVE_OAUTH = 4;
const EXAMPLE = 1;
const API_DOMAIN = 'https://testco.pipedrive.com';

type InstallBody = Reply<'getAccountConnector'>;

describe('OAuth 2.0 authorization code flow', () => {
  let capsule: CapsuleSimulator;
  let pipedrive: PipedriveSimulator;
  let patchbay: Patchbay;
  const clock = new TestClock();

  const setup = (connector: number, values: Record<string, string | null>) => setupConnector(patchbay, connector, values);
  const installed = async (account: string, id: number) =>
    (await (await patchbay.call('GET', `/v1.0/account/connectors/${id}`, { account })).json()) as InstallBody;

  beforeAll(async () => {
    capsule = await startCapsuleSimulator();
    pipedrive = await startPipedriveSimulator({ oauth: {} });
    patchbay = await startPatchbay(
      {
        ...overrides({
          'https://api.capsulecrm.com': capsule.url,
          'https://oauth.pipedrive.com': pipedrive.url,
          [API_DOMAIN]: pipedrive.url,
        }),
        PATCHBAY_ALLOWED_ORIGINS: PARTNER_ORIGIN,
        // Time moves only when a test moves it; no periodic sweep runs meanwhile.
        PATCHBAY_SWEEP_INTERVAL_SECONDS: '0',
      },
      undefined,
      { clock },
    );
    expect((await setup(CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' })).status).toBe(200);
    expect((await setup(PIPEDRIVE_OAUTH, { ClientId: 'pipedrive-client', ClientSecret: 'pipedrive-secret' })).status).toBe(200);
  });
  afterAll(async () => {
    await patchbay.close();
    await capsule.close();
    await pipedrive.close();
  });
  beforeEach(() => {
    capsule.reset();
    pipedrive.reset();
  });

  it('redirects to the authorise URL with client_id, redirect_uri, response_type, scope, state and an S256 challenge', async () => {
    const id = await installInto(patchbay, 'redirect', CAPSULE);
    const start = await visit(startUrl(patchbay, id, await signinToken(patchbay, 'redirect')));
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location') as string);
    expect(location.origin + location.pathname).toBe(`${capsule.url}/oauth/authorise`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      scope: 'read write',
      client_id: 'capsule-client',
      redirect_uri: `${patchbay.url}/connector/callback`,
      response_type: 'code',
      state: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
    });
  });

  it('authenticates Capsule on Allow, posts the callback message to the target origin, and then calls the API', async () => {
    const id = await installInto(patchbay, 'allow', CAPSULE);
    expect((await installed('allow', id)).Authenticated).toBe(false);
    const callback = await authorise(patchbay, 'allow', id, { callbackMessage: 'capsule-done' });
    expect(callback.status).toBe(200);
    expect(callback.headers.get('content-security-policy')).toContain("script-src 'nonce-");
    expect(postedMessage(await callback.text())).toEqual({ targetOrigin: PARTNER_ORIGIN, message: 'capsule-done' });
    const after = await installed('allow', id);
    expect(after.Authenticated).toBe(true);
    expect(after.AuthValue).toMatch(/^\*+.{4}$/);
    const parties = await patchbay.call('POST', `/v1.0/account/connectors/${id}/methods/list-parties`, { account: 'allow', body: {} });
    expect(parties.status).toBe(200);
    expect(((await parties.json()) as unknown[]).length).toBe(capsule.items('parties').length);
    expect(capsule.oauth.tokenRequests).toBe(1);
  });

  it('redirects to targetOrigin when there is no callback message', async () => {
    const id = await installInto(patchbay, 'redirect-back', CAPSULE);
    const callback = await authorise(patchbay, 'redirect-back', id);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe(`${PARTNER_ORIGIN}/`);
    expect((await installed('redirect-back', id)).Authenticated).toBe(true);
  });

  describe("targetOrigin as a URL with a path (Cyclr's redirect form)", () => {
    const COMPLETE_PAGE = `${PARTNER_ORIGIN}/complete-page?from=patchbay`;

    it('posts the callback message to its origin', async () => {
      const id = await installInto(patchbay, 'path-message', CAPSULE);
      const callback = await authorise(patchbay, 'path-message', id, { callbackMessage: 'done', targetOrigin: COMPLETE_PAGE });
      expect(callback.status).toBe(200);
      expect(postedMessage(await callback.text())).toEqual({ targetOrigin: PARTNER_ORIGIN, message: 'done' });
    });

    it('redirects to the whole URL, with the error added when the user denies', async () => {
      const id = await installInto(patchbay, 'path-redirect', CAPSULE);
      const allowed = await authorise(patchbay, 'path-redirect', id, { targetOrigin: COMPLETE_PAGE });
      expect(allowed.status).toBe(302);
      expect(allowed.headers.get('location')).toBe(COMPLETE_PAGE);
      const denied = await authorise(patchbay, 'path-redirect', id, { decision: 'deny', targetOrigin: COMPLETE_PAGE });
      const location = new URL(denied.headers.get('location') as string);
      expect(location.origin + location.pathname).toBe(`${PARTNER_ORIGIN}/complete-page`);
      expect(location.searchParams.get('from')).toBe('patchbay');
      expect(location.searchParams.get('error')).toBe('PB_ERR_OAUTH_DENIED');
    });

    it('is refused when its origin is not allowed, naming that origin', async () => {
      const id = await installInto(patchbay, 'path-refused', CAPSULE);
      const reply = await visit(
        startUrl(patchbay, id, await signinToken(patchbay, 'path-refused'), { targetOrigin: 'https://evil.test/complete-page' }),
      );
      expect(reply.status).toBe(403);
      const body = (await reply.json()) as ErrorReply;
      expect(body.Code).toBe('PB_ERR_ORIGIN_NOT_ALLOWED');
      expect(body.Message).toContain('origin https://evil.test is not');
      expect(body.Message).not.toContain(PARTNER_ORIGIN);
    });
  });

  it('reports Deny as an error on the same channel and leaves the install as it was', async () => {
    const id = await installInto(patchbay, 'deny', CAPSULE);
    const callback = await authorise(patchbay, 'deny', id, { decision: 'deny', callbackMessage: 'done' });
    expect(callback.status).toBe(400);
    const posted = postedMessage(await callback.text());
    expect(posted).toEqual({
      targetOrigin: PARTNER_ORIGIN,
      message: { Error: 'PB_ERR_OAUTH_DENIED', Message: expect.stringContaining('access_denied') },
    });
    expect((await installed('deny', id)).Authenticated).toBe(false);
    expect(capsule.oauth.tokenRequests).toBe(0);

    const redirected = await authorise(patchbay, 'deny', id, { decision: 'deny' });
    const location = new URL(redirected.headers.get('location') as string);
    expect(location.origin).toBe(PARTNER_ORIGIN);
    expect(location.searchParams.get('error')).toBe('PB_ERR_OAUTH_DENIED');
  });

  it('keeps a connector authenticated when a later attempt fails', async () => {
    const id = await installInto(patchbay, 'keep', CAPSULE);
    await authorise(patchbay, 'keep', id);
    const denied = await authorise(patchbay, 'keep', id, { decision: 'deny', callbackMessage: 'x' });
    expect(denied.status).toBe(400);
    expect((await installed('keep', id)).Authenticated).toBe(true);
  });

  it('uses HTTP Basic client authentication, no PKCE and api_domain for Pipedrive', async () => {
    const id = await installInto(patchbay, 'pd', PIPEDRIVE_OAUTH);
    const start = await visit(startUrl(patchbay, id, await signinToken(patchbay, 'pd')));
    const location = new URL(start.headers.get('location') as string);
    expect(location.pathname).toBe('/oauth/authorize');
    expect(location.searchParams.get('code_challenge')).toBeNull();
    expect(location.searchParams.get('scope')).toBe('base deals:full contacts:full activities:full products:full search:read');
    const consent = await decide(location.href, 'allow');
    const callback = await visit(consent.headers.get('location') as string, cookiesOf(start));
    expect(callback.status).toBe(302);
    const persons = await patchbay.call('GET', `/v1.0/account/connectors/${id}/methods/list-persons`, { account: 'pd' });
    expect(persons.status).toBe(200);
    expect(((await persons.json()) as unknown[]).length).toBe(pipedrive.items('persons').length);
  });

  it("calls Pipedrive's v2 methods and v1's current user on the api_domain, and proxies both versions below it", async () => {
    const id = await installInto(patchbay, 'pd-v2', PIPEDRIVE_OAUTH);
    const start = await visit(startUrl(patchbay, id, await signinToken(patchbay, 'pd-v2')));
    const consent = await decide(start.headers.get('location') as string, 'allow');
    expect((await visit(consent.headers.get('location') as string, cookiesOf(start))).status).toBe(302);
    const method = (name: string, body: unknown) =>
      patchbay.call('POST', `/v1.0/account/connectors/${id}/methods/${name}`, { account: 'pd-v2', body });

    const all = await method('list-persons', { AllPages: true, Parameters: { limit: 1, sort_direction: 'desc' } });
    expect(((await all.json()) as { id: number }[]).map((p) => p.id)).toEqual([3, 2, 1]);
    expect(all.headers.get('x-patchbay-pages')).toBe('3');
    const filtered = await method('list-deals', { Parameters: { person_id: 2, status: 'open' } });
    expect(((await filtered.json()) as { id: number }[]).map((d) => d.id)).toEqual([2]);
    const updated = await method('update-person', { Parameters: { id: 2 }, Fields: { owner_id: 7 } });
    expect(await updated.json()).toMatchObject({ id: 2, owner_id: 7, emails: [{ value: 'person2@example.com' }] });
    expect(await (await method('get-current-user', {})).json()).toMatchObject({ id: 1, company_domain: 'testco' });

    const proxy = (path: string) => patchbay.call('GET', `/v1.0/account/connectors/${id}/proxy${path}`, { account: 'pd-v2' });
    expect(await (await proxy('/api/v2/persons/2')).json()).toMatchObject({ success: true, data: { id: 2, owner_id: 7 } });
    expect(await (await proxy('/api/v1/persons/2')).json()).toMatchObject({ success: true, data: { id: 2, owner_id: 7, visible_to: '3' } });
  });

  it('binds a Pipedrive flow (no PKCE) to the browser that started it: the callback elsewhere is refused and spends nothing', async () => {
    const id = await installInto(patchbay, 'pd-bound', PIPEDRIVE_OAUTH);
    const start = await visit(startUrl(patchbay, id, await signinToken(patchbay, 'pd-bound'), { callbackMessage: 'done' }));
    const kept = start.headers.getSetCookie();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^patchbay-oauth-[A-Za-z0-9_-]{16}=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/);
    const callback = (await decide(start.headers.get('location') as string, 'allow')).headers.get('location') as string;

    // Another browser (no cookie, or another flow's) cannot complete this state.
    const other = await visit(startUrl(patchbay, id, await signinToken(patchbay, 'pd-bound'), { callbackMessage: 'done' }));
    for (const headers of [{}, cookiesOf(other), { cookie: `${kept[0]?.split('=')[0]}=forged` }]) {
      const refused = await visit(callback, headers);
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ Code: 'PB_ERR_OAUTH_STATE_INVALID' });
    }
    expect((await installed('pd-bound', id)).Authenticated).toBe(false);

    // The browser that started completes it, and is told to forget the binding.
    const done = await visit(callback, cookiesOf(start));
    expect(done.status).toBe(200);
    expect(done.headers.getSetCookie()[0]).toMatch(/^patchbay-oauth-[A-Za-z0-9_-]{16}=; .*Max-Age=0$/);
    expect((await installed('pd-bound', id)).Authenticated).toBe(true);
  });

  it('sets no binding cookie for a provider with PKCE (Capsule)', async () => {
    const id = await installInto(patchbay, 'capsule-unbound', CAPSULE);
    const start = await visit(startUrl(patchbay, id, await signinToken(patchbay, 'capsule-unbound')));
    expect(start.status).toBe(302);
    expect(start.headers.getSetCookie()).toEqual([]);
  });

  it('lets one account bring its own OAuth app when the partner left it blank', async () => {
    await setup(PIPEDRIVE_OAUTH, { ClientId: null, ClientSecret: null });
    try {
      await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'own', Name: 'own' } });
      const missing = await patchbay.call('POST', `/v1.0/connectors/${PIPEDRIVE_OAUTH}/install`, { account: 'own', body: { Name: 'x' } });
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as ErrorReply).Message).toContain('ClientId');
      const reply = await patchbay.call('POST', `/v1.0/connectors/${PIPEDRIVE_OAUTH}/install`, {
        account: 'own',
        body: {
          Name: 'Own app',
          Properties: [
            { Name: 'ClientId', Value: 'pipedrive-client' },
            { Name: 'ClientSecret', Value: 'pipedrive-secret' },
          ],
        },
      });
      expect(reply.status).toBe(200);
      const id = ((await reply.json()) as { Id: number }).Id;
      expect((await authorise(patchbay, 'own', id)).status).toBe(302);
      expect((await installed('own', id)).Authenticated).toBe(true);
    } finally {
      await setup(PIPEDRIVE_OAUTH, { ClientId: 'pipedrive-client', ClientSecret: 'pipedrive-secret' });
    }
  });

  it('accepts OAuth tokens given directly as AuthValue', async () => {
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const authValue = JSON.stringify({
      AccessToken: tokens.access_token,
      RefreshToken: tokens.refresh_token,
      Expires: '2099-01-01T00:00:00Z',
    });
    const id = await installInto(patchbay, 'direct', CAPSULE, authValue);
    expect((await installed('direct', id)).Authenticated).toBe(true);
    const parties = await patchbay.call('GET', `/v1.0/account/connectors/${id}/methods/list-parties`, { account: 'direct' });
    expect(parties.status).toBe(200);
  });

  describe('refusals', () => {
    it('refuses a reused sign-in token', async () => {
      const id = await installInto(patchbay, 'reuse', CAPSULE);
      const token = await signinToken(patchbay, 'reuse');
      expect((await visit(startUrl(patchbay, id, token))).status).toBe(302);
      const again = await visit(startUrl(patchbay, id, token));
      expect(again.status).toBe(401);
      expect(await again.json()).toMatchObject({ Code: 'PB_ERR_SIGNIN_TOKEN_INVALID' });
    });

    it('refuses an expired or unknown sign-in token, with a page for a browser', async () => {
      const id = await installInto(patchbay, 'expired', CAPSULE);
      const token = await signinToken(patchbay, 'expired');
      await clock.advance((SIGNIN_TOKEN_LIFETIME_SECONDS + 1) * 1000);
      const expired = await visit(startUrl(patchbay, id, token), { accept: 'text/html' });
      expect(expired.status).toBe(401);
      expect(expired.headers.get('content-type')).toContain('text/html');
      expect(await expired.text()).toContain('sign-in token is unknown, expired or already used');
      expect((await visit(startUrl(patchbay, id, 'pbs_nope'))).status).toBe(401);
    });

    it("refuses another account's connector as not found", async () => {
      const id = await installInto(patchbay, 'owner', CAPSULE);
      await installInto(patchbay, 'intruder', EXAMPLE, 'key');
      const reply = await visit(startUrl(patchbay, id, await signinToken(patchbay, 'intruder')));
      expect(reply.status).toBe(404);
    });

    it('refuses a connector that does not use OAuth', async () => {
      const id = await installInto(patchbay, 'apikey', EXAMPLE, 'key');
      const reply = await visit(startUrl(patchbay, id, await signinToken(patchbay, 'apikey')));
      expect(reply.status).toBe(409);
      expect(await reply.json()).toMatchObject({ Code: 'PB_ERR_NOT_OAUTH' });
    });

    it('refuses a target origin the partner did not allow, and never redirects there', async () => {
      const id = await installInto(patchbay, 'origin', CAPSULE);
      const token = await signinToken(patchbay, 'origin');
      for (const targetOrigin of ['https://evil.test', 'https://app.partner.test.evil.test', 'javascript:alert(1)']) {
        const reply = await visit(startUrl(patchbay, id, token, { targetOrigin }));
        expect(reply.status).toBeGreaterThanOrEqual(400);
        expect(reply.headers.get('location')).toBeNull();
      }
      // The seed's bare host form means the https origin.
      const bare = await visit(startUrl(patchbay, id, token, { targetOrigin: 'app.partner.test' }));
      expect(bare.status).toBe(302);
    });

    it('refuses an unknown or reused state', async () => {
      const unknown = await visit(`${patchbay.url}/connector/callback?code=x&state=nope`);
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({ Code: 'PB_ERR_OAUTH_STATE_INVALID' });
      const id = await installInto(patchbay, 'state', CAPSULE);
      const start = await visit(startUrl(patchbay, id, await signinToken(patchbay, 'state')));
      const consent = await decide(start.headers.get('location') as string, 'allow');
      const callback = consent.headers.get('location') as string;
      expect((await visit(callback)).status).toBe(302);
      const replay = await visit(callback, { accept: 'text/html' });
      expect(replay.status).toBe(400);
      expect(replay.headers.get('content-type')).toContain('text/html');
      expect(capsule.oauth.tokenRequests).toBe(1);
    });

    it('refuses an expired OAuth session', async () => {
      const id = await installInto(patchbay, 'stale', CAPSULE);
      const start = await visit(startUrl(patchbay, id, await signinToken(patchbay, 'stale')));
      const consent = await decide(start.headers.get('location') as string, 'allow');
      await clock.advance((OAUTH_SESSION_LIFETIME_SECONDS + 1) * 1000);
      const callback = await visit(consent.headers.get('location') as string);
      expect(callback.status).toBe(400);
      expect(await callback.json()).toMatchObject({ Code: 'PB_ERR_OAUTH_STATE_INVALID' });
      expect(capsule.oauth.tokenRequests).toBe(0);
    });

    it('answers 400 naming the parameter for a malformed start URL', async () => {
      const base = `${patchbay.url}/connectorauth/updateaccountconnectoroauth`;
      for (const [query, name] of [
        ['token=t&targetOrigin=https://app.partner.test', 'id'],
        ['id=abc&token=t&targetOrigin=https://app.partner.test', 'id'],
        ['id=1&targetOrigin=https://app.partner.test', 'token'],
        ['id=1&token=t', 'targetOrigin'],
        [`id=1&token=t&targetOrigin=https://app.partner.test&callbackMessage=${'x'.repeat(2001)}`, 'callbackMessage'],
      ]) {
        const reply = await visit(`${base}?${query}`);
        expect(reply.status).toBe(400);
        expect(((await reply.json()) as ErrorReply).Message).toContain(name);
      }
    });

    it('reports a failed code exchange and stores nothing', async () => {
      const id = await installInto(patchbay, 'exchange', CAPSULE);
      capsule.oauth.failTokenEndpoint(1, 503);
      const callback = await authorise(patchbay, 'exchange', id, { callbackMessage: 'm' });
      expect(callback.status).toBe(400);
      expect(postedMessage(await callback.text()).message).toMatchObject({ Error: 'PB_ERR_OAUTH_EXCHANGE_FAILED' });
      expect((await installed('exchange', id)).Authenticated).toBe(false);
    });
  });
});
