import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { overrides, type Patchbay, startPatchbay } from './support/harness.js';
import { apiKeyConnector, BASIC_CONNECTOR, connectorsFolder } from './support/test-connectors.js';

const PIPEDRIVE_TOKEN = 'pipedrive-test-token';

/** A bad request: what is sent and the status and code it must get. */
interface Case {
  label: string;
  method: string;
  url: string;
  /** Sent verbatim (strings) or as JSON. */
  body?: unknown;
  contentType?: string;
  status: number;
  code: string;
}

/** A connector one of whose parameters is sent as a header. */
const TAGGED_CONNECTOR = apiKeyConnector({
  id: 92,
  slug: 'tagged',
  baseUrl: 'https://api.tagged.test/v1',
  keyIn: 'header',
  keyName: 'X-Api-Key',
  parameters: ['{ Name: X-Tag, In: header, Type: string }'],
});

/** `{"Fields":{"name":"x","deep":[[...]]}}` nesting objects and arrays `depth` levels deep in all. */
const nested = (depth: number) => `{"Fields":{"name":"x","deep":${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}}}`;

const TWO_MB = 2 * 1024 * 1024;
const long = (n: number) => 'x'.repeat(n);

/** Every common way a JSON body can be wrong; each must be a 4xx with a code, never a 500. */
function malformedBodies(method: string, url: string): Case[] {
  return [
    { label: 'invalid JSON', method, url, body: '{"Name":', status: 400, code: 'PB_ERR_BAD_REQUEST' },
    { label: 'JSON array', method, url, body: '[]', status: 400, code: 'PB_ERR_BAD_REQUEST' },
    { label: 'JSON string', method, url, body: '"Name"', status: 400, code: 'PB_ERR_BAD_REQUEST' },
    { label: 'JSON number', method, url, body: '42', status: 400, code: 'PB_ERR_BAD_REQUEST' },
    { label: 'empty body with a JSON content type', method, url, body: '', status: 400, code: 'PB_ERR_BAD_REQUEST' },
    {
      label: 'unknown content type',
      method,
      url,
      body: '<Name>x</Name>',
      contentType: 'application/xml',
      status: 415,
      code: 'PB_ERR_UNSUPPORTED_MEDIA_TYPE',
    },
    {
      label: '2 MB body',
      method,
      url,
      body: JSON.stringify({ Name: long(TWO_MB) }),
      status: 413,
      code: 'PB_ERR_PAYLOAD_TOO_LARGE',
    },
  ];
}

describe('bad input answers 4xx {Message, Code}, never 500', () => {
  let pipedrive: PipedriveSimulator;
  let patchbay: Patchbay;
  let connectorsDir: string;
  let account: string;
  let installId: number;
  let basicInstallId: number;

  beforeAll(async () => {
    pipedrive = await startPipedriveSimulator();
    connectorsDir = connectorsFolder({ 'basic.yaml': BASIC_CONNECTOR(), 'tagged.yaml': TAGGED_CONNECTOR });
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.pipedrive.com': pipedrive.url, 'https://api.tagged.test': pipedrive.url }),
      PATCHBAY_CONNECTORS_DIR: connectorsDir,
    });
    account = `bad-input-${randomUUID()}`;
    expect((await patchbay.call('POST', '/v1.0/accounts', { body: { Id: account, Name: 'Bad input' } })).status).toBe(200);
    const installed = await patchbay.call('POST', '/v1.0/connectors/2/install', {
      account,
      body: { Name: 'Pipedrive', AuthValue: PIPEDRIVE_TOKEN },
    });
    expect(installed.status).toBe(200);
    installId = ((await installed.json()) as { Id: number }).Id;
    const basic = await patchbay.call('POST', '/v1.0/connectors/91/install', {
      account,
      body: { Name: 'Basic', AuthValue: Buffer.from('user:password').toString('base64') },
    });
    expect(basic.status).toBe(200);
    basicInstallId = ((await basic.json()) as { Id: number }).Id;
  });
  afterAll(async () => {
    await patchbay?.close();
    await pipedrive?.close();
    rmSync(connectorsDir, { recursive: true, force: true });
  });

  async function send(c: Case): Promise<void> {
    const headers: Record<string, string> = {};
    if (c.contentType !== undefined) headers['content-type'] = c.contentType;
    const reply = await patchbay.call(c.method, c.url, { account, body: c.body, headers });
    const text = await reply.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Left as text so the failure shows it.
    }
    expect({ case: c.label, status: reply.status, body }).toEqual({
      case: c.label,
      status: c.status,
      body: { Message: expect.any(String), Code: c.code },
    });
  }

  async function sendAll(cases: Case[]): Promise<void> {
    for (const c of cases) await send(c);
  }

  async function installs(): Promise<unknown> {
    const reply = await patchbay.call('GET', '/v1.0/account/connectors', { account });
    expect(reply.status).toBe(200);
    return reply.json();
  }

  describe('POST /oauth/token', () => {
    const url = '/oauth/token';
    it('refuses malformed bodies', async () => {
      await sendAll(malformedBodies('POST', url));
    });

    it('refuses over-long and wrongly typed values with 400', async () => {
      await sendAll([
        {
          label: 'client_id over 200 characters',
          method: 'POST',
          url,
          body: { grant_type: 'client_credentials', client_id: long(201), client_secret: 'x' },
          status: 400,
          code: 'PB_ERR_BAD_REQUEST',
        },
        {
          label: 'client_secret over 500 characters',
          method: 'POST',
          url,
          body: { grant_type: 'client_credentials', client_id: 'x', client_secret: long(501) },
          status: 400,
          code: 'PB_ERR_BAD_REQUEST',
        },
        {
          label: 'grant_type an object',
          method: 'POST',
          url,
          body: { grant_type: { value: 'client_credentials' } },
          status: 400,
          code: 'PB_ERR_BAD_REQUEST',
        },
      ]);
    });

    it('refuses a Basic header whose id is not form-encoded as an invalid client, not a fault', async () => {
      const reply = await fetch(`${patchbay.url}${url}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from('abc%:x').toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      });
      expect(reply.status).toBe(401);
      expect(await reply.json()).toEqual({ Message: expect.any(String), Code: 'PB_ERR_INVALID_CLIENT' });
    });

    it('refuses a Basic header that is not base64 of id:secret as an invalid client', async () => {
      const reply = await fetch(`${patchbay.url}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic !!!not-base64!!!' },
        body: 'grant_type=client_credentials',
      });
      expect(reply.status).toBe(401);
      expect(await reply.json()).toEqual({ Message: expect.any(String), Code: 'PB_ERR_INVALID_CLIENT' });
    });
  });

  describe('POST /v1.0/accounts', () => {
    const url = '/v1.0/accounts';
    it('refuses malformed bodies', async () => {
      await sendAll(malformedBodies('POST', url));
    });

    it('refuses a missing Name, wrong types and over-long strings with 400', async () => {
      const bad = (label: string, body: unknown): Case => ({ label, method: 'POST', url, body, status: 400, code: 'PB_ERR_BAD_REQUEST' });
      await sendAll([
        bad('missing Name', { Id: `x-${randomUUID()}` }),
        bad('empty Name', { Name: '' }),
        bad('Name an object', { Name: { first: 'Acme' } }),
        bad('Name a number', { Name: 123 }),
        bad('Name a boolean', { Name: true }),
        bad('Name an array', { Name: ['Acme'] }),
        bad('Id an object', { Id: { id: 1 }, Name: 'Acme' }),
        bad('Description an object', { Name: 'Acme', Description: { text: 'x' } }),
        bad('Name over 200 characters', { Name: long(201) }),
        bad('Id over 100 characters', { Id: long(101), Name: 'Acme' }),
        bad('Description over 2000 characters', { Name: 'Acme', Description: long(2001) }),
        bad('Timezone over 100 characters', { Name: 'Acme', Timezone: long(101) }),
      ]);
    });
  });

  describe('PUT /v1.0/accounts/{id}', () => {
    it('refuses malformed bodies', async () => {
      await sendAll(malformedBodies('PUT', `/v1.0/accounts/${account}`));
    });

    it('refuses wrong types and over-long strings with 400 and leaves the account unchanged', async () => {
      const url = `/v1.0/accounts/${account}`;
      const bad = (label: string, body: unknown): Case => ({ label, method: 'PUT', url, body, status: 400, code: 'PB_ERR_BAD_REQUEST' });
      await sendAll([
        bad('empty Name', { Name: '' }),
        bad('Name an object', { Name: { first: 'Acme' } }),
        bad('Name over 200 characters', { Name: long(201) }),
        bad('Description over 2000 characters', { Description: long(2001) }),
        bad('bad Timezone', { Timezone: 'Nowhere/Special' }),
      ]);
      await send({
        label: 'account id over 100 characters in the path',
        method: 'PUT',
        url: `/v1.0/accounts/${long(101)}`,
        body: { Name: 'x' },
        status: 400,
        code: 'PB_ERR_BAD_REQUEST',
      });
      const reply = await patchbay.call('GET', url);
      expect(await reply.json()).toMatchObject({ Id: account, Name: 'Bad input' });
    });
  });

  describe('POST /v1.0/connectors/{id}/install', () => {
    it('refuses malformed bodies and bad values without writing anything', async () => {
      const before = await installs();
      const url = '/v1.0/connectors/2/install';
      const bad = (label: string, body: unknown): Case => ({ label, method: 'POST', url, body, status: 400, code: 'PB_ERR_BAD_REQUEST' });
      await sendAll([
        ...malformedBodies('POST', url),
        bad('missing Name', { AuthValue: PIPEDRIVE_TOKEN }),
        bad('empty Name', { Name: '', AuthValue: PIPEDRIVE_TOKEN }),
        bad('Name an object', { Name: { n: 1 }, AuthValue: PIPEDRIVE_TOKEN }),
        bad('Name over 200 characters', { Name: long(201), AuthValue: PIPEDRIVE_TOKEN }),
        bad('Description over 2000 characters', { Name: 'x', Description: long(2001) }),
        bad('AuthValue an object', { Name: 'x', AuthValue: { key: PIPEDRIVE_TOKEN } }),
        bad('AuthValue over 20000 characters', { Name: 'x', AuthValue: long(20_001) }),
        bad('API key with a line break', { Name: 'x', AuthValue: 'abc\r\nX-Injected: 1' }),
        bad('API key of blanks', { Name: 'x', AuthValue: '   ' }),
        bad('Properties not an array', { Name: 'x', Properties: { Region: 'eu' } }),
        bad('property without Value', { Name: 'x', Properties: [{ Name: 'Region' }] }),
        bad('property with an empty Name', { Name: 'x', Properties: [{ Name: '', Value: 'v' }] }),
        bad('property the connector does not have', { Name: 'x', Properties: [{ Name: 'Region', Value: 'eu' }] }),
        bad('over 100 properties', { Name: 'x', Properties: Array.from({ length: 101 }, (_, i) => ({ Name: `P${i}`, Value: 'v' })) }),
      ]);
      await send({
        label: 'unknown connector',
        method: 'POST',
        url: '/v1.0/connectors/424242/install',
        body: { Name: 'x' },
        status: 404,
        code: 'PB_ERR_NOT_FOUND',
      });
      expect(await installs()).toEqual(before);
    });

    it('refuses a Basic AuthValue that is not base64 of username:password with 400, writing nothing', async () => {
      const before = await installs();
      const url = '/v1.0/connectors/91/install';
      const bad = (label: string, AuthValue: string): Case => ({
        label,
        method: 'POST',
        url,
        body: { Name: 'Basic', AuthValue },
        status: 400,
        code: 'PB_ERR_BAD_REQUEST',
      });
      await sendAll([
        bad('plain user:pass, not base64', 'user:pass'),
        bad('not base64 at all', '%%% not base64 %%%'),
        bad('base64 without a colon', Buffer.from('userpass').toString('base64')),
        bad('base64 with an empty user name', Buffer.from(':pass').toString('base64')),
        bad('base64 with bad padding', 'dXNlcjpwYXNz='),
      ]);
      expect(await installs()).toEqual(before);
    });

    it('refuses a bad Basic AuthValue on PUT with 400 and keeps the working credential', async () => {
      const url = `/v1.0/account/connectors/${basicInstallId}`;
      const before = await (await patchbay.call('GET', url, { account })).json();
      await send({
        label: 'PUT Basic not base64',
        method: 'PUT',
        url,
        body: { AuthValue: 'user:pass' },
        status: 400,
        code: 'PB_ERR_BAD_REQUEST',
      });
      expect(await (await patchbay.call('GET', url, { account })).json()).toEqual(before);
    });
  });

  describe('PUT /v1.0/account/connectors/{id}', () => {
    it('refuses malformed bodies and bad values, leaving the install unchanged', async () => {
      const url = `/v1.0/account/connectors/${installId}`;
      const before = await (await patchbay.call('GET', url, { account })).json();
      const bad = (label: string, body: unknown): Case => ({ label, method: 'PUT', url, body, status: 400, code: 'PB_ERR_BAD_REQUEST' });
      await sendAll([
        ...malformedBodies('PUT', url),
        bad('empty Name', { Name: '' }),
        bad('Name an object', { Name: {} }),
        bad('Name over 200 characters', { Name: long(201) }),
        bad('empty AuthValue', { AuthValue: '' }),
        bad('AuthValue over 20000 characters', { AuthValue: long(20_001) }),
        bad('API key with a line break', { AuthValue: 'a\nb' }),
      ]);
      expect(await (await patchbay.call('GET', url, { account })).json()).toEqual(before);
    });
  });

  describe('account connector properties', () => {
    it('refuses malformed bodies and bad values on POST and PUT', async () => {
      const url = `/v1.0/account/connectors/${installId}/properties`;
      const bad = (label: string, method: string, u: string, body: unknown): Case => ({
        label,
        method,
        url: u,
        body,
        status: 400,
        code: 'PB_ERR_BAD_REQUEST',
      });
      await sendAll([
        ...malformedBodies('POST', url),
        bad('missing Value', 'POST', url, { Name: 'Region' }),
        bad('missing Name', 'POST', url, { Value: 'eu' }),
        bad('empty Name', 'POST', url, { Name: '', Value: 'eu' }),
        bad('Value an object', 'POST', url, { Name: 'Region', Value: { v: 1 } }),
        bad('Value over 10000 characters', 'POST', url, { Name: 'Region', Value: long(10_001) }),
        bad('a property the connector does not declare', 'POST', url, { Name: 'Region', Value: 'eu' }),
        bad('non-integer property id', 'PUT', `${url}/abc`, { Name: 'Region', Value: 'eu' }),
        bad('non-integer property id on GET', 'GET', `${url}/1.5`, undefined),
      ]);
      await send({ label: 'unknown property id', method: 'GET', url: `${url}/999999`, status: 404, code: 'PB_ERR_NOT_FOUND' });
      expect(await (await patchbay.call('GET', url, { account })).json()).toEqual([]);
    });
  });

  describe('ids in the path', () => {
    it('refuses an account connector id that is not a positive 32-bit integer with 400', async () => {
      const cases: Case[] = [];
      for (const id of ['abc', '0', '-1', '1.5', '99999999999', '1e3x']) {
        cases.push(
          { label: `GET ${id}`, method: 'GET', url: `/v1.0/account/connectors/${id}`, status: 400, code: 'PB_ERR_BAD_REQUEST' },
          {
            label: `PUT ${id}`,
            method: 'PUT',
            url: `/v1.0/account/connectors/${id}`,
            body: { Name: 'x' },
            status: 400,
            code: 'PB_ERR_BAD_REQUEST',
          },
          { label: `DELETE ${id}`, method: 'DELETE', url: `/v1.0/account/connectors/${id}`, status: 400, code: 'PB_ERR_BAD_REQUEST' },
          {
            label: `deauthenticate ${id}`,
            method: 'PUT',
            url: `/v1.0/account/connectors/${id}/deauthenticate`,
            status: 400,
            code: 'PB_ERR_BAD_REQUEST',
          },
          {
            label: `method call ${id}`,
            method: 'POST',
            url: `/v1.0/account/connectors/${id}/methods/list-persons`,
            status: 400,
            code: 'PB_ERR_BAD_REQUEST',
          },
          {
            label: `proxy ${id}`,
            method: 'GET',
            url: `/v1.0/account/connectors/${id}/proxy/api/v2/persons`,
            status: 400,
            code: 'PB_ERR_BAD_REQUEST',
          },
          {
            label: `properties ${id}`,
            method: 'GET',
            url: `/v1.0/account/connectors/${id}/properties`,
            status: 400,
            code: 'PB_ERR_BAD_REQUEST',
          },
        );
      }
      await sendAll(cases);
    });

    it('answers 404 PB_ERR_NOT_FOUND for an unknown method id', async () => {
      const before = pipedrive.requestCount;
      await sendAll([
        {
          label: 'POST unknown method',
          method: 'POST',
          url: `/v1.0/account/connectors/${installId}/methods/no-such-method`,
          status: 404,
          code: 'PB_ERR_NOT_FOUND',
        },
        {
          label: 'GET unknown method',
          method: 'GET',
          url: `/v1.0/account/connectors/${installId}/methods/no-such-method`,
          status: 404,
          code: 'PB_ERR_NOT_FOUND',
        },
        {
          label: 'unknown MethodUniqueIdentifier',
          method: 'POST',
          url: `/v1.0/account/connectors/${installId}/methods/${randomUUID()}`,
          status: 404,
          code: 'PB_ERR_NOT_FOUND',
        },
        {
          label: 'method of another connector',
          method: 'POST',
          url: `/v1.0/account/connectors/${installId}/methods/get-me`,
          status: 404,
          code: 'PB_ERR_NOT_FOUND',
        },
      ]);
      expect(pipedrive.requestCount).toBe(before);
    });

    it('answers 404 PB_ERR_NOT_FOUND for an unknown connector in the catalogue routes', async () => {
      await sendAll([
        { label: 'connector', method: 'GET', url: '/v1.0/connectors/999', status: 404, code: 'PB_ERR_NOT_FOUND' },
        { label: 'connector methods', method: 'GET', url: '/v1.0/connectors/nothing/methods', status: 404, code: 'PB_ERR_NOT_FOUND' },
      ]);
    });
  });

  describe('unknown routes', () => {
    it('answers 400 in the usual error shape for a URL that cannot be decoded', async () => {
      for (const url of ['/v1.0/connectors/%', '/v1.0/connectors/%E0%A4%A']) {
        const reply = await patchbay.call('GET', url);
        expect(reply.status, url).toBe(400);
        expect(await reply.json(), url).toEqual({ Message: expect.any(String), Code: 'PB_ERR_BAD_REQUEST' });
      }
    });

    it('answers 404 PB_ERR_NOT_FOUND for paths and methods no route serves', async () => {
      await sendAll([
        { label: 'unknown path', method: 'GET', url: '/v1.0/nothing-here', status: 404, code: 'PB_ERR_NOT_FOUND' },
        { label: 'unknown version', method: 'GET', url: '/v2.0/accounts', status: 404, code: 'PB_ERR_NOT_FOUND' },
        { label: 'root', method: 'GET', url: '/', status: 404, code: 'PB_ERR_NOT_FOUND' },
        {
          label: 'POST to an unknown path with a body',
          method: 'POST',
          url: '/v1.0/nothing',
          body: { a: 1 },
          status: 404,
          code: 'PB_ERR_NOT_FOUND',
        },
        {
          label: 'unknown account connector sub-route',
          method: 'GET',
          url: `/v1.0/account/connectors/${installId}/nothing`,
          status: 404,
          code: 'PB_ERR_NOT_FOUND',
        },
      ]);
    });

    it('answers a 4xx with a code for an HTTP method a route does not take', async () => {
      for (const [method, url] of [
        ['DELETE', '/v1.0/connectors'],
        ['PATCH', '/v1.0/accounts'],
      ] as const) {
        const reply = await patchbay.call(method, url);
        expect(reply.status).toBeGreaterThanOrEqual(400);
        expect(reply.status).toBeLessThan(500);
        expect(await reply.json()).toEqual({ Message: expect.any(String), Code: expect.stringMatching(/^PB_ERR_/) });
      }
    });
  });

  describe('requests the HTTP parser refuses', () => {
    /** Writes raw bytes on a connection of its own and reads all that comes back until the server closes it. */
    function raw(bytes: string): Promise<string> {
      const { hostname, port } = new URL(patchbay.url);
      return new Promise((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => socket.end(bytes));
        let answer = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => {
          answer += chunk;
        });
        socket.on('error', reject);
        socket.on('close', () => resolve(answer));
      });
    }

    function parse(answer: string): { status: number; headers: string; body: unknown } {
      const split = answer.indexOf('\r\n\r\n');
      const head = answer.slice(0, split);
      return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: JSON.parse(answer.slice(split + 4)) };
    }

    it('answers a request that is not well-formed HTTP with 400 {Message, Code} and closes the connection', async () => {
      for (const bytes of [
        'NOT HTTP AT ALL\r\n\r\n',
        'GET /healthz HTTP/1.1\r\nHost: localhost\r\nA header without a colon\r\n\r\n',
        'POST /v1.0/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}',
      ]) {
        const answer = parse(await raw(bytes));
        expect({ bytes, status: answer.status, body: answer.body }).toEqual({
          bytes,
          status: 400,
          body: { Message: 'The request is not well-formed HTTP/1.1', Code: 'PB_ERR_BAD_REQUEST' },
        });
        expect(answer.headers).toContain('content-type: application/json');
        expect(answer.headers).toContain('connection: close');
      }
    });

    it('answers 431 PB_ERR_HEADERS_TOO_LARGE for headers, or a URL, over the size limit', async () => {
      for (const [label, bytes] of [
        ['a long header', `GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${long(20_000)}\r\n\r\n`],
        ['a long URL', `GET /v1.0/accounts?q=${long(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`],
      ]) {
        const answer = parse(await raw(bytes as string));
        expect({ label, status: answer.status, body: answer.body }).toEqual({
          label,
          status: 431,
          body: { Message: 'The request line and headers are over 16 KB together', Code: 'PB_ERR_HEADERS_TOO_LARGE' },
        });
      }
      expect((await patchbay.call('GET', '/healthz')).status).toBe(200);
    });
  });

  describe('method call input, checked before anything reaches the third party', () => {
    const methodUrl = (method: string) => `/v1.0/account/connectors/${installId}/methods/${method}`;

    it('refuses malformed call bodies', async () => {
      const before = pipedrive.requestCount;
      const url = methodUrl('list-persons');
      const bad = (label: string, body: unknown): Case => ({ label, method: 'POST', url, body, status: 400, code: 'PB_ERR_BAD_REQUEST' });
      await sendAll([
        ...malformedBodies('POST', url),
        bad('Parameters an array', { Parameters: [1, 2] }),
        bad('Parameters a number', { Parameters: 5 }),
        bad('Fields a string', { Fields: 'name=x' }),
        bad('AllPages not a boolean', { AllPages: 'sometimes' }),
      ]);
      expect(pipedrive.requestCount).toBe(before);
    });

    it('refuses a Parameter the method does not declare with 400', async () => {
      const before = pipedrive.requestCount;
      await sendAll([
        {
          label: 'unknown parameter (POST)',
          method: 'POST',
          url: methodUrl('list-persons'),
          body: { Parameters: { api_token: 'other-token' } },
          status: 400,
          code: 'PB_ERR_BAD_REQUEST',
        },
        {
          label: 'unknown parameter (GET query)',
          method: 'GET',
          url: `${methodUrl('list-persons')}?colour=red`,
          status: 400,
          code: 'PB_ERR_BAD_REQUEST',
        },
      ]);
      expect(pipedrive.requestCount).toBe(before);
    });

    it('refuses an id that is not an integer, and a missing required id, with 400', async () => {
      const before = pipedrive.requestCount;
      const bad = (label: string, method: string, url: string, body?: unknown): Case => ({
        label,
        method,
        url,
        body,
        status: 400,
        code: 'PB_ERR_BAD_REQUEST',
      });
      await sendAll([
        bad('id a word', 'POST', methodUrl('get-person'), { Parameters: { id: 'abc' } }),
        bad('id a fraction', 'POST', methodUrl('get-person'), { Parameters: { id: 1.5 } }),
        bad('id an object', 'POST', methodUrl('get-person'), { Parameters: { id: { id: 1 } } }),
        bad('id a path segment', 'POST', methodUrl('get-person'), { Parameters: { id: '1/../../users' } }),
        bad('id a word in the query', 'GET', `${methodUrl('get-person')}?id=abc`),
        bad('id missing', 'POST', methodUrl('get-person'), { Parameters: {} }),
        bad('id missing in the query', 'GET', methodUrl('get-person')),
        bad('limit a word', 'POST', methodUrl('list-persons'), { Parameters: { limit: 'many' } }),
      ]);
      expect(pipedrive.requestCount).toBe(before);
    });

    it('refuses create-person without its required name Field, or with a wrongly typed Field, with 400', async () => {
      const before = pipedrive.requestCount;
      const persons = pipedrive.items('persons').length;
      const bad = (label: string, body: unknown): Case => ({
        label,
        method: 'POST',
        url: methodUrl('create-person'),
        body,
        status: 400,
        code: 'PB_ERR_BAD_REQUEST',
      });
      await sendAll([
        bad('no Fields', {}),
        bad('Fields without name', { Fields: { email: 'someone@example.com' } }),
        bad('name null', { Fields: { name: null } }),
        bad('org_id a word', { Fields: { name: 'Someone', org_id: 'acme' } }),
      ]);
      expect(pipedrive.requestCount).toBe(before);
      expect(pipedrive.items('persons')).toHaveLength(persons);
    });

    it('still calls through after all the refusals (the install is unharmed)', async () => {
      const before = pipedrive.requestCount;
      const reply = await patchbay.call('POST', methodUrl('get-person'), { account, body: { Parameters: { id: 1 } } });
      expect(reply.status).toBe(200);
      expect(await reply.json()).toMatchObject({ id: 1 });
      expect(pipedrive.requestCount).toBe(before + 1);
    });
  });

  describe('NUL characters', () => {
    it('refuses a NUL character in a path id, a query or a body with 400, writing nothing', async () => {
      const before = await patchbay.call('GET', '/v1.0/accounts?pageSize=500');
      const bad = (label: string, method: string, url: string, body?: unknown): Case => ({
        label,
        method,
        url,
        body,
        status: 400,
        code: 'PB_ERR_BAD_REQUEST',
      });
      await sendAll([
        bad('account id', 'GET', '/v1.0/accounts/%00'),
        bad('account id with control characters', 'POST', '/v1.0/accounts/%02%0D%00/signintoken', {}),
        bad('query', 'GET', '/v1.0/connectors?query=a%00b'),
        bad('body value', 'POST', '/v1.0/accounts', { Name: 'a\u0000b' }),
        bad('body key', 'POST', '/v1.0/accounts', JSON.parse('{"Name":"x","Description":"d","\\u0000":1}')),
      ]);
      expect(await (await patchbay.call('GET', '/v1.0/accounts?pageSize=500')).json()).toEqual(await before.json());
    });
  });

  describe('nesting and header values', () => {
    const methodUrl = (method: string) => `/v1.0/account/connectors/${installId}/methods/${method}`;

    it('refuses a JSON body nested more than 64 levels deep with 400 PB_ERR_BODY_TOO_DEEP, on every route, sending nothing', async () => {
      const before = pipedrive.requestCount;
      const deep = (label: string, url: string, body: string): Case => ({
        label,
        method: 'POST',
        url,
        body,
        status: 400,
        code: 'PB_ERR_BODY_TOO_DEEP',
      });
      await sendAll([
        deep('method call, 65 levels', methodUrl('create-person'), nested(65)),
        deep('method call, 5,000 levels', methodUrl('create-person'), nested(5000)),
        deep('accounts, 5,000 levels', '/v1.0/accounts', `{"Id":"deep","Name":"x","Description":${'['.repeat(5000)}${']'.repeat(5000)}}`),
      ]);
      expect(pipedrive.requestCount).toBe(before);
      const accepted = await patchbay.call('POST', methodUrl('create-person'), { account, body: nested(64) });
      expect(accepted.status).toBe(200);
      expect(pipedrive.requestCount).toBe(before + 1);
    });

    it('answers a JSON-RPC error -32602 naming the limit to an MCP call nested too deep', async () => {
      const deepArgs = `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"x","arguments":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}}`;
      const reply = await patchbay.call('POST', '/mcp', {
        account,
        body: deepArgs,
        headers: { accept: 'application/json, text/event-stream' },
      });
      expect(reply.status).toBe(400);
      expect(await reply.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32602, message: expect.stringContaining('64 levels') } });
      const notJson = await patchbay.call('POST', '/mcp', {
        account,
        body: '{"jsonrpc":',
        headers: { accept: 'application/json, text/event-stream' },
      });
      expect(notJson.status).toBe(400);
      expect(await notJson.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 } });
    });

    it('refuses a header parameter with a line break, a control character or non-ASCII, naming it, sending nothing', async () => {
      const tagged = await patchbay.call('POST', '/v1.0/connectors/92/install', { account, body: { Name: 'Tagged', AuthValue: 'k' } });
      expect(tagged.status).toBe(200);
      const id = ((await tagged.json()) as { Id: number }).Id;
      const before = pipedrive.requestCount;
      for (const value of ['a\r\nX-Injected: 1', 'a\nb', 'nul\u0000', 'caf\u00e9', '\u2028']) {
        const reply = await patchbay.call('POST', `/v1.0/account/connectors/${id}/methods/get-things`, {
          account,
          body: { Parameters: { 'X-Tag': value } },
        });
        expect(reply.status, JSON.stringify(value)).toBe(400);
        expect(await reply.json()).toMatchObject({ Code: 'PB_ERR_BAD_REQUEST', Message: expect.stringContaining('X-Tag') });
      }
      const query = await patchbay.call('GET', `/v1.0/account/connectors/${id}/methods/get-things?X-Tag=a%0D%0AX-Injected:%201`, {
        account,
      });
      expect(query.status).toBe(400);
      expect(pipedrive.requestCount).toBe(before);
    });
  });
});
