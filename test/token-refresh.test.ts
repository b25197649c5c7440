import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';

const CAPSULE = 3;
const PAST = '2000-01-01T00:00:00Z';
const FUTURE = '2099-01-01T00:00:00Z';

describe('OAuth token refresh', () => {
  let capsule: CapsuleSimulator;
  let patchbay: Patchbay;
  let account = 0;

  /** An install holding a real token pair from the simulator, with the expiry Patchbay believes. */
  async function installWithTokens(expires: string): Promise<{ id: number; account: string; refreshToken: string }> {
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const name = `refresh-${++account}`;
    const authValue = JSON.stringify({ AccessToken: tokens.access_token, RefreshToken: tokens.refresh_token, Expires: expires });
    return { id: await installInto(patchbay, name, CAPSULE, authValue), account: name, refreshToken: tokens.refresh_token as string };
  }
  const listParties = (target: { id: number; account: string }) =>
    patchbay.call('GET', `/v1.0/account/connectors/${target.id}/methods/list-parties`, { account: target.account });

  beforeAll(async () => {
    capsule = await startCapsuleSimulator();
    patchbay = await startPatchbay(overrides({ 'https://api.capsulecrm.com': capsule.url }));
    await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
  });
  afterAll(async () => {
    await patchbay.close();
    await capsule.close();
  });
  beforeEach(() => {
    capsule.oauth.setTokenDelay(0);
  });

  it('refreshes a token that expires within the margin before using it', async () => {
    const target = await installWithTokens(PAST);
    const before = capsule.oauth.tokenRequests;
    expect((await listParties(target)).status).toBe(200);
    expect(capsule.oauth.tokenRequests - before).toBe(1);
    // The new expiry is stored: the next call needs no refresh.
    expect((await listParties(target)).status).toBe(200);
    expect(capsule.oauth.tokenRequests - before).toBe(1);
  });

  it('refreshes after the provider refuses the token, and retries the call once', async () => {
    const target = await installWithTokens(FUTURE);
    capsule.oauth.expireAccessTokens();
    const before = capsule.oauth.tokenRequests;
    expect((await listParties(target)).status).toBe(200);
    expect(capsule.oauth.tokenRequests - before).toBe(1);
  });

  it('stores each rotated refresh token and never sends a superseded one', async () => {
    const target = await installWithTokens(FUTURE);
    for (let round = 0; round < 3; round++) {
      capsule.oauth.expireAccessTokens();
      expect((await listParties(target)).status).toBe(200);
    }
    // The original refresh token was rotated away: the provider refuses it, yet Patchbay kept working.
    const stale = await fetch(`${capsule.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: target.refreshToken,
        client_id: 'capsule-client',
        client_secret: 'capsule-secret',
      }),
    });
    expect(await stale.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('makes exactly one token request for 200 concurrent calls on an expired token', async () => {
    const target = await installWithTokens(PAST);
    capsule.oauth.setTokenDelay(150);
    const before = capsule.oauth.tokenRequests;
    const replies = await Promise.all(Array.from({ length: 200 }, () => listParties(target)));
    expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(capsule.oauth.tokenRequests - before).toBe(1);
  });

  it('marks the install unauthenticated on invalid_grant, with the reason, and stops calling the token endpoint', async () => {
    const target = await installWithTokens(PAST);
    capsule.oauth.revokeAll();
    const before = capsule.oauth.tokenRequests;
    const reply = await listParties(target);
    expect(reply.status).toBe(409);
    expect(await reply.json()).toMatchObject({ Code: 'PB_ERR_NOT_AUTHENTICATED', Message: expect.stringContaining('invalid_grant') });
    const view = (await (
      await patchbay.call('GET', `/v1.0/account/connectors/${target.id}`, { account: target.account })
    ).json()) as Reply<'getAccountConnector'>;
    expect(view.Authenticated).toBe(false);
    expect(view.AuthenticationError).toContain('invalid_grant');
    const again = await listParties(target);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ Message: expect.stringContaining('authenticate it again') });
    expect(capsule.oauth.tokenRequests - before).toBe(1);
  });

  it('pauses the Active cycles of an install whose refresh is refused for good, each with a Warning incident', async () => {
    const target = await installWithTokens(PAST);
    const send = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const reply = await patchbay.call(method, path, { account: target.account, body });
      const text = await reply.text();
      expect(reply.status, `${method} ${path}: ${text}`).toBe(200);
      return JSON.parse(text) as T;
    };
    const cycle = await send<{ Id: number }>('POST', '/v1.0/cycles', { Name: 'Uses Capsule' });
    const step = (body: Record<string, unknown>) => send<{ Id: number }>('POST', `/v1.0/cycles/${cycle.Id}/steps`, body);
    const hook = await step({ Name: 'Hook', ActionType: 'Webhook', SamplePayload: { id: 1 } });
    const party = await step({ Name: 'Party', ActionType: 'Method', AccountConnectorId: target.id, MethodId: 'get-party' });
    await send('POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: hook.Id, TailStepId: party.Id, EdgeType: 'Forward' });
    await send('PUT', `/v1.0/steps/${party.Id}/parameters/id`, { MappingType: 'StepField', SourceStepId: hook.Id, SourceFieldId: 'id' });
    await send('PUT', `/v1.0/cycles/${cycle.Id}/activate`);

    capsule.oauth.revokeAll();
    expect((await listParties(target)).status).toBe(409);
    const paused = await send<Reply<'getCycle'>>('GET', `/v1.0/cycles/${cycle.Id}`);
    expect({ Status: paused.Status, WarningCount: paused.WarningCount }).toEqual({ Status: 'Paused', WarningCount: 1 });
    const incidents = await send<Reply<'listCycleWarningIncidents'>>('GET', '/v1.0/cycles/incidents/warning');
    expect(incidents.map((i) => [i.CycleId, i.ShortMessage])).toEqual([
      [cycle.Id, expect.stringMatching(/^Paused: the connector '.+' lost its authorization \(the provider refused to refresh it\)$/)],
    ]);
  });

  it('fails clearly when the token endpoint is down and keeps the stored tokens for the next try', async () => {
    const target = await installWithTokens(PAST);
    capsule.oauth.failTokenEndpoint(1, 503);
    const reply = await listParties(target);
    expect(reply.status).toBe(502);
    expect(await reply.json()).toMatchObject({ Code: 'PB_ERR_TOKEN_REFRESH_FAILED' });
    expect((await listParties(target)).status).toBe(200);
  });

  it('keeps the access and refresh tokens sealed at rest', async () => {
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const authValue = JSON.stringify({ AccessToken: tokens.access_token, RefreshToken: tokens.refresh_token, Expires: FUTURE });
    await installInto(patchbay, 'sealed', CAPSULE, authValue);
    const stored = await patchbay.storedBytes();
    expect(stored.includes('sealed')).toBe(true);
    expect(stored.includes(tokens.access_token as string)).toBe(false);
    expect(stored.includes(tokens.refresh_token as string)).toBe(false);
  });

  it('refreshes for the raw proxy too', async () => {
    const target = await installWithTokens(FUTURE);
    capsule.oauth.expireAccessTokens();
    const reply = await patchbay.call('GET', `/v1.0/account/connectors/${target.id}/proxy/parties?perPage=2`, { account: target.account });
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { parties: unknown[] }).parties).toHaveLength(2);
  });
});
