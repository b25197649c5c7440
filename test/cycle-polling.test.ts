import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { TestClock } from '../src/clock.js';
import { POLL_QUEUE } from '../src/cycles/polling.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay, TEST_DATABASE_URL } from './support/harness.js';

type Cycle = Reply<'getCycle'>;
type Transactions = { Id: string; Status: string }[];

const EXAMPLE = 1;
const PIPEDRIVE = 2;
const CAPSULE = 3;
const PIPEDRIVE_TOKEN = 'pipedrive-test-token';
const MINUTE = 60_000;

function client(patchbay: Patchbay, account: string) {
  const send = async <T>(method: string, path: string, body?: unknown, status = 200): Promise<T> => {
    const reply = await patchbay.call(method, path, { account, body });
    const text = await reply.text();
    expect(reply.status, `${method} ${path}: ${text}`).toBe(status);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
  return {
    send,
    cycle: (id: number) => send<Cycle>('GET', `/v1.0/cycles/${id}`),
    transactions: (id: number) => send<Transactions>('GET', `/v1.0/cycles/${id}/transactions?pageSize=100`),
    /** A trigger method -> Example create-contact, the contact's name mapped from the item by an Expression. */
    async polling(installId: number, methodId: string, exampleId: number, name: string, parameters: Record<string, unknown> = {}) {
      const cycle = await send<Cycle>('POST', '/v1.0/cycles', { Name: `Poll ${methodId}`, StepErrorAction: 'StopTransaction' });
      const trigger = await send<{ Id: number }>('POST', `/v1.0/cycles/${cycle.Id}/steps`, {
        Name: 'Changed items',
        Key: 'items',
        ActionType: 'Method',
        AccountConnectorId: installId,
        MethodId: methodId,
      });
      const create = await send<{ Id: number }>('POST', `/v1.0/cycles/${cycle.Id}/steps`, {
        Name: 'Create contact',
        ActionType: 'Method',
        AccountConnectorId: exampleId,
        MethodId: 'create-contact',
      });
      await send('POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: trigger.Id, TailStepId: create.Id, EdgeType: 'Forward' });
      await send('PUT', `/v1.0/steps/${create.Id}/fieldmappings/name`, { MappingType: 'Expression', Value: name });
      for (const [parameter, value] of Object.entries(parameters)) {
        await send('PUT', `/v1.0/steps/${trigger.Id}/parameters/${parameter}`, { MappingType: 'StaticValue', Value: value });
      }
      return cycle.Id;
    },
  };
}

async function simulators() {
  const [capsule, example, pipedrive] = await Promise.all([startCapsuleSimulator(), startExampleApiSimulator(), startPipedriveSimulator()]);
  const env = overrides({
    'https://api.capsulecrm.com': capsule.url,
    'https://api.example.com': example.url,
    'https://api.pipedrive.com': pipedrive.url,
  });
  return { capsule, example, pipedrive, env };
}

function capsuleApi(capsule: CapsuleSimulator) {
  const token = capsule.oauth.issueForTest('capsule-client');
  return {
    installValue: JSON.stringify({ AccessToken: token.access_token, RefreshToken: token.refresh_token, Expires: '2999-01-01T00:00:00Z' }),
    async addParty(firstName: string): Promise<void> {
      const reply = await fetch(`${capsule.url}/api/v2/parties`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ party: { type: 'person', firstName, lastName: 'Polled' } }),
      });
      expect(reply.status).toBe(201);
    },
  };
}

async function addPerson(pipedrive: PipedriveSimulator, name: string): Promise<void> {
  const reply = await fetch(`${pipedrive.url}/api/v2/persons`, {
    method: 'POST',
    headers: { 'x-api-token': PIPEDRIVE_TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(reply.status).toBe(200);
}

const polledContacts = (example: ExampleApiSimulator) =>
  example
    .contacts()
    .map((c) => c.name)
    .filter((name) => name.startsWith('polled '))
    .sort();

// pg-boss schedules a job's start by the database's clock, so the polling schedule is driven by a TestClock
// on SQLite; the poll itself (cursor, transactions, RunOnce) runs on both stores below.
describe.skipIf(TEST_DATABASE_URL !== undefined)('polling cycles on a test clock', () => {
  // The simulators stamp changes with the machine's time; the clock starts a day behind it, so each cycle's
  // StartTime (this clock's now) precedes the changes its test makes, however far the tests move the clock.
  const clock = new TestClock(Date.now() - 24 * 60 * MINUTE);
  let sims: Awaited<ReturnType<typeof simulators>>;
  let patchbay: Patchbay;

  beforeAll(async () => {
    sims = await simulators();
    patchbay = await startPatchbay(sims.env, undefined, { clock });
    await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
  });
  afterAll(async () => {
    await patchbay?.close();
    await Promise.all([sims?.capsule.close(), sims?.example.close(), sims?.pipedrive.close()]);
  });

  // The simulators are shared: a test's cycle is deactivated after it, so it takes no later test's parties.
  let active: (() => Promise<unknown>) | undefined;
  afterEach(async () => {
    await active?.();
    active = undefined;
  });

  /**
   * Moves the clock by `ms` in steps the embedded queue notices, then on by half seconds (its polling
   * period: the jobs a poll commits are fetched on its next tick) until `settle` holds, well within an interval.
   */
  async function pass(ms: number, settle: () => Promise<void> | void = () => {}) {
    for (let left = ms; left > 0; left -= Math.min(left, MINUTE)) await clock.advance(Math.min(left, MINUTE));
    await vi.waitFor(
      async () => {
        await clock.advance(500);
        await settle();
      },
      { timeout: 10_000, interval: 50 },
    );
  }

  /** Capsule parties -> Example contacts, on `node` (this suite's Patchbay unless given), the trigger's parameters as given. */
  async function capsuleCycle(node = patchbay, parameters: Record<string, unknown> = {}) {
    const account = `poll-${randomUUID()}`;
    sims.example.reset();
    // Earlier tests' parties changed after this cycle's StartTime too: each test starts from the seeds.
    sims.capsule.reset();
    const capsule = capsuleApi(sims.capsule);
    const api = client(node, account);
    const capsuleId = await installInto(node, account, CAPSULE, capsule.installValue);
    const exampleId = await installInto(node, account, EXAMPLE, 'example-api-key');
    const cycleId = await api.polling(capsuleId, 'list-parties', exampleId, '"polled " & steps.items.firstName', parameters);
    active = () => api.send('PUT', `/v1.0/cycles/${cycleId}/deactivate`);
    return { api, capsule, cycleId };
  }

  it('brings every party created between polls to the target exactly once', async () => {
    const { api, capsule, cycleId } = await capsuleCycle();
    await api.send('PUT', `/v1.0/cycles/${cycleId}/activate`, { Interval: 5 });
    // The first poll runs as the activation commits, maybe before the parties exist: the next brings them.
    await capsule.addParty('ada');
    await capsule.addParty('bea');
    await pass(5 * MINUTE, () => expect(polledContacts(sims.example)).toEqual(['polled ada', 'polled bea']));

    await capsule.addParty('cai');
    await pass(5 * MINUTE, () => expect(polledContacts(sims.example)).toEqual(['polled ada', 'polled bea', 'polled cai']));
    // Polls with nothing new create nothing: the parties seen at the cursor's very second are not taken again.
    await pass(10 * MINUTE);
    await pass(1000, async () => {
      const transactions = await api.transactions(cycleId);
      expect(transactions.map((t) => t.Status)).toEqual(['Success', 'Success', 'Success']);
    });
    expect(polledContacts(sims.example)).toEqual(['polled ada', 'polled bea', 'polled cai']);
    expect((await api.cycle(cycleId)).LastSuccessfulRunDate).not.toBeNull();
  });

  it('keeps the cursor when a poll fails, so the next poll brings what that one missed', async () => {
    const { api, capsule, cycleId } = await capsuleCycle();
    await api.send('PUT', `/v1.0/cycles/${cycleId}/activate`, { Interval: 5 });
    await pass(1000, async () => expect((await api.cycle(cycleId)).LastSuccessfulRunDate).not.toBeNull());
    await capsule.addParty('dov');
    sims.capsule.failNext(1, 503);
    await pass(5 * MINUTE, async () => expect((await api.cycle(cycleId)).WarningCount).toBe(1));
    expect(polledContacts(sims.example)).toEqual([]);
    await pass(5 * MINUTE, () => expect(polledContacts(sims.example)).toEqual(['polled dov']));
  });

  it('records a target failure as an errored transaction; the cursor moves past its item by design', async () => {
    const { api, capsule, cycleId } = await capsuleCycle();
    await api.send('PUT', `/v1.0/cycles/${cycleId}/activate`, { Interval: 5 });
    await capsule.addParty('eli');
    sims.example.failNextWrite(1, 400);
    await pass(5 * MINUTE, async () => expect((await api.transactions(cycleId)).map((t) => t.Status)).toEqual(['Errored']));
    await capsule.addParty('fay');
    await pass(5 * MINUTE, async () => {
      const statuses = (await api.transactions(cycleId)).map((t) => t.Status).sort();
      expect(statuses).toEqual(['Errored', 'Success']);
    });
    // The item is kept in its transaction: retrying it brings it to the target.
    const errored = (await api.transactions(cycleId)).find((t) => t.Status === 'Errored') as { Id: string };
    await api.send('POST', `/v1.0/transactions/${errored.Id}/retry`, undefined, 202);
    await pass(1000, () => expect(polledContacts(sims.example)).toEqual(['polled eli', 'polled fay']));
  });

  it('sends a poll whose job was lost again, at a sweep once the poll is overdue', async () => {
    const { api, capsule, cycleId } = await capsuleCycle();
    await api.send('PUT', `/v1.0/cycles/${cycleId}/activate`, { Interval: 5 });
    await pass(1000, async () => expect((await api.cycle(cycleId)).LastSuccessfulRunDate).not.toBeNull());
    // The next poll's job is gone, as when it fails for good after its retries: nothing is left to poll.
    const lost = await patchbay.ctx.db
      .deleteFrom('jobs')
      .where('name', '=', POLL_QUEUE)
      .where('data', '=', JSON.stringify({ cycleId }))
      .where('state', 'in', ['created', 'retry'])
      .execute();
    expect(lost.map((r) => Number(r.numDeletedRows))).toEqual([1]);
    await capsule.addParty('gus');
    await pass(5 * MINUTE);
    expect(polledContacts(sims.example)).toEqual([]);
    await pass(15 * MINUTE, () => expect(polledContacts(sims.example)).toEqual(['polled gus']));
  });

  it('keeps the cursor, with a Warning, when a poll of a list that is not oldest first stops at the page cap', async () => {
    const capped = await startPatchbay({ ...sims.env, PATCHBAY_MAX_PAGES: '2' }, undefined, { clock });
    try {
      await setupConnector(capped, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
      // Capsule lists parties by id, one a page here: three changed parties are three pages, one past the cap.
      const { api, capsule, cycleId } = await capsuleCycle(capped, { perPage: 1 });
      for (const name of ['ann', 'bob', 'cid']) await capsule.addParty(name);
      await api.send('PUT', `/v1.0/cycles/${cycleId}/activate`, { Interval: 5 });
      await pass(1000, async () => expect((await api.cycle(cycleId)).WarningCount).toBe(1));
      expect(polledContacts(sims.example)).toEqual([]);
      const [incident] = await api.send<Reply<'listCycleWarningIncidents'>>('GET', '/v1.0/cycles/incidents/warning');
      expect(incident?.FullMessage).toContain('PATCHBAY_MAX_PAGES');
    } finally {
      // Deactivated while its node is up, not after the test.
      await active?.();
      active = undefined;
      await capped.close();
    }
  });

  it('stops polling once the cycle is deactivated', async () => {
    const { api, capsule, cycleId } = await capsuleCycle();
    await api.send('PUT', `/v1.0/cycles/${cycleId}/activate`, { Interval: 5 });
    await pass(1000, async () => expect((await api.cycle(cycleId)).LastSuccessfulRunDate).not.toBeNull());
    await api.send('PUT', `/v1.0/cycles/${cycleId}/deactivate`);
    await capsule.addParty('gus');
    const requests = sims.capsule.requestCount;
    await pass(15 * MINUTE);
    expect(sims.capsule.requestCount).toBe(requests);
    expect(polledContacts(sims.example)).toEqual([]);
  });
});

describe('a polling cycle run once', () => {
  let sims: Awaited<ReturnType<typeof simulators>>;
  let patchbay: Patchbay;

  beforeAll(async () => {
    sims = await simulators();
    patchbay = await startPatchbay(sims.env);
  });
  afterAll(async () => {
    await patchbay?.close();
    await Promise.all([sims?.capsule.close(), sims?.example.close(), sims?.pipedrive.close()]);
  });

  it('polls Pipedrive persons updated since its StartTime, once, and deactivates', async () => {
    const account = `poll-${randomUUID()}`;
    const api = client(patchbay, account);
    const pipedriveId = await installInto(patchbay, account, PIPEDRIVE, PIPEDRIVE_TOKEN);
    const exampleId = await installInto(patchbay, account, EXAMPLE, 'example-api-key');
    const cycleId = await api.polling(pipedriveId, 'list-persons', exampleId, '"polled " & steps.items.name');
    const startTime = new Date(Date.now() - MINUTE).toISOString();
    await addPerson(sims.pipedrive, 'hal');
    await addPerson(sims.pipedrive, 'ida');
    await api.send('PUT', `/v1.0/cycles/${cycleId}/activate`, { StartTime: startTime, RunOnce: true });
    await vi.waitFor(async () => expect((await api.cycle(cycleId)).Status).toBe('Paused'), { timeout: 10_000, interval: 50 });
    // The seeded persons changed long before StartTime: updated_since leaves them out.
    await vi.waitFor(() => expect(polledContacts(sims.example)).toEqual(['polled hal', 'polled ida']), { timeout: 10_000, interval: 50 });
    expect((await api.cycle(cycleId)).LastSuccessfulRunDate).not.toBeNull();
  });
});
