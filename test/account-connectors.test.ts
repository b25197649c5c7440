import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply, Reply } from '../console/src/types.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { overrides, type Patchbay, startPatchbay } from './support/harness.js';
import { connectorsFolder, REGIONAL_CONNECTOR } from './support/test-connectors.js';

const PIPEDRIVE_TOKEN = 'pipedrive-test-token';
const EXAMPLE_KEY = 'example-api-key';

type Installed = Reply<'getAccountConnector'>;

type Property = Reply<'getAccountConnectorProperty'>;

type ErrorBody = ErrorReply;

async function expectError(reply: Response, status: number, code: string): Promise<ErrorBody> {
  expect(reply.status).toBe(status);
  const body = (await reply.json()) as ErrorBody;
  expect(body).toEqual({ Message: expect.any(String), Code: code });
  return body;
}

describe('account connectors', () => {
  let pipedrive: PipedriveSimulator;
  let example: ExampleApiSimulator;
  let patchbay: Patchbay;
  let connectorsDir: string;

  beforeAll(async () => {
    pipedrive = await startPipedriveSimulator();
    example = await startExampleApiSimulator();
    connectorsDir = connectorsFolder({ 'regional.yaml': REGIONAL_CONNECTOR() });
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.pipedrive.com': pipedrive.url, 'https://api.example.com': example.url }),
      PATCHBAY_CONNECTORS_DIR: connectorsDir,
    });
  });
  afterAll(async () => {
    await patchbay?.close();
    await pipedrive?.close();
    await example?.close();
    rmSync(connectorsDir, { recursive: true, force: true });
  });

  async function newAccount(): Promise<string> {
    const id = `acct-${randomUUID()}`;
    expect((await patchbay.call('POST', '/v1.0/accounts', { body: { Id: id, Name: 'Connector test' } })).status).toBe(200);
    return id;
  }

  async function install(account: string, connector: string | number, body: Record<string, unknown>): Promise<Installed> {
    const reply = await patchbay.call('POST', `/v1.0/connectors/${connector}/install`, { account, body });
    expect(reply.status).toBe(200);
    return (await reply.json()) as Installed;
  }

  describe('installing', () => {
    it('installs Pipedrive with its API token: authenticated, masked AuthValue, and its methods work', async () => {
      const account = await newAccount();
      const installed = await install(account, 2, { Name: 'Sales CRM', Description: 'Our Pipedrive', AuthValue: PIPEDRIVE_TOKEN });
      expect(installed).toEqual({
        Id: expect.any(Number),
        Name: 'Sales CRM',
        Description: 'Our Pipedrive',
        AuthValue: expect.any(String),
        Authenticated: true,
        AuthenticationError: null,
        VerifiedStatus: 'Verified',
        VerifiedMessage: null,
        CredentialId: expect.any(Number),
        CreatedDate: expect.any(String),
        Connector: expect.objectContaining({ Id: 2, Name: 'Pipedrive' }),
      });
      expect(installed.AuthValue).not.toContain(PIPEDRIVE_TOKEN);
      expect(installed.AuthValue).toMatch(/oken$/);

      const persons = await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account });
      expect(persons.status).toBe(200);
      expect(Array.isArray(await persons.json())).toBe(true);
    });

    it('installs the Example connector with its API key', async () => {
      const account = await newAccount();
      const installed = await install(account, 1, { Name: 'Example', AuthValue: EXAMPLE_KEY });
      expect(installed).toMatchObject({ Name: 'Example', Authenticated: true, Connector: { Id: 1, Name: 'Example Connector' } });
      const me = await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}/methods/get-me`, { account });
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({ account: 'example', key: '-key' });
    });

    it('installs a connector named by its Name, in any case, or by its slug', async () => {
      const account = await newAccount();
      for (const key of ['Pipedrive', 'PIPEDRIVE', 'pipedrive', 'Example%20Connector']) {
        const installed = await install(account, key, {
          Name: `By ${key}`,
          AuthValue: key.startsWith('Example') ? EXAMPLE_KEY : PIPEDRIVE_TOKEN,
        });
        expect(installed.Connector?.Id).toBe(key.startsWith('Example') ? 1 : 2);
      }
    });

    it('answers 404 PB_ERR_NOT_FOUND for an unknown connector and installs nothing', async () => {
      const account = await newAccount();
      await expectError(
        await patchbay.call('POST', '/v1.0/connectors/999/install', { account, body: { Name: 'Nothing' } }),
        404,
        'PB_ERR_NOT_FOUND',
      );
      await expectError(
        await patchbay.call('POST', '/v1.0/connectors/NoSuchApp/install', { account, body: { Name: 'Nothing' } }),
        404,
        'PB_ERR_NOT_FOUND',
      );
      expect(await (await patchbay.call('GET', '/v1.0/account/connectors', { account })).json()).toEqual([]);
    });

    it('installs without AuthValue as not authenticated, and its methods answer 409 PB_ERR_NOT_AUTHENTICATED without calling out', async () => {
      const account = await newAccount();
      const installed = await install(account, 2, { Name: 'Later' });
      expect(installed).toMatchObject({ Authenticated: false, AuthValue: null });
      const before = pipedrive.requestCount;
      await expectError(
        await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account }),
        409,
        'PB_ERR_NOT_AUTHENTICATED',
      );
      await expectError(
        await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}/proxy/api/v2/persons`, { account }),
        409,
        'PB_ERR_NOT_AUTHENTICATED',
      );
      expect(pipedrive.requestCount).toBe(before);
    });
  });

  describe('listing, reading and changing', () => {
    it("lists the account's installs with Total-Records, page by page", async () => {
      const account = await newAccount();
      const first = await install(account, 2, { Name: 'First', AuthValue: PIPEDRIVE_TOKEN });
      const second = await install(account, 1, { Name: 'Second', AuthValue: EXAMPLE_KEY });
      const third = await install(account, 1, { Name: 'Third' });

      const all = await patchbay.call('GET', '/v1.0/account/connectors', { account });
      expect(all.status).toBe(200);
      expect(all.headers.get('total-records')).toBe('3');
      expect(await all.json()).toEqual([first, second, third]);

      const page2 = await patchbay.call('GET', '/v1.0/account/connectors?page=2&pageSize=2', { account });
      expect(page2.headers.get('total-records')).toBe('3');
      expect(page2.headers.get('total-pages')).toBe('2');
      expect(await page2.json()).toEqual([third]);
    });

    it('gets one install as the install answered it', async () => {
      const account = await newAccount();
      const installed = await install(account, 2, { Name: 'Readable', AuthValue: PIPEDRIVE_TOKEN });
      const reply = await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}`, { account });
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual(installed);
    });

    it('renames and describes an install with PUT, keeping its credential', async () => {
      const account = await newAccount();
      const installed = await install(account, 2, { Name: 'Old name', AuthValue: PIPEDRIVE_TOKEN });
      const reply = await patchbay.call('PUT', `/v1.0/account/connectors/${installed.Id}`, {
        account,
        body: { Name: 'New name', Description: 'Renamed' },
      });
      expect(reply.status).toBe(200);
      const expected = { ...installed, Name: 'New name', Description: 'Renamed' };
      expect(await reply.json()).toEqual(expected);
      expect(await (await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}`, { account })).json()).toEqual(expected);
      const call = await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account });
      expect(call.status).toBe(200);
    });

    it('authenticates an unauthenticated install when PUT gives an AuthValue', async () => {
      const account = await newAccount();
      const installed = await install(account, 2, { Name: 'Auth later' });
      await expectError(
        await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account }),
        409,
        'PB_ERR_NOT_AUTHENTICATED',
      );
      const reply = await patchbay.call('PUT', `/v1.0/account/connectors/${installed.Id}`, {
        account,
        body: { AuthValue: PIPEDRIVE_TOKEN },
      });
      expect(reply.status).toBe(200);
      expect(await reply.json()).toMatchObject({
        Id: installed.Id,
        Name: 'Auth later',
        Authenticated: true,
        AuthValue: expect.stringMatching(/oken$/),
      });
      const call = await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account });
      expect(call.status).toBe(200);
    });

    it('uses the new credential at once after PUT AuthValue replaces a wrong one', async () => {
      const account = await newAccount();
      // A token that worked at install and was revoked at Pipedrive since.
      pipedrive.addToken('revoked-later');
      const installed = await install(account, 2, { Name: 'Wrong key first', AuthValue: 'revoked-later' });
      pipedrive.revokeToken('revoked-later');
      const failing = await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account });
      expect(failing.status).toBe(502);
      expect(await failing.json()).toMatchObject({ Code: 'PB_ERR_UPSTREAM', Upstream: { Status: 401 } });

      const reply = await patchbay.call('PUT', `/v1.0/account/connectors/${installed.Id}`, {
        account,
        body: { AuthValue: PIPEDRIVE_TOKEN },
      });
      expect(reply.status).toBe(200);
      const working = await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account });
      expect(working.status).toBe(200);
    });

    it('answers 404 PB_ERR_NOT_FOUND for an unknown install id on get, put, delete, deauthenticate and calls', async () => {
      const account = await newAccount();
      const missing = 2_000_000_000;
      await expectError(await patchbay.call('GET', `/v1.0/account/connectors/${missing}`, { account }), 404, 'PB_ERR_NOT_FOUND');
      await expectError(
        await patchbay.call('PUT', `/v1.0/account/connectors/${missing}`, { account, body: { Name: 'x' } }),
        404,
        'PB_ERR_NOT_FOUND',
      );
      await expectError(await patchbay.call('DELETE', `/v1.0/account/connectors/${missing}`, { account }), 404, 'PB_ERR_NOT_FOUND');
      await expectError(
        await patchbay.call('PUT', `/v1.0/account/connectors/${missing}/deauthenticate`, { account }),
        404,
        'PB_ERR_NOT_FOUND',
      );
      await expectError(
        await patchbay.call('POST', `/v1.0/account/connectors/${missing}/methods/list-persons`, { account }),
        404,
        'PB_ERR_NOT_FOUND',
      );
    });
  });

  describe('deauthenticating and deleting', () => {
    it('deauthenticates: answers the Cyclr message, then Authenticated is false and calls answer 409 without calling out', async () => {
      const account = await newAccount();
      const installed = await install(account, 2, { Name: 'My Pipedrive', AuthValue: PIPEDRIVE_TOKEN });
      // A call first, so the install is cached.
      expect((await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account })).status).toBe(200);

      const reply = await patchbay.call('PUT', `/v1.0/account/connectors/${installed.Id}/deauthenticate`, { account });
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual({ Message: "Connector 'My Pipedrive' successfully de-authenticated." });

      const after = (await (await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}`, { account })).json()) as Installed;
      expect(after).toMatchObject({ Id: installed.Id, Authenticated: false, AuthValue: null });

      const before = pipedrive.requestCount;
      await expectError(
        await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account }),
        409,
        'PB_ERR_NOT_AUTHENTICATED',
      );
      await expectError(
        await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}/methods/get-person?id=1`, { account }),
        409,
        'PB_ERR_NOT_AUTHENTICATED',
      );
      await expectError(
        await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}/proxy/api/v2/persons`, { account }),
        409,
        'PB_ERR_NOT_AUTHENTICATED',
      );
      expect(pipedrive.requestCount).toBe(before);
    });

    it('can be authenticated again with PUT AuthValue after deauthenticating', async () => {
      const account = await newAccount();
      const installed = await install(account, 2, { Name: 'Again', AuthValue: PIPEDRIVE_TOKEN });
      expect((await patchbay.call('PUT', `/v1.0/account/connectors/${installed.Id}/deauthenticate`, { account })).status).toBe(200);
      const reply = await patchbay.call('PUT', `/v1.0/account/connectors/${installed.Id}`, {
        account,
        body: { AuthValue: PIPEDRIVE_TOKEN },
      });
      expect(await reply.json()).toMatchObject({ Authenticated: true });
      expect((await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account })).status).toBe(200);
    });

    it('deletes an install: 204, then 404 everywhere', async () => {
      const account = await newAccount();
      const installed = await install(account, 2, { Name: 'Short lived', AuthValue: PIPEDRIVE_TOKEN });
      expect((await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account })).status).toBe(200);

      const reply = await patchbay.call('DELETE', `/v1.0/account/connectors/${installed.Id}`, { account });
      expect(reply.status).toBe(204);
      expect(await reply.text()).toBe('');

      await expectError(await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}`, { account }), 404, 'PB_ERR_NOT_FOUND');
      await expectError(
        await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account }),
        404,
        'PB_ERR_NOT_FOUND',
      );
      await expectError(
        await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}/proxy/api/v2/persons`, { account }),
        404,
        'PB_ERR_NOT_FOUND',
      );
      await expectError(
        await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}/properties`, { account }),
        404,
        'PB_ERR_NOT_FOUND',
      );
      await expectError(await patchbay.call('DELETE', `/v1.0/account/connectors/${installed.Id}`, { account }), 404, 'PB_ERR_NOT_FOUND');
      expect(await (await patchbay.call('GET', '/v1.0/account/connectors', { account })).json()).toEqual([]);
    });
  });

  describe('account isolation', () => {
    /** Every way account B could reach install `id` of account A; none may succeed. */
    async function probeAsOtherAccount(id: number, as: { account?: string; token?: string }, secretName: string): Promise<void> {
      const attempts: [string, string, unknown?][] = [
        ['GET', `/v1.0/account/connectors/${id}`],
        ['PUT', `/v1.0/account/connectors/${id}`, { Name: 'Taken over' }],
        ['PUT', `/v1.0/account/connectors/${id}`, { AuthValue: 'attacker-token' }],
        ['PUT', `/v1.0/account/connectors/${id}/deauthenticate`],
        ['POST', `/v1.0/account/connectors/${id}/methods/list-persons`],
        ['POST', `/v1.0/account/connectors/${id}/methods/create-person`, { Fields: { name: 'Intruder' } }],
        ['GET', `/v1.0/account/connectors/${id}/methods/get-person?id=1`],
        ['GET', `/v1.0/account/connectors/${id}/proxy/api/v2/persons`],
        ['POST', `/v1.0/account/connectors/${id}/proxy/api/v2/persons`, { name: 'Intruder' }],
        ['GET', `/v1.0/account/connectors/${id}/properties`],
        ['POST', `/v1.0/account/connectors/${id}/properties`, { Name: 'Region', Value: 'zz' }],
        ['DELETE', `/v1.0/account/connectors/${id}`],
      ];
      for (const [method, url, body] of attempts) {
        const reply = await patchbay.call(method, url, { ...as, body });
        const text = await reply.text();
        expect({ method, url, status: reply.status }).toEqual({ method, url, status: 404 });
        expect(JSON.parse(text)).toEqual({ Message: expect.any(String), Code: 'PB_ERR_NOT_FOUND' });
        expect(text).not.toContain(secretName);
      }
    }

    it('never lets another account (partner token + header) read, change, call, proxy or delete an install, nor list it', async () => {
      const a = await newAccount();
      const b = await newAccount();
      const installed = await install(a, 2, { Name: 'A-private-install', AuthValue: PIPEDRIVE_TOKEN });
      // A uses it first, so it is cached.
      expect((await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account: a })).status).toBe(
        200,
      );
      const before = pipedrive.requestCount;

      await probeAsOtherAccount(installed.Id, { account: b }, 'A-private-install');

      expect(pipedrive.requestCount).toBe(before);
      const listB = await patchbay.call('GET', '/v1.0/account/connectors', { account: b });
      expect(await listB.json()).toEqual([]);
      expect(listB.headers.get('total-records')).toBe('0');
      // A's install is untouched.
      expect(await (await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}`, { account: a })).json()).toEqual(installed);
      expect((await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account: a })).status).toBe(
        200,
      );
    });

    it('never lets a token restricted to another account reach an install, cached or not', async () => {
      const a = await newAccount();
      const b = await newAccount();
      const installed = await install(a, 2, { Name: 'A-cold-install', AuthValue: PIPEDRIVE_TOKEN });
      const tokenB = await patchbay.restrictedToken(b);
      const before = pipedrive.requestCount;

      // Cold: nothing cached yet.
      await probeAsOtherAccount(installed.Id, { token: tokenB }, 'A-cold-install');
      // Warm: A calls it, then B tries again.
      expect((await patchbay.call('POST', `/v1.0/account/connectors/${installed.Id}/methods/list-persons`, { account: a })).status).toBe(
        200,
      );
      await probeAsOtherAccount(installed.Id, { token: tokenB }, 'A-cold-install');

      expect(pipedrive.requestCount).toBe(before + 1);
      expect(await (await patchbay.call('GET', '/v1.0/account/connectors', { token: tokenB })).json()).toEqual([]);
      expect(await (await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}`, { account: a })).json()).toEqual(installed);
    });

    it('shows each account only its own installs in its list', async () => {
      const a = await newAccount();
      const b = await newAccount();
      const ofA = await install(a, 2, { Name: 'Only A', AuthValue: PIPEDRIVE_TOKEN });
      const ofB = await install(b, 1, { Name: 'Only B', AuthValue: EXAMPLE_KEY });
      expect(await (await patchbay.call('GET', '/v1.0/account/connectors', { account: a })).json()).toEqual([ofA]);
      expect(await (await patchbay.call('GET', '/v1.0/account/connectors', { account: b })).json()).toEqual([ofB]);
      const tokenB = await patchbay.restrictedToken(b);
      expect(await (await patchbay.call('GET', '/v1.0/account/connectors', { token: tokenB })).json()).toEqual([ofB]);
    });

    it("never shows another account's property values", async () => {
      const a = await newAccount();
      const b = await newAccount();
      const installed = await install(a, 90, { Name: 'Regional A', AuthValue: EXAMPLE_KEY, Properties: [{ Name: 'Region', Value: 'qx' }] });
      const [region] = (await (
        await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}/properties`, { account: a })
      ).json()) as Property[];
      expect(region).toBeDefined();
      const paths = [
        ['GET', `/v1.0/account/connectors/${installed.Id}/properties/${region?.Id}`],
        ['PUT', `/v1.0/account/connectors/${installed.Id}/properties/${region?.Id}`],
        ['DELETE', `/v1.0/account/connectors/${installed.Id}/properties/${region?.Id}`],
      ] as const;
      for (const [method, url] of paths) {
        const reply = await patchbay.call(method, url, {
          account: b,
          body: method === 'PUT' ? { Name: 'Region', Value: 'zz' } : undefined,
        });
        await expectError(reply, 404, 'PB_ERR_NOT_FOUND');
      }
      const still = await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}/properties/${region?.Id}`, { account: a });
      expect(await still.json()).toEqual(region);
    });
  });

  describe('account properties', () => {
    const propertiesUrl = (id: number) => `/v1.0/account/connectors/${id}/properties`;

    it('lists the declared account properties in the catalogue entry of the connector', async () => {
      const reply = await patchbay.call('GET', '/v1.0/connectors/90');
      expect(reply.status).toBe(200);
      const connector = (await reply.json()) as { Parameters: Record<string, unknown>[] };
      expect(connector.Parameters).toEqual([
        expect.objectContaining({ Name: 'Region', IsOptional: false, IsSensitive: false, IsAccountConnectorProperty: true }),
        expect.objectContaining({ Name: 'Secret', IsOptional: true, IsSensitive: true, IsAccountConnectorProperty: true }),
      ]);
    });

    it('refuses an install without a required property with 400 naming it, and installs nothing', async () => {
      const account = await newAccount();
      const body = await expectError(
        await patchbay.call('POST', '/v1.0/connectors/90/install', { account, body: { Name: 'No region', AuthValue: EXAMPLE_KEY } }),
        400,
        'PB_ERR_BAD_REQUEST',
      );
      expect(body.Message).toContain('Region');
      expect(await (await patchbay.call('GET', '/v1.0/account/connectors', { account })).json()).toEqual([]);
    });

    it('refuses an install whose property does not match its pattern with 400', async () => {
      const account = await newAccount();
      for (const Value of ['EU', 'eur', 'e', '12', '']) {
        await expectError(
          await patchbay.call('POST', '/v1.0/connectors/90/install', {
            account,
            body: { Name: 'Bad region', AuthValue: EXAMPLE_KEY, Properties: [{ Name: 'Region', Value }] },
          }),
          400,
          'PB_ERR_BAD_REQUEST',
        );
      }
      expect(await (await patchbay.call('GET', '/v1.0/account/connectors', { account })).json()).toEqual([]);
    });

    it('refuses an install with an unknown or repeated property with 400', async () => {
      const account = await newAccount();
      const refused: [connector: number, body: Record<string, unknown>][] = [
        [
          90,
          {
            Name: 'Unknown',
            Properties: [
              { Name: 'Region', Value: 'eu' },
              { Name: 'Colour', Value: 'red' },
            ],
          },
        ],
        [
          90,
          {
            Name: 'Twice',
            Properties: [
              { Name: 'Region', Value: 'eu' },
              { Name: 'Region', Value: 'us' },
            ],
          },
        ],
        [2, { Name: 'Pipedrive has none', Properties: [{ Name: 'Region', Value: 'eu' }] }],
      ];
      for (const [connector, body] of refused) {
        await expectError(
          await patchbay.call('POST', `/v1.0/connectors/${connector}/install`, { account, body }),
          400,
          'PB_ERR_BAD_REQUEST',
        );
      }
      expect(await (await patchbay.call('GET', '/v1.0/account/connectors', { account })).json()).toEqual([]);
    });

    it('lists the properties given at install, with the sensitive value masked', async () => {
      const account = await newAccount();
      const secret = `very-secret-${randomUUID()}`;
      const installed = await install(account, 90, {
        Name: 'Regional',
        AuthValue: EXAMPLE_KEY,
        Properties: [
          { Name: 'Region', Value: 'eu' },
          { Name: 'Secret', Value: secret },
        ],
      });
      const reply = await patchbay.call('GET', propertiesUrl(installed.Id), { account });
      expect(reply.status).toBe(200);
      const text = await reply.text();
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(0, 12));
      const properties = JSON.parse(text) as Property[];
      expect(properties).toEqual([
        { Id: expect.any(Number), Name: 'Region', Value: 'eu', AccountConnectorId: installed.Id },
        { Id: expect.any(Number), Name: 'Secret', Value: expect.any(String), AccountConnectorId: installed.Id },
      ]);
      expect(properties[1]?.Value).not.toBe(secret);
      // Masked like a credential's hint: from the value itself (its last four characters), not from the name.
      expect(properties[1]?.Value).toBe(`************${secret.slice(-4)}`);

      const one = await patchbay.call('GET', `${propertiesUrl(installed.Id)}/${properties[0]?.Id}`, { account });
      expect(one.status).toBe(200);
      expect(await one.json()).toEqual(properties[0]);
      const sensitive = await patchbay.call('GET', `${propertiesUrl(installed.Id)}/${properties[1]?.Id}`, { account });
      expect(await sensitive.text()).not.toContain(secret);
      expect(
        JSON.stringify(await (await patchbay.call('GET', `/v1.0/account/connectors/${installed.Id}`, { account })).json()),
      ).not.toContain(secret);
    });

    it('adds a property with POST, and answers 409 PB_ERR_CONFLICT when the name is already set', async () => {
      const account = await newAccount();
      const installed = await install(account, 90, { Name: 'Regional', Properties: [{ Name: 'Region', Value: 'eu' }] });
      const secret = `added-secret-${randomUUID()}`;
      const reply = await patchbay.call('POST', propertiesUrl(installed.Id), { account, body: { Name: 'Secret', Value: secret } });
      expect(reply.status).toBe(200);
      const text = await reply.text();
      expect(text).not.toContain(secret);
      expect(JSON.parse(text)).toEqual({
        Id: expect.any(Number),
        Name: 'Secret',
        Value: expect.any(String),
        AccountConnectorId: installed.Id,
      });

      await expectError(
        await patchbay.call('POST', propertiesUrl(installed.Id), { account, body: { Name: 'Secret', Value: 'other' } }),
        409,
        'PB_ERR_CONFLICT',
      );
      await expectError(
        await patchbay.call('POST', propertiesUrl(installed.Id), { account, body: { Name: 'Region', Value: 'us' } }),
        409,
        'PB_ERR_CONFLICT',
      );
      const list = (await (await patchbay.call('GET', propertiesUrl(installed.Id), { account })).json()) as Property[];
      expect(list.map((p) => [p.Name, p.Name === 'Region' ? p.Value : 'masked'])).toEqual([
        ['Region', 'eu'],
        ['Secret', 'masked'],
      ]);
    });

    it('refuses POST of an unknown property, or of a value off its pattern, with 400', async () => {
      const account = await newAccount();
      const installed = await install(account, 90, { Name: 'Regional', Properties: [{ Name: 'Region', Value: 'eu' }] });
      await expectError(
        await patchbay.call('POST', propertiesUrl(installed.Id), { account, body: { Name: 'Colour', Value: 'red' } }),
        400,
        'PB_ERR_BAD_REQUEST',
      );
      await expectError(
        await patchbay.call('POST', propertiesUrl(installed.Id), { account, body: { Name: 'Region', Value: 'USA' } }),
        400,
        'PB_ERR_BAD_REQUEST',
      );
      expect((await (await patchbay.call('GET', propertiesUrl(installed.Id), { account })).json()) as Property[]).toHaveLength(1);
    });

    it('changes a property with PUT, checking its pattern and refusing a change of name', async () => {
      const account = await newAccount();
      const installed = await install(account, 90, { Name: 'Regional', Properties: [{ Name: 'Region', Value: 'eu' }] });
      const [region] = (await (await patchbay.call('GET', propertiesUrl(installed.Id), { account })).json()) as Property[];
      const url = `${propertiesUrl(installed.Id)}/${region?.Id}`;

      const reply = await patchbay.call('PUT', url, { account, body: { Name: 'Region', Value: 'us' } });
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual({ Id: region?.Id, Name: 'Region', Value: 'us', AccountConnectorId: installed.Id });

      await expectError(await patchbay.call('PUT', url, { account, body: { Name: 'Region', Value: 'USA' } }), 400, 'PB_ERR_BAD_REQUEST');
      await expectError(await patchbay.call('PUT', url, { account, body: { Name: 'Secret', Value: 'x' } }), 400, 'PB_ERR_BAD_REQUEST');
      expect(await (await patchbay.call('GET', url, { account })).json()).toMatchObject({ Name: 'Region', Value: 'us' });
    });

    it('changes a sensitive property with PUT without echoing the new value', async () => {
      const account = await newAccount();
      const installed = await install(account, 90, {
        Name: 'Regional',
        Properties: [
          { Name: 'Region', Value: 'eu' },
          { Name: 'Secret', Value: 'first-secret-value' },
        ],
      });
      const list = (await (await patchbay.call('GET', propertiesUrl(installed.Id), { account })).json()) as Property[];
      const secretProperty = list.find((p) => p.Name === 'Secret');
      const fresh = `second-secret-${randomUUID()}`;
      const reply = await patchbay.call('PUT', `${propertiesUrl(installed.Id)}/${secretProperty?.Id}`, {
        account,
        body: { Name: 'Secret', Value: fresh },
      });
      expect(reply.status).toBe(200);
      const text = await reply.text();
      expect(text).not.toContain(fresh);
      expect(JSON.parse(text)).toMatchObject({ Id: secretProperty?.Id, Name: 'Secret', AccountConnectorId: installed.Id });
    });

    it('deletes an optional property (then 404) but refuses to delete the required one with 400', async () => {
      const account = await newAccount();
      const installed = await install(account, 90, {
        Name: 'Regional',
        Properties: [
          { Name: 'Region', Value: 'eu' },
          { Name: 'Secret', Value: 'deletable-secret' },
        ],
      });
      const list = (await (await patchbay.call('GET', propertiesUrl(installed.Id), { account })).json()) as Property[];
      const region = list.find((p) => p.Name === 'Region');
      const secret = list.find((p) => p.Name === 'Secret');

      await expectError(
        await patchbay.call('DELETE', `${propertiesUrl(installed.Id)}/${region?.Id}`, { account }),
        400,
        'PB_ERR_BAD_REQUEST',
      );
      const deleted = await patchbay.call('DELETE', `${propertiesUrl(installed.Id)}/${secret?.Id}`, { account });
      expect(deleted.status).toBe(204);
      await expectError(await patchbay.call('GET', `${propertiesUrl(installed.Id)}/${secret?.Id}`, { account }), 404, 'PB_ERR_NOT_FOUND');
      await expectError(
        await patchbay.call('DELETE', `${propertiesUrl(installed.Id)}/${secret?.Id}`, { account }),
        404,
        'PB_ERR_NOT_FOUND',
      );
      expect(await (await patchbay.call('GET', propertiesUrl(installed.Id), { account })).json()).toEqual([region]);
    });

    it('answers 404 for a property id that belongs to another install of the same account', async () => {
      const account = await newAccount();
      const first = await install(account, 90, { Name: 'First', Properties: [{ Name: 'Region', Value: 'eu' }] });
      const second = await install(account, 90, { Name: 'Second', Properties: [{ Name: 'Region', Value: 'us' }] });
      const [region] = (await (await patchbay.call('GET', propertiesUrl(first.Id), { account })).json()) as Property[];
      await expectError(await patchbay.call('GET', `${propertiesUrl(second.Id)}/${region?.Id}`, { account }), 404, 'PB_ERR_NOT_FOUND');
      await expectError(
        await patchbay.call('PUT', `${propertiesUrl(second.Id)}/${region?.Id}`, { account, body: { Name: 'Region', Value: 'zz' } }),
        404,
        'PB_ERR_NOT_FOUND',
      );
      expect(await (await patchbay.call('GET', `${propertiesUrl(first.Id)}/${region?.Id}`, { account })).json()).toEqual(region);
    });

    it('lists no properties for an install of a connector without any', async () => {
      const account = await newAccount();
      const installed = await install(account, 2, { Name: 'Plain', AuthValue: PIPEDRIVE_TOKEN });
      const reply = await patchbay.call('GET', propertiesUrl(installed.Id), { account });
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual([]);
    });
  });
});
