import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply } from '../console/src/types.js';
import { Egress } from '../src/egress/egress.js';
import { hostMatches, isPublicAddress } from '../src/egress/url-policy.js';
import { overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';
import { connectorsFolder } from './support/test-connectors.js';

const method = () => `Categories:
  - Id: things
    Name: Things
Methods:
  - Id: get-me
    MethodUniqueIdentifier: ${randomUUID()}
    Name: Get Me
    Category: things
    HttpMethod: GET
    Endpoint: /me
    Output: { Item: { type: object } }
`;
const connector = (id: number, slug: string, head: string) => `
Id: ${id}
Slug: ${slug}
Name: Policy ${slug}
Description: A connector whose URL is built from values.
Version: "1.0"
Auth:
  Type: ApiKey
  In: header
  Name: X-Api-Key
${head}
${method()}`;

/** Tenant is checked by pattern at install; Loose has no pattern, so only AllowedHosts stands in the way. */
const FILES = {
  'tenant.yaml': connector(
    95,
    'tenant',
    `BaseUrl: https://{{Tenant}}.api.example.com/v1
AllowedHosts: ["*.api.example.com"]
AccountProperties:
  - { Name: Tenant, DisplayName: Tenant, Pattern: "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?" }`,
  ),
  'loose.yaml': connector(
    96,
    'loose',
    `BaseUrl: https://{{Tenant}}.api.example.com/v1
AllowedHosts: ["*.api.example.com"]
AccountProperties:
  - { Name: Tenant, DisplayName: Tenant }`,
  ),
  'local.yaml': connector(
    97,
    'local',
    `BaseUrl: https://localhost:{{Port}}/v1
AllowedHosts: [localhost]
AccountProperties:
  - { Name: Port, DisplayName: Port, Pattern: "[0-9]{1,5}" }`,
  ),
  'metadata.yaml': connector(98, 'metadata', 'BaseUrl: https://169.254.169.254/latest'),
};

const CRAFTED = ['evil.com#', 'x.evil.com/', '127.0.0.1', 'a.b', '%2e%2e', '@', 'user@evil.com', 'a'.repeat(300), 'bücher', 'x:1', ''];

describe('the outbound URL policy', () => {
  let patchbay: Patchbay;
  let trap: Server;
  let trapped = 0;

  const install = async (connectorId: number, properties: Record<string, string>, authValue = 'key') =>
    patchbay.call('POST', `/v1.0/connectors/${connectorId}/install`, {
      account: 'policy',
      body: { Name: 'policy', AuthValue: authValue, Properties: Object.entries(properties).map(([Name, Value]) => ({ Name, Value })) },
    });
  const call = (id: number) => patchbay.call('GET', `/v1.0/account/connectors/${id}/methods/get-me`, { account: 'policy' });

  beforeAll(async () => {
    // Stands in for every host a crafted value might lead to; nothing may ever reach it.
    trap = createServer((_req, res) => {
      trapped++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
    patchbay = await startPatchbay({
      PATCHBAY_CONNECTORS_DIR: connectorsFolder(FILES),
      ...overrides({ 'https://evil.com': trapUrl, 'https://x.evil.com': trapUrl, 'https://evil.test': trapUrl }),
    });
    await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'policy', Name: 'policy' } });
  });
  afterAll(async () => {
    await patchbay.close();
    await new Promise((resolve) => trap.close(resolve));
  });

  it('refuses crafted subdomain values at install, naming the property', async () => {
    for (const value of CRAFTED) {
      const reply = await install(95, { Tenant: value });
      expect(reply.status, value).toBe(400);
      expect(((await reply.json()) as ErrorReply).Message).toContain('Tenant');
    }
    expect((await install(95, { Tenant: 'acme-eu' })).status).toBe(200);
  });

  it('never builds a URL off the allowed hosts, even from a value without a pattern', async () => {
    // A unicode label is a legitimate (punycode) subdomain of the allowed host, so it is not among these.
    for (const value of CRAFTED.filter((v) => v !== '' && v !== 'bücher')) {
      const reply = await install(96, { Tenant: value });
      expect(reply.status, value).toBe(200);
      const answer = await call(((await reply.json()) as { Id: number }).Id);
      expect(answer.status, value).toBe(400);
      expect(await answer.json()).toMatchObject({ Code: 'PB_ERR_URL_REFUSED' });
    }
    expect(trapped).toBe(0);
  });

  it('refuses a name that resolves to a loopback address, after DNS resolution', async () => {
    const reply = await install(97, { Port: String((trap.address() as AddressInfo).port) });
    const answer = await call(((await reply.json()) as { Id: number }).Id);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ Code: 'PB_ERR_URL_REFUSED', Message: expect.stringContaining('localhost') });
    expect(trapped).toBe(0);
  });

  it('refuses the cloud metadata address without connecting', async () => {
    const reply = await install(98, {});
    const answer = await call(((await reply.json()) as { Id: number }).Id);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ Code: 'PB_ERR_URL_REFUSED' });
  });

  it("refuses a provider's api_domain off the connector's hosts", async () => {
    await setupConnector(patchbay, 4, { ClientId: 'c', ClientSecret: 's' });
    const reply = await install(4, {}, JSON.stringify({ AccessToken: 'at', api_domain: 'https://evil.test' }));
    expect(reply.status).toBe(200);
    const answer = await patchbay.call(
      'GET',
      `/v1.0/account/connectors/${((await reply.json()) as { Id: number }).Id}/methods/list-persons`,
      {
        account: 'policy',
      },
    );
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ Code: 'PB_ERR_URL_REFUSED' });
    expect(trapped).toBe(0);
  });

  it('answers PB_ERR_URL_REFUSED for every check the policy makes: scheme, address literal and resolved address', async () => {
    const egress = new Egress({ overrides: new Map(), connectTimeoutMs: 1000, responseTimeoutMs: 1000 });
    try {
      for (const url of ['http://api.example.com/v1', 'https://10.1.2.3/v1', 'https://[fd00:ec2::254]/', 'https://localhost/v1']) {
        await expect(egress.requestWhole({ method: 'GET', url: new URL(url), headers: {} }), url).rejects.toMatchObject({
          code: 'PB_ERR_URL_REFUSED',
        });
      }
    } finally {
      await egress.close();
    }
  });

  it('classifies addresses: internal ranges refused, public ones allowed', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '224.0.0.1',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it('matches host patterns exactly, with * standing for one label', () => {
    expect(hostMatches('acme.caspio.com', ['*.caspio.com'])).toBe(true);
    expect(hostMatches('ACME.caspio.com', ['*.caspio.com'])).toBe(true);
    expect(hostMatches('a.b.caspio.com', ['*.caspio.com'])).toBe(false);
    expect(hostMatches('caspio.com', ['*.caspio.com'])).toBe(false);
    expect(hostMatches('evilcaspio.com', ['*.caspio.com'])).toBe(false);
    expect(hostMatches(`${'a'.repeat(64)}.caspio.com`, ['*.caspio.com'])).toBe(false);
    expect(hostMatches('-a.caspio.com', ['*.caspio.com'])).toBe(false);
    expect(hostMatches('api.capsulecrm.com', ['api.capsulecrm.com'])).toBe(true);
    expect(hostMatches('x.api.capsulecrm.com', ['api.capsulecrm.com'])).toBe(false);
  });
});
