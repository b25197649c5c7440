import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { installInto, overrides, type Patchbay, startPatchbay } from './support/harness.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

type Incident = Reply<'listCycleIncidents'>[number];
type Cycle = Reply<'getCycle'>;

const EXAMPLE = 1;
const sign = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('cycle incidents, dismissing, the Transaction.Error webhook and pausing', () => {
  let example: ExampleApiSimulator;
  let patchbay: Patchbay;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    example = await startExampleApiSimulator();
    receiver = await startWebhookReceiver();
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.example.com': example.url }),
      // The receiver listens on 127.0.0.1.
      PATCHBAY_WEBHOOK_PRIVATE_NETWORK: 'true',
    });
  });
  afterAll(async () => {
    await patchbay?.close();
    await receiver?.close();
    await example?.close();
  });

  /** An account with an Example install and a cycle: list contacts -> create a copy of each. */
  async function contactsCopy(settings: Record<string, unknown> = {}) {
    const account = `incidents-${randomUUID()}`;
    example.reset();
    const installId = await installInto(patchbay, account, EXAMPLE, 'example-api-key');
    const send = async <T>(method: string, path: string, body?: unknown, status = 200): Promise<T> => {
      const reply = await patchbay.call(method, path, { account, body });
      const text = await reply.text();
      expect(reply.status, `${method} ${path}: ${text}`).toBe(status);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    };
    const cycle = await send<Cycle>('POST', '/v1.0/cycles', { Name: 'Copy contacts', ...settings });
    const step = (body: Record<string, unknown>) =>
      send<{ Id: number }>('POST', `/v1.0/cycles/${cycle.Id}/steps`, { ActionType: 'Method', AccountConnectorId: installId, ...body });
    const list = await step({ Name: 'List contacts', Key: 'contacts', MethodId: 'list-contacts' });
    const create = await step({ Name: 'Create copy', MethodId: 'create-contact' });
    await send('POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: list.Id, TailStepId: create.Id, EdgeType: 'Forward' });
    await send('PUT', `/v1.0/steps/${list.Id}/parameters/page`, { MappingType: 'StaticValue', Value: 1 });
    await send('PUT', `/v1.0/steps/${list.Id}/parameters/per_page`, { MappingType: 'StaticValue', Value: 1 });
    await send('PUT', `/v1.0/steps/${create.Id}/fieldmappings/name`, {
      MappingType: 'Expression',
      Value: 'steps.contacts.name & " (copy)"',
    });
    await send('PUT', `/v1.0/steps/${create.Id}/fieldmappings/email`, { MappingType: 'Ignore' });
    const runOne = async () => {
      const { Transactions } = await send<{ Transactions: { Id: string }[] }>('POST', `/v1.0/cycles/${cycle.Id}/run`, undefined, 202);
      return (Transactions[0] as { Id: string }).Id;
    };
    const settled = async (id: string, status: string) => {
      let read: Reply<'getTransaction'> | undefined;
      await vi.waitFor(
        async () => {
          read = await send<Reply<'getTransaction'>>('GET', `/v1.0/transactions/${id}`);
          expect(read.Status).toBe(status);
        },
        { timeout: 10_000, interval: 50 },
      );
      return read as Reply<'getTransaction'>;
    };
    return { account, installId, cycle, create, send, runOne, settled };
  }

  it('raises an Error incident for a transaction stopped on a failed step, listed by level and date', async () => {
    const { cycle, create, send, runOne, settled } = await contactsCopy({ StepErrorAction: 'StopTransaction' });
    example.failNextWrite(1, 422);
    const id = await runOne();
    await settled(id, 'Errored');
    const incidents = await send<Incident[]>('GET', '/v1.0/cycles/incidents');
    expect(incidents).toEqual([
      expect.objectContaining({
        CycleId: cycle.Id,
        CycleName: 'Copy contacts',
        IncidentLevel: 'Error',
        ShortMessage: "Step 'Create copy' errored",
        StepId: create.Id,
        StepName: 'Create copy',
        TransactionId: id,
      }),
    ]);
    expect(await send<Incident[]>('GET', '/v1.0/cycles/incidents/error')).toHaveLength(1);
    expect(await send<Incident[]>('GET', '/v1.0/cycles/incidents/warning')).toEqual([]);
    const raised = (incidents[0] as Incident).CreatedOnUtc;
    expect(await send<Incident[]>('GET', `/v1.0/cycles/incidents?after=${encodeURIComponent(raised)}`)).toHaveLength(1);
    expect(await send<Incident[]>('GET', `/v1.0/cycles/incidents?before=${encodeURIComponent(raised)}`)).toEqual([]);
    const bad = await send<{ Code: string }>('GET', '/v1.0/cycles/incidents?after=yesterday', undefined, 400);
    expect(bad.Code).toBe('PB_ERR_BAD_REQUEST');
    expect((await send<Cycle>('GET', `/v1.0/cycles/${cycle.Id}`)).ErrorCount).toBe(1);
  });

  it("never shows one account another account's incidents", async () => {
    const first = await contactsCopy({ StepErrorAction: 'StopTransaction' });
    example.failNextWrite(1, 422);
    await first.settled(await first.runOne(), 'Errored');
    const second = await contactsCopy();
    expect(await second.send<Incident[]>('GET', '/v1.0/cycles/incidents')).toEqual([]);
  });

  it('stops the cycle on a StopCycle error with an incident that says so', async () => {
    const { cycle, send, runOne, settled } = await contactsCopy({ StepErrorAction: 'StopCycle' });
    example.failNextWrite(1, 422);
    await settled(await runOne(), 'Errored');
    expect((await send<Cycle>('GET', `/v1.0/cycles/${cycle.Id}`)).Status).toBe('Stopped');
    const [incident] = await send<Incident[]>('GET', '/v1.0/cycles/incidents/error');
    expect(incident?.ShortMessage).toBe("Step 'Create copy' errored and stopped the cycle");
    expect(incident?.FullMessage).toContain('the cycle was stopped');
  });

  it('sends a subscribed partner a signed Transaction.Error event, in the commit of the step error', async () => {
    const { send } = { send: (body: unknown) => patchbay.call('POST', '/v1.0/webhooks', { body }) };
    const hook = (await (await send({ Url: receiver.url, Events: ['Transaction.Error'] })).json()) as { Id: number; Secret: string };
    try {
      const from = receiver.received.length;
      const { account, cycle, create, runOne, settled } = await contactsCopy({ StepErrorAction: 'StopTransaction' });
      example.failNextWrite(1, 422);
      const id = await runOne();
      await settled(id, 'Errored');
      const delivered = await receiver.nth(from + 1);
      expect(delivered.headers['x-patchbay-event']).toBe('Transaction.Error');
      expect(delivered.headers['x-patchbay-signature']).toBe(sign(hook.Secret, delivered.body));
      const event = JSON.parse(delivered.body) as { Event: string; AccountId: string; Data: Record<string, unknown> };
      expect(event).toMatchObject({ Event: 'Transaction.Error', AccountId: account });
      expect(event.Data).toEqual({
        Timestamp: expect.any(String),
        AccountId: account,
        CycleId: cycle.Id,
        StepId: create.Id,
        TransactionId: id,
        Message: expect.any(String),
        Detail: 'The transaction errored',
      });
    } finally {
      await patchbay.call('DELETE', `/v1.0/webhooks/${hook.Id}`);
    }
  });

  it('dismisses an Errored transaction as Stopped, and refuses to dismiss or retry it again', async () => {
    const { send, runOne, settled } = await contactsCopy({ StepErrorAction: 'StopTransaction' });
    example.failNextWrite(1, 422);
    const id = await runOne();
    await settled(id, 'Errored');
    expect(await send('POST', `/v1.0/transactions/${id}/dismiss`)).toEqual({ Id: id, Status: 'Stopped' });
    const read = await settled(id, 'Stopped');
    expect(read.Message).toMatch(/^Dismissed at .* \(was Errored: /);
    expect((await send<{ Code: string }>('POST', `/v1.0/transactions/${id}/dismiss`, undefined, 409)).Code).toBe('PB_ERR_CONFLICT');
    expect((await send<{ Code: string }>('POST', `/v1.0/transactions/${id}/retry`, undefined, 409)).Code).toBe('PB_ERR_CONFLICT');
    expect((await send<{ Code: string }>('POST', `/v1.0/transactions/${randomUUID()}/dismiss`, undefined, 404)).Code).toBe(
      'PB_ERR_NOT_FOUND',
    );
    expect(copiesOf(example)).toEqual([]);
  });

  for (const change of ['deauthenticate', 'delete'] as const) {
    it(`pauses an Active cycle with a Warning incident when its connector is ${change}d`, async () => {
      const { installId, cycle, send } = await contactsCopy();
      await send('PUT', `/v1.0/cycles/${cycle.Id}/activate`, { Interval: 60 });
      if (change === 'deauthenticate') await send('PUT', `/v1.0/account/connectors/${installId}/deauthenticate`);
      else await send('DELETE', `/v1.0/account/connectors/${installId}`, undefined, 204);
      const paused = await send<Cycle>('GET', `/v1.0/cycles/${cycle.Id}`);
      expect({ Status: paused.Status, WarningCount: paused.WarningCount }).toEqual({ Status: 'Paused', WarningCount: 1 });
      const [incident] = await send<Incident[]>('GET', '/v1.0/cycles/incidents/warning');
      expect(incident).toMatchObject({ CycleId: cycle.Id, IncidentLevel: 'Warning', TransactionId: null });
      expect(incident?.ShortMessage).toBe(`Paused: the connector 'Connector 1' was ${change}d`);
      const prerequisites = await send<{ ReasonCode: number }[]>('GET', `/v1.0/cycles/${cycle.Id}/prerequisites`);
      expect(prerequisites.map((p) => p.ReasonCode)).toContain(20);
    });
  }

  it('leaves a Paused cycle as it is when its connector is deauthenticated', async () => {
    const { installId, cycle, send } = await contactsCopy();
    await send('PUT', `/v1.0/account/connectors/${installId}/deauthenticate`);
    expect((await send<Cycle>('GET', `/v1.0/cycles/${cycle.Id}`)).WarningCount).toBe(0);
    expect(await send<Incident[]>('GET', '/v1.0/cycles/incidents')).toEqual([]);
  });
});

const copiesOf = (example: ExampleApiSimulator) => example.contacts().filter((c) => c.name.endsWith(' (copy)'));
