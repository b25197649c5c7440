import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';

const PIPEDRIVE = 2;
const CAPSULE = 3;
const ACCOUNT = 'creds';

type CredentialBody = Reply<'getCredential'>;

describe('reusable credentials', () => {
  let pipedrive: PipedriveSimulator;
  let capsule: CapsuleSimulator;
  let patchbay: Patchbay;

  const call = (method: string, url: string, body?: unknown, account = ACCOUNT) => patchbay.call(method, url, { account, body });
  const json = async <T>(reply: Response | Promise<Response>) => (await (await reply).json()) as T;
  const createCredential = async (body: Record<string, unknown>) => {
    const reply = await call('POST', '/v1.0/account/credentials', body);
    expect(reply.status).toBe(200);
    return json<CredentialBody>(reply);
  };
  const installWith = async (connector: number, credentialId: number, name = 'shared') => {
    const reply = await call('POST', `/v1.0/connectors/${connector}/install`, { Name: name, CredentialId: credentialId });
    expect(reply.status).toBe(200);
    return json<{ Id: number; Authenticated: boolean; CredentialId: number }>(reply);
  };

  beforeAll(async () => {
    pipedrive = await startPipedriveSimulator({ apiTokens: ['pd-token-one', 'pd-token-two'] });
    capsule = await startCapsuleSimulator();
    patchbay = await startPatchbay(overrides({ 'https://api.pipedrive.com': pipedrive.url, 'https://api.capsulecrm.com': capsule.url }));
    for (const id of [ACCOUNT, 'other']) await patchbay.call('POST', '/v1.0/accounts', { body: { Id: id, Name: id } });
    await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
  });
  afterAll(async () => {
    await patchbay.close();
    await pipedrive.close();
    await capsule.close();
  });

  it('creates a named credential and never returns its secret', async () => {
    const created = await createCredential({
      Name: 'Sales token',
      Description: 'Pipedrive, sales team',
      Connector: 'Pipedrive',
      AuthValue: 'pd-token-one',
    });
    expect(created).toMatchObject({
      Name: 'Sales token',
      Description: 'Pipedrive, sales team',
      ConnectorId: PIPEDRIVE,
      AuthType: 'ApiKey',
      Standalone: true,
      UsageCount: 0,
    });
    expect(created.AuthValue).not.toContain('pd-token');
    const listed = await json<CredentialBody[]>(call('GET', '/v1.0/account/credentials'));
    expect(listed.map((c) => c.Id)).toContain(created.Id);
    expect(JSON.stringify(listed)).not.toContain('pd-token-one');
    const stored = await patchbay.storedBytes();
    expect(stored.includes('Sales token')).toBe(true);
    expect(stored.includes('pd-token-one')).toBe(false);
  });

  it('refuses bad input: unknown connector, a malformed AuthValue, missing fields, another account', async () => {
    expect((await call('POST', '/v1.0/account/credentials', { Name: 'x', Connector: 'Nope', AuthValue: 'k' })).status).toBe(404);
    const badToken = await call('POST', '/v1.0/account/credentials', { Name: 'x', Connector: CAPSULE, AuthValue: 'not json' });
    expect(badToken.status).toBe(400);
    expect((await call('POST', '/v1.0/account/credentials', { Name: 'x', Connector: 'Pipedrive' })).status).toBe(400);
    const mine = await createCredential({ Name: 'mine', Connector: 'Pipedrive', AuthValue: 'pd-token-one' });
    expect((await call('GET', `/v1.0/account/credentials/${mine.Id}`, undefined, 'other')).status).toBe(404);
    expect((await call('POST', `/v1.0/connectors/${PIPEDRIVE}/install`, { Name: 'x', CredentialId: mine.Id }, 'other')).status).toBe(404);
  });

  it('lets several installs share one credential, and shows who uses it', async () => {
    const credential = await createCredential({ Name: 'Shared', Connector: 'Pipedrive', AuthValue: 'pd-token-one' });
    const first = await installWith(PIPEDRIVE, credential.Id, 'first');
    const second = await installWith(PIPEDRIVE, credential.Id, 'second');
    expect([first.Authenticated, second.Authenticated, first.CredentialId, second.CredentialId]).toEqual([
      true,
      true,
      credential.Id,
      credential.Id,
    ]);
    for (const install of [first, second]) {
      expect((await call('GET', `/v1.0/account/connectors/${install.Id}/methods/list-persons`)).status).toBe(200);
    }
    expect(await json(call('GET', `/v1.0/account/credentials/${credential.Id}/usage`))).toEqual([
      { Id: first.Id, Name: 'first' },
      { Id: second.Id, Name: 'second' },
    ]);
    expect((await json<CredentialBody>(call('GET', `/v1.0/account/credentials/${credential.Id}`))).UsageCount).toBe(2);

    // A new secret reaches every install at once.
    expect((await call('PUT', `/v1.0/account/credentials/${credential.Id}`, { AuthValue: 'pd-token-two' })).status).toBe(200);
    pipedrive.revokeToken('pd-token-one');
    try {
      for (const install of [first, second]) {
        expect((await call('GET', `/v1.0/account/connectors/${install.Id}/methods/list-persons`)).status).toBe(200);
      }
    } finally {
      pipedrive.addToken('pd-token-one');
    }

    // In use: not deleted. Installs go, the named credential stays, then it can go.
    const inUse = await call('DELETE', `/v1.0/account/credentials/${credential.Id}`);
    expect(inUse.status).toBe(409);
    expect(await inUse.json()).toMatchObject({ Code: 'PB_ERR_CONFLICT', Message: expect.stringContaining('first') });
    await call('DELETE', `/v1.0/account/connectors/${first.Id}`);
    await call('DELETE', `/v1.0/account/connectors/${second.Id}`);
    expect((await call('GET', `/v1.0/account/credentials/${credential.Id}`)).status).toBe(200);
    expect((await call('DELETE', `/v1.0/account/credentials/${credential.Id}`)).status).toBe(204);
    expect((await call('GET', `/v1.0/account/credentials/${credential.Id}`)).status).toBe(404);
  });

  it('refuses CredentialId beside AuthValue, for another connector, or unknown', async () => {
    const credential = await createCredential({ Name: 'pd', Connector: 'Pipedrive', AuthValue: 'pd-token-one' });
    expect(
      (await call('POST', `/v1.0/connectors/${PIPEDRIVE}/install`, { Name: 'x', CredentialId: credential.Id, AuthValue: 'k' })).status,
    ).toBe(400);
    expect((await call('POST', '/v1.0/connectors/1/install', { Name: 'x', CredentialId: credential.Id })).status).toBe(400);
    expect((await call('POST', `/v1.0/connectors/${PIPEDRIVE}/install`, { Name: 'x', CredentialId: 999999 })).status).toBe(404);
  });

  it('deauthenticating one install lets go of a shared credential without breaking the others', async () => {
    const credential = await createCredential({ Name: 'detach', Connector: 'Pipedrive', AuthValue: 'pd-token-one' });
    const first = await installWith(PIPEDRIVE, credential.Id, 'a');
    const second = await installWith(PIPEDRIVE, credential.Id, 'b');
    expect((await call('PUT', `/v1.0/account/connectors/${first.Id}/deauthenticate`)).status).toBe(200);
    expect(await json(call('GET', `/v1.0/account/connectors/${first.Id}`))).toMatchObject({ Authenticated: false, CredentialId: null });
    expect((await call('GET', `/v1.0/account/connectors/${second.Id}/methods/list-persons`)).status).toBe(200);
  });

  it('probes a credential with the connector test method and records the outcome', async () => {
    const good = await createCredential({ Name: 'probe', Connector: 'Pipedrive', AuthValue: 'pd-token-one' });
    const verified = await json<{ VerifiedStatus: string; VerifiedAt: string; Message: string | null }>(
      call('POST', `/v1.0/account/credentials/${good.Id}/probe`),
    );
    expect(verified).toMatchObject({ VerifiedStatus: 'Verified', Message: null });
    expect(Date.parse(verified.VerifiedAt)).toBeGreaterThan(Date.now() - 60_000);
    // A key checked when it was stored, revoked at the provider since.
    const bad = await createCredential({ Name: 'probe-bad', Connector: 'Pipedrive', AuthValue: 'pd-token-two' });
    await installWith(PIPEDRIVE, bad.Id, 'probe-user');
    pipedrive.revokeToken('pd-token-two');
    const failed = await json<{ VerifiedStatus: string; Message: string }>(call('POST', `/v1.0/account/credentials/${bad.Id}/probe`));
    expect(failed.VerifiedStatus).toBe('Failed');
    expect(failed.Message).toContain('401');
    expect(await json(call('GET', `/v1.0/account/credentials/${bad.Id}`))).toMatchObject({
      VerifiedStatus: 'Failed',
      VerifiedAt: expect.any(String),
    });
  });

  it('refreshes a shared OAuth credential once for all its installs', async () => {
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const AuthValue = JSON.stringify({
      AccessToken: tokens.access_token,
      RefreshToken: tokens.refresh_token,
      Expires: '2000-01-01T00:00:00Z',
    });
    const credential = await createCredential({ Name: 'Capsule', Connector: 'Capsule v2', AuthValue });
    const installs = [await installWith(CAPSULE, credential.Id, 'crm-1'), await installWith(CAPSULE, credential.Id, 'crm-2')];
    capsule.oauth.setTokenDelay(100);
    const before = capsule.oauth.tokenRequests;
    try {
      const replies = await Promise.all(
        Array.from({ length: 40 }, (_, i) => call('GET', `/v1.0/account/connectors/${installs[i % 2]?.Id}/methods/list-parties`)),
      );
      expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    } finally {
      capsule.oauth.setTokenDelay(0);
    }
    expect(capsule.oauth.tokenRequests - before).toBe(1);
    // The rotated token is the credential's: the other install uses it without another refresh.
    expect((await call('GET', `/v1.0/account/connectors/${installs[1]?.Id}/methods/list-parties`)).status).toBe(200);
    expect(capsule.oauth.tokenRequests - before).toBe(1);
  });
});
