import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply, Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';
import { until } from './support/until.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const PIPEDRIVE = 2;
const CAPSULE = 3;
const ALL_EVENTS = [
  'AccountConnector.Authenticated',
  'AccountConnector.Deauthenticated',
  'AccountConnector.RefreshFailed',
  'Credential.ProbeFailed',
  'Transaction.Error',
];

type WebhookBody = Reply<'createWebhook'>;
type DeliveryBody = Reply<'getWebhookDelivery'>;
interface EventBody {
  Id: string;
  Event: string;
  CreatedDate: string;
  AccountId: string | null;
  Data: Record<string, unknown>;
}

const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('partner webhooks', () => {
  let pipedrive: PipedriveSimulator;
  let capsule: CapsuleSimulator;
  let patchbay: Patchbay;
  let receiver: WebhookReceiver;

  const json = async <T>(reply: Response | Promise<Response>) => (await (await reply).json()) as T;
  const register = async (body: Record<string, unknown>) => {
    const reply = await patchbay.call('POST', '/v1.0/webhooks', { body });
    expect(reply.status).toBe(200);
    return json<WebhookBody & { Secret: string }>(reply);
  };
  const deliveries = (id: number) => json<DeliveryBody[]>(patchbay.call('GET', `/v1.0/webhooks/${id}/deliveries`));
  /** Events received since `from` (0-based index into the receiver's log), as parsed bodies. */
  const eventsFrom = (from: number) => receiver.received.slice(from).map((r) => JSON.parse(r.body) as EventBody);

  beforeAll(async () => {
    pipedrive = await startPipedriveSimulator({ apiTokens: ['pd-good', 'pd-revoked'] });
    capsule = await startCapsuleSimulator();
    receiver = await startWebhookReceiver();
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.pipedrive.com': pipedrive.url, 'https://api.capsulecrm.com': capsule.url }),
      PATCHBAY_WEBHOOK_RETRIES: '2',
      PATCHBAY_WEBHOOK_RETRY_DELAY_SECONDS: '1',
      // The receiver listens on 127.0.0.1.
      PATCHBAY_WEBHOOK_PRIVATE_NETWORK: 'true',
    });
    await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
  });
  afterAll(async () => {
    await patchbay.close();
    await receiver.close();
    await pipedrive.close();
    await capsule.close();
  });

  it('registers a webhook, shows its secret once, and refuses bad input by name', async () => {
    const created = await register({ Url: 'https://hooks.partner.test/patchbay', Events: ['Credential.ProbeFailed'], Description: 'ops' });
    expect(created.Secret).toMatch(/^whsec_/);
    expect(created.SecretHint).not.toContain(created.Secret);
    const read = await json<WebhookBody>(patchbay.call('GET', `/v1.0/webhooks/${created.Id}`));
    expect(read).toMatchObject({ Url: 'https://hooks.partner.test/patchbay', Events: ['Credential.ProbeFailed'], Enabled: true });
    expect(JSON.stringify(read)).not.toContain(created.Secret);
    expect((await patchbay.storedBytes()).includes(created.Secret)).toBe(false);

    const bad = [
      [{ Url: 'not a url', Events: ['Credential.ProbeFailed'] }, 'Url'],
      [{ Url: 'ftp://hooks.partner.test/', Events: ['Credential.ProbeFailed'] }, 'http or https'],
      [{ Url: 'https://user:pw@hooks.partner.test/', Events: ['Credential.ProbeFailed'] }, 'user name or password'],
      [{ Url: 'https://hooks.partner.test/', Events: [] }, 'at least one'],
      [{ Url: 'https://hooks.partner.test/', Events: ['Account.Exploded'] }, "'Account.Exploded'"],
      [{ Events: ['Credential.ProbeFailed'] }, 'Url'],
    ] as const;
    for (const [body, named] of bad) {
      const reply = await patchbay.call('POST', '/v1.0/webhooks', { body });
      expect(reply.status).toBe(400);
      expect(((await reply.json()) as ErrorReply).Message).toContain(named);
    }
    const list = await json<WebhookBody[]>(patchbay.call('GET', '/v1.0/webhooks'));
    expect(list.map((w) => w.Id)).toContain(created.Id);

    const rotated = await json<WebhookBody & { Secret: string }>(patchbay.call('POST', `/v1.0/webhooks/${created.Id}/secret`));
    expect(rotated.Secret).toMatch(/^whsec_/);
    expect(rotated.Secret).not.toBe(created.Secret);
    expect((await patchbay.call('DELETE', `/v1.0/webhooks/${created.Id}`)).status).toBe(204);
    expect((await patchbay.call('GET', `/v1.0/webhooks/${created.Id}`)).status).toBe(404);
  });

  it('is partner-level: a token restricted to one account cannot see or register webhooks', async () => {
    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'restricted', Name: 'restricted' } });
    const token = await patchbay.restrictedToken('restricted');
    expect((await patchbay.call('GET', '/v1.0/webhooks', { token })).status).toBe(403);
    const reply = await patchbay.call('POST', '/v1.0/webhooks', { token, body: { Url: receiver.url, Events: ALL_EVENTS } });
    expect(reply.status).toBe(403);
    expect((await patchbay.call('GET', '/v1.0/webhooks', { token: null })).status).toBe(401);
  });

  it('delivers signed events when an account connector is authenticated and deauthenticated', async () => {
    const hook = await register({ Url: receiver.url, Events: ['AccountConnector.Authenticated', 'AccountConnector.Deauthenticated'] });
    const from = receiver.received.length;
    const id = await installInto(patchbay, 'signed', PIPEDRIVE, 'pd-good');
    const first = await receiver.nth(from + 1);
    expect(first.headers['x-patchbay-signature']).toBe(sign(hook.Secret, first.body));
    expect(first.headers['x-patchbay-event']).toBe('AccountConnector.Authenticated');
    expect(first.headers['content-type']).toBe('application/json');
    const event = JSON.parse(first.body) as EventBody;
    expect(event).toMatchObject({
      Event: 'AccountConnector.Authenticated',
      AccountId: 'signed',
      Data: { AccountConnectorId: id, ConnectorId: PIPEDRIVE, ConnectorName: 'Pipedrive' },
    });
    expect(event.Id).toMatch(/^evt_/);
    // Nothing secret rides in an event.
    expect(first.body).not.toContain('pd-good');

    expect((await patchbay.call('PUT', `/v1.0/account/connectors/${id}/deauthenticate`, { account: 'signed' })).status).toBe(200);
    const second = await receiver.nth(from + 2);
    expect(JSON.parse(second.body)).toMatchObject({ Event: 'AccountConnector.Deauthenticated', Data: { AccountConnectorId: id } });
    expect(second.headers['x-patchbay-signature']).toBe(sign(hook.Secret, second.body));

    const log = await deliveries(hook.Id);
    expect(log.map((d) => [d.Event, d.State, d.Attempts, d.LastStatusCode])).toEqual([
      ['AccountConnector.Deauthenticated', 'Delivered', 1, 200],
      ['AccountConnector.Authenticated', 'Delivered', 1, 200],
    ]);
    expect(String(log[1]?.Id)).toBe(first.headers['x-patchbay-delivery']);
    await patchbay.call('DELETE', `/v1.0/webhooks/${hook.Id}`);
  });

  it('retries a refused delivery with backoff, records each attempt, and gives up after the retries allowed', async () => {
    const hook = await register({ Url: receiver.url, Events: ['AccountConnector.Authenticated'] });
    const from = receiver.received.length;
    receiver.answer(500);
    await installInto(patchbay, 'retried', PIPEDRIVE, 'pd-good');
    const delivered = await until(async () => (await deliveries(hook.Id)).find((d) => d.State === 'Delivered'));
    expect(delivered).toMatchObject({ Attempts: 2, LastStatusCode: 200, LastError: null });
    expect(receiver.received.length - from).toBe(2);
    expect(receiver.received[from]?.body).toBe(receiver.received[from + 1]?.body);

    // Three refusals: the first attempt and both retries.
    receiver.answer(503, 503, 503);
    await installInto(patchbay, 'given-up', PIPEDRIVE, 'pd-good');
    const failed = await until(async () => (await deliveries(hook.Id)).find((d) => d.State === 'Failed'), 15_000);
    expect(failed).toMatchObject({ Attempts: 3, LastStatusCode: 503 });
    expect(failed.LastError).toContain('Answered 503');
    const attempts = receiver.received.filter((r) => JSON.parse(r.body).Id === (failed.Payload as EventBody).Id).length;
    expect(attempts).toBe(3);

    // Sent again on request, it is delivered.
    const again = await patchbay.call('POST', `/v1.0/webhooks/${hook.Id}/deliveries/${failed.Id}/redeliver`);
    expect(again.status).toBe(200);
    const redelivered = await until(async () => {
      const one = await json<DeliveryBody>(patchbay.call('GET', `/v1.0/webhooks/${hook.Id}/deliveries/${failed.Id}`));
      return one.State === 'Delivered' ? one : undefined;
    });
    expect(redelivered.Attempts).toBe(4);
    await patchbay.call('DELETE', `/v1.0/webhooks/${hook.Id}`);
  }, 30_000);

  it('reports a refresh token the provider refused, and a credential whose probe starts failing (once)', async () => {
    const hook = await register({ Url: receiver.url, Events: ['AccountConnector.RefreshFailed', 'Credential.ProbeFailed'] });
    const from = receiver.received.length;
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const authValue = JSON.stringify({
      AccessToken: tokens.access_token,
      RefreshToken: tokens.refresh_token,
      Expires: '2000-01-01T00:00:00Z',
    });
    const id = await installInto(patchbay, 'refused', CAPSULE, authValue);
    capsule.oauth.revokeAll();
    const call = await patchbay.call('GET', `/v1.0/account/connectors/${id}/methods/list-parties`, { account: 'refused' });
    expect(call.status).toBe(409);
    await receiver.nth(from + 1);
    expect(eventsFrom(from)[0]).toMatchObject({
      Event: 'AccountConnector.RefreshFailed',
      AccountId: 'refused',
      Data: { AccountConnectorId: id, ConnectorName: 'Capsule v2', Reauthenticate: true },
    });
    expect(String(eventsFrom(from)[0]?.Data.Message)).toContain('invalid_grant');

    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'probed', Name: 'probed' } });
    const credential = await json<{ Id: number }>(
      patchbay.call('POST', '/v1.0/account/credentials', {
        account: 'probed',
        body: { Name: 'Old key', Connector: 'Pipedrive', AuthValue: 'pd-revoked' },
      }),
    );
    // Good when it was stored (and checked), revoked at the provider since.
    pipedrive.revokeToken('pd-revoked');
    const probe = () =>
      json<{ VerifiedStatus: string }>(patchbay.call('POST', `/v1.0/account/credentials/${credential.Id}/probe`, { account: 'probed' }));
    expect((await probe()).VerifiedStatus).toBe('Failed');
    await receiver.nth(from + 2);
    expect(eventsFrom(from)[1]).toMatchObject({
      Event: 'Credential.ProbeFailed',
      AccountId: 'probed',
      Data: { CredentialId: credential.Id, Name: 'Old key', ConnectorName: 'Pipedrive' },
    });
    // Still failing: no second report.
    expect((await probe()).VerifiedStatus).toBe('Failed');
    const log = await until(async () => {
      const all = await deliveries(hook.Id);
      return all.every((d) => d.State === 'Delivered') ? all : undefined;
    });
    expect(log.filter((d) => d.Event === 'Credential.ProbeFailed')).toHaveLength(1);
    await patchbay.call('DELETE', `/v1.0/webhooks/${hook.Id}`);
  });

  it('sends a test event on request, and nothing to a disabled webhook or for events it did not ask for', async () => {
    const hook = await register({ Url: receiver.url, Events: ['Credential.ProbeFailed'] });
    const from = receiver.received.length;
    const test = await patchbay.call('POST', `/v1.0/webhooks/${hook.Id}/test`);
    expect(test.status).toBe(200);
    expect(await test.json()).toMatchObject({ Event: 'Webhook.Test', State: 'Pending' });
    const received = await receiver.nth(from + 1);
    expect(JSON.parse(received.body)).toMatchObject({ Event: 'Webhook.Test' });

    // Authenticated is not among its events.
    await installInto(patchbay, 'not-asked', PIPEDRIVE, 'pd-good');
    const off = await patchbay.call('PUT', `/v1.0/webhooks/${hook.Id}`, { body: { Enabled: false } });
    expect(await off.json()).toMatchObject({ Enabled: false });
    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'disabled', Name: 'disabled' } });
    const credential = await json<{ Id: number }>(
      patchbay.call('POST', '/v1.0/account/credentials', {
        account: 'disabled',
        body: { Name: 'k', Connector: 'Pipedrive', AuthValue: 'nope' },
      }),
    );
    await patchbay.call('POST', `/v1.0/account/credentials/${credential.Id}/probe`, { account: 'disabled' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(receiver.received.length - from).toBe(1);
    expect((await deliveries(hook.Id)).map((d) => d.Event)).toEqual(['Webhook.Test']);
  });

  it('answers 404 for an unknown webhook or delivery', async () => {
    expect((await patchbay.call('GET', '/v1.0/webhooks/999999')).status).toBe(404);
    expect((await patchbay.call('GET', '/v1.0/webhooks/999999/deliveries')).status).toBe(404);
    const hook = await register({ Url: receiver.url, Events: ['Credential.ProbeFailed'] });
    const reply = await patchbay.call('GET', `/v1.0/webhooks/${hook.Id}/deliveries/999999`);
    expect(reply.status).toBe(404);
    expect(((await reply.json()) as ErrorReply).Message).toContain('999999');
    expect((await patchbay.call('PUT', '/v1.0/webhooks/abc', { body: {} })).status).toBe(400);
  });
});

describe('webhook deliveries and the URL policy', () => {
  let pipedrive: PipedriveSimulator;
  let patchbay: Patchbay;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    pipedrive = await startPipedriveSimulator({ apiTokens: ['pd-good'] });
    receiver = await startWebhookReceiver();
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.pipedrive.com': pipedrive.url }),
      PATCHBAY_WEBHOOK_RETRIES: '0',
    });
  });
  afterAll(async () => {
    await patchbay.close();
    await receiver.close();
    await pipedrive.close();
  });

  it('refuses to register a plain-http or private-address receiver unless PATCHBAY_WEBHOOK_PRIVATE_NETWORK allows it', async () => {
    const port = new URL(receiver.url).port;
    for (const Url of [receiver.url, `https://127.0.0.1:${port}/hook`, 'https://[::1]/hook', 'https://169.254.169.254/latest']) {
      const reply = await patchbay.call('POST', '/v1.0/webhooks', { body: { Url, Events: ['AccountConnector.Authenticated'] } });
      expect(reply.status, Url).toBe(400);
      expect(await reply.json()).toMatchObject({ Code: 'PB_ERR_URL_REFUSED' });
    }
    expect((await (await patchbay.call('GET', '/v1.0/webhooks')).json()) as unknown[]).toEqual([]);
  });

  it('does not deliver to a name that resolves to a loopback address, and records why', async () => {
    const port = new URL(receiver.url).port;
    const created = await patchbay.call('POST', '/v1.0/webhooks', {
      body: { Url: `https://localhost:${port}/hook`, Events: ['AccountConnector.Authenticated'] },
    });
    expect(created.status).toBe(200);
    const hook = (await created.json()) as WebhookBody;
    await installInto(patchbay, 'acme', PIPEDRIVE, 'pd-good');
    const failed = await until(async () => {
      const list = (await (await patchbay.call('GET', `/v1.0/webhooks/${hook.Id}/deliveries`)).json()) as DeliveryBody[];
      return list.find((d) => d.State === 'Failed');
    });
    expect(failed).toMatchObject({ Attempts: 1, LastStatusCode: null });
    expect(failed.LastError).toContain('URL policy');
    expect(receiver.received).toEqual([]);
  });
});
