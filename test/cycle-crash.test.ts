import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type PatchbayProcess, startPatchbayProcess } from '../bench/patchbay-process.js';
import type { Reply } from '../console/src/types.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';

type Transaction = Reply<'getTransaction'>;
type Incident = Reply<'listCycleIncidents'>[number];

const EXAMPLE = 1;
const ACCOUNT = 'crashes';
const ROOT = path.resolve(import.meta.dirname, '..');
/** A build of its own, so that this test never runs a dist/ another test is rewriting. */
const BUILD = path.join(ROOT, 'test-output/cycle-crash-build');

/**
 * `kill -9` of a spawned `patchbay serve` while a step's request is out at the provider (it did the
 * work; its answer is held), then a restart on the same SQLite file: the executor finds the step run
 * recorded Running with no outcome. A create is not sent again on its own (the transaction stops
 * Uncertain, with an incident, for a person); a read is sent again and the transaction ends Success.
 *
 * SQLite only: on PostgreSQL the killed node's job comes back when pg-boss expires it (5 minutes), too
 * long for this test; the executor's side of the resumption is the same code on both stores.
 */
describe('patchbay serve killed while a cycle step is out at the provider', () => {
  let example: ExampleApiSimulator;
  let dataDir = '';
  let env: Record<string, string> = {};
  let node: PatchbayProcess;
  let token = '';
  let installId = 0;
  const all: PatchbayProcess[] = [];

  const call = async <T>(method: string, urlPath: string, body?: unknown, status = 200): Promise<T> => {
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
  };
  const start = async () => {
    node = await startPatchbayProcess(env, { entry: path.join(BUILD, 'src/cli.js') });
    all.push(node);
  };
  const settled = async (id: string, status: string) => {
    let read: Transaction | undefined;
    await vi.waitFor(
      async () => {
        read = await call<Transaction>('GET', `/v1.0/transactions/${id}`);
        expect(read.Status).toBe(status);
      },
      { timeout: 15_000, interval: 100 },
    );
    return read as Transaction;
  };

  /** A cycle: a webhook payload -> one Method step, run once; answers the transaction's id. */
  async function runCycle(name: string, methodId: string, map: (stepId: number, hookId: number) => Promise<void>): Promise<string> {
    const cycle = await call<{ Id: number }>('POST', '/v1.0/cycles', { Name: name, StepErrorAction: 'StopTransaction' });
    const hook = await call<{ Id: number }>('POST', `/v1.0/cycles/${cycle.Id}/steps`, {
      Name: 'Incoming',
      ActionType: 'Webhook',
      SamplePayload: { name: 'Ada', id: 1 },
    });
    const step = await call<{ Id: number }>('POST', `/v1.0/cycles/${cycle.Id}/steps`, {
      Name: methodId,
      ActionType: 'Method',
      AccountConnectorId: installId,
      MethodId: methodId,
    });
    await call('POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: hook.Id, TailStepId: step.Id, EdgeType: 'Forward' });
    await map(step.Id, hook.Id);
    const run = await call<{ Transactions: { Id: string }[] }>('POST', `/v1.0/cycles/${cycle.Id}/run`, { name: 'Ada', id: 1 }, 202);
    return (run.Transactions[0] as { Id: string }).Id;
  }

  /** Kills the node once the provider holds a request, lets the provider answer into the void, restarts. */
  async function killWhileHeld(): Promise<void> {
    await vi.waitFor(() => expect(example.held).toBe(1), { timeout: 15_000, interval: 10 });
    const victim = node;
    const exited = new Promise((resolve) => victim.process.once('exit', resolve));
    victim.kill();
    await exited;
    example.release();
    await start();
  }

  beforeAll(async () => {
    rmSync(BUILD, { recursive: true, force: true });
    execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', BUILD], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    example = await startExampleApiSimulator();
    dataDir = mkdtempSync(path.join(tmpdir(), 'patchbay-cycle-kill-'));
    env = {
      PATCHBAY_DATA_DIR: dataDir,
      PATCHBAY_DATABASE_URL: path.join(dataDir, 'patchbay.sqlite'),
      PATCHBAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PATCHBAY_UPSTREAM_OVERRIDES: JSON.stringify({ 'https://api.example.com': example.url }),
      PATCHBAY_SWEEP_INTERVAL_SECONDS: '0',
    };
    await start();
    token = await node.firstClientToken();
    await call('POST', '/v1.0/accounts', { Id: ACCOUNT, Name: ACCOUNT });
    installId = (
      await call<{ Id: number }>('POST', `/v1.0/connectors/${EXAMPLE}/install`, { Name: 'example', AuthValue: 'example-api-key' })
    ).Id;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(all.map((each) => each.stop()));
    await example?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(BUILD, { recursive: true, force: true });
  });

  it('stops a create cut off by the kill as Uncertain with an incident, never sends it twice on its own, and lets a person retry or dismiss', async () => {
    example.reset();
    example.holdNext(1);
    const id = await runCycle('Create on hook', 'create-contact', async (stepId, hookId) => {
      await call('PUT', `/v1.0/steps/${stepId}/fieldmappings/name`, {
        MappingType: 'StepField',
        SourceStepId: hookId,
        SourceFieldId: 'name',
      });
      await call('PUT', `/v1.0/steps/${stepId}/fieldmappings/email`, { MappingType: 'Ignore' });
    });
    await killWhileHeld();

    const uncertain = await settled(id, 'Uncertain');
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
    await settled(id, 'Success');
    expect(example.creates).toBe(2);

    // The same again, and this time a person decides not to.
    example.holdNext(1);
    const second = await runCycle('Create on hook, dismissed', 'create-contact', async (stepId, hookId) => {
      await call('PUT', `/v1.0/steps/${stepId}/fieldmappings/name`, {
        MappingType: 'StepField',
        SourceStepId: hookId,
        SourceFieldId: 'name',
      });
      await call('PUT', `/v1.0/steps/${stepId}/fieldmappings/email`, { MappingType: 'Ignore' });
    });
    await killWhileHeld();
    await settled(second, 'Uncertain');
    await call('POST', `/v1.0/transactions/${second}/dismiss`);
    await settled(second, 'Stopped');
    expect(example.creates).toBe(3);
  }, 60_000);

  it('sends a read cut off by the kill again after the restart and ends the transaction Success', async () => {
    example.reset();
    example.holdNext(1);
    const id = await runCycle('Read on hook', 'get-contact', async (stepId, hookId) => {
      await call('PUT', `/v1.0/steps/${stepId}/parameters/id`, { MappingType: 'StepField', SourceStepId: hookId, SourceFieldId: 'id' });
    });
    await killWhileHeld();

    const done = await settled(id, 'Success');
    expect(done.Steps.map((s) => [s.StepName, s.Status])).toEqual([
      ['Incoming', 'Success'],
      ['get-contact', 'Errored'],
      ['get-contact', 'Success'],
    ]);
    expect(example.creates).toBe(0);
    expect((await call<Incident[]>('GET', '/v1.0/cycles/incidents')).filter((i) => i.TransactionId === id)).toEqual([]);
  }, 60_000);
});
