import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CaspioSimulator, startCaspioSimulator } from '../sandbox/caspio.js';

const DEMO = { client_id: 'caspio-client', client_secret: 'caspio-secret' };
const OTHER = { client_id: 'other-client', client_secret: 'other-secret' };
type Query = Record<string, string>;
const ITEMS = Array.from({ length: 1200 }, (_, i) => ({ Title: `Item ${i + 1}` }));
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('Caspio simulator', () => {
  let sim: CaspioSimulator;
  let bearer = '';
  const token = (sub: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${sim.url}/${sub}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields),
    });
  const accessToken = async (sub = 'demo', client = DEMO) =>
    (await (await token(sub, { grant_type: 'client_credentials', ...client })).json()).access_token as string;
  const api = (path: string, init: RequestInit & { sub?: string; auth?: string } = {}) =>
    fetch(`${sim.url}/${init.sub ?? 'demo'}/rest/v2${path}`, {
      ...init,
      headers: { authorization: init.auth ?? `Bearer ${bearer}`, 'content-type': 'application/json', ...init.headers },
    });
  const records = async (table: string, query: Record<string, string> = {}) => {
    const res = await api(`/tables/${table}/records?${new URLSearchParams(query)}`);
    return { status: res.status, body: await res.json() };
  };
  const write = (method: string, path: string, body: unknown) => api(path, { method, body: JSON.stringify(body) });

  beforeAll(async () => {
    sim = await startCaspioSimulator({
      accounts: {
        demo: { clients: [{ clientId: DEMO.client_id, clientSecret: DEMO.client_secret }] },
        other: {
          clients: [{ clientId: OTHER.client_id, clientSecret: OTHER.client_secret }],
          tables: [{ name: 'Items', fields: [{ Name: 'Title', Type: 'STRING' }], records: ITEMS }],
        },
      },
    });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    sim.reset();
    bearer = await accessToken();
  });

  describe('token endpoint', () => {
    it('issues bearer tokens for client credentials in the form body or as HTTP Basic', async () => {
      const viaBody = await token('demo', { grant_type: 'client_credentials', ...DEMO });
      expect(viaBody.status).toBe(200);
      expect(viaBody.headers.get('cache-control')).toBe('no-store');
      expect(await viaBody.json()).toEqual({
        access_token: expect.stringMatching(/^[\w-]{40,}$/),
        token_type: 'bearer',
        expires_in: 86399,
        refresh_token: expect.stringMatching(/^[\w-]{40,}$/),
      });
      const viaBasic = await token(
        'demo',
        { grant_type: 'client_credentials' },
        { authorization: basic(DEMO.client_id, DEMO.client_secret) },
      );
      expect(viaBasic.status).toBe(200);
      expect((await api('/tables', { auth: `Bearer ${(await viaBasic.json()).access_token}` })).status).toBe(200);
      expect(sim.tokenRequests('demo')).toBe(3);
    });

    it('answers a wrong secret 401 invalid_client and other faults with RFC 6749 400 errors', async () => {
      const wrong = await token('demo', { grant_type: 'client_credentials', client_id: DEMO.client_id, client_secret: 'x' });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
      const wrongBasic = await token('demo', { grant_type: 'client_credentials' }, { authorization: basic(DEMO.client_id, 'x') });
      expect(wrongBasic.headers.get('www-authenticate')).toContain('Basic');
      const grant = await token('demo', { grant_type: 'password', ...DEMO });
      expect([grant.status, (await grant.json()).error]).toEqual([400, 'unsupported_grant_type']);
      const missing = await token('demo', { ...DEMO });
      expect([missing.status, (await missing.json()).error]).toEqual([400, 'invalid_request']);
      const json = await fetch(`${sim.url}/demo/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect([json.status, (await json.json()).error]).toEqual([400, 'invalid_request']);
    });

    it('keeps clients and tokens to their own subdomain', async () => {
      const crossClient = await token('other', { grant_type: 'client_credentials', ...DEMO });
      expect(crossClient.status).toBe(401);
      const res = await api('/tables', { sub: 'other' });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ Code: 'InvalidToken' });
      expect((await api('/tables', { sub: 'other', auth: `Bearer ${await accessToken('other', OTHER)}` })).status).toBe(200);
      expect([sim.tokenRequests('demo'), sim.tokenRequests('other')]).toEqual([1, 2]);
    });

    it('refreshes with the refresh grant, keeping the refresh token, and refuses unknown ones', async () => {
      const first = await (await token('demo', { grant_type: 'client_credentials', ...DEMO })).json();
      const refreshed = await token('demo', { grant_type: 'refresh_token', refresh_token: first.refresh_token, ...DEMO });
      expect(refreshed.status).toBe(200);
      const body = await refreshed.json();
      expect(body.refresh_token).toBe(first.refresh_token);
      expect(body.access_token).not.toBe(first.access_token);
      const bad = await token('demo', { grant_type: 'refresh_token', refresh_token: 'nope', ...DEMO });
      expect([bad.status, (await bad.json()).error]).toEqual([400, 'invalid_grant']);
      const elsewhere = await token('other', { grant_type: 'refresh_token', refresh_token: first.refresh_token, ...OTHER });
      expect(elsewhere.status).toBe(400);
    });

    it('answers 401 InvalidToken for a missing or expired token, until a new one is fetched', async () => {
      const missing = await api('/tables', { auth: '' });
      expect(missing.status).toBe(401);
      expect(missing.headers.get('www-authenticate')).toBe('Bearer');
      sim.expireAccessTokens();
      const expired = await api('/tables');
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
      expect(await expired.json()).toMatchObject({ Code: 'InvalidToken', Message: expect.any(String) });
      bearer = await accessToken();
      expect((await api('/tables')).status).toBe(200);
    });

    it('delays token answers when asked', async () => {
      sim.setTokenDelay(60);
      const started = Date.now();
      await accessToken();
      expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    });
  });

  describe('tables and fields', () => {
    it('lists tables and describes fields with PK_ID first', async () => {
      expect(await (await api('/tables')).json()).toEqual({ Result: ['Contacts', 'Orders'] });
      const { Result: fields } = await (await api('/tables/Contacts/fields')).json();
      expect(fields.map((f: { Name: string }) => f.Name)).toEqual([
        'PK_ID',
        'First_Name',
        'Last_Name',
        'Email',
        'Age',
        'Active',
        'Created',
      ]);
      expect(fields[0]).toMatchObject({ Type: 'AUTONUMBER', Unique: true, DisplayOrder: 1 });
      const email = {
        Name: 'Email',
        Type: 'STRING',
        Unique: true,
        UniqueAllowed: true,
        Label: 'Email',
        Description: 'Primary email address',
      };
      expect(fields[3]).toEqual({ ...email, DisplayOrder: 4, OnInsert: false, OnUpdate: false, IsFormula: false });
      expect(fields[6]).toMatchObject({ Type: 'TIMESTAMP', UniqueAllowed: false, OnInsert: true, TimeZone: 'UTC' });
      expect((await (await api('/tables/orders/fields/notes')).json()).Result).toMatchObject({ Name: 'Notes', Type: 'TEXT' });
    });

    it('answers an unknown table 404 ObjectNotFound with the request id in header and body', async () => {
      const res = await api('/tables/Nope/records');
      expect(res.status).toBe(404);
      const id = res.headers.get('x-caspio-request-id');
      expect(id).toMatch(/^[\w-]{8,}$/);
      expect(await res.json()).toEqual({
        Code: 'ObjectNotFound',
        Message: "Cannot perform operation because the following object does not exist: Table: 'Nope'",
        Resource: '/rest/v2/tables/Nope/records',
        RequestId: id,
      });
      const again = await api('/tables');
      expect(again.headers.get('x-caspio-request-id')).not.toBe(id);
    });

    it('answers an unknown subdomain 404 ObjectNotFound', async () => {
      const res = await fetch(`${sim.url}/nobody/rest/v2/tables`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ Code: 'ObjectNotFound' });
      expect((await fetch(`${sim.url}/nobody/oauth/token`, { method: 'POST' })).status).toBe(404);
      expect(sim.overrides()).toEqual({ 'https://demo.caspio.com': `${sim.url}/demo`, 'https://other.caspio.com': `${sim.url}/other` });
    });
  });

  describe('reading records', () => {
    it('returns typed records in PK_ID order, and q.select narrows the fields', async () => {
      const all = await records('Contacts');
      expect(all.body.Result).toHaveLength(25);
      const ada = { PK_ID: 1, First_Name: 'Ada', Last_Name: 'Lovelace', Email: 'ada.lovelace@example.com' };
      expect(all.body.Result[0]).toEqual({ ...ada, Age: 21, Active: true, Created: '2024-01-01T00:00:00' });
      const some = await records('Contacts', { 'q.select': 'PK_ID, [Email]', 'q.limit': '2' });
      expect(some.body.Result).toEqual([
        { PK_ID: 1, Email: 'ada.lovelace@example.com' },
        { PK_ID: 2, Email: 'alan.lovelace@example.com' },
      ]);
      const bad = await records('Contacts', { 'q.select': 'Nope' });
      expect([bad.status, bad.body.Code]).toEqual([400, 'IncorrectQueryParameter']);
    });

    it.each([
      ["Last_Name = 'turing' AND Age >= 40", [7, 8]],
      ["First_Name LIKE 'Gr%' AND (Age < 30 OR Active = 0)", [8, 13]],
      ["Email LIKE '%hopper%' AND NOT Active = 'true'", [12]],
      ['PK_ID <> 1 AND PK_ID != 2 AND PK_ID <= 3', [3]],
      ["Created > '2024-01-01T22:00:00'", [24, 25]],
    ])('filters with q.where %s', async (where, ids) => {
      const { body } = await records('Contacts', { 'q.where': where, 'q.select': 'PK_ID' });
      expect(body.Result.map((r: { PK_ID: number }) => r.PK_ID)).toEqual(ids);
    });

    it('treats NULL as unknown and matches it only with IS NULL', async () => {
      const nulls = await records('Orders', { 'q.where': 'Notes IS NULL', 'q.select': 'PK_ID' });
      expect(nulls.body.Result).toEqual([{ PK_ID: 2 }, { PK_ID: 5 }]);
      const notNull = await records('Orders', { 'q.where': "Notes IS NOT NULL AND Notes <> 'x'" });
      expect(notNull.body.Result).toHaveLength(3);
      expect((await records('Orders', { 'q.where': "Notes <> 'x'" })).body.Result).toHaveLength(3);
    });

    it.each(["Age = 'old'", 'Age >', 'Age = 1 AND', '(Age = 1', 'Nope = 1', 'Age BETWEEN 1 AND 2', "Placed = 'soon'", "Email = 'x' ;"])(
      'refuses the unparseable q.where %s with IncorrectQueryParameter',
      async (where) => {
        const { status, body } = await records('Contacts', { 'q.where': where });
        expect([status, body.Code]).toEqual([400, 'IncorrectQueryParameter']);
      },
    );

    it('orders by several fields, with NULL lowest, and ignores a valid q.groupBy', async () => {
      const { body } = await records('Contacts', { 'q.orderBy': 'Age DESC, PK_ID', 'q.select': 'Age', 'q.limit': '3', 'q.groupBy': 'Age' });
      expect(body.Result).toEqual([{ Age: 70 }, { Age: 68 }, { Age: 66 }]);
      const notes = await records('Orders', { 'q.orderBy': 'Notes ASC', 'q.select': 'PK_ID' });
      expect(notes.body.Result.map((r: { PK_ID: number }) => r.PK_ID)).toEqual([2, 5, 4, 1, 3]);
      for (const query of [{ 'q.orderBy': 'Nope' }, { 'q.orderBy': 'Age SIDEWAYS' }, { 'q.groupBy': 'Nope' }] as Query[]) {
        expect((await records('Contacts', query)).status).toBe(400);
      }
    });

    it('pages with q.pageNumber and q.pageSize, and caps q.limit and q.pageSize at 1000', async () => {
      const other = `Bearer ${await accessToken('other', OTHER)}`;
      const fetchItems = async (query: Record<string, string>) =>
        (await api(`/tables/Items/records?${new URLSearchParams(query)}`, { sub: 'other', auth: other })).json();
      expect((await fetchItems({})).Result).toHaveLength(100);
      expect((await fetchItems({ 'q.limit': '1000' })).Result).toHaveLength(1000);
      const second = (await fetchItems({ 'q.pageNumber': '2', 'q.pageSize': '1000', 'q.limit': '5' })).Result;
      expect(second).toHaveLength(200);
      expect(second[0]).toEqual({ PK_ID: 1001, Title: 'Item 1001' });
      expect((await fetchItems({ 'q.pageNumber': '3', 'q.pageSize': '10' })).Result[0].PK_ID).toBe(21);
      for (const query of [{ 'q.limit': '1001' }, { 'q.pageSize': '1001' }, { 'q.pageNumber': '0' }, { 'q.limit': 'ten' }] as Query[]) {
        const res = await fetchItems(query);
        expect(res.Code).toBe('IncorrectQueryParameter');
      }
    });
  });

  describe('writing records', () => {
    it('creates a record: 201, empty body, Location of the new record, generated fields filled', async () => {
      const hedy = { First_Name: 'Hedy', Email: 'hedy@example.com', Age: 40, Active: true };
      const res = await write('POST', '/tables/Contacts/records', hedy);
      expect(res.status).toBe(201);
      expect(await res.text()).toBe('');
      const location = res.headers.get('location') as string;
      expect(location).toBe(`${sim.url}/demo/rest/v2/tables/Contacts/records?q.where=PK_ID%3D26`);
      const created = await (await fetch(location, { headers: { authorization: `Bearer ${bearer}` } })).json();
      const stamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      expect(created.Result).toEqual([{ PK_ID: 26, ...hedy, Last_Name: null, Created: stamp }]);
      const rows = await write('POST', '/tables/Orders/records?response=rows', {
        Contact_ID: 26,
        Amount: 9.5,
        Placed: '2024-03-01T12:00:00+02:00',
      });
      expect(rows.status).toBe(201);
      expect((await rows.json()).Result).toEqual([{ PK_ID: 6, Contact_ID: 26, Amount: 9.5, Placed: '2024-03-01T10:00:00', Notes: null }]);
      expect(sim.records('demo', 'Contacts')).toHaveLength(26);
    });

    it.each<[Record<string, unknown>, string]>([
      [{ Nope: 1 }, 'unknown field'],
      [{ Age: '40' }, 'a string in an INTEGER'],
      [{ Age: 1.5 }, 'a fraction in an INTEGER'],
      [{ Active: 'yes' }, 'a string in a YES/NO'],
      [{ First_Name: 'x'.repeat(256) }, 'over 255 characters in a STRING'],
      [{ PK_ID: 99 }, 'PK_ID'],
      [{ Created: '2024-01-01T00:00:00' }, 'a TIMESTAMP'],
      [{ Email: 'ADA.lovelace@example.com' }, 'a duplicate unique value (ignoring case)'],
    ])('refuses a POST with %j (%s) as 400 IncorrectBodyParameter', async (body) => {
      const res = await write('POST', '/tables/Contacts/records', body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ Code: 'IncorrectBodyParameter', RequestId: res.headers.get('x-caspio-request-id') });
      expect(sim.records('demo', 'Contacts')).toHaveLength(25);
    });

    it('refuses an invalid date in a DATE/TIME field', async () => {
      const res = await write('POST', '/tables/Orders/records', { Placed: '2024-02-30' });
      expect([res.status, (await res.json()).Code]).toEqual([400, 'IncorrectBodyParameter']);
    });

    it('updates the records q.where matches and reports RecordsAffected', async () => {
      const res = await write('PUT', `/tables/Contacts/records?${new URLSearchParams({ 'q.where': "Last_Name='Turing'" })}`, {
        Active: false,
      });
      expect([res.status, await res.json()]).toEqual([200, { RecordsAffected: 5 }]);
      expect(sim.records('demo', 'Contacts').filter((r) => r.Last_Name === 'Turing' && r.Active === false)).toHaveLength(5);
      const rows = await write('PUT', '/tables/Contacts/records?q.where=PK_ID%3D1&response=rows', { Age: 37, First_Name: null });
      expect(await rows.json()).toEqual({ RecordsAffected: 1, Result: [expect.objectContaining({ PK_ID: 1, Age: 37, First_Name: null })] });
      const none = await write('PUT', '/tables/Contacts/records?q.where=PK_ID%3D999', { Age: 1 });
      expect(await none.json()).toEqual({ RecordsAffected: 0 });
    });

    it('refuses a PUT without q.where, with an empty body, or one giving several records one unique value', async () => {
      const noWhere = await write('PUT', '/tables/Contacts/records', { Age: 1 });
      expect([noWhere.status, (await noWhere.json()).Code]).toEqual([400, 'IncorrectQueryParameter']);
      const empty = await write('PUT', '/tables/Contacts/records?q.where=PK_ID%3D1', {});
      expect([empty.status, (await empty.json()).Code]).toEqual([400, 'IncorrectBodyParameter']);
      const spread = await write('PUT', '/tables/Contacts/records?q.where=PK_ID%3C3', { Email: 'same@example.com' });
      expect(spread.status).toBe(400);
      const taken = await write('PUT', '/tables/Contacts/records?q.where=PK_ID%3D1', { Email: 'alan.lovelace@example.com' });
      expect(taken.status).toBe(400);
      expect(sim.records('demo', 'Contacts')[0]?.Email).toBe('ada.lovelace@example.com');
    });

    it('deletes the records q.where matches and needs q.where', async () => {
      const res = await api(`/tables/Contacts/records?${new URLSearchParams({ 'q.where': 'Age > 60' })}`, { method: 'DELETE' });
      expect([res.status, await res.json()]).toEqual([200, { RecordsAffected: 5 }]);
      expect(sim.records('demo', 'Contacts')).toHaveLength(20);
      expect((await api('/tables/Contacts/records', { method: 'DELETE' })).status).toBe(400);
      sim.reset();
      expect(sim.records('demo', 'Contacts')).toHaveLength(25);
    });
  });

  it('answers the next n REST requests with the scripted status and a Caspio error body', async () => {
    sim.failNext(2, 503);
    for (let i = 0; i < 2; i++) {
      const res = await api('/tables');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        Code: 'ServiceUnavailable',
        Message: expect.any(String),
        Resource: '/rest/v2/tables',
        RequestId: res.headers.get('x-caspio-request-id'),
      });
    }
    expect((await token('demo', { grant_type: 'client_credentials', ...DEMO })).status).toBe(200);
    expect((await api('/tables')).status).toBe(200);
  });
});
