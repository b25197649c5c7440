import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { paths } from '../console/src/openapi.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { overrides, type Patchbay, startPatchbay } from './support/harness.js';

const EXAMPLE = 'https://api.example.com';
const ACCOUNT = 'typed-client';

describe('a client generated from /openapi.json (openapi-typescript + openapi-fetch)', () => {
  let sim: ExampleApiSimulator;
  let patchbay: Patchbay;
  let client: ReturnType<typeof createClient<paths>>;

  beforeAll(async () => {
    sim = await startExampleApiSimulator();
    patchbay = await startPatchbay(overrides({ [EXAMPLE]: sim.url }));
    client = createClient<paths>({ baseUrl: patchbay.url, headers: { authorization: `Bearer ${patchbay.token}` } });
  });
  afterAll(async () => {
    await patchbay.close();
    await sim.close();
  });

  it('creates an account, installs a connector into it and calls a method, with typed replies', async () => {
    const account = await client.POST('/v1.0/accounts', { body: { Id: ACCOUNT, Name: 'Typed client' } });
    expect(account.response.status).toBe(200);
    expect(account.data?.Id).toBe(ACCOUNT);

    const installed = await client.POST('/v1.0/connectors/{id}/install', {
      params: { path: { id: '1' }, header: { 'X-Cyclr-Account': ACCOUNT } },
      body: { Name: 'Example', AuthValue: 'example-api-key' },
    });
    expect(installed.response.status).toBe(200);
    expect(installed.data).toMatchObject({ Name: 'Example', Authenticated: true, AuthValue: expect.stringMatching(/key$/) });
    const id = installed.data?.Id as number;

    const called = await client.POST('/v1.0/account/connectors/{id}/methods/{method}', {
      params: { path: { id, method: 'get-me' }, header: { 'X-Cyclr-Account': ACCOUNT } },
      body: {},
    });
    expect(called.response.status).toBe(200);
    expect(called.data).toEqual({ account: 'example', key: '-key' });
  });

  it('fills a method call’s query Parameters and the proxied path', async () => {
    const id = (await client.GET('/v1.0/account/connectors', { params: { header: { 'X-Cyclr-Account': ACCOUNT } } })).data?.[0]
      ?.Id as number;
    const page = await client.GET('/v1.0/account/connectors/{id}/methods/{method}', {
      params: { path: { id, method: 'list-contacts' }, query: { Parameters: { per_page: '2' } }, header: { 'X-Cyclr-Account': ACCOUNT } },
      // The Parameters are a form-exploded object: ?per_page=2, not openapi-fetch's default ?Parameters[per_page]=2.
      querySerializer: { object: { style: 'form', explode: true } },
    });
    expect(page.response.status).toBe(200);
    expect((page.data as unknown[]).length).toBe(2);

    const contact = await client.GET('/v1.0/account/connectors/{id}/proxy/{path}', {
      params: { path: { id, path: 'contacts/1' }, header: { 'X-Cyclr-Account': ACCOUNT } },
      // The proxied path keeps its slashes: the proxy refuses encoded ones.
      pathSerializer: (template, values) => template.replace('{id}', String(values.id)).replace('{path}', String(values.path)),
    });
    expect(contact.response.status).toBe(200);
    expect(contact.data).toMatchObject({ id: 1 });
  });
});
