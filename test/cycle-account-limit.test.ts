import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { installInto, overrides, type Patchbay, startPatchbay } from './support/harness.js';

type Transaction = Reply<'getTransaction'>;
type Step = Reply<'getCycleStep'>;

const EXAMPLE = 1;
const WORKERS = 4;
const ACCOUNT_LIMIT = 2;

describe('each account’s share of the webhook transactions a node starts at once (PATCHBAY_CYCLE_ACCOUNT_LIMIT)', () => {
  let example: ExampleApiSimulator;
  let patchbay: Patchbay;

  beforeAll(async () => {
    example = await startExampleApiSimulator();
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.example.com': example.url }),
      PATCHBAY_CYCLE_WORKERS: String(WORKERS),
      PATCHBAY_CYCLE_ACCOUNT_LIMIT: String(ACCOUNT_LIMIT),
    });
  });
  afterAll(async () => {
    await patchbay?.close();
    await example?.close();
  });

  const send = async <T>(account: string, method: string, path: string, body?: unknown): Promise<T> => {
    const reply = await patchbay.call(method, path, { account, body });
    const text = await reply.text();
    expect(reply.status, `${method} ${path}: ${text}`).toBe(200);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };

  /** An active cycle of a new account: Webhook -> `then` (a step made from the account's Example install). */
  async function hookTo(then: (installId: number) => Record<string, unknown>): Promise<{ account: string; url: string }> {
    const account = `share-${randomUUID()}`;
    const installId = await installInto(patchbay, account, EXAMPLE, 'example-api-key');
    const cycle = await send<Reply<'getCycle'>>(account, 'POST', '/v1.0/cycles', { Name: 'Hook' });
    const step = (body: Record<string, unknown>) => send<Step>(account, 'POST', `/v1.0/cycles/${cycle.Id}/steps`, body);
    const hook = await step({ Name: 'Received', ActionType: 'Webhook', SamplePayload: { name: 'Ada' } });
    const next = await step(then(installId));
    await send(account, 'POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: hook.Id, TailStepId: next.Id, EdgeType: 'Forward' });
    if (next.MethodId === 'create-contact') {
      await send(account, 'PUT', `/v1.0/steps/${next.Id}/fieldmappings/name`, {
        MappingType: 'StepField',
        SourceStepId: hook.Id,
        SourceFieldId: 'name',
      });
      await send(account, 'PUT', `/v1.0/steps/${next.Id}/fieldmappings/email`, { MappingType: 'Ignore' });
    }
    await send(account, 'PUT', `/v1.0/cycles/${cycle.Id}/activate`);
    return { account, url: hook.WebhookUrl as string };
  }
  const deliver = async (url: string, name: string): Promise<string> => {
    const reply = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
    expect(reply.status).toBe(202);
    return ((await reply.json()) as { TransactionId: string }).TransactionId;
  };
  const statusOf = async (account: string, id: string) => (await send<Transaction>(account, 'GET', `/v1.0/transactions/${id}`)).Status;

  it('starts no more than the limit of one account’s webhook transactions at once, leaving room for another account’s', async () => {
    const busy = await hookTo((installId) => ({
      Name: 'Create',
      ActionType: 'Method',
      AccountConnectorId: installId,
      MethodId: 'create-contact',
    }));
    const other = await hookTo(() => ({ Name: 'Done', ActionType: 'Stop' }));
    example.reset();
    // The provider holds every create of the busy account: the runs that send one stay under way.
    const burst: string[] = [];
    example.holdNext(10);
    for (let i = 0; i < 10; i++) burst.push(await deliver(busy.url, `busy ${i}`));
    // Two started at once, the limit; the rest were queued, and the queue's four workers took four of them.
    await vi.waitFor(() => expect(example.held).toBe(ACCOUNT_LIMIT + WORKERS), { timeout: 10_000, interval: 20 });

    // The node has run slots left for others: the other account's transaction runs at once and ends.
    const theirs = await deliver(other.url, 'other');
    await vi.waitFor(async () => expect(await statusOf(other.account, theirs)).toBe('Success'), { timeout: 5_000, interval: 50 });
    const waiting = await Promise.all(burst.map((id) => statusOf(busy.account, id)));
    expect(waiting.filter((status) => status === 'Running')).toHaveLength(ACCOUNT_LIMIT + WORKERS);
    expect(waiting.filter((status) => status === 'Queued')).toHaveLength(burst.length - ACCOUNT_LIMIT - WORKERS);

    // Released, again as the queued ones are sent (and held) in turn.
    await vi.waitFor(
      async () => {
        example.release();
        expect(await Promise.all(burst.map((id) => statusOf(busy.account, id)))).toEqual(burst.map(() => 'Success'));
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(example.contacts().filter((c) => c.name.startsWith('busy ')).length).toBe(burst.length);
  }, 30_000);
});
