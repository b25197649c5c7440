// One test per Caspio fact in the providers reference, each named after it: through Patchbay's method
// calls, AllPages and raw proxy against the Caspio simulator, or against the simulator itself for facts
// about the provider alone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorReply, Reply } from '../console/src/types.js';
import { type CaspioSimulator, startCaspioSimulator } from '../sandbox/caspio.js';
import { overrides, type Patchbay, startPatchbay } from './support/harness.js';

const CASPIO = 5;
const ACCOUNT = 'caspio-facts';
const ITEMS = Array.from({ length: 1200 }, (_, i) => ({ Title: `Item ${i + 1}` }));
const credentials = (sub: string, clientId: string, clientSecret: string) => ({
  AccountSubdomain: sub,
  ClientId: clientId,
  ClientSecret: clientSecret,
});

type Row = Record<string, unknown>;
type Upstream = { Status: number; Body: Record<string, unknown> };

describe('Caspio (REST API v2) facts', () => {
  let caspio: CaspioSimulator;
  let patchbay: Patchbay;
  let demo: number;
  let other: number;

  const install = async (properties: Record<string, string>): Promise<number> => {
    const reply = await patchbay.call('POST', `/v1.0/connectors/${CASPIO}/install`, {
      account: ACCOUNT,
      body: { Name: properties.AccountSubdomain, Properties: Object.entries(properties).map(([Name, Value]) => ({ Name, Value })) },
    });
    expect(reply.status).toBe(200);
    return ((await reply.json()) as Reply<'installConnector'>).Id;
  };
  const call = (method: string, body: unknown = {}, id = demo) =>
    patchbay.call('POST', `/v1.0/account/connectors/${id}/methods/${method}`, { account: ACCOUNT, body });
  const rows = async (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const reply = await call('list-records', { Parameters: { table: 'Contacts', ...parameters }, ...extra });
    expect(reply.status).toBe(200);
    return { reply, rows: (await reply.json()) as Row[] };
  };
  const proxy = (path: string, init: { method?: string; body?: unknown } = {}) =>
    patchbay.call(init.method ?? 'GET', `/v1.0/account/connectors/${demo}/proxy${path}`, { account: ACCOUNT, body: init.body });
  const upstream = async (reply: Response): Promise<Upstream> => {
    expect(reply.status).toBe(502);
    return ((await reply.json()) as ErrorReply).Upstream as Upstream;
  };
  const token = (sub: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${caspio.url}/${sub}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
  const contacts = () => caspio.records('demo', 'Contacts');

  beforeAll(async () => {
    caspio = await startCaspioSimulator({
      accounts: {
        demo: { clients: [{ clientId: 'caspio-client', clientSecret: 'caspio-secret' }] },
        other: {
          clients: [{ clientId: 'other-client', clientSecret: 'other-secret' }],
          tables: [{ name: 'Items', fields: [{ Name: 'Title', Type: 'STRING' }], records: ITEMS }],
        },
      },
    });
    patchbay = await startPatchbay(overrides(caspio.overrides()));
    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: ACCOUNT, Name: ACCOUNT } });
    demo = await install(credentials('demo', 'caspio-client', 'caspio-secret'));
    other = await install(credentials('other', 'other-client', 'other-secret'));
  });
  afterAll(async () => {
    await patchbay.close();
    await caspio.close();
  });
  beforeEach(() => caspio.reset());

  it("Caspio: everything lives on the account's subdomain https://{AccountSubdomain}.caspio.com", async () => {
    expect(await (await call('list-tables', {}, demo)).json()).toEqual(['Contacts', 'Orders']);
    expect(await (await call('list-tables', {}, other)).json()).toEqual(['Items']);
    expect(caspio.tokenRequests('demo')).toBe(1);
    expect(caspio.tokenRequests('other')).toBe(1);
  });

  it('Caspio: client credentials at POST /oauth/token, client id and secret in the form body or as HTTP Basic with grant_type', async () => {
    // Patchbay sends them in the body (ClientAuth: body): the token it got at install works.
    caspio.expireAccessTokens();
    expect((await call('list-tables')).status).toBe(200);
    expect(caspio.tokenRequests('demo')).toBe(1);
    const basic = `Basic ${Buffer.from('caspio-client:caspio-secret').toString('base64')}`;
    expect((await token('demo', { grant_type: 'client_credentials' }, { authorization: basic })).status).toBe(200);
    expect((await token('demo', { grant_type: 'client_credentials', client_id: 'caspio-client', client_secret: 'x' })).status).toBe(401);
  });

  it('Caspio: the token response is access_token, token_type bearer, expires_in 86399 and refresh_token', async () => {
    const reply = await token('demo', { grant_type: 'client_credentials', client_id: 'caspio-client', client_secret: 'caspio-secret' });
    const body = (await reply.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 86399 });
    const refreshed = await token('demo', {
      grant_type: 'refresh_token',
      refresh_token: body.refresh_token as string,
      client_id: 'caspio-client',
      client_secret: 'caspio-secret',
    });
    expect(await refreshed.json()).toMatchObject({ token_type: 'bearer', expires_in: 86399, access_token: expect.any(String) });
  });

  it('Caspio: an expired token answers 401, and Patchbay gets a new one with the client credentials', async () => {
    const issued = (await (
      await token('demo', { grant_type: 'client_credentials', client_id: 'caspio-client', client_secret: 'caspio-secret' })
    ).json()) as { access_token: string };
    caspio.expireAccessTokens();
    const expired = await fetch(`${caspio.url}/demo/rest/v2/tables`, { headers: { authorization: `Bearer ${issued.access_token}` } });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ Code: 'InvalidToken' });
    const before = caspio.tokenRequests('demo');
    expect((await proxy('/tables')).status).toBe(200);
    expect(caspio.tokenRequests('demo') - before).toBe(1);
  });

  it('Caspio: the API base /rest/v2 has GET /tables, GET /tables/{name}/fields and GET|POST|PUT|DELETE /tables/{name}/records', async () => {
    expect(await (await call('list-tables')).json()).toEqual(['Contacts', 'Orders']);
    const fields = (await (await call('list-table-fields', { Parameters: { table: 'Orders' } })).json()) as { Name: string }[];
    expect(fields.map((f) => f.Name)).toEqual(['PK_ID', 'Contact_ID', 'Amount', 'Placed', 'Notes']);
    expect((await rows({})).rows).toHaveLength(contacts().length);
    const created = await call('create-record', { Parameters: { table: 'Orders' }, Fields: { Contact_ID: 2, Amount: 5 } });
    const { PK_ID } = (await created.json()) as { PK_ID: number };
    const where = `PK_ID = ${PK_ID}`;
    await call('update-records', { Parameters: { table: 'Orders', 'q.where': where }, Fields: { Amount: 6 } });
    expect(caspio.records('demo', 'Orders').find((r) => r.PK_ID === PK_ID)?.Amount).toBe(6);
    await call('delete-records', { Parameters: { table: 'Orders', 'q.where': where } });
    expect(caspio.records('demo', 'Orders').some((r) => r.PK_ID === PK_ID)).toBe(false);
  });

  it('Caspio: responses are wrapped in {"Result": ...}, which method calls unwrap', async () => {
    expect(await (await proxy('/tables')).json()).toEqual({ Result: ['Contacts', 'Orders'] });
    const wrapped = (await (await proxy('/tables/Contacts/records?q.limit=2')).json()) as { Result: Row[] };
    expect(wrapped.Result.map((r) => r.PK_ID)).toEqual([1, 2]);
    expect((await rows({ 'q.limit': 2 })).rows).toEqual(wrapped.Result);
  });

  it('Caspio: POST answers 201 with a Location header', async () => {
    // A streamed POST is not sent twice, so the token the reset forgot is renewed by a GET first.
    expect((await proxy('/tables')).status).toBe(200);
    const raw = await proxy('/tables/Contacts/records', { method: 'POST', body: { First_Name: 'Ada', Email: 'ada.l@example.com' } });
    expect(raw.status).toBe(201);
    const location = new URL(raw.headers.get('location') as string);
    expect(location.pathname).toBe('/demo/rest/v2/tables/Contacts/records');
    expect(location.searchParams.get('q.where')).toBe(`PK_ID=${contacts().at(-1)?.PK_ID}`);
    const created = await call('create-record', { Parameters: { table: 'Contacts' }, Fields: { First_Name: 'Grace' } });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ First_Name: 'Grace', PK_ID: contacts().at(-1)?.PK_ID });
  });

  it('Caspio: PUT and DELETE take q.where and report the number of affected records', async () => {
    const inactive = contacts().filter((r) => r.Active === false).length;
    expect(inactive).toBeGreaterThan(1);
    const updated = await call('update-records', { Parameters: { table: 'Contacts', 'q.where': 'Active = 0' }, Fields: { Age: 99 } });
    expect(await updated.json()).toEqual({ RecordsAffected: inactive });
    const deleted = await call('delete-records', { Parameters: { table: 'Contacts', 'q.where': 'Age = 99' } });
    expect(await deleted.json()).toEqual({ RecordsAffected: inactive });
    const unfiltered = await call('delete-records', { Parameters: { table: 'Contacts' } });
    expect(unfiltered.status).toBe(400);
    expect(((await unfiltered.json()) as ErrorReply).Message).toContain('q.where');
    expect(contacts().some((r) => r.Active === false)).toBe(false);
  });

  it('Caspio: q.select, q.where, q.groupBy and q.orderBy shape the records', async () => {
    const { rows: found } = await rows({ 'q.select': 'PK_ID,Age', 'q.where': 'Age > 40', 'q.groupBy': 'Age', 'q.orderBy': 'Age DESC' });
    const expected = contacts()
      .filter((r) => (r.Age as number) > 40)
      .map((r) => r.Age as number)
      .sort((a, b) => b - a);
    expect(found.map((r) => r.Age)).toEqual(expected);
    expect(found.every((r) => Object.keys(r).join() === 'PK_ID,Age')).toBe(true);
    const unknown = await call('list-records', { Parameters: { table: 'Contacts', 'q.groupBy': 'Nope' } });
    expect((await upstream(unknown)).Body.Code).toBe('IncorrectQueryParameter');
  });

  it('Caspio: q.limit is honoured through Patchbay, one page only, and refused beside q.pageNumber or q.pageSize', async () => {
    expect(contacts().length).toBeGreaterThan(3);
    const one = await rows({ 'q.limit': 1 });
    expect(one.rows.map((r) => r.PK_ID)).toEqual([1]);
    expect(one.reply.headers.has('x-patchbay-next-parameters')).toBe(false);
    const all = await rows({ 'q.limit': 3 }, { AllPages: true });
    expect(all.rows.map((r) => r.PK_ID)).toEqual([1, 2, 3]);
    expect(all.reply.headers.get('x-patchbay-pages')).toBe('1');
    for (const paging of [{ 'q.pageSize': 10 }, { 'q.pageNumber': 2 }]) {
      const both = await call('list-records', { Parameters: { table: 'Contacts', 'q.limit': 1, ...paging } });
      expect(both.status).toBe(400);
      expect(await both.json()).toMatchObject({ Code: 'PB_ERR_BAD_REQUEST', Message: expect.stringContaining('q.limit') });
    }
  });

  it('Caspio: q.limit is ignored when q.pageNumber or q.pageSize is present', async () => {
    const paged = (await (await proxy('/tables/Contacts/records?q.limit=1&q.pageSize=5')).json()) as { Result: Row[] };
    expect(paged.Result).toHaveLength(5);
    const numbered = (await (await proxy('/tables/Contacts/records?q.limit=1&q.pageNumber=1')).json()) as { Result: Row[] };
    expect(numbered.Result.length).toBeGreaterThan(1);
    const limited = (await (await proxy('/tables/Contacts/records?q.limit=1')).json()) as { Result: Row[] };
    expect(limited.Result).toHaveLength(1);
  });

  it('Caspio: q.pageNumber and q.pageSize page through the records, and AllPages reads them to the end', async () => {
    const second = await rows({ 'q.pageNumber': 2, 'q.pageSize': 10 });
    expect(second.rows.map((r) => r.PK_ID)).toEqual(
      contacts()
        .slice(10, 20)
        .map((r) => r.PK_ID),
    );
    expect(JSON.parse(second.reply.headers.get('x-patchbay-next-parameters') as string)).toEqual({ 'q.pageNumber': 3 });
    const all = await rows({ 'q.pageSize': 10 }, { AllPages: true });
    expect(all.rows.map((r) => r.PK_ID)).toEqual(contacts().map((r) => r.PK_ID));
    expect(all.reply.headers.get('x-patchbay-pages')).toBe(String(Math.ceil(contacts().length / 10)));
    // With the default page size of 1000 a short first page is the last: no empty page is read after it.
    const defaults = await rows({}, { AllPages: true });
    expect(defaults.rows).toHaveLength(contacts().length);
    expect(defaults.reply.headers.get('x-patchbay-pages')).toBe('1');
  });

  it('Caspio: at most 1,000 records per call', async () => {
    const items = (parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      call('list-records', { Parameters: { table: 'Items', ...parameters }, ...extra }, other);
    expect((await (await items({})).json()) as Row[]).toHaveLength(1000);
    const all = await items({}, { AllPages: true });
    expect((await all.json()) as Row[]).toHaveLength(ITEMS.length);
    expect(all.headers.get('x-patchbay-pages')).toBe('2');
    for (const parameter of ['q.limit', 'q.pageSize']) {
      const over = await items({ [parameter]: 1001 });
      expect((await upstream(over)).Body).toMatchObject({ Code: 'IncorrectQueryParameter', Message: expect.stringContaining('1000') });
    }
  });

  it('Caspio: every table has an automatic PK_ID', async () => {
    for (const table of ['Contacts', 'Orders']) {
      const fields = (await (await call('list-table-fields', { Parameters: { table } })).json()) as { Name: string; Type: string }[];
      expect(fields[0]).toMatchObject({ Name: 'PK_ID', Type: 'AUTONUMBER' });
    }
    const created = (await (await call('create-record', { Parameters: { table: 'Orders' }, Fields: { Amount: 1 } })).json()) as Row;
    expect(created.PK_ID).toBe(Math.max(...caspio.records('demo', 'Orders').map((r) => r.PK_ID as number)));
    const written = await call('create-record', { Parameters: { table: 'Orders' }, Fields: { PK_ID: 500, Amount: 1 } });
    expect((await upstream(written)).Body.Code).toBe('IncorrectBodyParameter');
  });

  it('Caspio: errors are {"Code", "Message", "Resource", "RequestId"} with the same id in X-Caspio-Request-ID', async () => {
    const raw = await proxy('/tables/Nope/records');
    expect(raw.status).toBe(404);
    const body = (await raw.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['Code', 'Message', 'RequestId', 'Resource']);
    expect(body.Resource).toBe('/rest/v2/tables/Nope/records');
    expect(raw.headers.get('x-caspio-request-id')).toBe(body.RequestId);
    const viaMethod = await upstream(await call('list-records', { Parameters: { table: 'Nope' } }));
    expect(Object.keys(viaMethod.Body).sort()).toEqual(['Code', 'Message', 'RequestId', 'Resource']);
  });

  it('Caspio: 400 codes IncorrectBodyParameter and IncorrectQueryParameter', async () => {
    const body = await call('create-record', { Parameters: { table: 'Contacts' }, Fields: { Age: 'old' } });
    expect(await upstream(body)).toMatchObject({ Status: 400, Body: { Code: 'IncorrectBodyParameter' } });
    const query = await call('list-records', { Parameters: { table: 'Contacts', 'q.where': 'Age >>> 3' } });
    expect(await upstream(query)).toMatchObject({ Status: 400, Body: { Code: 'IncorrectQueryParameter' } });
  });

  it('Caspio: 404 ObjectNotFound', async () => {
    const table = await call('list-table-fields', { Parameters: { table: 'Nope' } });
    expect(await upstream(table)).toMatchObject({
      Status: 404,
      Body: { Code: 'ObjectNotFound', Message: expect.stringContaining('Nope') },
    });
  });

  it('Caspio: tables are custom object categories, the Tables category copied per table', async () => {
    const base = `/v1.0/account/connectors/${demo}/categories`;
    const objects = await patchbay.call('GET', `${base}/tables/objects`, { account: ACCOUNT });
    expect(await objects.json()).toEqual([{ Name: 'Contacts' }, { Name: 'Orders' }]);
    const copied = await patchbay.call('POST', `${base}/tables/custom`, { account: ACCOUNT, body: { ObjectName: 'Orders' } });
    expect(copied.status).toBe(200);
    const custom = (await copied.json()) as Reply<'getCustomCategory'>;
    expect(custom.Fields.map((f) => f.Name)).toEqual(['PK_ID', 'Contact_ID', 'Amount', 'Placed', 'Notes']);
    // The copy is bound to its table and keeps the method's paging rules (q.limit one page only).
    const listed = await call(`list-records@${custom.Id}`, { Parameters: { 'q.limit': 2 } });
    expect(((await listed.json()) as Row[]).map((r) => r.PK_ID)).toEqual([1, 2]);
  });
});
