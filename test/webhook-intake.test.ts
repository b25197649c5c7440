import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { urlRedactor } from '../src/http/logging.js';
import { installInto, overrides, type Patchbay, startPatchbay } from './support/harness.js';

type Transaction = Reply<'getTransaction'>;
type Step = Reply<'getCycleStep'>;

const EXAMPLE = 1;
const SYNC_TIMEOUT_MS = 1500;

describe('webhook triggers (POST /api/webhook/{token})', () => {
  let example: ExampleApiSimulator;
  let pipedrive: PipedriveSimulator;
  let patchbay: Patchbay;

  beforeAll(async () => {
    [example, pipedrive] = await Promise.all([startExampleApiSimulator(), startPipedriveSimulator()]);
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.example.com': example.url, 'https://api.pipedrive.com': pipedrive.url }),
      PATCHBAY_WEBHOOK_SYNC_TIMEOUT_MS: String(SYNC_TIMEOUT_MS),
      PATCHBAY_WEBHOOK_BODY_LIMIT_BYTES: String(64 * 1024),
    });
  });
  afterAll(async () => {
    await patchbay?.close();
    await Promise.all([example?.close(), pipedrive?.close()]);
  });

  const send = async <T>(account: string, method: string, path: string, body?: unknown): Promise<T> => {
    const reply = await patchbay.call(method, path, { account, body });
    const text = await reply.text();
    expect(reply.status, `${method} ${path}: ${text}`).toBe(200);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
  const deliver = (url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(url, { method: 'POST', headers, body });
  const transactionsOf = (account: string, cycleId: number) => send<Transaction[]>(account, 'GET', `/v1.0/cycles/${cycleId}/transactions`);
  const transactionCount = async (account: string, cycleId: number) =>
    Number((await patchbay.call('GET', `/v1.0/cycles/${cycleId}/transactions`, { account })).headers.get('total-records'));
  const settled = async (account: string, id: string) => {
    let read: Transaction | undefined;
    await vi.waitFor(
      async () => {
        read = await send<Transaction>(account, 'GET', `/v1.0/transactions/${id}`);
        expect(read.Status).toBe('Success');
      },
      { timeout: 10_000, interval: 50 },
    );
    return read as Transaction;
  };

  /** An active cycle of its own account: Webhook -> create an Example contact named and mailed from the payload. */
  async function contactHook(extra?: (cycleId: number, hook: Step, account: string) => Promise<void>) {
    const account = `hooks-${randomUUID()}`;
    const installId = await installInto(patchbay, account, EXAMPLE, 'example-api-key');
    const cycle = await send<Reply<'getCycle'>>(account, 'POST', '/v1.0/cycles', { Name: 'Hook to contact', LogStepDataRequests: true });
    const step = (body: Record<string, unknown>) => send<Step>(account, 'POST', `/v1.0/cycles/${cycle.Id}/steps`, body);
    const hook = await step({ Name: 'Received', ActionType: 'Webhook', SamplePayload: { name: 'Ada', email: 'ada@example.com' } });
    const create = await step({ Name: 'Create', ActionType: 'Method', AccountConnectorId: installId, MethodId: 'create-contact' });
    await send(account, 'POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: hook.Id, TailStepId: create.Id, EdgeType: 'Forward' });
    for (const field of ['name', 'email']) {
      await send(account, 'PUT', `/v1.0/steps/${create.Id}/fieldmappings/${field}`, {
        MappingType: 'StepField',
        SourceStepId: hook.Id,
        SourceFieldId: field,
      });
    }
    await extra?.(cycle.Id, hook, account);
    await send(account, 'PUT', `/v1.0/cycles/${cycle.Id}/activate`);
    expect(hook.WebhookUrl).toMatch(new RegExp(`^${patchbay.url}/api/webhook/[A-Za-z0-9_-]{32}$`));
    return { account, cycleId: cycle.Id, url: hook.WebhookUrl as string };
  }
  const contactsNamed = (prefix: string) => example.contacts().filter((c) => c.name.startsWith(prefix));

  it('stores a JSON delivery, answers 202 with its transaction, and the transaction creates the contact', async () => {
    const { account, cycleId, url } = await contactHook();
    const reply = await deliver(url, JSON.stringify({ name: 'Json Person', email: 'json@example.com' }));
    expect(reply.status).toBe(202);
    const { TransactionId } = (await reply.json()) as { TransactionId: string };
    await settled(account, TransactionId);
    expect(contactsNamed('Json Person').map((c) => c.email)).toEqual(['json@example.com']);
    expect((await transactionsOf(account, cycleId)).map((t) => t.Id)).toEqual([TransactionId]);
  });

  it('takes a form body as its fields, and any other body as its raw text (PUT too)', async () => {
    const { account, url } = await contactHook();
    const form = await deliver(url, 'name=Form+Person&email=form%40example.com', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(202);
    await settled(account, ((await form.json()) as { TransactionId: string }).TransactionId);
    expect(contactsNamed('Form Person').map((c) => c.email)).toEqual(['form@example.com']);

    const raw = await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2' });
    expect(raw.status).toBe(202);
    const id = ((await raw.json()) as { TransactionId: string }).TransactionId;
    const read = await send<Transaction>(account, 'GET', `/v1.0/transactions/${id}`);
    expect(read.Steps[0]?.Response).toBe('a,b\n1,2');
  });

  it('answers 404 and records nothing for an unknown token or a cycle that is not active; 413 past the body limit', async () => {
    const { account, cycleId, url } = await contactHook();
    const unknown = await deliver(`${patchbay.url}/api/webhook/${'x'.repeat(32)}`, '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ Code: 'PB_ERR_NOT_FOUND' });
    const tooLarge = await deliver(url, JSON.stringify({ name: 'x'.repeat(70 * 1024) }));
    expect(tooLarge.status).toBe(413);
    // Delivered to while active first, so the node keeps the cycle's plan: deactivating must drop it at once.
    const active = await deliver(url, JSON.stringify({ name: 'Active Person', email: 'a@example.com' }));
    expect(active.status).toBe(202);
    const { TransactionId } = (await active.json()) as { TransactionId: string };
    await send(account, 'PUT', `/v1.0/cycles/${cycleId}/deactivate`);
    const paused = await deliver(url, JSON.stringify({ name: 'Paused Person', email: 'p@example.com' }));
    expect(paused.status).toBe(404);
    expect((await transactionsOf(account, cycleId)).map((t) => t.Id)).toEqual([TransactionId]);
  });

  it('keeps the token of a webhook URL out of logged request lines', () => {
    expect(urlRedactor()('/api/webhook/BneJk8i-rTgI5bBtDg_HcO-K1aNP5x4t?token=t&x=1')).toBe('/api/webhook/[redacted]?token=[redacted]&x=1');
  });

  it("never starts B's cycle from a webhook URL of A's", async () => {
    const a = await contactHook();
    const b = await contactHook();
    const reply = await deliver(a.url, JSON.stringify({ name: 'For A', email: 'a@example.com' }));
    expect(reply.status).toBe(202);
    const { TransactionId } = (await reply.json()) as { TransactionId: string };
    await settled(a.account, TransactionId);
    expect(await transactionsOf(b.account, b.cycleId)).toEqual([]);
    expect((await patchbay.call('GET', `/v1.0/transactions/${TransactionId}`, { account: b.account })).status).toBe(404);
  });

  it('makes exactly 900 transactions and 900 contacts of 1,000 deliveries of which 100 repeat an Idempotency-Key', async () => {
    const { account, cycleId, url } = await contactHook();
    const prefix = `Bulk ${randomUUID().slice(0, 8)} `;
    // Deliveries 900..999 repeat the keys of 0..99, some of them while the first is still in flight.
    const deliveries = Array.from({ length: 1000 }, (_, i) => (i < 900 ? i : i - 900));
    const answers = new Map<number, Set<string>>();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < deliveries.length; i = next++) {
        const n = deliveries[i] as number;
        const reply = await deliver(url, JSON.stringify({ name: `${prefix}${n}`, email: `bulk${n}@example.com` }), {
          'content-type': 'application/json',
          'idempotency-key': `delivery-${n}`,
        });
        expect(reply.status).toBe(202);
        const { TransactionId } = (await reply.json()) as { TransactionId: string };
        answers.set(n, (answers.get(n) ?? new Set()).add(TransactionId));
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
    expect([...answers.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(answers.size).toBe(900);
    expect(await transactionCount(account, cycleId)).toBe(900);
    await vi.waitFor(() => expect(contactsNamed(prefix)).toHaveLength(900), { timeout: 60_000, interval: 200 });
    expect(new Set(contactsNamed(prefix).map((c) => c.name)).size).toBe(900);
  }, 90_000);

  it("makes one transaction of deliveries repeating the header the step names as its IdempotencyHeader (a provider's delivery id)", async () => {
    const { account, cycleId, url } = await contactHook(async (_cycleId, hook, owner) => {
      const named = await send<Step>(owner, 'PUT', `/v1.0/steps/${hook.Id}`, { IdempotencyHeader: 'X-Delivery-Id' });
      expect(named.IdempotencyHeader).toBe('X-Delivery-Id');
    });
    const body = JSON.stringify({ name: 'Header Person', email: 'header@example.com' });
    const headers = (delivery: string) => ({ 'content-type': 'application/json', 'x-delivery-id': delivery });
    const first = (await (await deliver(url, body, headers('d-1'))).json()) as { TransactionId: string };
    const repeat = (await (await deliver(url, body, headers('d-1'))).json()) as { TransactionId: string };
    const other = (await (await deliver(url, body, headers('d-2'))).json()) as { TransactionId: string };
    expect(repeat.TransactionId).toBe(first.TransactionId);
    expect(other.TransactionId).not.toBe(first.TransactionId);
    // Without the named header, Idempotency-Key still counts.
    const keyed = { 'content-type': 'application/json', 'idempotency-key': 'k-1' };
    const byKey = (await (await deliver(url, body, keyed)).json()) as { TransactionId: string };
    expect(((await (await deliver(url, body, keyed)).json()) as { TransactionId: string }).TransactionId).toBe(byKey.TransactionId);
    expect(await transactionCount(account, cycleId)).toBe(3);
    const tooLong = await deliver(url, body, headers('x'.repeat(256)));
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { Message: string }).Message).toContain('X-Delivery-Id');
  });

  it('refuses an IdempotencyHeader that is not a header name, or on a step that is not a Webhook', async () => {
    const account = `hooks-${randomUUID()}`;
    const installId = await installInto(patchbay, account, EXAMPLE, 'example-api-key');
    const cycle = await send<Reply<'getCycle'>>(account, 'POST', '/v1.0/cycles', { Name: 'Bad headers' });
    const post = (body: Record<string, unknown>) => patchbay.call('POST', `/v1.0/cycles/${cycle.Id}/steps`, { account, body });
    const badName = await post({ Name: 'Hook', ActionType: 'Webhook', IdempotencyHeader: 'X Delivery: Id' });
    expect(badName.status).toBe(400);
    expect(((await badName.json()) as { Message: string }).Message).toContain('IdempotencyHeader');
    const onMethod = await post({
      Name: 'Create',
      ActionType: 'Method',
      AccountConnectorId: installId,
      MethodId: 'create-contact',
      IdempotencyHeader: 'X-Delivery-Id',
    });
    expect(onMethod.status).toBe(400);
    expect(((await onMethod.json()) as { Message: string }).Message).toBe(
      'IdempotencyHeader applies only to Webhook steps, not to a Method step',
    );
  });
  describe('the template "Webhook -> Pipedrive deal -> synchronous reply"', () => {
    async function dealHook() {
      const account = `deals-${randomUUID()}`;
      expect((await patchbay.call('POST', '/v1.0/accounts', { body: { Id: account, Name: account } })).status).toBe(200);
      const cycle = await send<Reply<'installTemplate'>>(account, 'POST', '/v1.0/templates/webhook-pipedrive-deal-reply/install');
      const install = cycle.Connectors[0]?.AccountConnectorId as number;
      await send(account, 'PUT', `/v1.0/account/connectors/${install}`, { AuthValue: 'pipedrive-test-token' });
      // Activated right after the install changed: its installs are resolved before the activation's transaction.
      await send(account, 'PUT', `/v1.0/cycles/${cycle.Id}/activate`);
      const steps = await send<Step[]>(account, 'GET', `/v1.0/cycles/${cycle.Id}/steps`);
      return { account, url: steps.find((s) => s.ActionType === 'Webhook')?.WebhookUrl as string };
    }

    it('answers the new deal id for an order over 1,000, and 202 with the transaction for a smaller one', async () => {
      const { account, url } = await dealHook();
      const title = `Order ${randomUUID()}`;
      const large = await deliver(url, JSON.stringify({ title, amount: 1200, currency: 'EUR', person_id: 1 }));
      expect(large.status).toBe(200);
      const deal = pipedrive.items('deals').find((d) => d.title === title);
      expect(await large.json()).toEqual({ DealId: deal?.id });

      const small = await deliver(url, JSON.stringify({ title: 'Small order', amount: 10, currency: 'EUR', person_id: 1 }));
      expect(small.status).toBe(202);
      const { TransactionId } = (await small.json()) as { TransactionId: string };
      expect((await settled(account, TransactionId)).Message).toMatch(/Stop step/);
    });

    it('answers 202 with the transaction when the reply is not reached within the sync timeout', async () => {
      const { account, url } = await dealHook();
      pipedrive.failNext(1, 429, 3600);
      const started = Date.now();
      const reply = await deliver(url, JSON.stringify({ title: 'Waits', amount: 5000, currency: 'EUR', person_id: 1 }));
      expect(reply.status).toBe(202);
      expect(Date.now() - started).toBeGreaterThanOrEqual(SYNC_TIMEOUT_MS - 50);
      const { TransactionId } = (await reply.json()) as { TransactionId: string };
      expect((await send<Transaction>(account, 'GET', `/v1.0/transactions/${TransactionId}`)).Status).toBe('Waiting');
    });
  });
});
