import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { isPostgresUrl } from '../src/store/database.js';
import { failWrites } from './support/failing-writes.js';
import { overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';
import { authorise, PARTNER_ORIGIN } from './support/oauth-flow.js';

const PIPEDRIVE = 2;
const CAPSULE = 3;

/**
 * Each multi-row change to an install is one transaction: with the database refusing its second
 * statement, nothing of the first remains.
 */
describe('install changes are all or nothing', () => {
  let capsule: CapsuleSimulator;
  let patchbay: Patchbay;
  let accounts = 0;

  const failing = (table: string, operation: 'INSERT' | 'UPDATE' | 'DELETE') =>
    failWrites(patchbay.ctx.db, isPostgresUrl(patchbay.ctx.config.databaseUrl), table, operation);
  const newAccount = async () => {
    const id = `tx-${++accounts}`;
    expect((await patchbay.call('POST', '/v1.0/accounts', { body: { Id: id, Name: id } })).status).toBe(200);
    return id;
  };
  const credentials = (account: string) =>
    patchbay.ctx.db.selectFrom('credentials').selectAll().where('account_id', '=', account).orderBy('id').execute();
  const installs = (account: string) =>
    patchbay.ctx.db.selectFrom('account_connectors').selectAll().where('account_id', '=', account).orderBy('id').execute();
  const install = async (account: string, body: Record<string, unknown>, connector = PIPEDRIVE) => {
    const reply = await patchbay.call('POST', `/v1.0/connectors/${connector}/install`, { account, body });
    expect(reply.status).toBe(200);
    return ((await reply.json()) as { Id: number }).Id;
  };
  const expectInternalError = async (reply: Response) => {
    expect(reply.status).toBe(500);
    expect(await reply.json()).toMatchObject({ Code: 'PB_ERR_INTERNAL' });
  };

  beforeAll(async () => {
    capsule = await startCapsuleSimulator();
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.capsulecrm.com': capsule.url }),
      PATCHBAY_ALLOWED_ORIGINS: PARTNER_ORIGIN,
    });
    expect((await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' })).status).toBe(200);
  });
  afterAll(async () => {
    await patchbay.close();
    await capsule.close();
  });

  it('leaves no credential behind when an install with a new credential fails to be stored', async () => {
    const account = await newAccount();
    const undo = await failing('account_connectors', 'INSERT');
    try {
      const reply = await patchbay.call('POST', `/v1.0/connectors/${PIPEDRIVE}/install`, {
        account,
        body: { Name: 'crm', AuthValue: 'pd-token-one' },
      });
      await expectInternalError(reply);
    } finally {
      await undo();
    }
    expect(await credentials(account)).toEqual([]);
    expect(await installs(account)).toEqual([]);
  });

  it('leaves the install on its shared credential when re-authenticating it fails half-way', async () => {
    const account = await newAccount();
    const shared = await patchbay.call('POST', '/v1.0/account/credentials', {
      account,
      body: { Name: 'team', Connector: 'Pipedrive', AuthValue: 'pd-token-one' },
    });
    expect(shared.status).toBe(200);
    const id = await install(account, { Name: 'crm', CredentialId: ((await shared.json()) as { Id: number }).Id });
    const before = { credentials: await credentials(account), installs: await installs(account) };
    const undo = await failing('account_connectors', 'UPDATE');
    try {
      await expectInternalError(
        await patchbay.call('PUT', `/v1.0/account/connectors/${id}`, { account, body: { AuthValue: 'pd-token-two' } }),
      );
    } finally {
      await undo();
    }
    expect({ credentials: await credentials(account), installs: await installs(account) }).toEqual(before);
  });

  it('leaves the installs sharing a credential as they were when replacing its secret fails half-way', async () => {
    const account = await newAccount();
    const shared = await patchbay.call('POST', '/v1.0/account/credentials', {
      account,
      body: { Name: 'team', Connector: 'Pipedrive', AuthValue: 'pd-token-one' },
    });
    const credentialId = ((await shared.json()) as { Id: number }).Id;
    await install(account, { Name: 'crm', CredentialId: credentialId });
    const before = { credentials: await credentials(account), installs: await installs(account) };
    // A later millisecond: the installs' updated_at would show a change that was kept.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const undo = await failing('credentials', 'UPDATE');
    try {
      const reply = await patchbay.call('PUT', `/v1.0/account/credentials/${credentialId}`, {
        account,
        body: { AuthValue: 'pd-token-two' },
      });
      await expectInternalError(reply);
    } finally {
      await undo();
    }
    expect({ credentials: await credentials(account), installs: await installs(account) }).toEqual(before);
  });

  it('keeps the install and its credential when deleting the credential fails', async () => {
    const account = await newAccount();
    const id = await install(account, { Name: 'crm', AuthValue: 'pd-token-one' });
    const before = { credentials: await credentials(account), installs: await installs(account) };
    const undo = await failing('credentials', 'DELETE');
    try {
      await expectInternalError(await patchbay.call('DELETE', `/v1.0/account/connectors/${id}`, { account }));
    } finally {
      await undo();
    }
    expect({ credentials: await credentials(account), installs: await installs(account) }).toEqual(before);
  });

  it('keeps the install authenticated when wiping its secret fails on de-authentication', async () => {
    const account = await newAccount();
    const id = await install(account, { Name: 'crm', AuthValue: 'pd-token-one' });
    const before = { credentials: await credentials(account), installs: await installs(account) };
    const undo = await failing('credentials', 'UPDATE');
    try {
      await expectInternalError(await patchbay.call('PUT', `/v1.0/account/connectors/${id}/deauthenticate`, { account }));
    } finally {
      await undo();
    }
    expect({ credentials: await credentials(account), installs: await installs(account) }).toEqual(before);
  });

  it('keeps the stored token when saving a refreshed one fails half-way', async () => {
    const account = await newAccount();
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const AuthValue = JSON.stringify({
      AccessToken: tokens.access_token,
      RefreshToken: tokens.refresh_token,
      Expires: '2000-01-01T00:00:00Z',
    });
    const id = await install(account, { Name: 'crm', AuthValue }, CAPSULE);
    const before = { credentials: await credentials(account), installs: await installs(account) };
    const undo = await failing('account_connectors', 'UPDATE');
    try {
      await expectInternalError(await patchbay.call('POST', `/v1.0/account/connectors/${id}/methods/list-parties`, { account, body: {} }));
    } finally {
      await undo();
    }
    expect({ credentials: await credentials(account), installs: await installs(account) }).toEqual(before);
  });

  it('makes no orphaned credential when an OAuth token for an install without one fails to be stored', async () => {
    const account = await newAccount();
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const shared = await patchbay.call('POST', '/v1.0/account/credentials', {
      account,
      body: { Name: 'crm', Connector: 'Capsule v2', AuthValue: JSON.stringify({ AccessToken: tokens.access_token }) },
    });
    expect(shared.status).toBe(200);
    const id = await install(account, { Name: 'crm', CredentialId: ((await shared.json()) as { Id: number }).Id }, CAPSULE);
    // De-authenticating lets go of the shared credential: the install has none until the next authorization.
    expect((await patchbay.call('PUT', `/v1.0/account/connectors/${id}/deauthenticate`, { account })).status).toBe(200);
    const before = { credentials: await credentials(account), installs: await installs(account) };
    expect(before.installs[0]?.credential_id).toBeNull();
    const undo = await failing('account_connectors', 'UPDATE');
    try {
      // A fault of the store is ours, not the provider's: logged and answered as one, not as a failed exchange.
      await expectInternalError(await authorise(patchbay, account, id, { callbackMessage: 'done' }));
    } finally {
      await undo();
    }
    expect({ credentials: await credentials(account), installs: await installs(account) }).toEqual(before);
    // The same flow succeeds once the database takes writes again.
    expect((await authorise(patchbay, account, id, { callbackMessage: 'done' })).status).toBe(200);
    expect((await installs(account))[0]?.authenticated).toBe(1);
  });
});
