import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply } from '../console/src/types.js';
import { type CaspioSimulator, startCaspioSimulator } from '../sandbox/caspio.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';

const PIPEDRIVE = 2;
const TOKEN = 'pd-mcp-token';
const OTHER_TOKEN = 'pd-mcp-other';

interface ToolResult {
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

describe('MCP endpoint', () => {
  let pipedrive: PipedriveSimulator;
  let patchbay: Patchbay;
  let installA: number;
  const clients: Client[] = [];

  /** An MCP client of the SDK, connected to /mcp with these headers and query. */
  async function connect(headers: Record<string, string>, query = ''): Promise<Client> {
    const client = new Client({ name: 'test-agent', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${patchbay.url}/mcp${query}`), { requestInit: { headers } });
    await client.connect(transport);
    clients.push(client);
    return client;
  }
  const asPartner = (account: string, query = '') =>
    connect({ authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': account }, query);
  const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as ToolResult;
  const names = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name);
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${patchbay.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(body),
    });
  const listRequest = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };

  beforeAll(async () => {
    pipedrive = await startPipedriveSimulator({ apiTokens: [TOKEN, OTHER_TOKEN] });
    patchbay = await startPatchbay(overrides({ 'https://api.pipedrive.com': pipedrive.url }));
    installA = await installInto(patchbay, 'mcp-a', PIPEDRIVE, TOKEN);
    await installInto(patchbay, 'mcp-b', PIPEDRIVE, OTHER_TOKEN);
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    await patchbay.close();
    await pipedrive.close();
  });

  it("lists one tool per method of the account's authenticated connectors, with schemas and hints", async () => {
    const client = await asPartner('mcp-a');
    expect(client.getServerVersion()?.name).toBe('patchbay');
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect([...byName.keys()]).toEqual(
      expect.arrayContaining(['pipedrive_list_persons', 'pipedrive_get_person', 'pipedrive_create_person']),
    );
    for (const tool of tools) expect(tool.name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const create = byName.get('pipedrive_create_person');
    expect(create?.inputSchema).toMatchObject({ type: 'object', required: ['name'], properties: { name: { type: 'string' } } });
    expect(create?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true });
    expect(byName.get('pipedrive_delete_person')?.annotations).toMatchObject({ destructiveHint: true, idempotentHint: true });
    const list = byName.get('pipedrive_list_persons');
    expect(list?.annotations).toMatchObject({ readOnlyHint: true });
    expect(list?.inputSchema.properties).toHaveProperty('all_pages');
    expect(byName.get('pipedrive_get_person')?.description).toContain("'Connector 2'");
    expect(tools.every((tool) => !tool.description?.includes('..'))).toBe(true);
    // No secret in any description or schema.
    expect(JSON.stringify(tools)).not.toContain(TOKEN);
  });

  it('calls read and write tools through the same runner as the method route', async () => {
    const client = await asPartner('mcp-a');
    const one = await call(client, 'pipedrive_get_person', { id: 1 });
    expect(one.isError).toBeFalsy();
    expect(one.structuredContent).toMatchObject({ id: 1 });
    expect(JSON.parse(one.content[0]?.text ?? '')).toMatchObject({ id: 1 });

    const created = await call(client, 'pipedrive_create_person', { name: 'Ada Lovelace' });
    expect(created.isError).toBeFalsy();
    expect(created.structuredContent).toMatchObject({ name: 'Ada Lovelace' });
    expect(pipedrive.items('persons').some((p) => p.name === 'Ada Lovelace')).toBe(true);

    const all = await call(client, 'pipedrive_list_persons', { all_pages: true });
    const items = all.structuredContent?.items as { name: string }[];
    expect(items.map((p) => p.name)).toContain('Ada Lovelace');
  });

  it("answers every kind of Pipedrive call with structuredContent that its tool's outputSchema accepts", async () => {
    // The SDK client checks each result against the tool's outputSchema (with formats) once it has listed the tools.
    const client = await asPartner('mcp-a');
    const { tools } = await client.listTools();
    const pipedriveTools = tools.filter((tool) => tool.name.startsWith('pipedrive_'));
    expect(pipedriveTools).toHaveLength(29);
    for (const tool of pipedriveTools) expect(tool.outputSchema, tool.name).toMatchObject({ type: 'object' });

    const created = await call(client, 'pipedrive_create_deal', { title: 'MCP deal', value: 1200, person_id: 1 });
    const deal = created.structuredContent as { id: number; add_time: string };
    expect(deal).toMatchObject({ title: 'MCP deal', value: 1200, person_id: 1, pipeline_id: 1, status: 'open' });
    expect(deal.add_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const calls: [string, Record<string, unknown>][] = [
      ['pipedrive_list_persons', { limit: 2 }],
      ['pipedrive_list_organizations', { all_pages: true }],
      ['pipedrive_list_deals', { status: 'open', sort_by: 'update_time', sort_direction: 'desc' }],
      ['pipedrive_list_activities', { done: false }],
      ['pipedrive_list_products', {}],
      ['pipedrive_get_person', { id: 2 }],
      ['pipedrive_update_deal', { id: deal.id, stage_id: 2, expected_close_date: '2026-12-31' }],
      ['pipedrive_create_activity', { subject: 'Call Ada', deal_id: deal.id, done: true }],
      ['pipedrive_create_organization', { name: 'Analytical Engines', address: { value: '1 Engine Row' } }],
      ['pipedrive_create_product', { name: 'Engine', prices: [{ currency: 'GBP', price: 100 }] }],
      ['pipedrive_search_persons', { term: 'Person', limit: 2 }],
      ['pipedrive_search_deals', { term: 'MCP deal' }],
      ['pipedrive_search_items', { term: 'Organization' }],
      ['pipedrive_get_current_user', {}],
      ['pipedrive_delete_deal', { id: deal.id }],
    ];
    for (const [name, args] of calls) {
      const result = await call(client, name, args);
      expect(result.isError, `${name}: ${result.content[0]?.text}`).toBeFalsy();
      expect(result.structuredContent, name).toBeDefined();
    }
    const page = await call(client, 'pipedrive_list_persons', { limit: 2 });
    expect(page.structuredContent).toMatchObject({ items: [{ id: 1 }, { id: 2 }], next_page: { cursor: expect.any(String) } });
    const found = await call(client, 'pipedrive_search_deals', { term: 'Deal 1', exact_match: true });
    expect(found.structuredContent).toMatchObject({ items: [{ result_score: 1, item: { id: 1, type: 'deal' } }] });
  });

  it('answers failures as tool results an agent can act on, and sends nothing when the arguments do not validate', async () => {
    const client = await asPartner('mcp-a');
    const before = pipedrive.requestCount;
    const missing = await call(client, 'pipedrive_create_person', {});
    expect(missing.isError).toBe(true);
    expect(missing.content[0]?.text).toContain("'name'");
    const wrongType = await call(client, 'pipedrive_get_person', { id: 'not a number' });
    expect(wrongType.isError).toBe(true);
    expect(wrongType.content[0]?.text).toContain('id must be an integer');
    const unknownArgument = await call(client, 'pipedrive_get_person', { id: 1, colour: 'red' });
    expect(unknownArgument.isError).toBe(true);
    expect(unknownArgument.content[0]?.text).toContain("'colour' is not an argument");
    expect(pipedrive.requestCount).toBe(before);

    const absent = await call(client, 'pipedrive_get_person', { id: 999999 });
    expect(absent.isError).toBe(true);
    expect(absent.content[0]?.text).toContain('answered 404');

    await expect(client.callTool({ name: 'pipedrive_launch_rocket', arguments: {} })).rejects.toThrow(/Unknown tool/);
  });

  it('keeps accounts apart: a restricted token reaches its own account only, whatever header it sends', async () => {
    const tokenB = await patchbay.restrictedToken('mcp-b');
    const asB = await connect({ authorization: `Bearer ${tokenB}` });
    const created = await call(asB, 'pipedrive_create_person', { name: 'Only in B' });
    expect(created.isError).toBeFalsy();
    // B's install uses B's Pipedrive token: the person lands in the same simulator, created with B's credential.
    const reply = await post(listRequest, { authorization: `Bearer ${tokenB}`, 'x-cyclr-account': 'mcp-a' });
    expect(reply.status).toBe(403);
    const partnerWithoutAccount = await post(listRequest, { authorization: `Bearer ${patchbay.token}` });
    expect(partnerWithoutAccount.status).toBe(400);
    expect(await partnerWithoutAccount.json()).toMatchObject({ Code: 'PB_ERR_ACCOUNT_REQUIRED' });
  });

  it('asks for a token with a pointer to its metadata, and serves that metadata', async () => {
    for (const authorization of [undefined, 'Bearer not-a-token']) {
      const reply = await post(listRequest, authorization === undefined ? {} : { authorization });
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe(
        `Bearer resource_metadata="${patchbay.url}/.well-known/oauth-protected-resource/mcp"`,
      );
    }
    const metadata = await (await fetch(`${patchbay.url}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(metadata).toMatchObject({ resource: `${patchbay.url}/mcp`, authorization_servers: [patchbay.url] });
    const server = await (await fetch(`${patchbay.url}/.well-known/oauth-authorization-server`)).json();
    expect(server).toMatchObject({ token_endpoint: `${patchbay.url}/oauth/token`, grant_types_supported: ['client_credentials'] });
  });

  it('refuses other hosts and origins while bound to loopback (DNS rebinding)', async () => {
    const auth = { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': 'mcp-a' };
    expect((await post(listRequest, { ...auth, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(listRequest, { ...auth, origin: 'http://localhost:5173' })).status).toBe(200);
    const rebound = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const url = new URL(`${patchbay.url}/mcp`);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: '/mcp',
            method: 'POST',
            headers: {
              ...auth,
              host: 'attacker.example',
              'content-type': 'application/json',
              accept: 'application/json, text/event-stream',
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(listRequest));
      }, reject);
    });
    expect(rebound).toBe(403);
  });

  it('narrows the tools with name globs, one connector, or read-only, and refuses writes when read-only', async () => {
    const globbed = await asPartner('mcp-a', '?tools=pipedrive_list_*,pipedrive_get_person');
    const listed = await names(globbed);
    expect(listed).toContain('pipedrive_list_deals');
    expect(listed).toContain('pipedrive_get_person');
    expect(listed.every((n) => n.startsWith('pipedrive_list_') || n === 'pipedrive_get_person')).toBe(true);
    const byHeader = await connect({
      authorization: `Bearer ${patchbay.token}`,
      'x-cyclr-account': 'mcp-a',
      'x-patchbay-tools': 'pipedrive_delete_*',
    });
    expect((await names(byHeader)).every((n) => n.startsWith('pipedrive_delete_'))).toBe(true);

    const readOnly = await asPartner('mcp-a', '?readOnly=true');
    const readable = (await readOnly.listTools()).tools;
    expect(readable.length).toBeGreaterThan(0);
    expect(readable.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
    const refused = await call(readOnly, 'pipedrive_create_person', { name: 'Nope' });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toContain('read-only');
    expect(pipedrive.items('persons').some((p) => p.name === 'Nope')).toBe(false);

    const other = await installInto(patchbay, 'mcp-a', PIPEDRIVE, OTHER_TOKEN);
    const both = await names(await asPartner('mcp-a'));
    expect(both).toContain('pipedrive_2_get_person');
    const only = await names(await asPartner('mcp-a', `?connector=${other}`));
    expect(only.length).toBeGreaterThan(0);
    expect(only.every((n) => n.startsWith('pipedrive_2_'))).toBe(true);

    const bad = await post(listRequest, { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': 'mcp-a' });
    expect(bad.status).toBe(200);
    const badQuery = await fetch(`${patchbay.url}/mcp?readOnly=maybe`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${patchbay.token}`,
        'x-cyclr-account': 'mcp-a',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify(listRequest),
    });
    expect(badQuery.status).toBe(400);
    expect(((await badQuery.json()) as ErrorReply).Message).toContain('readOnly');
    await patchbay.call('DELETE', `/v1.0/account/connectors/${other}`, { account: 'mcp-a' });
  });

  it('in search mode lists two tools that find and call the others', async () => {
    const client = await asPartner('mcp-a', '?mode=search');
    expect((await names(client)).sort()).toEqual(['call_tool', 'search_tools']);
    const found = await call(client, 'search_tools', { query: 'create person' });
    const items = found.structuredContent?.items as { name: string; inputSchema: unknown }[];
    expect(items[0]?.name).toBe('pipedrive_create_person');
    expect(items[0]?.inputSchema).toMatchObject({ required: ['name'] });
    const made = await call(client, 'call_tool', { name: 'pipedrive_create_person', arguments: { name: 'Found by search' } });
    expect(made.isError).toBeFalsy();
    expect(made.structuredContent).toMatchObject({ name: 'Found by search' });
    const wrong = await call(client, 'call_tool', { name: 'pipedrive_fly', arguments: {} });
    expect(wrong.isError).toBe(true);
  });

  it('drops the tools of a connector deauthenticated or deleted, on the next list', async () => {
    const id = await installInto(patchbay, 'mcp-c', PIPEDRIVE, TOKEN);
    const client = await asPartner('mcp-c');
    expect(await names(client)).toContain('pipedrive_get_person');
    await patchbay.call('PUT', `/v1.0/account/connectors/${id}/deauthenticate`, { account: 'mcp-c' });
    expect(await names(client)).toEqual([]);
    await patchbay.call('PUT', `/v1.0/account/connectors/${id}`, { account: 'mcp-c', body: { AuthValue: TOKEN } });
    expect(await names(client)).toContain('pipedrive_get_person');
    await patchbay.call('DELETE', `/v1.0/account/connectors/${id}`, { account: 'mcp-c' });
    expect(await names(client)).toEqual([]);
    expect(installA).toBeGreaterThan(0);
  });

  it('answers each of many concurrent requests with its own reply, though clients reuse ids', async () => {
    const tokenB = await patchbay.restrictedToken('mcp-b');
    const asA = { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': 'mcp-a' };
    const asB = { authorization: `Bearer ${tokenB}` };
    const replies = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const name = `Concurrent ${i}`;
        const reply = await post(
          { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'pipedrive_create_person', arguments: { name } } },
          i % 2 === 0 ? asA : asB,
        );
        return { name, status: reply.status, body: (await reply.json()) as { id: number; result: ToolResult } };
      }),
    );
    for (const { name, status, body } of replies) {
      expect(status).toBe(200);
      expect(body.id).toBe(7);
      expect(body.result.structuredContent).toMatchObject({ name });
    }
    const lists = await Promise.all(
      ['pipedrive_get_*', 'pipedrive_list_*'].map(async (glob) => {
        const reply = await fetch(`${patchbay.url}/mcp?tools=${glob}`, {
          method: 'POST',
          headers: { ...asA, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: JSON.stringify(listRequest),
        });
        return { glob, tools: ((await reply.json()) as { result: { tools: { name: string }[] } }).result.tools };
      }),
    );
    for (const { glob, tools } of lists) {
      expect(tools.length).toBeGreaterThan(0);
      expect(tools.every((tool) => tool.name.startsWith(glob.slice(0, -1)))).toBe(true);
    }
  });

  it('speaks stateless Streamable HTTP: 202 for notifications, batches, and clear refusals', async () => {
    const auth = { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': 'mcp-a' };
    const notified = await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, auth);
    expect(notified.status).toBe(202);
    expect(await notified.text()).toBe('');

    const batch = await post(
      [
        { ...listRequest, id: 'first' },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { ...listRequest, id: 2 },
      ],
      auth,
    );
    expect(batch.status).toBe(200);
    const answers = (await batch.json()) as { id: unknown; result: { tools: unknown[] } }[];
    expect(answers.map((answer) => answer.id)).toEqual(['first', 2]);
    expect(answers[0]?.result.tools.length).toBeGreaterThan(0);

    const jsonOnly = await post(listRequest, { ...auth, accept: 'application/json' });
    expect(jsonOnly.status).toBe(406);
    expect(await jsonOnly.json()).toMatchObject({ jsonrpc: '2.0', error: { message: expect.stringContaining('Accept') } });

    const oldVersion = await post(listRequest, { ...auth, 'mcp-protocol-version': '2023-01-01' });
    expect(oldVersion.status).toBe(400);
    expect(((await oldVersion.json()) as { error: { message: string } }).error.message).toContain('2023-01-01');

    const notRpc = await post({ hello: 'world' }, auth);
    expect(notRpc.status).toBe(400);
    expect(await notRpc.json()).toMatchObject({ error: { code: -32700 } });
    expect((await post([], auth)).status).toBe(400);

    const unknownMethod = await post({ jsonrpc: '2.0', id: 3, method: 'resources/list' }, auth);
    expect(await unknownMethod.json()).toMatchObject({ id: 3, error: { code: -32601 } });
  });

  it('answers params of the wrong shape with -32602 naming the fault, not an internal error', async () => {
    const auth = { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': 'mcp-a' };
    const before = pipedrive.requestCount;
    for (const [params, fault] of [
      [{ name: 'pipedrive_get_person', arguments: 'id=1' }, 'params.arguments: '],
      [{ name: 5 }, 'params.name: '],
      [{}, 'params.name: '],
    ] as const) {
      const reply = await post({ jsonrpc: '2.0', id: 'bad', method: 'tools/call', params }, auth);
      expect(reply.status).toBe(200);
      const body = (await reply.json()) as { id: unknown; error: { code: number; message: string } };
      expect({ params, body }).toMatchObject({ params, body: { id: 'bad', error: { code: -32602 } } });
      expect(body.error.message).toContain(`Invalid params: ${fault}`);
      expect(body.error.message).not.toContain('\n');
    }
    const list = await post({ ...listRequest, params: { cursor: 5 } }, auth);
    expect(await list.json()).toMatchObject({ id: 1, error: { code: -32602, message: expect.stringContaining('params.cursor: ') } });
    expect(pipedrive.requestCount).toBe(before);
    const good = await post(
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'pipedrive_get_person', arguments: { id: 1 } } },
      auth,
    );
    expect(await good.json()).toMatchObject({ id: 2, result: { structuredContent: { id: 1 } } });
  });

  it('answers 405 to GET and DELETE, and 413 to a body over the limit', async () => {
    for (const method of ['GET', 'DELETE']) {
      const reply = await fetch(`${patchbay.url}/mcp`, { method, headers: { authorization: `Bearer ${patchbay.token}` } });
      expect(reply.status).toBe(405);
      expect(reply.headers.get('allow')).toBe('POST');
    }
    const huge = { ...listRequest, params: { padding: 'x'.repeat(1024 * 1024) } };
    const reply = await post(huge, { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': 'mcp-a' });
    expect(reply.status).toBe(413);
  });
});

describe('MCP tools of custom object categories', () => {
  let caspio: CaspioSimulator;
  let patchbay: Patchbay;
  let client: Client;

  beforeAll(async () => {
    caspio = await startCaspioSimulator();
    patchbay = await startPatchbay(overrides(caspio.overrides()));
    await setupConnector(patchbay, 5, { AccountSubdomain: 'demo', ClientId: 'caspio-client', ClientSecret: 'caspio-secret' });
    const id = await installInto(patchbay, 'tables', 5);
    const copied = await patchbay.call('POST', `/v1.0/account/connectors/${id}/categories/tables/custom`, {
      account: 'tables',
      body: { ObjectName: 'Contacts' },
    });
    expect(copied.status).toBe(200);
    client = new Client({ name: 'test-agent', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${patchbay.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': 'tables' } },
      }),
    );
  });
  afterAll(async () => {
    await client.close();
    await patchbay.close();
    await caspio.close();
  });

  it("names a copied category's tools after its object, with the object's fields as arguments", async () => {
    const { tools } = await client.listTools();
    const create = tools.find((tool) => tool.name === 'caspio_create_record_contacts');
    expect(tools.map((tool) => tool.name)).toContain('caspio_list_records_contacts');
    expect(create?.inputSchema.properties).toHaveProperty('First_Name');
    // Read-only fields (the autonumber key) cannot be written, so they are no argument.
    expect(create?.inputSchema.properties).not.toHaveProperty('PK_ID');
    expect(create?.inputSchema).toMatchObject({ additionalProperties: false });

    const before = caspio.records('demo', 'Contacts').length;
    const made = (await client.callTool({ name: 'caspio_create_record_contacts', arguments: { First_Name: 'Grace', Age: 85 } })) as {
      isError?: boolean;
    };
    expect(made.isError).toBeFalsy();
    expect(caspio.records('demo', 'Contacts')).toHaveLength(before + 1);
    expect(caspio.records('demo', 'Contacts').some((r) => r.First_Name === 'Grace')).toBe(true);
  });
});
