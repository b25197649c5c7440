import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorReply, Reply } from '../console/src/types.js';
import { type CaspioSimulator, startCaspioSimulator } from '../sandbox/caspio.js';
import { overrides, type Patchbay, startPatchbay } from './support/harness.js';

const CASPIO = 5;
const ACCOUNT = 'caspio-account';
const demo = { AccountSubdomain: 'demo', ClientId: 'caspio-client', ClientSecret: 'caspio-secret' };

type ErrorBody = ErrorReply;

describe('Caspio: client credentials on a per-account subdomain', () => {
  let caspio: CaspioSimulator;
  let patchbay: Patchbay;
  let installs = 0;

  const install = (properties: Record<string, string>) =>
    patchbay.call('POST', `/v1.0/connectors/${CASPIO}/install`, {
      account: ACCOUNT,
      body: { Name: `Caspio ${++installs}`, Properties: Object.entries(properties).map(([Name, Value]) => ({ Name, Value })) },
    });
  const call = (id: number, method: string, body: unknown = {}) =>
    patchbay.call('POST', `/v1.0/account/connectors/${id}/methods/${method}`, { account: ACCOUNT, body });
  const count = async () =>
    Number((await patchbay.call('GET', '/v1.0/account/connectors', { account: ACCOUNT })).headers.get('total-records'));
  let id: number;

  beforeAll(async () => {
    caspio = await startCaspioSimulator({
      accounts: {
        demo: { clients: [{ clientId: 'caspio-client', clientSecret: 'caspio-secret' }] },
        other: { clients: [{ clientId: 'other-client', clientSecret: 'other-secret' }] },
      },
    });
    patchbay = await startPatchbay(overrides({ ...caspio.overrides(), 'https://ghost.caspio.com': `${caspio.url}/ghost` }));
    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: ACCOUNT, Name: ACCOUNT } });
    const reply = await install(demo);
    expect(reply.status).toBe(200);
    id = ((await reply.json()) as { Id: number }).Id;
  });
  afterAll(async () => {
    await patchbay.close();
    await caspio.close();
  });
  beforeEach(() => caspio.reset());

  it('asks for the subdomain, client id and secret at install when the partner left them blank', async () => {
    const view = (await (await patchbay.call('GET', `/v1.0/connectors/${CASPIO}/setup`)).json()) as Reply<'getConnectorSetup'>;
    expect(view.AskedAtInstall).toEqual(['AccountSubdomain', 'ClientId', 'ClientSecret']);
    const missing = await install({ AccountSubdomain: 'demo' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorBody).Message).toContain('ClientId');
  });

  it('fetches a token at install and marks the install authenticated', async () => {
    const reply = await install({ ...demo, AccountSubdomain: 'other', ClientId: 'other-client', ClientSecret: 'other-secret' });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ Authenticated: true, AuthValue: expect.stringMatching(/^\*+/) });
    expect(caspio.tokenRequests('other')).toBe(1);
  });

  it("answers 400 with the provider's reason and stores nothing when the credentials are refused", async () => {
    const before = await count();
    const wrong = await install({ ...demo, ClientSecret: 'wrong' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ Code: 'PB_ERR_AUTHENTICATION_FAILED', Message: expect.stringContaining('invalid_client') });
    const ghost = await install({ ...demo, AccountSubdomain: 'ghost' });
    expect(ghost.status).toBe(400);
    expect(await ghost.json()).toMatchObject({ Code: 'PB_ERR_AUTHENTICATION_FAILED' });
    expect(await count()).toBe(before);
  });

  it('refuses crafted subdomains before any request is made', async () => {
    for (const value of ['evil.com#', 'x.evil.com/', '127.0.0.1', 'a.b', '%2e%2e', '@', 'a'.repeat(100), 'bücher']) {
      const reply = await install({ ...demo, AccountSubdomain: value });
      expect(reply.status, value).toBe(400);
      expect(((await reply.json()) as ErrorBody).Message).toContain('AccountSubdomain');
    }
    expect(caspio.tokenRequests('demo')).toBe(0);
  });

  it('lists tables and fields, unwrapping Result', async () => {
    expect(await (await call(id, 'list-tables')).json()).toEqual(['Contacts', 'Orders']);
    const fields = (await (await call(id, 'list-table-fields', { Parameters: { table: 'Contacts' } })).json()) as {
      Name: string;
      Type: string;
    }[];
    expect(fields.map((f) => f.Name)).toContain('PK_ID');
    expect(fields.find((f) => f.Name === 'Age')?.Type).toBe('INTEGER');
  });

  it('lists records with q.where, q.select and q.orderBy, and follows the pages', async () => {
    const reply = await call(id, 'list-records', {
      Parameters: { table: 'Contacts', 'q.where': 'Age > 30', 'q.select': 'PK_ID,Age', 'q.orderBy': 'Age DESC' },
    });
    expect(reply.status).toBe(200);
    const rows = (await reply.json()) as { PK_ID: number; Age: number }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.Age > 30 && Object.keys(r).sort().join() === 'Age,PK_ID')).toBe(true);
    expect(rows.map((r) => r.Age)).toEqual([...rows.map((r) => r.Age)].sort((a, b) => b - a));
    const all = await call(id, 'list-records', { Parameters: { table: 'Contacts', 'q.pageSize': 10 }, AllPages: true });
    expect(((await all.json()) as unknown[]).length).toBe(caspio.records('demo', 'Contacts').length);
    expect(all.headers.get('x-patchbay-pages')).toBe(String(Math.ceil(caspio.records('demo', 'Contacts').length / 10)));
  });

  it('creates, gets, updates and deletes a record', async () => {
    const created = await call(id, 'create-record', {
      Parameters: { table: 'Contacts' },
      Fields: { First_Name: 'Ada', Last_Name: 'Lovelace', Email: 'ada@example.com', Age: 36 },
    });
    expect(created.status).toBe(201);
    const record = (await created.json()) as { PK_ID: number; First_Name: string };
    expect(record.First_Name).toBe('Ada');
    const where = `PK_ID = ${record.PK_ID}`;
    expect(await (await call(id, 'get-record', { Parameters: { table: 'Contacts', 'q.where': where } })).json()).toMatchObject({
      Email: 'ada@example.com',
    });
    const updated = await call(id, 'update-records', { Parameters: { table: 'Contacts', 'q.where': where }, Fields: { Age: 37 } });
    expect(await updated.json()).toMatchObject({ RecordsAffected: 1 });
    const deleted = await call(id, 'delete-records', { Parameters: { table: 'Contacts', 'q.where': where } });
    expect(await deleted.json()).toMatchObject({ RecordsAffected: 1 });
    expect(caspio.records('demo', 'Contacts').some((r) => r.PK_ID === record.PK_ID)).toBe(false);
  });

  it("maps Caspio's error body into the error reply", async () => {
    const missing = await call(id, 'list-records', { Parameters: { table: 'Nope' } });
    expect(missing.status).toBe(502);
    const body = (await missing.json()) as ErrorBody;
    expect(body.Upstream).toMatchObject({ Status: 404, Body: { Code: 'ObjectNotFound' } });
    expect(body.Message).toContain((body.Upstream as { Body: { Message: string } }).Body.Message);
    const badField = await call(id, 'create-record', { Parameters: { table: 'Contacts' }, Fields: { Nope: 1 } });
    expect(((await badField.json()) as ErrorBody).Upstream).toMatchObject({ Status: 400, Body: { Code: 'IncorrectBodyParameter' } });
  });

  it('gets a new token with the client credentials when the token expires mid-run', async () => {
    expect((await call(id, 'list-tables')).status).toBe(200);
    caspio.expireAccessTokens();
    const before = caspio.tokenRequests('demo');
    expect((await call(id, 'list-tables')).status).toBe(200);
    expect(caspio.tokenRequests('demo') - before).toBe(1);
  });
});

describe('Caspio token lifetime', () => {
  it('asks for a new token with the client credentials before the old one expires', async () => {
    // Tokens that live 30 s are inside the default 60 s margin from the start: every call renews first.
    const caspio = await startCaspioSimulator({ accessTokenTtlSeconds: 30 });
    const patchbay = await startPatchbay(overrides(caspio.overrides()));
    try {
      await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'ttl', Name: 'ttl' } });
      const reply = await patchbay.call('POST', `/v1.0/connectors/${CASPIO}/install`, {
        account: 'ttl',
        body: { Name: 'c', Properties: Object.entries(demo).map(([Name, Value]) => ({ Name, Value })) },
      });
      const installed = (await reply.json()) as { Id: number };
      expect(caspio.tokenRequests('demo')).toBe(1);
      const listed = await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}/methods/list-tables`, { account: 'ttl' });
      expect(listed.status).toBe(200);
      expect(caspio.tokenRequests('demo')).toBe(2);
    } finally {
      await patchbay.close();
      await caspio.close();
    }
  });
});

describe('Caspio credentials', () => {
  it('keeps the subdomain and client in a reusable credential that installs share', async () => {
    const caspio = await startCaspioSimulator();
    const patchbay = await startPatchbay(overrides(caspio.overrides()));
    const call = (method: string, url: string, body?: unknown) => patchbay.call(method, url, { account: 'shared', body });
    try {
      await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'shared', Name: 'shared' } });
      const refused = await call('POST', '/v1.0/account/credentials', {
        Name: 'wrong',
        Connector: 'Caspio',
        Properties: Object.entries({ ...demo, ClientSecret: 'wrong' }).map(([Name, Value]) => ({ Name, Value })),
      });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ Code: 'PB_ERR_AUTHENTICATION_FAILED' });
      const created = await call('POST', '/v1.0/account/credentials', {
        Name: 'Caspio demo',
        Connector: 'Caspio',
        Properties: Object.entries(demo).map(([Name, Value]) => ({ Name, Value })),
      });
      expect(created.status).toBe(200);
      const credential = (await created.json()) as Reply<'createCredential'>;
      expect(credential.Properties.find((p) => p.Name === 'AccountSubdomain')?.Value).toBe('demo');
      expect(credential.Properties.find((p) => p.Name === 'ClientSecret')?.Value).not.toContain('caspio-secret');
      const ids: number[] = [];
      for (const name of ['one', 'two']) {
        const installed = await call('POST', `/v1.0/connectors/${CASPIO}/install`, { Name: name, CredentialId: credential.Id });
        expect(installed.status).toBe(200);
        ids.push(((await installed.json()) as { Id: number }).Id);
      }
      caspio.expireAccessTokens();
      const before = caspio.tokenRequests('demo');
      for (const id of ids) expect((await call('GET', `/v1.0/account/connectors/${id}/methods/list-tables`)).status).toBe(200);
      expect(caspio.tokenRequests('demo') - before).toBe(1);
      const probe = await call('POST', `/v1.0/account/credentials/${credential.Id}/probe`);
      expect(await probe.json()).toMatchObject({ VerifiedStatus: 'Verified' });
    } finally {
      await patchbay.close();
      await caspio.close();
    }
  });
});
