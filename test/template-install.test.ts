import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { type CaspioSimulator, startCaspioSimulator } from '../sandbox/caspio.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { isPostgresUrl } from '../src/store/database.js';
import { failWrites } from './support/failing-writes.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';

const PIPEDRIVE = 2;
const CAPSULE = 3;
const CASPIO = 5;
const CAPSULE_TO_PIPEDRIVE = 'capsule-party-to-pipedrive-person';
const CASPIO_TO_CAPSULE = 'caspio-record-to-capsule-party';
const WEBHOOK_DEAL = 'webhook-pipedrive-deal-reply';
const TEMPLATE_IDS: Record<string, string> = {
  [CAPSULE_TO_PIPEDRIVE]: '157edf65-7e7d-41bf-868a-1df4425a23fa',
  [CASPIO_TO_CAPSULE]: 'e6258bad-be1c-4f18-8246-cc669ec22250',
  [WEBHOOK_DEAL]: 'b5043790-1fe2-4d4a-9f62-aff8192e3b90',
};
const CONNECTORS: Record<string, number[]> = {
  [CAPSULE_TO_PIPEDRIVE]: [CAPSULE, PIPEDRIVE],
  [CASPIO_TO_CAPSULE]: [CASPIO, CAPSULE],
  [WEBHOOK_DEAL]: [PIPEDRIVE],
};

type Cycle = Reply<'installTemplate'>;
type Step = Reply<'listCycleSteps'>[number];
type Prerequisite = Reply<'listCyclePrerequisites'>[number];

// The tests run in order: the partner sets Caspio up only after the first one, which installs into
// accounts while it is not set up.
describe('installing a template (POST /v1.0/templates/{id}/install)', () => {
  let capsule: CapsuleSimulator;
  let caspio: CaspioSimulator;
  let pipedrive: PipedriveSimulator;
  let patchbay: Patchbay;

  const call = (method: string, url: string, account: string, body?: unknown) => patchbay.call(method, url, { account, body });
  const send = async <T>(method: string, url: string, account: string, body?: unknown): Promise<T> => {
    const reply = await call(method, url, account, body);
    if (reply.status !== 200) throw new Error(`${method} ${url} answered ${reply.status}: ${await reply.text()}`);
    return (await reply.json()) as T;
  };
  const install = (template: string, account: string, body?: unknown) =>
    send<Cycle>('POST', `/v1.0/templates/${template}/install`, account, body);
  const steps = (cycle: number, account: string) => send<Step[]>('GET', `/v1.0/cycles/${cycle}/steps`, account);
  const prerequisites = (cycle: number, account: string) => send<Prerequisite[]>('GET', `/v1.0/cycles/${cycle}/prerequisites`, account);
  const installs = (account: string) =>
    send<{ Id: number; Name: string; Authenticated: boolean }[]>('GET', '/v1.0/account/connectors', account);
  const createAccount = (id: string) => patchbay.call('POST', '/v1.0/accounts', { body: { Id: id, Name: id } });
  const capsuleToken = () => {
    const tokens = capsule.oauth.issueForTest('capsule-client');
    return JSON.stringify({ AccessToken: tokens.access_token, RefreshToken: tokens.refresh_token, Expires: '2999-01-01T00:00:00Z' });
  };
  const customCategories = async (account: string, install: number) =>
    (
      await send<{ Id: string; CustomCategories: { Id: number; ObjectName: string }[] }[]>(
        'GET',
        `/v1.0/account/connectors/${install}/categories`,
        account,
      )
    ).flatMap((c) => c.CustomCategories);

  beforeAll(async () => {
    [capsule, caspio, pipedrive] = await Promise.all([startCapsuleSimulator(), startCaspioSimulator(), startPipedriveSimulator()]);
    patchbay = await startPatchbay(
      overrides({ 'https://api.capsulecrm.com': capsule.url, 'https://api.pipedrive.com': pipedrive.url, ...caspio.overrides() }),
    );
    await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
  });
  afterAll(async () => {
    await patchbay?.close();
    await Promise.all([capsule?.close(), caspio?.close(), pipedrive?.close()]);
  });

  it('installs each shipped template into an empty account: a paused cycle on new unauthenticated installs, each a prerequisite 20', async () => {
    for (const template of Object.keys(CONNECTORS)) {
      const account = `empty-${template}`;
      expect((await createAccount(account)).status).toBe(200);
      const cycle = await install(template, account);
      expect(cycle).toMatchObject({ Status: 'Paused', TemplateId: TEMPLATE_IDS[template], ErrorCount: 0, InProgressTransactionCount: 0 });
      expect(cycle.Connectors.map((c) => c.Id).sort()).toEqual([...(CONNECTORS[template] ?? [])].sort());
      expect(cycle.Connectors.every((c) => !c.Authenticated)).toBe(true);
      // The installs are the account's, named after their connectors, one per connector.
      const made = await installs(account);
      expect(made.map((i) => i.Id).sort()).toEqual(cycle.Connectors.map((c) => c.AccountConnectorId).sort());
      expect(made.map((i) => i.Name).sort()).toEqual(cycle.Connectors.map((c) => c.Name).sort());
      const missing = (await prerequisites(cycle.Id, account)).filter((p) => p.ReasonCode === 20 && p.ObjectType === 'AccountConnector');
      for (const connector of cycle.Connectors) {
        expect(missing.map((p) => p.ObjectId)).toContain(String(connector.AccountConnectorId));
      }
    }
  });

  it('leaves a step on a table waiting for the table while Caspio is not authenticated (the partner has not set it up)', async () => {
    const account = `empty-${CASPIO_TO_CAPSULE}`;
    const [cycle] = await send<Cycle[]>('GET', '/v1.0/cycles', account);
    const [trigger] = await steps(cycle?.Id as number, account);
    expect(trigger).toMatchObject({ Key: 'new_record', MethodId: 'list-records', PendingObject: 'Contacts' });
    expect(await prerequisites(cycle?.Id as number, account)).toContainEqual(
      expect.objectContaining({ ReasonCode: 20, StepId: trigger?.Id, ObjectType: 'AccountConnector' }),
    );
  });

  it('reuses the authenticated installs (before an older unauthenticated one) and binds the table step to a Contacts copy', async () => {
    await setupConnector(patchbay, CASPIO, { AccountSubdomain: 'demo', ClientId: 'caspio-client', ClientSecret: 'caspio-secret' });
    const account = 'connected';
    const stale = await installInto(patchbay, account, PIPEDRIVE);
    const pipedriveId = await installInto(patchbay, account, PIPEDRIVE, 'pipedrive-test-token');
    const capsuleId = await installInto(patchbay, account, CAPSULE, capsuleToken());
    const caspioId = await installInto(patchbay, account, CASPIO);
    const expected: Record<number, number> = { [PIPEDRIVE]: pipedriveId, [CAPSULE]: capsuleId, [CASPIO]: caspioId };
    expect(stale).not.toBe(pipedriveId);

    for (const template of Object.keys(CONNECTORS)) {
      const cycle = await install(template, account);
      expect(cycle.Status).toBe('Paused');
      for (const connector of cycle.Connectors) {
        expect(connector).toMatchObject({ AccountConnectorId: expected[connector.Id], Authenticated: true });
      }
      expect((await prerequisites(cycle.Id, account)).filter((p) => p.ReasonCode === 20)).toEqual([]);
    }
    expect((await installs(account)).length).toBe(4);

    const [contacts, ...others] = await customCategories(account, caspioId);
    expect(others).toEqual([]);
    expect(contacts?.ObjectName).toBe('Contacts');
    // A second install of the Caspio template is a second cycle on the same copy of the table.
    const again = await install(CASPIO_TO_CAPSULE, account, { Name: 'Contacts again', Description: null });
    expect(again).toMatchObject({ Name: 'Contacts again', Description: null });
    expect(await customCategories(account, caspioId)).toEqual([contacts]);
    const cycles = await send<Cycle[]>('GET', '/v1.0/cycles', account);
    expect(cycles.filter((c) => c.TemplateId === TEMPLATE_IDS[CASPIO_TO_CAPSULE]).length).toBe(2);

    // The steps, edges and mappings are the builder API's like any cycle's.
    const [trigger, create] = await steps(again.Id, account);
    expect(trigger).toMatchObject({
      Key: 'new_record',
      AccountConnectorId: caspioId,
      MethodId: `list-records@${contacts?.Id}`,
      PendingObject: null,
    });
    expect(create).toMatchObject({ Key: 'create_party', AccountConnectorId: capsuleId, MethodId: 'create-party' });
    const edges = await send<{ HeadStepId: number; TailStepId: number; EdgeType: string }[]>(
      'GET',
      `/v1.0/cycles/${again.Id}/edges`,
      account,
    );
    expect(edges).toEqual([expect.objectContaining({ HeadStepId: trigger?.Id, TailStepId: create?.Id, EdgeType: 'Forward' })]);
    expect(await send('GET', `/v1.0/steps/${create?.Id}/fieldmappings/firstName`, account)).toMatchObject({
      Mapping: { MappingType: 'StepField', SourceStepId: trigger?.Id, SourceFieldId: 'First_Name' },
    });
    expect(await prerequisites(again.Id, account)).toEqual([]);
  });

  it('binds the waiting table step once its Caspio install is authenticated', async () => {
    const account = `empty-${CASPIO_TO_CAPSULE}`;
    const [cycle] = await send<Cycle[]>('GET', '/v1.0/cycles', account);
    const caspioInstall = cycle?.Connectors.find((c) => c.Id === CASPIO)?.AccountConnectorId as number;
    const granted = await fetch(`${caspio.url}/demo/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=caspio-client&client_secret=caspio-secret',
    });
    const token = (await granted.json()) as { access_token: string };
    await send('PUT', `/v1.0/account/connectors/${caspioInstall}`, account, {
      AuthValue: JSON.stringify({ AccessToken: token.access_token, Expires: '2999-01-01T00:00:00Z' }),
    });

    const waiting = await prerequisites(cycle?.Id as number, account);
    const [trigger] = await steps(cycle?.Id as number, account);
    const [contacts] = await customCategories(account, caspioInstall);
    expect(trigger).toMatchObject({ MethodId: `list-records@${contacts?.Id}`, PendingObject: null });
    expect(waiting.filter((p) => p.ObjectId === String(caspioInstall))).toEqual([]);
  });

  it("keeps accounts apart: B's install makes its own installs, and B cannot see A's cycle", async () => {
    const a = await install(CAPSULE_TO_PIPEDRIVE, 'connected');
    expect((await createAccount('other')).status).toBe(200);
    const b = await install(CAPSULE_TO_PIPEDRIVE, 'other');
    const ofA = new Set((await installs('connected')).map((i) => i.Id));
    expect(b.Connectors.every((c) => !ofA.has(c.AccountConnectorId) && !c.Authenticated)).toBe(true);
    expect((await call('GET', `/v1.0/cycles/${a.Id}`, 'other')).status).toBe(404);
    expect((await call('GET', `/v1.0/cycles/${a.Id}/steps`, 'other')).status).toBe(404);
  });

  it('answers 404 for an unknown template, as installs do for an unknown account, and 400 for a bad body', async () => {
    const unknown = await call('POST', '/v1.0/templates/no-such-template/install', 'connected');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ Code: 'PB_ERR_NOT_FOUND' });
    const byId = await call('POST', `/v1.0/templates/${TEMPLATE_IDS[WEBHOOK_DEAL]?.toUpperCase()}/install`, 'connected');
    expect(byId.status).toBe(200);

    const nobody = await call('POST', `/v1.0/templates/${WEBHOOK_DEAL}/install`, 'nobody');
    const asInstalls = await call('POST', `/v1.0/connectors/${PIPEDRIVE}/install`, 'nobody', { Name: 'x' });
    expect(nobody.status).toBe(asInstalls.status);
    expect(((await nobody.json()) as { Code: string }).Code).toBe(((await asInstalls.json()) as { Code: string }).Code);

    for (const body of [{ Colour: 'red' }, { Name: '' }, { Name: 7 }]) {
      const bad = await call('POST', `/v1.0/templates/${WEBHOOK_DEAL}/install`, 'connected', body);
      expect(bad.status).toBe(400);
    }
  });

  it('leaves neither a cycle nor the installs made for it when writing the cycle fails', async () => {
    expect((await createAccount('failing')).status).toBe(200);
    const undo = await failWrites(patchbay.ctx.db, isPostgresUrl(patchbay.ctx.config.databaseUrl), 'cycle_edges', 'INSERT');
    try {
      const reply = await call('POST', `/v1.0/templates/${CAPSULE_TO_PIPEDRIVE}/install`, 'failing');
      expect(reply.status).toBeGreaterThanOrEqual(500);
    } finally {
      await undo();
    }
    expect(await send('GET', '/v1.0/cycles', 'failing')).toEqual([]);
    expect(await installs('failing')).toEqual([]);
  });
});
