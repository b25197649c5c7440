import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { type CaspioSimulator, startCaspioSimulator } from '../sandbox/caspio.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { loadCatalogue } from '../src/catalogue/loader.js';
import { outputItem } from '../src/catalogue/method-output.js';
import { builtInConnectorsDir } from '../src/paths.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';

const EXAMPLE = 1;
const CAPSULE = 3;
const CASPIO = 5;
const ACCOUNT = 'outputs';

type Method = Reply<'listConnectorMethods'>[number];

describe('declared method outputs', () => {
  let example: ExampleApiSimulator;
  let capsule: CapsuleSimulator;
  let caspio: CaspioSimulator;
  let patchbay: Patchbay;
  let caspioInstall: number;
  let client: Client;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);

  const json = async <T>(reply: Promise<Response>) => (await (await reply).json()) as T;
  const methods = (connector: number) => json<Method[]>(patchbay.call('GET', `/v1.0/connectors/${connector}/methods`));

  beforeAll(async () => {
    example = await startExampleApiSimulator();
    capsule = await startCapsuleSimulator();
    caspio = await startCaspioSimulator();
    patchbay = await startPatchbay(
      overrides({ 'https://api.example.com': example.url, 'https://api.capsulecrm.com': capsule.url, ...caspio.overrides() }),
    );
    await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
    await setupConnector(patchbay, CASPIO, { AccountSubdomain: 'demo', ClientId: 'caspio-client', ClientSecret: 'caspio-secret' });
    await installInto(patchbay, ACCOUNT, EXAMPLE, 'example-api-key');
    const tokens = capsule.oauth.issueForTest('capsule-client');
    await installInto(
      patchbay,
      ACCOUNT,
      CAPSULE,
      JSON.stringify({ AccessToken: tokens.access_token, RefreshToken: tokens.refresh_token, Expires: '2999-01-01T00:00:00Z' }),
    );
    caspioInstall = await installInto(patchbay, ACCOUNT, CASPIO);
    const custom = await patchbay.call('POST', `/v1.0/account/connectors/${caspioInstall}/categories/tables/custom`, {
      account: ACCOUNT,
      body: { ObjectName: 'Contacts' },
    });
    expect(custom.status).toBe(200);
    client = new Client({ name: 'outputs-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${patchbay.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': ACCOUNT } },
      }),
    );
  });
  afterAll(async () => {
    await client.close();
    await patchbay.close();
    await Promise.all([example.close(), capsule.close(), caspio.close()]);
  });

  it('declares an output for every method of every shipped connector, a List for every paginated one', () => {
    const catalogue = loadCatalogue([builtInConnectorsDir]);
    for (const connector of catalogue.all) {
      for (const method of connector.definition.Methods) {
        expect(method.Output, `${connector.definition.Slug}/${method.Id}`).toBeDefined();
        if (method.Pagination !== undefined) expect(method.Output).toHaveProperty('List');
        if (method.Output !== 'Nothing') expect(['object', 'string']).toContain(outputItem(method.Output)?.type);
      }
    }
  });

  it("shows each method's output and its fields, nested and listed ones as dotted paths", async () => {
    const capsuleMethods = await methods(CAPSULE);
    const list = capsuleMethods.find((m) => m.Id === 'list-parties');
    expect(list?.Output.Kind).toBe('List');
    expect(list?.Output.Schema).toMatchObject({ type: 'object', properties: { id: { type: 'integer' } } });
    const field = (name: string) => list?.OutputFields.find((f) => f.Field === name);
    expect(field('id')).toEqual({ Field: 'id', DataType: 'integer', IsNullable: false, Format: null, Description: 'Party id' });
    expect(field('organisation.name')).toMatchObject({ DataType: 'string' });
    expect(field('emailAddresses')).toMatchObject({ DataType: 'array' });
    expect(field('emailAddresses[].address')).toMatchObject({ DataType: 'string' });
    expect(field('updatedAt')).toMatchObject({ DataType: 'string', Format: 'date-time' });
    expect(field('jobTitle')).toMatchObject({ DataType: 'string', IsNullable: true });
    expect(capsuleMethods.find((m) => m.Id === 'get-party')?.Output).toEqual({ Kind: 'Item', Schema: list?.Output.Schema });
    expect(capsuleMethods.find((m) => m.Id === 'delete-party')).toMatchObject({
      Output: { Kind: 'Nothing', Schema: null },
      OutputFields: [],
    });
    const tables = (await methods(CASPIO)).find((m) => m.Id === 'list-tables');
    expect(tables?.Output).toEqual({ Kind: 'List', Schema: { type: 'string', description: 'Table name' } });
  });

  it("gives a custom category's record methods the table's own fields as their output", async () => {
    const installed = await json<Method[]>(patchbay.call('GET', `/v1.0/account/connectors/${caspioInstall}/methods`, { account: ACCOUNT }));
    const list = installed.find((m) => m.Id.startsWith('list-records@'));
    const fields = new Map(list?.OutputFields.map((f) => [f.Field, f]));
    expect([...fields.keys()]).toEqual(expect.arrayContaining(['PK_ID', 'First_Name', 'Email', 'Age', 'Active', 'Created']));
    expect(fields.get('Age')).toMatchObject({ DataType: 'integer', IsNullable: true });
    expect(fields.get('Active')).toMatchObject({ DataType: 'boolean' });
    // The template itself names no fields; the affected-records answer keeps its own.
    expect(installed.find((m) => m.Id === 'list-records')?.OutputFields).toEqual([]);
    expect(installed.find((m) => m.Id.startsWith('update-records@'))?.OutputFields.map((f) => f.Field)).toEqual(['RecordsAffected']);
  });

  it('gives every MCP tool that answers data an outputSchema, and the structured content of each call validates against it', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect(byName.get('capsule_delete_party')?.outputSchema).toBeUndefined();
    expect(byName.get('capsule_list_parties')?.outputSchema).toMatchObject({
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object' } }, next_page: { type: 'object' } },
      required: ['items'],
    });
    expect(byName.get('caspio_list_tables')?.outputSchema).toMatchObject({ properties: { items: { items: { type: 'string' } } } });

    const calls: [string, Record<string, unknown>][] = [
      ['example_get_me', {}],
      ['example_list_contacts', {}],
      ['example_list_contacts', { all_pages: true }],
      ['example_get_contact', { id: 1 }],
      ['example_create_contact', { name: 'Grace Hopper' }],
      ['example_update_contact', { id: 1, email: 'ada@example.com' }],
      ['capsule_list_parties', { perPage: 2 }],
      ['capsule_get_party', { id: 2 }],
      ['capsule_get_party', { id: 1 }],
      ['capsule_list_opportunities', {}],
      ['capsule_get_opportunity', { id: 1 }],
      ['capsule_list_projects', {}],
      ['capsule_list_tasks', {}],
      ['capsule_create_party', { type: 'person', firstName: 'Ada', lastName: 'Lovelace' }],
      ['caspio_list_tables', {}],
      ['caspio_list_table_fields', { table: 'Contacts' }],
      ['caspio_list_records_contacts', {}],
      ['caspio_get_record_contacts', { 'q.where': 'PK_ID = 1' }],
      ['caspio_create_record_contacts', { First_Name: 'Alan', Email: 'alan@example.com' }],
      ['caspio_update_records_contacts', { 'q.where': 'PK_ID = 1', First_Name: 'Ada' }],
    ];
    for (const [name, args] of calls) {
      const tool = byName.get(name);
      expect(tool?.outputSchema, name).toBeDefined();
      // The SDK's client checks structured content against the tool's outputSchema itself, and throws when it does not fit.
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError, `${name}: ${JSON.stringify(result.content)}`).toBeFalsy();
      const validate = ajv.compile(tool?.outputSchema ?? {});
      expect(validate(result.structuredContent), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('answers a paginated tool with an empty list past the last page, still as its outputSchema says', async () => {
    const result = await client.callTool({ name: 'example_list_contacts', arguments: { page: 99 } });
    expect(result.structuredContent).toEqual({ items: [] });
  });
});
