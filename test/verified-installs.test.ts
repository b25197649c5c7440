import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { overrides, type Patchbay, startPatchbay } from './support/harness.js';
import { BASIC_CONNECTOR, connectorsFolder } from './support/test-connectors.js';

const PIPEDRIVE = 2;
const TOKEN = 'pipedrive-test-token';

type Installed = Reply<'getAccountConnector'>;
type Credential = Reply<'getCredential'>;

/** A port nothing listens on: a provider that cannot be reached. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a key or password is checked with the provider before it is stored', () => {
  let pipedrive: PipedriveSimulator;
  let patchbay: Patchbay;
  let unreachable: Patchbay;
  let connectorsDir: string;

  const newAccount = async (on: Patchbay) => {
    const id = `verify-${randomUUID()}`;
    expect((await on.call('POST', '/v1.0/accounts', { body: { Id: id, Name: id } })).status).toBe(200);
    return id;
  };
  const installs = async (on: Patchbay, account: string) =>
    (await (await on.call('GET', '/v1.0/account/connectors', { account })).json()) as Installed[];
  const credentials = async (on: Patchbay, account: string) =>
    (await (await on.call('GET', '/v1.0/account/credentials', { account })).json()) as Credential[];

  beforeAll(async () => {
    pipedrive = await startPipedriveSimulator();
    connectorsDir = connectorsFolder({ 'basic.yaml': BASIC_CONNECTOR() });
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.pipedrive.com': pipedrive.url }),
      PATCHBAY_CONNECTORS_DIR: connectorsDir,
    });
    unreachable = await startPatchbay(overrides({ 'https://api.pipedrive.com': `http://127.0.0.1:${await closedPort()}` }));
  });
  afterAll(async () => {
    await patchbay.close();
    await unreachable.close();
    await pipedrive.close();
    rmSync(connectorsDir, { recursive: true, force: true });
  });

  it('refuses an install with a key the provider refuses: 400 PB_ERR_AUTHENTICATION_FAILED with its reason, nothing stored', async () => {
    const account = await newAccount(patchbay);
    const reply = await patchbay.call('POST', `/v1.0/connectors/${PIPEDRIVE}/install`, {
      account,
      body: { Name: 'crm', AuthValue: 'wrong' },
    });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({
      Code: 'PB_ERR_AUTHENTICATION_FAILED',
      Message: expect.stringContaining('unauthorized access'),
    });
    expect(await installs(patchbay, account)).toEqual([]);
    expect(await credentials(patchbay, account)).toEqual([]);
  });

  it('marks an install whose key the provider accepts verified, on the install and on its credential', async () => {
    const account = await newAccount(patchbay);
    const reply = await patchbay.call('POST', `/v1.0/connectors/${PIPEDRIVE}/install`, {
      account,
      body: { Name: 'crm', AuthValue: TOKEN },
    });
    expect(reply.status).toBe(200);
    const installed = (await reply.json()) as Installed;
    expect(installed).toMatchObject({ Authenticated: true, VerifiedStatus: 'Verified', VerifiedMessage: null });
    const [credential] = await credentials(patchbay, account);
    expect(credential).toMatchObject({ Id: installed.CredentialId, VerifiedStatus: 'Verified', VerifiedAt: expect.any(String) });
  });

  it('refuses a re-authentication with a refused key and keeps the working one', async () => {
    const account = await newAccount(patchbay);
    const created = (await (
      await patchbay.call('POST', `/v1.0/connectors/${PIPEDRIVE}/install`, { account, body: { Name: 'crm', AuthValue: TOKEN } })
    ).json()) as Installed;
    const refused = await patchbay.call('PUT', `/v1.0/account/connectors/${created.Id}`, { account, body: { AuthValue: 'wrong' } });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ Code: 'PB_ERR_AUTHENTICATION_FAILED' });
    const call = await patchbay.call('GET', `/v1.0/account/connectors/${created.Id}/methods/list-persons`, { account });
    expect(call.status).toBe(200);
    expect((await installs(patchbay, account))[0]).toMatchObject({ AuthValue: created.AuthValue, VerifiedStatus: 'Verified' });
  });

  it('keeps an install whose provider cannot be reached, authenticated but unverified, and says why', async () => {
    const account = await newAccount(unreachable);
    const reply = await unreachable.call('POST', `/v1.0/connectors/${PIPEDRIVE}/install`, {
      account,
      body: { Name: 'crm', AuthValue: TOKEN },
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({
      Authenticated: true,
      VerifiedStatus: null,
      VerifiedMessage: expect.stringContaining('Not verified at install'),
    });
    const [credential] = await credentials(unreachable, account);
    expect(credential).toMatchObject({ VerifiedStatus: null, VerifiedMessage: expect.stringContaining('could not be reached') });
  });

  it('refuses a standalone credential with a key the provider refuses: 400 PB_ERR_AUTHENTICATION_FAILED, nothing stored', async () => {
    const account = await newAccount(patchbay);
    const reply = await patchbay.call('POST', '/v1.0/account/credentials', {
      account,
      body: { Name: 'shared', Connector: 'Pipedrive', AuthValue: 'wrong' },
    });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({
      Code: 'PB_ERR_AUTHENTICATION_FAILED',
      Message: expect.stringContaining('unauthorized access'),
    });
    expect(await credentials(patchbay, account)).toEqual([]);
  });

  it('marks a standalone credential whose key the provider accepts verified', async () => {
    const account = await newAccount(patchbay);
    const reply = await patchbay.call('POST', '/v1.0/account/credentials', {
      account,
      body: { Name: 'shared', Connector: 'Pipedrive', AuthValue: TOKEN },
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ VerifiedStatus: 'Verified', VerifiedAt: expect.any(String), VerifiedMessage: null });
  });

  it("refuses a standalone credential's new key when the provider refuses it, and keeps the working one", async () => {
    const account = await newAccount(patchbay);
    const created = (await (
      await patchbay.call('POST', '/v1.0/account/credentials', {
        account,
        body: { Name: 'shared', Connector: 'Pipedrive', AuthValue: TOKEN },
      })
    ).json()) as Credential;
    const install = (await (
      await patchbay.call('POST', `/v1.0/connectors/${PIPEDRIVE}/install`, { account, body: { Name: 'crm', CredentialId: created.Id } })
    ).json()) as Installed;
    const refused = await patchbay.call('PUT', `/v1.0/account/credentials/${created.Id}`, { account, body: { AuthValue: 'wrong' } });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ Code: 'PB_ERR_AUTHENTICATION_FAILED' });
    expect((await credentials(patchbay, account))[0]).toMatchObject({ AuthValue: created.AuthValue, VerifiedStatus: 'Verified' });
    expect((await patchbay.call('GET', `/v1.0/account/connectors/${install.Id}/methods/list-persons`, { account })).status).toBe(200);
  });

  it('keeps a standalone credential whose provider cannot be reached, unverified, and says why', async () => {
    const account = await newAccount(unreachable);
    const reply = await unreachable.call('POST', '/v1.0/account/credentials', {
      account,
      body: { Name: 'shared', Connector: 'Pipedrive', AuthValue: TOKEN },
    });
    expect(reply.status).toBe(200);
    const created = (await reply.json()) as Credential;
    expect(created).toMatchObject({ VerifiedStatus: null, VerifiedMessage: expect.stringContaining('Not verified at install') });
    const updated = await unreachable.call('PUT', `/v1.0/account/credentials/${created.Id}`, {
      account,
      body: { AuthValue: `${TOKEN}-2` },
    });
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ VerifiedStatus: null, VerifiedMessage: expect.stringContaining('could not be reached') });
  });

  it('does not try a connector that has no test method', async () => {
    const account = await newAccount(patchbay);
    const reply = await patchbay.call('POST', '/v1.0/connectors/91/install', {
      account,
      body: { Name: 'basic', AuthValue: Buffer.from('user:password').toString('base64') },
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ Authenticated: true, VerifiedStatus: null, VerifiedMessage: null });
  });
});
