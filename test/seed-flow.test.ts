import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { overrides, type Patchbay, startPatchbay } from './support/harness.js';

describe('the Install a Connector guide, verbatim but for the host', () => {
  let example: ExampleApiSimulator;
  let patchbay: Patchbay;

  beforeAll(async () => {
    example = await startExampleApiSimulator();
    patchbay = await startPatchbay(overrides({ 'https://api.example.com': example.url }));
    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'acme', Name: 'Acme' } });
  });
  afterAll(async () => {
    await patchbay.close();
    await example.close();
  });

  it('lists the Example Connector with the fields the guide shows', async () => {
    const reply = await patchbay.call('GET', '/v1.0/connectors');
    expect(reply.status).toBe(200);
    const connectors = (await reply.json()) as Record<string, unknown>[];
    expect(connectors[0]).toMatchObject({
      Id: 1,
      Name: 'Example Connector',
      Description: 'This is an example connector.',
      Status: 'Approved',
      Version: '1.0',
      // The guide's connector had no icon; ours has one drawn for it, served by Patchbay.
      Icon: `${patchbay.url}/v1.0/connectors/1/icon`,
      AuthDescription: '',
      AuthType: 'ApiKey',
      OAuth2Type: 'Unknown',
      AuthScheme: null,
    });
  });

  it('installs it with an API key, answers Authenticated and never echoes the key in full', async () => {
    const reply = await patchbay.call('POST', '/v1.0/connectors/1/install', {
      account: 'acme',
      body: '{"Name":"Example", "AuthValue":"example-api-key"}',
    });
    expect(reply.status).toBe(200);
    const installed = (await reply.json()) as Record<string, unknown>;
    expect(installed).toMatchObject({ Name: 'Example', Authenticated: true, Connector: { Id: 1 } });
    expect(typeof installed.Id).toBe('number');
    expect(installed.AuthValue).not.toBe('example-api-key');
    expect(String(installed.AuthValue)).toMatch(/-key$/);

    const me = await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}/methods/get-me`, { account: 'acme' });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ account: 'example', key: '-key' });
  });
});
