import { randomUUID } from 'node:crypto';
import { setTimeout as realWait } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ErrorReply, Reply } from '../console/src/types.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { TestClock } from '../src/clock.js';
import { TRANSACTION_JOB_OPTIONS, TRANSACTION_QUEUE } from '../src/cycles/transaction-job.js';
import { stopLongHeld } from '../src/services/cycle-retention.js';
import { installInto, overrides, type Patchbay, startPatchbay, TEST_DATABASE_URL } from './support/harness.js';

type Transaction = Reply<'getTransaction'>;
type Started = { Id: string; Status: string }[];

const EXAMPLE = 1;
const EXAMPLE_KEY = 'example-api-key';
const copies = (example: ExampleApiSimulator) => example.contacts().filter((c) => c.name.endsWith(' (copy)'));

/** An account's API on one Patchbay: building a contacts-copy cycle, running it, reading its transactions. */
function client(patchbay: Patchbay, account: string) {
  const send = async <T>(method: string, path: string, body?: unknown, status = 200): Promise<T> => {
    const reply = await patchbay.call(method, path, { account, body });
    const text = await reply.text();
    expect(reply.status, `${method} ${path}: ${text}`).toBe(status);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
  const api = {
    send,
    async refused(method: string, path: string, status: number, code: string): Promise<ErrorReply> {
      const reply = await patchbay.call(method, path, { account });
      const answer = (await reply.json()) as ErrorReply;
      expect({ status: reply.status, code: answer.Code }, answer.Message).toEqual({ status, code });
      return answer;
    },
    step: (cycleId: number, body: Record<string, unknown>) => send<Reply<'getCycleStep'>>('POST', `/v1.0/cycles/${cycleId}/steps`, body),
    edge: (cycleId: number, HeadStepId: number, TailStepId: number, EdgeType = 'Forward') =>
      send('POST', `/v1.0/cycles/${cycleId}/edges`, { HeadStepId, TailStepId, EdgeType }),
    map: (stepId: number, kind: 'parameters' | 'fieldmappings', name: string, mapping: Record<string, unknown>) =>
      send('PUT', `/v1.0/steps/${stepId}/${kind}/${name}`, mapping),
    run: async (cycleId: number) =>
      (await send<{ Transactions: Started }>('POST', `/v1.0/cycles/${cycleId}/run`, undefined, 202)).Transactions,
    transaction: (id: string) => send<Transaction>('GET', `/v1.0/transactions/${id}`),
    async settled(ids: string[], status: string): Promise<Transaction[]> {
      let read: Transaction[] = [];
      await vi.waitFor(
        async () => {
          read = await Promise.all(ids.map((id) => api.transaction(id)));
          expect(read.map((t) => t.Status)).toEqual(ids.map(() => status));
        },
        { timeout: 10_000, interval: 50 },
      );
      return read;
    },
    /** List contacts -> create a copy of each (name by Expression, email by StepField); a Decision between when asked. */
    async contactsCopy(installId: number, settings: Record<string, unknown>, decision = false) {
      const cycle = await send<Reply<'getCycle'>>('POST', '/v1.0/cycles', { Name: 'Copy contacts', ...settings });
      const list = await api.step(cycle.Id, {
        Name: 'List contacts',
        Key: 'contacts',
        ActionType: 'Method',
        AccountConnectorId: installId,
        MethodId: 'list-contacts',
      });
      const create = await api.step(cycle.Id, {
        Name: 'Create copy',
        ActionType: 'Method',
        AccountConnectorId: installId,
        MethodId: 'create-contact',
      });
      const mappings = async () => {
        await api.map(list.Id, 'parameters', 'page', { MappingType: 'StaticValue', Value: 1 });
        await api.map(list.Id, 'parameters', 'per_page', { MappingType: 'Ignore' });
        await api.map(create.Id, 'fieldmappings', 'name', { MappingType: 'Expression', Value: 'steps.contacts.name & " (copy)"' });
        await api.map(create.Id, 'fieldmappings', 'email', { MappingType: 'StepField', SourceStepId: list.Id, SourceFieldId: 'email' });
      };
      if (!decision) {
        await api.edge(cycle.Id, list.Id, create.Id);
        await mappings();
        return { cycle, list, create };
      }
      const decide = await api.step(cycle.Id, { Name: 'After the first?', ActionType: 'Decision' });
      const stop = await api.step(cycle.Id, { Name: 'Skip', ActionType: 'Stop' });
      await api.edge(cycle.Id, list.Id, decide.Id);
      await api.edge(cycle.Id, decide.Id, create.Id, 'True');
      await api.edge(cycle.Id, decide.Id, stop.Id, 'False');
      await api.send('PUT', `/v1.0/steps/${decide.Id}`, {
        Decision: {
          Left: { MappingType: 'StepField', SourceStepId: list.Id, SourceFieldId: 'id' },
          Condition: 'GreaterThan',
          Right: { MappingType: 'StaticValue', Value: 1 },
        },
      });
      await mappings();
      return { cycle, list, create };
    },
  };
  return api;
}

describe('running cycles', () => {
  let example: ExampleApiSimulator;
  let patchbay: Patchbay;

  beforeAll(async () => {
    example = await startExampleApiSimulator();
    patchbay = await startPatchbay(overrides({ 'https://api.example.com': example.url }));
  });
  afterAll(async () => {
    await patchbay?.close();
    await example?.close();
  });

  async function account() {
    const id = `runs-${randomUUID()}`;
    example.reset();
    return { id, api: client(patchbay, id), installId: await installInto(patchbay, id, EXAMPLE, EXAMPLE_KEY) };
  }

  it('runs every listed contact through to one copy in the target, and records each transaction and step run', async () => {
    const { id, api, installId } = await account();
    const { cycle, list, create } = await api.contactsCopy(installId, { LogStepDataRequests: true });
    const started = await api.run(cycle.Id);
    expect(started).toHaveLength(3);
    const done = await api.settled(
      started.map((t) => t.Id),
      'Success',
    );
    expect(
      copies(example)
        .map((c) => [c.name, c.email])
        .sort(),
    ).toEqual([
      ['Contact 1 (copy)', 'contact1@example.com'],
      ['Contact 2 (copy)', 'contact2@example.com'],
      ['Contact 3 (copy)', 'contact3@example.com'],
    ]);
    for (const transaction of done) {
      expect(transaction.Steps.map((s) => [s.StepId, s.Status, s.Attempt])).toEqual([
        [list.Id, 'Success', 1],
        [create.Id, 'Success', 1],
      ]);
      expect(transaction.Steps[1]?.Request).toMatchObject({ HttpMethod: 'POST', Fields: { name: expect.stringMatching(/ \(copy\)$/) } });
      expect(transaction.Steps[1]?.Response).toMatchObject({ Status: 201 });
    }
    const paged = await patchbay.call('GET', `/v1.0/cycles/${cycle.Id}/transactions?status=Success&pageSize=2`, { account: id });
    expect([paged.headers.get('total-records'), paged.headers.get('total-pages'), ((await paged.json()) as unknown[]).length]).toEqual([
      '3',
      '2',
      2,
    ]);
    const listed = await api.send<Reply<'listCycleTransactions'>>('GET', `/v1.0/cycles/${cycle.Id}/transactions?status=Success`);
    expect(listed.map((t) => t.Id).sort()).toEqual(started.map((t) => t.Id).sort());
    expect(await api.send<unknown[]>('GET', `/v1.0/cycles/${cycle.Id}/transactions?status=Errored`)).toEqual([]);
    expect(await api.send('GET', `/v1.0/cycles/${cycle.Id}`)).toMatchObject({
      ErrorCount: 0,
      InProgressTransactionCount: 0,
      LastSuccessfulRunDate: expect.any(String),
    });
  });

  it('leaves requests and responses out of step runs when the cycle does not log step data', async () => {
    const { api, installId } = await account();
    const { cycle } = await api.contactsCopy(installId, {});
    const [done] = await api.settled([((await api.run(cycle.Id))[0] as { Id: string }).Id], 'Success');
    expect(done?.Steps.every((s) => s.Request === undefined && s.Response === undefined)).toBe(true);
  });

  it('routes each item down the True or the False branch of a Decision', async () => {
    const { api, installId } = await account();
    const { cycle } = await api.contactsCopy(installId, {}, true);
    const done = await api.settled(
      (await api.run(cycle.Id)).map((t) => t.Id),
      'Success',
    );
    expect(
      copies(example)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Contact 2 (copy)', 'Contact 3 (copy)']);
    expect(done.filter((t) => t.Message === "Ended by the Stop step 'Skip'")).toHaveLength(1);
  });

  it('stops a transaction whose target fails with the provider’s message, and a retry finishes it without repeating earlier steps', async () => {
    const { api, installId } = await account();
    const { cycle, create } = await api.contactsCopy(installId, { StepErrorAction: 'StopTransaction' });
    example.failNextWrite(3, 500);
    const ids = (await api.run(cycle.Id)).map((t) => t.Id);
    const errored = await api.settled(ids, 'Errored');
    for (const transaction of errored) {
      expect(transaction.Message).toContain('Example Connector answered 500: internal_error');
      expect(transaction.Steps.at(-1)).toMatchObject({ StepId: create.Id, Status: 'Errored', Attempt: 1 });
    }
    expect(copies(example)).toEqual([]);
    expect(await api.send('GET', `/v1.0/cycles/${cycle.Id}`)).toMatchObject({ ErrorCount: 3 });
    await api.refused('POST', '/v1.0/transactions/00000000-0000-4000-8000-000000000000/retry', 404, 'PB_ERR_NOT_FOUND');

    const before = example.requestCount;
    for (const id of ids)
      expect(await api.send('POST', `/v1.0/transactions/${id}/retry`, undefined, 202)).toEqual({ Id: id, Status: 'Queued' });
    const done = await api.settled(ids, 'Success');
    expect(example.requestCount - before).toBe(3);
    expect(copies(example)).toHaveLength(3);
    expect(done[0]?.Steps.map((s) => [s.Status, s.Attempt])).toEqual([
      ['Success', 1],
      ['Errored', 1],
      ['Success', 2],
    ]);
    await api.refused('POST', `/v1.0/transactions/${ids[0]}/retry`, 409, 'PB_ERR_CONFLICT');
  });

  it('refuses to run a cycle whose prerequisites are not met, naming them', async () => {
    const { api } = await account();
    const cycle = await api.send<Reply<'getCycle'>>('POST', '/v1.0/cycles', { Name: 'Empty' });
    const refused = (await api.refused('POST', `/v1.0/cycles/${cycle.Id}/run`, 409, 'PB_ERR_CYCLE_PREREQUISITES')) as ErrorReply & {
      Prerequisites: { ReasonCode: number }[];
    };
    expect(refused.Prerequisites.map((p) => p.ReasonCode)).toContain(10);
  });

  it("answers 404 for another account's cycles and transactions", async () => {
    const { api, installId } = await account();
    const { cycle } = await api.contactsCopy(installId, {});
    const [started] = await api.run(cycle.Id);
    const other = (await account()).api;
    await other.refused('POST', `/v1.0/cycles/${cycle.Id}/run`, 404, 'PB_ERR_NOT_FOUND');
    await other.refused('GET', `/v1.0/cycles/${cycle.Id}/transactions`, 404, 'PB_ERR_NOT_FOUND');
    await other.refused('GET', `/v1.0/transactions/${started?.Id}`, 404, 'PB_ERR_NOT_FOUND');
    await other.refused('POST', `/v1.0/transactions/${started?.Id}/retry`, 404, 'PB_ERR_NOT_FOUND');
  });
});

// pg-boss schedules a job's start by the database's clock, so the waits are driven by a TestClock on SQLite.
describe.skipIf(TEST_DATABASE_URL !== undefined)('cycle retries and 429 waits on a test clock', () => {
  let example: ExampleApiSimulator;
  let patchbay: Patchbay;
  const clock = new TestClock();

  beforeAll(async () => {
    example = await startExampleApiSimulator({ seed: { contacts: 1 } });
    patchbay = await startPatchbay(overrides({ 'https://api.example.com': example.url }), undefined, { clock });
  });
  afterAll(async () => {
    await patchbay?.close();
    await example?.close();
  });

  /** Moves the clock in small steps (the job queue polls every 500 ms of it), letting real work run. */
  async function pass(ms: number) {
    for (let left = ms; left > 0; left -= Math.min(left, 60_000)) await clock.advance(Math.min(left, 60_000));
    await clock.advance(1000);
    await realWait(300);
  }

  async function runOne(settings: Record<string, unknown>, arrange: () => void) {
    const account = `retries-${randomUUID()}`;
    example.reset();
    arrange();
    const api = client(patchbay, account);
    const { cycle } = await api.contactsCopy(await installInto(patchbay, account, EXAMPLE, EXAMPLE_KEY), settings);
    const [started] = await api.run(cycle.Id);
    await pass(1000);
    return { api, id: (started as { Id: string }).Id, cycleId: cycle.Id };
  }

  it('sends a failed step again only once five minutes have passed on the clock', async () => {
    const { api, id } = await runOne({ StepErrorAction: 'Retry' }, () => example.failNextWrite(1, 503));
    const [waiting] = await api.settled([id], 'Waiting');
    expect(waiting?.Message).toContain('attempt 2 at');
    // A job of the transaction other than the one its wait scheduled (left over from a take-over, say) does nothing.
    await patchbay.ctx.queue.send(TRANSACTION_QUEUE, { transactionId: id }, TRANSACTION_JOB_OPTIONS);
    await pass(1000);
    expect((await api.transaction(id)).Status).toBe('Waiting');
    await pass(4 * 60_000);
    expect((await api.transaction(id)).Status).toBe('Waiting');
    expect(copies(example)).toEqual([]);
    await pass(60_000);
    const [done] = await api.settled([id], 'Success');
    expect(done?.Steps.slice(1).map((s) => [s.Status, s.Attempt])).toEqual([
      ['Errored', 1],
      ['Success', 2],
    ]);
    expect(copies(example)).toHaveLength(1);
  });

  it('holds a waiting transaction of a cycle deactivated without finishing them, and goes on when it is activated', async () => {
    const { api, id, cycleId } = await runOne({ StepErrorAction: 'Retry' }, () => example.failNextWrite(1, 503));
    await api.settled([id], 'Waiting');
    await api.send('PUT', `/v1.0/cycles/${cycleId}/deactivate?finishQueuedTransactions=false`);
    await pass(6 * 60_000);
    const held = await api.transaction(id);
    expect([held.Status, held.Message]).toEqual(['Waiting', expect.stringMatching(/^Held: /)]);
    expect(copies(example)).toEqual([]);
    await api.send('PUT', `/v1.0/cycles/${cycleId}/activate`);
    await pass(1000);
    await api.settled([id], 'Success');
    expect(copies(example)).toHaveLength(1);
    await api.send('PUT', `/v1.0/cycles/${cycleId}/deactivate`);
  });

  it('stops a held transaction once its cycle has stayed deactivated for 24 hours', async () => {
    const { api, id, cycleId } = await runOne({ StepErrorAction: 'Retry' }, () => example.failNextWrite(1, 503));
    await api.settled([id], 'Waiting');
    await api.send('PUT', `/v1.0/cycles/${cycleId}/deactivate?finishQueuedTransactions=false`);
    await pass(6 * 60_000);
    expect((await api.transaction(id)).Message).toMatch(/^Held: /);
    // The sweep's rule, a day on (moving this clock a day would run every 500 ms of the queue's polling).
    const dayLater = new TestClock(clock.now() + 24 * 60 * 60_000 + 60_000);
    expect(await stopLongHeld(patchbay.ctx.db, new TestClock(clock.now() + 60 * 60_000))).toBe(0);
    expect(await stopLongHeld(patchbay.ctx.db, dayLater)).toBe(1);
    const [stopped] = await api.settled([id], 'Stopped');
    expect(stopped?.Message).toContain('stayed deactivated for 24 hours');
    expect(copies(example)).toEqual([]);
  });

  it('waits out a 429 for its Retry-After without counting an error', async () => {
    const { api, id } = await runOne({ StepErrorAction: 'StopTransaction' }, () => example.failNextWrite(1, 429, 120));
    await api.settled([id], 'Waiting');
    await pass(100_000);
    expect((await api.transaction(id)).Status).toBe('Waiting');
    await pass(20_000);
    const [done] = await api.settled([id], 'Success');
    expect(done?.Steps.slice(1).map((s) => [s.Status, s.Attempt])).toEqual([
      ['Waiting', 1],
      ['Success', 1],
    ]);
    expect(copies(example)).toHaveLength(1);
  });
});
