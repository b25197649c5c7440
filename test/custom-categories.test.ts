import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply, Reply } from '../console/src/types.js';
import { type CaspioSimulator, startCaspioSimulator } from '../sandbox/caspio.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';

const CASPIO = 5;
const ACCOUNT = 'tables';

type CustomBody = Reply<'getCustomCategory'>;

describe('custom object categories (Caspio tables)', () => {
  let caspio: CaspioSimulator;
  let patchbay: Patchbay;
  let id: number;
  let custom: CustomBody;

  const call = (method: string, url: string, body?: unknown, account = ACCOUNT) => patchbay.call(method, url, { account, body });
  const json = async <T>(reply: Response | Promise<Response>) => (await (await reply).json()) as T;
  const base = () => `/v1.0/account/connectors/${id}/categories`;
  const run = (method: string, body: unknown = {}) => call('POST', `/v1.0/account/connectors/${id}/methods/${method}`, body);

  beforeAll(async () => {
    caspio = await startCaspioSimulator();
    patchbay = await startPatchbay(overrides(caspio.overrides()));
    await setupConnector(patchbay, CASPIO, { AccountSubdomain: 'demo', ClientId: 'caspio-client', ClientSecret: 'caspio-secret' });
    id = await installInto(patchbay, ACCOUNT, CASPIO);
  });
  afterAll(async () => {
    await patchbay.close();
    await caspio.close();
  });

  it('lists the categories, flags the customisable one, and lists the objects it can be copied for', async () => {
    const categories = await json<{ Id: string; IsCustomisable: boolean; CustomCategories: unknown[]; Methods: { Id: string }[] }[]>(
      call('GET', base()),
    );
    expect(categories).toHaveLength(1);
    expect(categories[0]).toMatchObject({ Id: 'tables', IsCustomisable: true, CustomCategories: [] });
    expect(categories[0]?.Methods.map((m) => m.Id)).toContain('list-records');
    expect(await json(call('GET', `${base()}/tables/objects`))).toEqual([{ Name: 'Contacts' }, { Name: 'Orders' }]);
  });

  it("copies the category for a table, with the table's fields and methods bound to it", async () => {
    const reply = await call('POST', `${base()}/tables/custom`, { ObjectName: 'Contacts' });
    expect(reply.status).toBe(200);
    custom = (await reply.json()) as CustomBody;
    expect(custom).toMatchObject({ Name: 'Tables: Contacts', ObjectName: 'Contacts', IsCustom: true });
    const field = (name: string) => custom.Fields.find((f) => f.Name === name);
    expect(field('PK_ID')).toMatchObject({ DataType: 'integer', ProviderType: 'AUTONUMBER', ReadOnly: true });
    expect(field('Age')).toMatchObject({ DataType: 'integer', ReadOnly: false, Optional: true });
    expect(field('Active')?.DataType).toBe('boolean');
    expect(field('Created')?.ReadOnly).toBe(true);
    expect(custom.Methods.map((m) => m.Id).sort()).toEqual(
      ['create-record', 'delete-records', 'get-record', 'list-records', 'list-table-fields', 'update-records']
        .map((m) => `${m}@${custom.Id}`)
        .sort(),
    );
    const categories = await json<{ CustomCategories: { Id: number }[] }[]>(call('GET', base()));
    expect(categories[0]?.CustomCategories.map((c) => c.Id)).toEqual([custom.Id]);

    // The install's method list has the copies beside the connector's own, with the table's fields.
    type Listed = { Id: string; Parameters: { Name: string }[]; Fields: { Name: string; IsReadOnly: boolean }[] };
    const methods = await json<Listed[]>(call('GET', `/v1.0/account/connectors/${id}/methods`));
    expect(methods.map((m) => m.Id)).toEqual(expect.arrayContaining(['list-records', `create-record@${custom.Id}`]));
    const create = methods.find((m) => m.Id === `create-record@${custom.Id}`);
    expect(create?.Fields.find((f) => f.Name === 'PK_ID')?.IsReadOnly).toBe(true);
    expect(create?.Fields.map((f) => f.Name)).toContain('First_Name');
    expect(methods.find((m) => m.Id === 'list-records')?.Fields).toEqual([]);
    // The copy is bound to its table: the table is no parameter of its methods.
    expect(methods.find((m) => m.Id === `list-records@${custom.Id}`)?.Parameters.map((p) => p.Name)).not.toContain('table');
  });

  it("calls a custom category's method like any method, by id or by GUID, on its table only", async () => {
    const byId = await run(`list-records@${custom.Id}`);
    expect(byId.status).toBe(200);
    expect(((await byId.json()) as unknown[]).length).toBe(Math.min(1000, caspio.records('demo', 'Contacts').length));
    const guid = custom.Methods.find((m) => m.Id.startsWith('get-record@'))?.MethodUniqueIdentifier as string;
    const one = await run(guid, { Parameters: { 'q.where': 'PK_ID = 1' } });
    expect(await one.json()).toMatchObject({ PK_ID: 1 });
    const elsewhere = await run(`list-records@${custom.Id}`, { Parameters: { table: 'Orders' } });
    expect(elsewhere.status).toBe(400);
    expect(((await elsewhere.json()) as ErrorReply).Message).toContain('Parameters.table');
  });

  it("validates Fields against the table's fields before calling Caspio", async () => {
    const create = `create-record@${custom.Id}`;
    const unknown = await run(create, { Fields: { Nope: 1 } });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorReply).Message).toContain('Fields.Nope');
    const readOnly = await run(create, { Fields: { PK_ID: 5 } });
    expect(((await readOnly.json()) as ErrorReply).Message).toContain('read-only');
    const wrongType = await run(create, { Fields: { Age: 'old' } });
    expect(((await wrongType.json()) as ErrorReply).Message).toContain('Fields.Age must be an integer');
    const rows = caspio.records('demo', 'Contacts').length;
    const created = await run(create, {
      Fields: { First_Name: 'Grace', Last_Name: 'Hopper', Email: 'grace@example.com', Age: '85', Active: true },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ First_Name: 'Grace', Age: 85 });
    expect(caspio.records('demo', 'Contacts').length).toBe(rows + 1);
  });

  it('refuses a second copy for the same table, an unknown table, and categories that cannot be copied', async () => {
    expect((await call('POST', `${base()}/tables/custom`, { ObjectName: 'Contacts' })).status).toBe(409);
    const unknown = await call('POST', `${base()}/tables/custom`, { ObjectName: 'Nope' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorReply).Message).toContain('Contacts, Orders');
    expect((await call('POST', `${base()}/nope/custom`, { ObjectName: 'Contacts' })).status).toBe(404);
    expect((await call('POST', `${base()}/tables/custom`, {})).status).toBe(400);
    expect((await call('GET', `${base()}/tables/objects`, undefined, 'someone-else')).status).toBe(404);
  });

  it('refreshes the fields on demand, and deletes the copy with its methods', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const refreshed = await json<CustomBody>(call('POST', `${base()}/tables/custom/${custom.Id}/refresh`));
    expect(refreshed.Fields).toEqual(custom.Fields);
    expect(Date.parse(refreshed.FieldsRefreshedAt)).toBeGreaterThan(Date.parse(custom.FieldsRefreshedAt));
    // The new read is stored, not only answered.
    const stored = await json<CustomBody>(call('GET', `${base()}/tables/custom/${custom.Id}`));
    expect(stored.FieldsRefreshedAt).toBe(refreshed.FieldsRefreshedAt);
    expect((await call('DELETE', `${base()}/tables/custom/${custom.Id}`)).status).toBe(204);
    expect((await call('GET', `${base()}/tables/custom/${custom.Id}`)).status).toBe(404);
    expect((await run(`list-records@${custom.Id}`)).status).toBe(404);
  });
});
