import { Agent, type ClientRequest, createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { installInto, overrides, type Patchbay, startPatchbay } from './support/harness.js';
import { until } from './support/until.js';

const PIPEDRIVE = 'https://api.pipedrive.com';
const EXAMPLE = 'https://api.example.com';
const TOKEN = 'pipedrive-test-token';
const KEY = 'example-api-key';
const ACCOUNT = 'acme';

const install = (patchbay: Patchbay, connector: number, authValue: string | undefined, account = ACCOUNT) =>
  installInto(patchbay, account, connector, authValue);

/** The /large answer: 64 pieces of 16 KB, each filled with its own number. */
const LARGE_PIECES = 64;
const largePiece = (n: number) => Buffer.alloc(16 * 1024, n);
const LARGE = Buffer.concat(Array.from({ length: LARGE_PIECES }, (_, n) => largePiece(n)));

/** What the echo upstream saw of one request. */
interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * An upstream that records every request and answers with a JSON copy of it. Some paths answer
 * otherwise: /early at once, before reading the body, /break-off with a small body cut short, /large with 1 MB of unknown length sent in pieces,
 * /large-break-off with half of that and then a broken connection.
 */
async function startEcho(): Promise<{ server: Server; url: string; received: Received[]; arrived: string[]; aborted: string[] }> {
  const received: Received[] = [];
  /** The URLs of every request whose head came, and of those whose body then broke off. */
  const arrived: string[] = [];
  const aborted: string[] = [];
  const server = createServer((req, res) => {
    arrived.push(req.url ?? '');
    req.once('close', () => {
      if (!req.complete) aborted.push(req.url ?? '');
    });
    if (req.url?.endsWith('/early')) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"early":true}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(seen);
      if (seen.url.endsWith('/large') || seen.url.endsWith('/large-break-off')) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const pieces = seen.url.endsWith('/large') ? LARGE_PIECES : LARGE_PIECES / 2;
        let sent = 0;
        const next = () => {
          if (sent === pieces) return seen.url.endsWith('/large') ? res.end() : res.socket?.destroy();
          res.write(largePiece(sent++), next);
        };
        return next();
      }
      if (seen.url.endsWith('/break-off')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"cut":');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      const text = JSON.stringify(seen);
      res.writeHead(207, {
        'content-type': 'application/json',
        'x-echo': 'yes',
        'x-request-id': 'upstream-request-1',
        'set-cookie': 'upstream-session=secret',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, arrived, aborted };
}

/** A request whose path is sent exactly as written (fetch would resolve `..` segments first). */
function rawGet(baseUrl: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the raw proxy to Pipedrive', () => {
  let sim: PipedriveSimulator;
  let patchbay: Patchbay;
  let pipedrive: number;
  const proxy = (path: string, options: Parameters<Patchbay['call']>[2] = {}, method = 'GET', id = pipedrive) =>
    patchbay.call(method, `/v1.0/account/connectors/${id}/proxy${path}`, { account: ACCOUNT, ...options });

  beforeAll(async () => {
    sim = await startPipedriveSimulator();
    patchbay = await startPatchbay(overrides({ [PIPEDRIVE]: sim.url }));
    pipedrive = await install(patchbay, 2, TOKEN);
  });
  afterAll(async () => {
    await patchbay.close();
    await sim.close();
  });
  beforeEach(() => sim.reset());

  it("returns the simulator's whole envelope unchanged, with its status and rate-limit headers", async () => {
    const reply = await proxy('/v1/persons?limit=2');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(reply.headers.get('x-ratelimit-limit')).toBe('1000000');
    expect(reply.headers.get('x-ratelimit-remaining')).toBe('999999');
    expect(reply.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
    const envelope = await reply.json();
    const direct = await (await fetch(`${sim.url}/v1/persons?limit=2&api_token=${TOKEN}`)).json();
    expect(envelope).toEqual(direct);
    expect(envelope).toMatchObject({
      success: true,
      data: [{ id: 1 }, { id: 2 }],
      additional_data: { pagination: { start: 0, limit: 2, more_items_in_collection: true, next_start: 2 } },
    });
  });

  it('creates a person from a JSON body with POST', async () => {
    const reply = await proxy('/v1/persons', { body: { name: 'Grace Hopper', email: 'grace@example.com' } }, 'POST');
    expect(reply.status).toBe(201);
    const envelope = (await reply.json()) as { success: boolean; data: { id: number; name: string } };
    expect(envelope).toMatchObject({ success: true, data: { id: 4, name: 'Grace Hopper', email: [{ value: 'grace@example.com' }] } });
    expect(sim.items('persons').at(-1)).toMatchObject({ id: 4, name: 'Grace Hopper' });
  });

  it('updates with PUT and deletes with DELETE', async () => {
    const updated = await proxy('/v1/persons/1', { body: { name: 'Renamed' } }, 'PUT');
    expect(updated.status).toBe(200);
    expect(await updated.json()).toMatchObject({ success: true, data: { id: 1, name: 'Renamed' } });
    expect(sim.items('persons')[0]).toMatchObject({ id: 1, name: 'Renamed' });

    const deleted = await proxy('/v1/persons/2', {}, 'DELETE');
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ success: true, data: { id: 2 }, additional_data: {} });
    expect(sim.items('persons').map((p) => p.id)).toEqual([1, 3]);
  });

  it("reaches each of Pipedrive's versions by its own prefix below the API origin: v2 updates with PATCH", async () => {
    const v2 = await proxy('/api/v2/persons?limit=2');
    expect(await v2.json()).toMatchObject({ success: true, data: [{ id: 1, emails: [{ value: 'person1@example.com' }] }, { id: 2 }] });
    const patched = await proxy('/api/v2/persons/1', { body: { name: 'Renamed' } }, 'PATCH');
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ success: true, data: { id: 1, name: 'Renamed' } });
    const v1 = await proxy('/api/v1/persons/1');
    expect(await v1.json()).toMatchObject({ success: true, data: { id: 1, name: 'Renamed', email: [{ value: 'person1@example.com' }] } });
  });

  it("replaces an api_token the caller put in the query with the install's own", async () => {
    const reply = await proxy('/api/v2/persons/1?api_token=someone-elses');
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ data: { id: 1 } });
  });

  it("passes the third party's 404 through as 404, body and all", async () => {
    const reply = await proxy('/api/v2/persons/99999');
    expect(reply.status).toBe(404);
    expect(await reply.json()).toMatchObject({ success: false, error: 'Person not found', data: null });
  });

  it('refuses a path with ".." segments with 400, without calling the third party', async () => {
    const headers = { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': ACCOUNT };
    const paths = ['/../persons', '/persons/../../v2/persons', '/%2e%2e/persons', '/persons/.%2E/x', '/..'];
    const separators = ['/..\\secret', '/x/..\\..\\secret', '/.%2e\\secret', '/..%2fsecret', '/..%5csecret'];
    for (const path of [...paths, ...separators]) {
      const reply = await rawGet(patchbay.url, `/v1.0/account/connectors/${pipedrive}/proxy${path}`, headers);
      expect(reply.status, path).toBe(400);
      expect(JSON.parse(reply.body), path).toMatchObject({ Code: 'PB_ERR_BAD_REQUEST', Message: expect.stringContaining('..') });
    }
    expect(sim.requestCount).toBe(0);
  });

  it('answers 409 PB_ERR_NOT_AUTHENTICATED for an install without a credential', async () => {
    const unauthenticated = await install(patchbay, 2, undefined);
    const reply = await proxy('/persons', {}, 'GET', unauthenticated);
    expect(reply.status).toBe(409);
    expect(await reply.json()).toMatchObject({ Code: 'PB_ERR_NOT_AUTHENTICATED' });
    expect(sim.requestCount).toBe(0);
  });

  it("answers 404 for another account's install", async () => {
    await install(patchbay, 2, TOKEN, 'other');
    // The install's check of its token is not the call under test.
    sim.reset();
    const reply = await proxy('/persons', { account: 'other' });
    expect(reply.status).toBe(404);
    expect(await reply.json()).toMatchObject({ Code: 'PB_ERR_NOT_FOUND' });
    expect(sim.requestCount).toBe(0);
  });

  it('answers 401 without a bearer token', async () => {
    const reply = await proxy('/persons', { token: null });
    expect(reply.status).toBe(401);
    expect(await reply.json()).toMatchObject({ Code: 'PB_ERR_UNAUTHENTICATED' });
    expect(sim.requestCount).toBe(0);
  });
});

describe('what the raw proxy sends upstream', () => {
  let echo: Awaited<ReturnType<typeof startEcho>>;
  let patchbay: Patchbay;

  beforeAll(async () => {
    echo = await startEcho();
    patchbay = await startPatchbay(overrides({ [EXAMPLE]: echo.url, [PIPEDRIVE]: echo.url }));
  });
  afterAll(async () => {
    await patchbay.close();
    echo.server.closeAllConnections();
    await new Promise<void>((resolve) => echo.server.close(() => resolve()));
  });
  beforeEach(() => {
    echo.received.length = 0;
  });
  /** Installs, then forgets the check of the key the install made: the requests under test come after. */
  const installQuietly = async (...args: Parameters<typeof install>) => {
    const id = await install(...args);
    echo.received.length = 0;
    return id;
  };

  it("forwards method, path, query and body with the X-Api-Key added and the caller's credentials dropped", async () => {
    const id = await installQuietly(patchbay, 1, KEY);
    const reply = await patchbay.call('POST', `/v1.0/account/connectors/${id}/proxy/contacts/7/notes?b=2&a=x%20y`, {
      account: ACCOUNT,
      body: { text: 'hello', n: 1 },
      headers: {
        'x-api-key': 'caller-supplied-key',
        cookie: 'patchbay-session=abc',
        'x-custom': 'kept',
        accept: 'application/json',
      },
    });
    expect(reply.status).toBe(207);
    expect(reply.headers.get('x-echo')).toBe('yes');
    expect(reply.headers.has('set-cookie')).toBe(false);
    // The answer carries Patchbay's request id, not the third party's.
    expect(reply.headers.get('x-request-id')).not.toBe('upstream-request-1');
    expect(reply.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9_-]+-[0-9a-z]+$/);

    expect(echo.received).toHaveLength(1);
    const seen = echo.received[0] as Received;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/v1/contacts/7/notes?b=2&a=x%20y');
    expect(JSON.parse(seen.body)).toEqual({ text: 'hello', n: 1 });
    expect(seen.headers['x-api-key']).toBe(KEY);
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['x-custom']).toBe('kept');
    expect(seen.headers.accept).toBe('application/json');
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers['x-cyclr-account']).toBeUndefined();
    expect(seen.headers.host).toBe(new URL(echo.url).host);
    expect(JSON.stringify(seen.headers)).not.toContain(patchbay.token);
  });

  it('adds the Pipedrive api_token to the query and nothing to the headers', async () => {
    const id = await installQuietly(patchbay, 2, TOKEN);
    const reply = await patchbay.call('GET', `/v1.0/account/connectors/${id}/proxy/api/v2/persons?limit=2`, { account: ACCOUNT });
    expect(reply.status).toBe(207);
    const seen = echo.received[0] as Received;
    expect(seen.method).toBe('GET');
    const url = new URL(seen.url, 'http://upstream.invalid');
    expect(url.pathname).toBe('/api/v2/persons');
    expect(Object.fromEntries(url.searchParams)).toEqual({ limit: '2', api_token: TOKEN });
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.body).toBe('');
  });

  it('answers 502 PB_ERR_UPSTREAM_UNREACHABLE, cold and warm, when the third party breaks off in the middle of a small body', async () => {
    const id = await installQuietly(patchbay, 1, KEY);
    for (let i = 0; i < 2; i++) {
      const reply = await patchbay.call('GET', `/v1.0/account/connectors/${id}/proxy/break-off`, { account: ACCOUNT });
      expect(reply.status).toBe(502);
      expect(await reply.json()).toMatchObject({
        Code: 'PB_ERR_UPSTREAM_UNREACHABLE',
        Message: expect.stringContaining('api.example.com'),
      });
    }
    expect(echo.received).toHaveLength(2);
  });

  it('streams a large answer of unknown length through whole, cold and warm', async () => {
    const id = await installQuietly(patchbay, 1, KEY);
    for (let i = 0; i < 2; i++) {
      const reply = await patchbay.call('GET', `/v1.0/account/connectors/${id}/proxy/large`, { account: ACCOUNT });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/octet-stream');
      expect(Buffer.from(await reply.arrayBuffer()).equals(LARGE)).toBe(true);
    }
  });

  it('cuts the answer off, cold and warm, when the third party breaks off while a large body streams', async () => {
    const id = await installQuietly(patchbay, 1, KEY);
    for (let i = 0; i < 2; i++) {
      const reply = await patchbay.call('GET', `/v1.0/account/connectors/${id}/proxy/large-break-off`, { account: ACCOUNT });
      expect(reply.status).toBe(200);
      await expect(reply.arrayBuffer()).rejects.toThrow();
    }
    // Patchbay is still there, and answers the next call whole.
    const reply = await patchbay.call('GET', `/v1.0/account/connectors/${id}/proxy/large`, { account: ACCOUNT });
    expect(Buffer.from(await reply.arrayBuffer()).equals(LARGE)).toBe(true);
  });

  it('forwards HEAD and OPTIONS as they are, with the credential added', async () => {
    const id = await installQuietly(patchbay, 1, KEY);
    for (const method of ['HEAD', 'OPTIONS']) {
      const reply = await patchbay.call(method, `/v1.0/account/connectors/${id}/proxy/contacts?x=1`, { account: ACCOUNT });
      expect(reply.status, method).toBe(207);
      expect(reply.headers.get('x-echo'), method).toBe('yes');
      if (method === 'HEAD') {
        // The length a GET would have had: the echo's JSON copy of the request it saw.
        const length = Buffer.byteLength(JSON.stringify(echo.received[0]));
        expect(reply.headers.get('content-length')).toBe(String(length));
      }
    }
    expect(echo.received.map((seen) => [seen.method, seen.url, seen.headers['x-api-key']])).toEqual([
      ['HEAD', '/v1/contacts?x=1', KEY],
      ['OPTIONS', '/v1/contacts?x=1', KEY],
    ]);
  });

  it('closes the connection of a request whose body the third party answered before reading, so the next request on it is not stuck', async () => {
    const id = await install(patchbay, 1, KEY);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const { hostname, port } = new URL(patchbay.url);
    const send = (method: string, path: string, body?: Buffer) =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const req = httpRequest(
          {
            agent,
            host: hostname,
            port,
            method,
            path,
            timeout: 5000,
            headers: { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': ACCOUNT },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          },
        );
        req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
        req.on('error', reject);
        req.end(body);
      });
    try {
      const early = await send('PUT', `/v1.0/account/connectors/${id}/proxy/early`, Buffer.alloc(2 * 1024 * 1024, 'x'));
      expect(early).toEqual({ status: 400, connection: 'close' });
      expect(await send('GET', '/healthz')).toMatchObject({ status: 200 });
    } finally {
      agent.destroy();
    }
  });

  it('forwards a body of any content type untouched', async () => {
    const id = await installQuietly(patchbay, 1, KEY);
    const reply = await patchbay.call('PUT', `/v1.0/account/connectors/${id}/proxy/contacts/1`, {
      account: ACCOUNT,
      body: 'name=Ada&email=ada%40example.com',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(reply.status).toBe(207);
    const seen = echo.received[0] as Received;
    expect(seen.method).toBe('PUT');
    expect(seen.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen.body).toBe('name=Ada&email=ada%40example.com');
  });
});

describe("the raw proxy's limit on request bodies", () => {
  const LIMIT = 64 * 1024;
  const PIECE = 16 * 1024;
  let echo: Awaited<ReturnType<typeof startEcho>>;
  let patchbay: Patchbay;
  let id: number;

  beforeAll(async () => {
    echo = await startEcho();
    patchbay = await startPatchbay({ ...overrides({ [EXAMPLE]: echo.url }), PATCHBAY_PROXY_BODY_LIMIT_BYTES: String(LIMIT) });
    id = await install(patchbay, 1, KEY);
  });
  afterAll(async () => {
    await patchbay.close();
    echo.server.closeAllConnections();
    await new Promise<void>((resolve) => echo.server.close(() => resolve()));
  });
  beforeEach(() => {
    for (const list of [echo.received, echo.arrived, echo.aborted]) list.length = 0;
  });

  /** A PUT through the proxy whose body `write` sends (a declared length, or chunks); resolves with the answer when it comes. */
  const upload = (headers: Record<string, string>, write: (request: ClientRequest) => void) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { hostname, port } = new URL(patchbay.url);
      const request = httpRequest(
        {
          host: hostname,
          port,
          method: 'PUT',
          path: `/v1.0/account/connectors/${id}/proxy/files/1`,
          headers: {
            authorization: `Bearer ${patchbay.token}`,
            'x-cyclr-account': ACCOUNT,
            'content-type': 'application/octet-stream',
            ...headers,
          },
          timeout: 5000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
            request.destroy();
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error('no answer within 5 s')));
      request.on('error', reject);
      write(request);
    });

  it('answers 413 to a declared Content-Length over PATCHBAY_PROXY_BODY_LIMIT_BYTES before the body is sent, and calls no one', async () => {
    // Only the head is sent: the answer must not wait for the body.
    const refused = await upload({ 'content-length': String(LIMIT + 1) }, (request) => request.flushHeaders());
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({ Code: 'PB_ERR_PAYLOAD_TOO_LARGE', Message: expect.stringContaining(String(LIMIT)) });
    expect(echo.arrived).toEqual([]);

    const whole = await upload({ 'content-length': String(LIMIT) }, (request) => request.end(Buffer.alloc(LIMIT, 'a')));
    expect(whole.status).toBe(207);
    expect(echo.received.map((seen) => seen.body.length)).toEqual([LIMIT]);
  });

  it('cuts off a chunked body once it grows past the limit: 413 to the client, the request to the third party aborted', async () => {
    const refused = await upload({}, (request) => {
      for (let sent = 0; sent <= LIMIT; sent += PIECE) request.write(Buffer.alloc(PIECE, 'b'));
    });
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({ Code: 'PB_ERR_PAYLOAD_TOO_LARGE' });
    await until(async () => (echo.aborted.length === 1 ? true : undefined), 5000);
    expect(echo.received).toEqual([]);

    // Under the limit, a chunked body goes through whole.
    const whole = await upload({}, (request) => {
      request.write(Buffer.alloc(PIECE, 'c'));
      request.end(Buffer.alloc(PIECE, 'd'));
    });
    expect(whole.status).toBe(207);
    expect((echo.received[0] as Received).body).toBe(`${'c'.repeat(PIECE)}${'d'.repeat(PIECE)}`);
  });
});
