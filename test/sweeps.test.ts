import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { TestClock } from '../src/clock.js';
import { verificationColumns } from '../src/services/credential-check.js';
import { updateCredential } from '../src/store/credentials.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';
import { PARTNER_ORIGIN, signinToken, startUrl, visit } from './support/oauth-flow.js';
import { until } from './support/until.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const CAPSULE = 3;

/** The periodic jobs, every second here: nothing calls Patchbay to make them happen. */
describe('periodic sweeps', () => {
  let capsule: CapsuleSimulator;
  let pipedrive: PipedriveSimulator;
  let receiver: WebhookReceiver;
  let patchbay: Patchbay;

  beforeAll(async () => {
    capsule = await startCapsuleSimulator();
    pipedrive = await startPipedriveSimulator({ apiTokens: ['pd-good', 'pd-revoked'] });
    receiver = await startWebhookReceiver();
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.capsulecrm.com': capsule.url, 'https://api.pipedrive.com': pipedrive.url }),
      PATCHBAY_SWEEP_INTERVAL_SECONDS: '1',
      PATCHBAY_PROBE_INTERVAL_SECONDS: '3600',
      PATCHBAY_ALLOWED_ORIGINS: PARTNER_ORIGIN,
      PATCHBAY_WEBHOOK_PRIVATE_NETWORK: 'true',
    });
    await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
    const hook = await patchbay.call('POST', '/v1.0/webhooks', { body: { Url: receiver.url, Events: ['Credential.ProbeFailed'] } });
    expect(hook.status).toBe(200);
  });
  afterAll(async () => {
    await patchbay.close();
    await receiver.close();
    await pipedrive.close();
    await capsule.close();
  });

  it('refreshes an OAuth token that would expire before the next sweep, with no call made', async () => {
    const tokens = capsule.oauth.issueForTest('capsule-client');
    // Within the refresh margin (60 s) plus one sweep interval: due now.
    const expires = new Date(Date.now() + 30_000).toISOString();
    const AuthValue = JSON.stringify({ AccessToken: tokens.access_token, RefreshToken: tokens.refresh_token, Expires: expires });
    const before = capsule.oauth.tokenRequests;
    const id = await installInto(patchbay, 'idle', CAPSULE, AuthValue);
    const credentialId = (await patchbay.ctx.installs.resolve('idle', id)).credentialId as number;
    const renewed = await until(async () => {
      const row = await patchbay.ctx.credentials.row('idle', credentialId);
      return row.expires_at !== null && row.expires_at > expires ? row : undefined;
    });
    expect(Date.parse(renewed.expires_at as string)).toBeGreaterThan(Date.now() + 3600_000);
    expect(capsule.oauth.tokenRequests - before).toBe(1);
    // The new token is the one calls use.
    expect((await patchbay.call('GET', `/v1.0/account/connectors/${id}/methods/list-parties`, { account: 'idle' })).status).toBe(200);
    expect(capsule.oauth.tokenRequests - before).toBe(1);
  });

  it('leaves alone a token that lasts beyond the next sweep', async () => {
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const expires = new Date(Date.now() + 3600_000).toISOString();
    const AuthValue = JSON.stringify({ AccessToken: tokens.access_token, RefreshToken: tokens.refresh_token, Expires: expires });
    const before = capsule.oauth.tokenRequests;
    await installInto(patchbay, 'fresh', CAPSULE, AuthValue);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(capsule.oauth.tokenRequests - before).toBe(0);
  });

  it('probes API-key credentials never probed, and reports one that fails', async () => {
    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'probed', Name: 'probed' } });
    const create = (Name: string, AuthValue: string) =>
      patchbay.call('POST', '/v1.0/account/credentials', { account: 'probed', body: { Name, Connector: 'Pipedrive', AuthValue } });
    const good = (await (await create('Good key', 'pd-good')).json()) as { Id: number };
    const bad = (await (await create('Revoked key', 'pd-revoked')).json()) as { Id: number };
    // Both keys were checked when they were stored; made never probed (as credentials stored before keys were
    // checked are), and one revoked at the provider since.
    for (const { Id } of [good, bad]) await updateCredential(patchbay.ctx.db, Id, verificationColumns(undefined));
    pipedrive.revokeToken('pd-revoked');
    const status = async (id: number) =>
      ((await (await patchbay.call('GET', `/v1.0/account/credentials/${id}`, { account: 'probed' })).json()) as Reply<'getCredential'>)
        .VerifiedStatus;
    const requestsBefore = pipedrive.requestCount;
    await until(async () => ((await status(good.Id)) === 'Verified' && (await status(bad.Id)) === 'Failed' ? true : undefined));
    const report = JSON.parse((await receiver.nth(1)).body) as { Event: string; Data: { CredentialId: number } };
    expect(report).toMatchObject({ Event: 'Credential.ProbeFailed', Data: { CredentialId: bad.Id } });
    // Probed once per PATCHBAY_PROBE_INTERVAL_SECONDS, not at every sweep.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(receiver.received).toHaveLength(1);
    expect(pipedrive.requestCount - requestsBefore).toBe(2);
  });
});

/** The hourly sweep's housekeeping, with time moved by the test instead of waited for. */
describe('the sweep housekeeping', () => {
  const clock = new TestClock();
  let capsule: CapsuleSimulator;
  let patchbay: Patchbay;

  beforeAll(async () => {
    capsule = await startCapsuleSimulator();
    patchbay = await startPatchbay(
      {
        ...overrides({ 'https://api.capsulecrm.com': capsule.url }),
        PATCHBAY_SWEEP_INTERVAL_SECONDS: '3600',
        PATCHBAY_ALLOWED_ORIGINS: PARTNER_ORIGIN,
      },
      undefined,
      { clock },
    );
    await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
  });
  afterAll(async () => {
    await patchbay.close();
    await capsule.close();
  });

  it('removes expired sign-in tokens and OAuth sessions', async () => {
    const id = await installInto(patchbay, 'tidy', CAPSULE);
    const signin = await signinToken(patchbay, 'tidy');
    expect((await visit(startUrl(patchbay, id, await signinToken(patchbay, 'tidy')))).status).toBe(302);
    const count = async () => {
      const [tokens, sessions] = await Promise.all([
        patchbay.ctx.db.selectFrom('signin_tokens').select('token_hash').where('account_id', '=', 'tidy').execute(),
        patchbay.ctx.db.selectFrom('oauth_sessions').select('state_hash').where('account_id', '=', 'tidy').execute(),
      ]);
      return { tokens: tokens.length, sessions: sessions.length };
    };
    // One sign-in token unused, one used by the started flow, and that flow's session.
    expect(await count()).toEqual({ tokens: 2, sessions: 1 });
    // Their lifetimes (5 and 10 minutes) run out before the next sweep, an hour on.
    await clock.advance(3600_000);
    await until(async () => {
      const now = await count();
      return now.tokens === 0 && now.sessions === 0 ? true : undefined;
    });
    expect(signin).toMatch(/^pbs_/);
  });
});
