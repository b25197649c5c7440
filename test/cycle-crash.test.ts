import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type PatchbayProcess, startPatchbayProcess } from '../bench/patchbay-process.js';
import type { Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { createTestDatabase, TEST_DATABASE_URL } from './support/harness.js';

type Transaction = Reply<'getTransaction'>;
type Incident = Reply<'listCycleIncidents'>[number];

const EXAMPLE = 1;
const CAPSULE = 3;
const ACCOUNT = 'crashes';
const ROOT = path.resolve(import.meta.dirname, '..');
/** A build of its own, so that this test never runs a dist/ another test is rewriting. */
const BUILD = path.join(ROOT, 'test-output/cycle-crash-build');
/** Far below pg-boss's expiry of the killed job (5 minutes): only a take-over by a live node is this quick. */
const RESUMED_WITHIN_MS = 15_000;

interface Store {
  name: string;
  open(dataDir: string): Promise<{ url: string; drop(): Promise<void> }>;
}
const sqlite: Store = { name: 'SQLite', open: async (dataDir) => ({ url: path.join(dataDir, 'patchbay.sqlite'), drop: async () => {} }) };
const postgres: Store = { name: 'PostgreSQL', open: () => createTestDatabase() };
const stores = TEST_DATABASE_URL === undefined ? [sqlite] : [sqlite, postgres];

let example: ExampleApiSimulator;
let capsule: CapsuleSimulator;

beforeAll(async () => {
  rmSync(BUILD, { recursive: true, force: true });
  execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', BUILD], { cwd: ROOT, stdio: 'ignore' });
  [example, capsule] = await Promise.all([startExampleApiSimulator(), startCapsuleSimulator()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([example?.close(), capsule?.close()]);
  rmSync(BUILD, { recursive: true, force: true });
});

/** Spawned `patchbay serve` nodes on one store, with the partner's token and an Example install of the account. */
function cluster(store: Store) {
  let dataDir = '';
  let database: { url: string; drop(): Promise<void> } | undefined;
  let env: Record<string, string> = {};
  let token = '';
  let installId = 0;
  const all: PatchbayProcess[] = [];

  const self = {
    get databaseUrl() {
      return (database as { url: string }).url;
    },
    get installId() {
      return installId;
    },
    async setUp(): Promise<PatchbayProcess> {
      dataDir = mkdtempSync(path.join(tmpdir(), 'patchbay-cycle-kill-'));
      database = await store.open(dataDir);
      env = {
        PATCHBAY_DATA_DIR: dataDir,
        PATCHBAY_DATABASE_URL: database.url,
        PATCHBAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        PATCHBAY_UPSTREAM_OVERRIDES: JSON.stringify({ 'https://api.example.com': example.url, 'https://api.capsulecrm.com': capsule.url }),
        PATCHBAY_SWEEP_INTERVAL_SECONDS: '0',
      };
      const node = await self.start();
      token = await node.firstClientToken();
      await self.call(node, 'POST', '/v1.0/accounts', { Id: ACCOUNT, Name: ACCOUNT });
      const body = { Name: 'example', AuthValue: 'example-api-key' };
      installId = (await self.call<{ Id: number }>(node, 'POST', `/v1.0/connectors/${EXAMPLE}/install`, body)).Id;
      return node;
    },
    async tearDown(): Promise<void> {
      await Promise.all(all.map((each) => each.stop()));
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async start(): Promise<PatchbayProcess> {
      const node = await startPatchbayProcess(env, { entry: path.join(BUILD, 'src/cli.js') });
      all.push(node);
      return node;
    },
    async call<T>(node: PatchbayProcess, method: string, urlPath: string, body?: unknown, status = 200): Promise<T> {
      const reply = await fetch(`${node.url}${urlPath}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'x-cyclr-account': ACCOUNT,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await reply.text();
      expect(reply.status, `${method} ${urlPath}: ${text}`).toBe(status);
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
    async settled(node: PatchbayProcess, id: string, status: string): Promise<Transaction> {
      let read: Transaction | undefined;
      await vi.waitFor(
        async () => {
          read = await self.call<Transaction>(node, 'GET', `/v1.0/transactions/${id}`);
          expect(read.Status).toBe(status);
        },
        { timeout: RESUMED_WITHIN_MS, interval: 100 },
      );
      return read as Transaction;
    },
    /** A cycle: a webhook payload -> one Method step, run once; answers the transaction's id. */
    async runCycle(
      node: PatchbayProcess,
      name: string,
      methodId: string,
      map: (stepId: number, hookId: number) => Promise<void>,
    ): Promise<string> {
      const cycle = await self.call<{ Id: number }>(node, 'POST', '/v1.0/cycles', { Name: name, StepErrorAction: 'StopTransaction' });
      const hook = await self.call<{ Id: number }>(node, 'POST', `/v1.0/cycles/${cycle.Id}/steps`, {
        Name: 'Incoming',
        ActionType: 'Webhook',
        SamplePayload: { name: 'Ada', id: 1 },
      });
      const step = await self.call<{ Id: number }>(node, 'POST', `/v1.0/cycles/${cycle.Id}/steps`, {
        Name: methodId,
        ActionType: 'Method',
        AccountConnectorId: installId,
        MethodId: methodId,
      });
      await self.call(node, 'POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: hook.Id, TailStepId: step.Id, EdgeType: 'Forward' });
      await map(step.Id, hook.Id);
      const run = await self.call<{ Transactions: { Id: string }[] }>(
        node,
        'POST',
        `/v1.0/cycles/${cycle.Id}/run`,
        { name: 'Ada', id: 1 },
        202,
      );
      return (run.Transactions[0] as { Id: string }).Id;
    },
  };
  return self;
}

/** Kills `victim` once the provider holds a request, and lets the provider answer into the void. */
async function killWhileHeld(victim: PatchbayProcess): Promise<void> {
  await vi.waitFor(() => expect(example.held).toBe(1), { timeout: 15_000, interval: 10 });
  const exited = new Promise((resolve) => victim.process.once('exit', resolve));
  victim.kill();
  await exited;
  example.release();
}

/**
 * `kill -9` of a spawned `patchbay serve` while a step's request is out at the provider (it did the
 * work; its answer is held), then a restart on the same store: the restarted node takes the transaction
 * over from its dead run at once, and the executor finds the step run recorded Running with no outcome.
 * A create is not sent again on its own (the transaction stops Uncertain, with an incident, for a person);
 * a read is sent again and the transaction ends Success.
 */
describe.each(stores)('patchbay serve on $name killed while a cycle step is out at the provider', (store) => {
  const nodes = cluster(store);
  let node: PatchbayProcess;
  const call = <T>(method: string, urlPath: string, body?: unknown, status = 200) => nodes.call<T>(node, method, urlPath, body, status);
  /** A create step's contact named from the hook's payload, without an email. */
  const nameFromHook = async (stepId: number, hookId: number) => {
    await call('PUT', `/v1.0/steps/${stepId}/fieldmappings/name`, {
      MappingType: 'StepField',
      SourceStepId: hookId,
      SourceFieldId: 'name',
    });
    await call('PUT', `/v1.0/steps/${stepId}/fieldmappings/email`, { MappingType: 'Ignore' });
  };
  const createOnHook = (name: string, methodId = 'create-contact') => nodes.runCycle(node, name, methodId, nameFromHook);
  const killAndRestart = async () => {
    await killWhileHeld(node);
    node = await nodes.start();
  };

  beforeAll(async () => {
    node = await nodes.setUp();
  }, 120_000);
  afterAll(() => nodes.tearDown());

  it('stops a create cut off by the kill as Uncertain with an incident, never sends it twice on its own, and lets a person retry or dismiss', async () => {
    example.reset();
    example.holdNext(1);
    const id = await createOnHook('Create on hook');
    await killAndRestart();

    const uncertain = await nodes.settled(node, id, 'Uncertain');
    expect(uncertain.Steps.map((s) => [s.StepName, s.Status])).toEqual([
      ['Incoming', 'Success'],
      ['create-contact', 'Uncertain'],
    ]);
    expect(example.creates).toBe(1);
    const incidents = await call<Incident[]>('GET', '/v1.0/cycles/incidents/error');
    expect(incidents.filter((i) => i.TransactionId === id)).toEqual([
      expect.objectContaining({ IncidentLevel: 'Error', StepName: 'create-contact', CycleName: 'Create on hook' }),
    ]);
    // A little longer on its own changes nothing: the create is not sent again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(example.creates).toBe(1);

    // A person checked the target and decided: send it again.
    await call('POST', `/v1.0/transactions/${id}/retry`, undefined, 202);
    await nodes.settled(node, id, 'Success');
    expect(example.creates).toBe(2);

    // The same again, and this time a person decides not to.
    example.holdNext(1);
    const second = await createOnHook('Create on hook, dismissed');
    await killAndRestart();
    await nodes.settled(node, second, 'Uncertain');
    await call('POST', `/v1.0/transactions/${second}/dismiss`);
    await nodes.settled(node, second, 'Stopped');
    expect(example.creates).toBe(3);
  }, 60_000);

  it('stops Uncertain at the second of two creates cut off by the kill, and a retry sends only that one again', async () => {
    example.reset();
    // The first create goes through; the second's answer is held when the node is killed.
    example.holdNext(1, 1);
    const cycle = await call<{ Id: number }>('POST', '/v1.0/cycles', { Name: 'Two creates', StepErrorAction: 'StopTransaction' });
    const step = (body: Record<string, unknown>) => call<{ Id: number }>('POST', `/v1.0/cycles/${cycle.Id}/steps`, body);
    const hook = await step({ Name: 'Incoming', ActionType: 'Webhook', SamplePayload: { name: 'Ada' } });
    const creates = [
      await step({ Name: 'first', ActionType: 'Method', AccountConnectorId: nodes.installId, MethodId: 'create-contact' }),
      await step({ Name: 'second', ActionType: 'Method', AccountConnectorId: nodes.installId, MethodId: 'create-contact' }),
    ];
    await call('POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: hook.Id, TailStepId: creates[0]?.Id, EdgeType: 'Forward' });
    await call('POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: creates[0]?.Id, TailStepId: creates[1]?.Id, EdgeType: 'Forward' });
    for (const create of creates) await nameFromHook(create.Id, hook.Id);
    const run = await call<{ Transactions: { Id: string }[] }>('POST', `/v1.0/cycles/${cycle.Id}/run`, { name: 'Ada' }, 202);
    const id = (run.Transactions[0] as { Id: string }).Id;
    await killAndRestart();

    const uncertain = await nodes.settled(node, id, 'Uncertain');
    expect(uncertain.Steps.map((s) => [s.StepName, s.Status])).toEqual([
      ['Incoming', 'Success'],
      ['first', 'Success'],
      ['second', 'Uncertain'],
    ]);
    expect(example.creates).toBe(2);
    await call('POST', `/v1.0/transactions/${id}/retry`, undefined, 202);
    const done = await nodes.settled(node, id, 'Success');
    expect(done.Steps.map((s) => [s.StepName, s.Status])).toEqual([
      ['Incoming', 'Success'],
      ['first', 'Success'],
      ['second', 'Uncertain'],
      ['second', 'Success'],
    ]);
    expect(example.creates).toBe(3);
  }, 60_000);

  it('sends a read cut off by the kill again as soon as the node is back and ends the transaction Success', async () => {
    example.reset();
    example.holdNext(1);
    const id = await nodes.runCycle(node, 'Read on hook', 'get-contact', async (stepId, hookId) => {
      await call('PUT', `/v1.0/steps/${stepId}/parameters/id`, { MappingType: 'StepField', SourceStepId: hookId, SourceFieldId: 'id' });
    });
    await killAndRestart();

    const done = await nodes.settled(node, id, 'Success');
    // A read is recorded with its outcome: the one cut off left no record, and was sent again.
    expect(done.Steps.map((s) => [s.StepName, s.Status])).toEqual([
      ['Incoming', 'Success'],
      ['get-contact', 'Success'],
    ]);
    expect(example.requestCount).toBe(2);
    expect(example.creates).toBe(0);
    expect((await call<Incident[]>('GET', '/v1.0/cycles/incidents')).filter((i) => i.TransactionId === id)).toEqual([]);
  }, 60_000);

  it('sends a create cut off by the kill again when its method declares an idempotency header, with the same key: created once', async () => {
    example.reset();
    example.holdNext(1);
    const id = await createOnHook('Keyed create on hook', 'create-contact-keyed');
    await killAndRestart();

    const done = await nodes.settled(node, id, 'Success');
    expect(done.Steps.map((s) => [s.StepName, s.Status])).toEqual([
      ['Incoming', 'Success'],
      ['create-contact-keyed', 'Success'],
    ]);
    // Both sends reached the provider; the second carried the first's key, so it created nothing.
    expect(example.creates).toBe(2);
    expect(example.contacts().filter((c) => c.name === 'Ada')).toHaveLength(1);
  }, 60_000);

  it('loses no delivery answered 202 and duplicates none when the node is killed right after the answers', async () => {
    example.reset();
    const cycle = await call<{ Id: number }>('POST', '/v1.0/cycles', { Name: 'Hook kept', StepErrorAction: 'StopTransaction' });
    const hook = await call<{ Id: number; WebhookUrl: string }>('POST', `/v1.0/cycles/${cycle.Id}/steps`, {
      Name: 'Incoming',
      ActionType: 'Webhook',
      SamplePayload: { name: 'Ada' },
    });
    const create = await call<{ Id: number }>('POST', `/v1.0/cycles/${cycle.Id}/steps`, {
      Name: 'create-contact',
      ActionType: 'Method',
      AccountConnectorId: nodes.installId,
      MethodId: 'create-contact',
    });
    await call('POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: hook.Id, TailStepId: create.Id, EdgeType: 'Forward' });
    await nameFromHook(create.Id, hook.Id);
    await call('PUT', `/v1.0/cycles/${cycle.Id}/activate`);

    const names = Array.from({ length: 40 }, (_, i) => `Kept ${i}`);
    const answered = await Promise.all(
      names.map(async (name) => {
        const reply = await fetch(hook.WebhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name }),
        });
        expect(reply.status).toBe(202);
        return { name, id: ((await reply.json()) as { TransactionId: string }).TransactionId };
      }),
    );
    const exited = new Promise((resolve) => node.process.once('exit', resolve));
    node.kill();
    await exited;
    node = await nodes.start();

    // Every answered delivery runs to an end: created once, or Uncertain when the kill cut off its create.
    const ended = new Map<string, string>();
    await vi.waitFor(
      async () => {
        for (const { id } of answered) ended.set(id, (await call<Transaction>('GET', `/v1.0/transactions/${id}`)).Status);
        expect([...ended.values()].filter((status) => status !== 'Success' && status !== 'Uncertain')).toEqual([]);
      },
      { timeout: RESUMED_WITHIN_MS, interval: 200 },
    );
    const created = example.contacts().map((c) => c.name);
    expect(created.length).toBe(new Set(created).size);
    for (const { name, id } of answered) if (ended.get(id) === 'Success') expect(created).toContain(name);
    // Runs start as soon as their delivery commits, so how many the kill cuts off is a race; each of those waits for a person.
    expect([...ended.values()].filter((status) => status === 'Success').length).toBeGreaterThan(0);
    const flagged = new Set((await call<Incident[]>('GET', '/v1.0/cycles/incidents')).map((i) => i.TransactionId));
    for (const { id } of answered) if (ended.get(id) === 'Uncertain') expect(flagged).toContain(id);
  }, 60_000);
});

/**
 * `kill -9` of a spawned `patchbay serve` while its poll of the trigger is out at the provider (the
 * provider's answer is held), then a restart: the poll's lease names the dead node, so the restarted node
 * polls again at once rather than when the lease runs out, from the cursor the killed poll never moved.
 */
describe.each(stores)('patchbay serve on $name killed during a poll', (store) => {
  const nodes = cluster(store);
  let node: PatchbayProcess;
  const call = <T>(method: string, urlPath: string, body?: unknown, status = 200) => nodes.call<T>(node, method, urlPath, body, status);

  beforeAll(async () => {
    node = await nodes.setUp();
  }, 120_000);
  afterAll(() => nodes.tearDown());

  it('takes the poll over from the dead node at once and brings every party to the target exactly once', async () => {
    example.reset();
    capsule.reset();
    const token = capsule.oauth.issueForTest('capsule-client');
    const names = ['ada', 'bea', 'cai'];
    for (const firstName of names) {
      const reply = await fetch(`${capsule.url}/api/v2/parties`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ party: { type: 'person', firstName, lastName: 'Polled' } }),
      });
      expect(reply.status).toBe(201);
    }
    const setup = [
      { Name: 'ClientId', Value: 'capsule-client' },
      { Name: 'ClientSecret', Value: 'capsule-secret' },
    ];
    await call('PUT', `/v1.0/connectors/${CAPSULE}/setup`, { Properties: setup });
    const AuthValue = JSON.stringify({
      AccessToken: token.access_token,
      RefreshToken: token.refresh_token,
      Expires: '2999-01-01T00:00:00Z',
    });
    const capsuleId = (await call<{ Id: number }>('POST', `/v1.0/connectors/${CAPSULE}/install`, { Name: 'capsule', AuthValue })).Id;
    const cycle = await call<{ Id: number }>('POST', '/v1.0/cycles', { Name: 'Poll killed', StepErrorAction: 'StopTransaction' });
    const trigger = await call<{ Id: number }>('POST', `/v1.0/cycles/${cycle.Id}/steps`, {
      Name: 'New parties',
      Key: 'items',
      ActionType: 'Method',
      AccountConnectorId: capsuleId,
      MethodId: 'list-parties',
    });
    const create = await call<{ Id: number }>('POST', `/v1.0/cycles/${cycle.Id}/steps`, {
      Name: 'create-contact',
      ActionType: 'Method',
      AccountConnectorId: nodes.installId,
      MethodId: 'create-contact',
    });
    await call('POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: trigger.Id, TailStepId: create.Id, EdgeType: 'Forward' });
    await call('PUT', `/v1.0/steps/${create.Id}/fieldmappings/name`, {
      MappingType: 'Expression',
      Value: '"polled " & steps.items.firstName',
    });
    await call('PUT', `/v1.0/steps/${create.Id}/fieldmappings/email`, { MappingType: 'Ignore' });

    capsule.holdNext(1);
    // From a minute back, so the parties above changed after the cursor; the first poll is due at once.
    await call('PUT', `/v1.0/cycles/${cycle.Id}/activate`, { StartTime: new Date(Date.now() - 60_000).toISOString(), Interval: 60 });
    await vi.waitFor(() => expect(capsule.held).toBe(1), { timeout: 15_000, interval: 10 });
    const exited = new Promise((resolve) => node.process.once('exit', resolve));
    node.kill();
    await exited;
    capsule.release();
    node = await nodes.start();

    const polled = () =>
      example
        .contacts()
        .map((c) => c.name)
        .filter((name) => name.startsWith('polled '))
        .sort();
    await vi.waitFor(() => expect(polled()).toEqual(names.map((name) => `polled ${name}`)), { timeout: RESUMED_WITHIN_MS, interval: 100 });
    await vi.waitFor(
      async () => {
        const transactions = await call<{ Status: string }[]>('GET', `/v1.0/cycles/${cycle.Id}/transactions`);
        expect(transactions.map((t) => t.Status)).toEqual(['Success', 'Success', 'Success']);
      },
      { timeout: RESUMED_WITHIN_MS, interval: 100 },
    );
    expect(example.creates).toBe(names.length);
    expect((await call<{ LastSuccessfulRunDate: string | null }>('GET', `/v1.0/cycles/${cycle.Id}`)).LastSuccessfulRunDate).not.toBeNull();
  }, 60_000);
});

/** Two nodes behind one PostgreSQL store: the one running a transaction is killed and never comes back. */
describe.skipIf(TEST_DATABASE_URL === undefined)('two patchbay serve nodes on one PostgreSQL store, one killed mid-step', () => {
  const nodes = cluster(postgres);
  let pair: PatchbayProcess[] = [];

  /** The node whose job runs the transaction, by the owner it recorded and that node's process id. */
  async function runnerOf(id: string): Promise<PatchbayProcess> {
    const client = new pg.Client({ connectionString: nodes.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>(
        'SELECT nodes.pid FROM cycle_transactions JOIN nodes ON nodes.id = cycle_transactions.owner_node WHERE cycle_transactions.id = $1',
        [id],
      );
      const runner = pair.find((each) => each.process.pid === rows[0]?.pid);
      expect(runner, `the node running ${id}`).toBeDefined();
      return runner as PatchbayProcess;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    const first = await nodes.setUp();
    pair = [first, await nodes.start()];
  }, 120_000);
  afterAll(() => nodes.tearDown());

  it('lets the surviving node resume the dead node’s transaction within seconds, without the dead node coming back', async () => {
    example.reset();
    example.holdNext(1);
    const id = await nodes.runCycle(pair[0] as PatchbayProcess, 'Read on hook', 'get-contact', async (stepId, hookId) => {
      const mapping = { MappingType: 'StepField', SourceStepId: hookId, SourceFieldId: 'id' };
      await nodes.call(pair[0] as PatchbayProcess, 'PUT', `/v1.0/steps/${stepId}/parameters/id`, mapping);
    });
    await vi.waitFor(() => expect(example.held).toBe(1), { timeout: 15_000, interval: 10 });
    const victim = await runnerOf(id);
    const survivor = pair.find((each) => each !== victim) as PatchbayProcess;
    await killWhileHeld(victim);

    const done = await nodes.settled(survivor, id, 'Success');
    // The read cut off left no record (a read is recorded with its outcome), and the survivor sent it again.
    expect(done.Steps.map((s) => [s.StepName, s.Status])).toEqual([
      ['Incoming', 'Success'],
      ['get-contact', 'Success'],
    ]);
    expect(example.requestCount).toBe(2);
    expect(example.creates).toBe(0);
  }, 60_000);
});
