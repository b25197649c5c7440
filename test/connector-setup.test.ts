import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply, Reply } from '../console/src/types.js';
import { type Patchbay, setupConnector, startPatchbay } from './support/harness.js';

const CAPSULE = 3;
const PIPEDRIVE_OAUTH = 4;
const CLIENT_SECRET = 'capsule-partner-secret-7f3a9c1e';

type SetupBody = Reply<'getConnectorSetup'>;

describe('partner connector setup', () => {
  let patchbay: Patchbay;
  const put = (connector: number | string, values: Record<string, string | null>) => setupConnector(patchbay, connector, values);
  const get = async (connector: number | string) =>
    (await (await patchbay.call('GET', `/v1.0/connectors/${connector}/setup`)).json()) as SetupBody;
  const property = (body: SetupBody, name: string) => body.Properties.find((p) => p.Name === name);

  beforeAll(async () => {
    patchbay = await startPatchbay({ PATCHBAY_PUBLIC_URL: 'https://patchbay.partner.test' });
  });
  afterAll(() => patchbay.close());

  it('says setup is required until saved, shows the defaults and the callback URL to register', async () => {
    const body = await get('Capsule v2');
    expect(body).toMatchObject({
      ConnectorId: CAPSULE,
      SetupRequired: true,
      CallbackUrl: 'https://patchbay.partner.test/connector/callback',
      AskedAtInstall: ['ClientId', 'ClientSecret'],
    });
    expect(property(body, 'AuthoriseUrl')).toMatchObject({
      Default: 'https://api.capsulecrm.com/oauth/authorise?scope=read+write',
      IsSet: false,
    });
    expect(property(body, 'AccessTokenUrl')?.Default).toBe('https://api.capsulecrm.com/oauth/token');
    expect(property(body, 'ClientSecret')?.IsSensitive).toBe(true);
  });

  it('saves values, never returns a secret in full, and keeps values a later save leaves out', async () => {
    const saved = await put(CAPSULE, { ClientId: 'capsule-partner-client', ClientSecret: CLIENT_SECRET });
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as SetupBody;
    expect(body.SetupRequired).toBe(false);
    expect(body.AskedAtInstall).toEqual([]);
    expect(property(body, 'ClientId')?.Value).toBe('capsule-partner-client');
    expect(property(body, 'ClientSecret')).toMatchObject({ IsSet: true });
    expect(property(body, 'ClientSecret')?.Value).not.toContain(CLIENT_SECRET.slice(0, 8));
    await put(CAPSULE, { ClientId: 'capsule-partner-client-2' });
    const after = await get(CAPSULE);
    expect(property(after, 'ClientId')?.Value).toBe('capsule-partner-client-2');
    expect(property(after, 'ClientSecret')?.IsSet).toBe(true);
  });

  it('keeps partner secrets encrypted at rest', async () => {
    const stored = await patchbay.storedBytes();
    expect(stored.includes('capsule-partner-client-2')).toBe(true);
    expect(stored.includes(CLIENT_SECRET)).toBe(false);
  });

  it('asks accounts at install for a value the partner clears', async () => {
    await put(CAPSULE, { ClientSecret: '' });
    expect((await get(CAPSULE)).AskedAtInstall).toEqual(['ClientSecret']);
    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'asked', Name: 'asked' } });
    const missing = await patchbay.call('POST', `/v1.0/connectors/${CAPSULE}/install`, { account: 'asked', body: { Name: 'c' } });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorReply).Message).toContain('ClientSecret');
    const given = await patchbay.call('POST', `/v1.0/connectors/${CAPSULE}/install`, {
      account: 'asked',
      body: { Name: 'c', Properties: [{ Name: 'ClientSecret', Value: 'account-secret' }] },
    });
    expect(given.status).toBe(200);
    // Values the partner set stay the partner's: an account cannot replace the token URL.
    const url = await patchbay.call('POST', `/v1.0/connectors/${CAPSULE}/install`, {
      account: 'asked',
      body: {
        Name: 'c',
        Properties: [
          { Name: 'AccessTokenUrl', Value: 'https://evil.test/token' },
          { Name: 'ClientSecret', Value: 's' },
        ],
      },
    });
    expect(url.status).toBe(400);
    expect(((await url.json()) as ErrorReply).Message).toContain('AccessTokenUrl');
  });

  it('offers the scope choice for Pipedrive OAuth and refuses other values', async () => {
    const body = await get(PIPEDRIVE_OAUTH);
    const scope = body.Properties.find((p) => p.Name === 'Scope') as unknown as { Choices: { Label: string }[] };
    expect(scope.Choices.map((c) => c.Label)).toEqual(['Read only', 'Full access']);
    expect((await put(PIPEDRIVE_OAUTH, { Scope: 'everything' })).status).toBe(400);
    expect((await put(PIPEDRIVE_OAUTH, { Scope: 'base deals:read contacts:read activities:read products:read search:read' })).status).toBe(
      200,
    );
  });

  it('refuses unknown properties and connectors, and restricted tokens', async () => {
    const unknown = await put(CAPSULE, { Nope: 'x' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorReply).Message).toContain('Nope');
    expect((await put(CAPSULE, { ClientId: 'a', ClientId2: 'b' })).status).toBe(400);
    expect((await patchbay.call('PUT', `/v1.0/connectors/${CAPSULE}/setup`, { body: { Properties: 'x' } })).status).toBe(400);
    expect((await patchbay.call('GET', '/v1.0/connectors/999/setup')).status).toBe(404);
    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'restricted', Name: 'r' } });
    const restricted = await patchbay.restrictedToken('restricted');
    expect((await patchbay.call('GET', `/v1.0/connectors/${CAPSULE}/setup`, { token: restricted })).status).toBe(403);
  });
});

describe('sign-in tokens', () => {
  let patchbay: Patchbay;
  beforeAll(async () => {
    patchbay = await startPatchbay();
    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'signin', Name: 'signin' } });
  });
  afterAll(() => patchbay.close());

  it('issues a five-minute token for the account in the header (the seed request, empty body)', async () => {
    const reply = await fetch(`${patchbay.url}/v1.0/accounts/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': 'signin' },
    });
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as Reply<'createSignInToken'>;
    const lifetime = Date.parse(body.ExpiresAtUtc) - Date.now();
    expect(lifetime).toBeGreaterThan(290_000);
    expect(lifetime).toBeLessThanOrEqual(300_000);
    const stored = await patchbay.ctx.db.selectFrom('signin_tokens').select('token_hash').execute();
    expect(stored.some((row) => row.token_hash === body.Token)).toBe(false);
  });

  it('issues one for an account named in the path, with an optional Username', async () => {
    const reply = await patchbay.call('POST', '/v1.0/accounts/signin/signintoken', { body: { Username: 'ada@example.com' } });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ Token: expect.stringMatching(/^pbs_/), ExpiresAtUtc: expect.any(String) });
    expect((await patchbay.call('POST', '/v1.0/accounts/nobody/signintoken', { body: {} })).status).toBe(404);
    expect((await patchbay.call('POST', '/v1.0/accounts/tokens')).status).toBe(400);
    expect((await patchbay.call('POST', '/v1.0/accounts/signin/signintoken', { body: { Username: 5 } })).status).toBe(400);
  });
});
