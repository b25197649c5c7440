import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { installInto, overrides, type Patchbay, startPatchbay } from './support/harness.js';
import { until } from './support/until.js';

const PIPEDRIVE = 2;
const TOKEN = 'pipedrive-test-token';

/** A raw connection that sends a request's head and the first bytes of its body, and keeps the rest back. */
interface HeldRequest {
  socket: Socket;
  /** Sends the rest of the body. */
  finish(): void;
  /** The status of the answer, once it comes; null if the connection closed without one. */
  status: Promise<number | null>;
}

function holdRequest(url: string, path: string, headers: Record<string, string>, body: string, sendFirst: number): HeldRequest {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const head = [`POST ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, `Content-Length: ${Buffer.byteLength(body)}`];
  for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`);
  socket.write(`${head.join('\r\n')}\r\n\r\n${body.slice(0, sendFirst)}`);
  let received = '';
  const status = new Promise<number | null>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (match !== null) resolve(Number(match[1]));
    });
    socket.on('close', () => resolve(null));
    socket.on('error', () => resolve(null));
  });
  return { socket, finish: () => socket.write(body.slice(sendFirst)), status };
}

describe('slow clients', () => {
  let pipedrive: PipedriveSimulator;
  let patchbay: Patchbay;
  let held: HeldRequest[] = [];

  beforeAll(async () => {
    pipedrive = await startPipedriveSimulator();
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.pipedrive.com': pipedrive.url }),
      PATCHBAY_UPSTREAM_CONNECTIONS: '8',
      PATCHBAY_UPSTREAM_CONCURRENCY: '4',
      PATCHBAY_REQUEST_TIMEOUT_MS: '3000',
    });
  });
  afterAll(async () => {
    for (const request of held) request.socket.destroy();
    await patchbay.close();
    await pipedrive.close();
  });

  it("keeps another account's calls fast while one account holds more slow uploads than the provider's pool", async () => {
    const slow = await installInto(patchbay, 'trickler', PIPEDRIVE, TOKEN);
    const other = await installInto(patchbay, 'bystander', PIPEDRIVE, TOKEN);
    const body = JSON.stringify({ name: `Slow ${'x'.repeat(2000)}` });
    const headers = { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': 'trickler', 'content-type': 'application/json' };
    held = Array.from({ length: 12 }, () =>
      holdRequest(patchbay.url, `/v1.0/account/connectors/${slow}/proxy/api/v2/persons`, headers, body, 10),
    );
    // Long enough for the uploads to reach the third party and take what they can of its pool.
    await new Promise((resolve) => setTimeout(resolve, 300));

    const started = performance.now();
    const reply = await patchbay.call('GET', `/v1.0/account/connectors/${other}/methods/list-persons`, { account: 'bystander' });
    const took = performance.now() - started;
    expect(reply.status).toBe(200);
    expect(took).toBeLessThan(1000);

    // The uploads beyond the account's share waited their turn: every one is answered once its body is complete.
    for (const request of held) request.finish();
    const statuses = await Promise.all(held.map((request) => request.status));
    expect(statuses).toEqual(held.map(() => 200));
  });

  it('answers 408 and closes the connection when a request body trickles in past PATCHBAY_REQUEST_TIMEOUT_MS', async () => {
    const before = pipedrive.requestCount;
    const headers = { authorization: `Bearer ${patchbay.token}`, 'content-type': 'application/json' };
    const started = performance.now();
    const request = holdRequest(patchbay.url, '/v1.0/accounts', headers, JSON.stringify({ Id: 'never', Name: 'Never finished' }), 5);
    const timer = setInterval(() => request.socket.write(' '), 500);
    try {
      expect(await request.status).toBe(408);
    } finally {
      clearInterval(timer);
    }
    expect(performance.now() - started).toBeLessThan(6000);
    await new Promise<void>((resolve) => (request.socket.destroyed ? resolve() : request.socket.once('close', () => resolve())));
    expect(pipedrive.requestCount).toBe(before);
    expect((await patchbay.call('GET', '/v1.0/accounts/never')).status).toBe(404);
  });
});

describe('a cap on connections', () => {
  let patchbay: Patchbay;

  beforeAll(async () => {
    patchbay = await startPatchbay({ PATCHBAY_MAX_CONNECTIONS: '20' });
  });
  afterAll(async () => {
    await patchbay.close();
  });

  it('closes connections past PATCHBAY_MAX_CONNECTIONS as they arrive, and serves again once some go', async () => {
    const { hostname, port } = new URL(patchbay.url);
    const sockets = await Promise.all(
      Array.from(
        { length: 30 },
        () =>
          new Promise<{ socket: Socket; closed: Promise<boolean> }>((resolve) => {
            const socket = connect(Number(port), hostname, () => resolve({ socket, closed }));
            const closed = new Promise<boolean>((done) => {
              socket.on('close', () => done(true));
              socket.on('error', () => undefined);
              setTimeout(() => done(false), 1000);
            });
          }),
      ),
    );
    const closed = await Promise.all(sockets.map((s) => s.closed));
    // The harness's own keep-alive connection may hold one of the 20.
    expect(closed.filter((c) => !c).length).toBeLessThanOrEqual(20);
    expect(closed.filter((c) => c).length).toBeGreaterThanOrEqual(10);
    for (const { socket } of sockets) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await patchbay.call('GET', '/healthz')).status).toBe(200);
  });
});

describe('caps on requests in flight', () => {
  const EXAMPLE = 1;
  let pipedrive: PipedriveSimulator;
  /** A third party that never answers under /hang, and answers everything else at once. */
  let silent: Server;
  let patchbay: Patchbay;
  const ids: Record<string, number> = {};
  let hanging: number;
  const held: HeldRequest[] = [];

  beforeAll(async () => {
    pipedrive = await startPipedriveSimulator();
    silent = createServer((req, res) => {
      if (!req.url?.includes('/hang')) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    patchbay = await startPatchbay({
      ...overrides({
        'https://api.pipedrive.com': pipedrive.url,
        'https://api.example.com': `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      }),
      PATCHBAY_MAX_IN_FLIGHT_PER_CLIENT: '5',
      PATCHBAY_MAX_IN_FLIGHT_PER_ACCOUNT: '3',
      PATCHBAY_METRICS: 'true',
    });
    for (const account of ['busy', 'calm', 'third']) ids[account] = await installInto(patchbay, account, PIPEDRIVE, TOKEN);
    hanging = await installInto(patchbay, 'busy', EXAMPLE, 'example-api-key');
  });
  afterAll(async () => {
    for (const request of held) request.socket.destroy();
    // The request left waiting on /hang ends when the third party hangs up, not when its client went.
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    await patchbay.close();
    await pipedrive.close();
  });

  /** Proxied uploads for an account, held open with most of their body unsent: each is in flight until finished. */
  const hold = (account: string, count: number) => {
    const headers = { authorization: `Bearer ${patchbay.token}`, 'x-cyclr-account': account, 'content-type': 'application/json' };
    const body = JSON.stringify({ name: `Held ${'x'.repeat(100)}` });
    const requests = Array.from({ length: count }, () =>
      holdRequest(patchbay.url, `/v1.0/account/connectors/${ids[account]}/proxy/v1/persons`, headers, body, 10),
    );
    held.push(...requests);
    return requests;
  };
  /** The in-flight figures /metrics shows. */
  const figures = async () => {
    const text = await (await fetch(`${patchbay.url}/metrics`)).text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\d+)$`, 'm').exec(text)?.[1]);
    return {
      requests: value('patchbay_in_flight_requests'),
      client: value('patchbay_in_flight_busiest{scope="client"}'),
      account: value('patchbay_in_flight_busiest{scope="account"}'),
      refusedAccount: value('patchbay_in_flight_refused_total{scope="account"}'),
    };
  };
  const inFlightReach = (requests: number) => until(async () => ((await figures()).requests === requests ? true : undefined), 5000);
  const listInstalls = (account: string, token?: string) => patchbay.call('GET', '/v1.0/account/connectors', { account, token });
  const finishAll = async (requests: HeldRequest[]) => {
    for (const request of requests) request.finish();
    return Promise.all(requests.map((request) => request.status));
  };

  it("answers 429 with Retry-After to an account's call over PATCHBAY_MAX_IN_FLIGHT_PER_ACCOUNT, and serves other accounts meanwhile", async () => {
    const requests = hold('busy', 3);
    await inFlightReach(3);
    expect(await figures()).toMatchObject({ client: 3, account: 3 });

    const refused = await listInstalls('busy');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ Code: 'PB_ERR_TOO_MANY_IN_FLIGHT', Message: expect.stringContaining('busy') });
    // Method calls, the proxy and MCP are refused alike.
    const more = [
      await patchbay.call('GET', `/v1.0/account/connectors/${ids.busy}/methods/list-persons`, { account: 'busy' }),
      await patchbay.call('GET', `/v1.0/account/connectors/${ids.busy}/proxy/v1/persons`, { account: 'busy' }),
      await patchbay.call('POST', '/mcp', {
        account: 'busy',
        body: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
        headers: { accept: 'application/json, text/event-stream' },
      }),
    ];
    expect(more.map((reply) => reply.status)).toEqual([429, 429, 429]);
    expect((await figures()).refusedAccount).toBe(4);
    expect((await listInstalls('calm')).status).toBe(200);

    expect(await finishAll(requests)).toEqual([201, 201, 201]);
    await inFlightReach(0);
    expect((await listInstalls('busy')).status).toBe(200);
  });

  it('answers 429 to an API client over PATCHBAY_MAX_IN_FLIGHT_PER_CLIENT on any call, and serves another API client meanwhile', async () => {
    const other = await patchbay.ctx.clients.create('other');
    const tokenReply = await fetch(`${patchbay.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: other.ClientId, client_secret: other.ClientSecret }),
    });
    const otherToken = ((await tokenReply.json()) as Reply<'getAccessToken'>).access_token;
    const requests = [...hold('busy', 3), ...hold('calm', 2)];
    await inFlightReach(5);

    for (const refused of [await patchbay.call('GET', '/v1.0/accounts'), await listInstalls('third')]) {
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await refused.json()).toMatchObject({ Code: 'PB_ERR_TOO_MANY_IN_FLIGHT' });
    }
    expect((await patchbay.call('GET', '/v1.0/accounts', { token: otherToken })).status).toBe(200);
    expect((await listInstalls('third', otherToken)).status).toBe(200);

    expect(await finishAll(requests)).toEqual([201, 201, 201, 201, 201]);
    await inFlightReach(0);
    expect((await patchbay.call('GET', '/v1.0/accounts')).status).toBe(200);
  });

  it('counts a request no more once its client disconnects, in the middle of its body or while the third party is silent', async () => {
    const requests = hold('busy', 2);
    const { hostname, port } = new URL(patchbay.url);
    const waiting = connect(Number(port), hostname);
    waiting.write(
      `GET /v1.0/account/connectors/${hanging}/proxy/hang HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
        `Authorization: Bearer ${patchbay.token}\r\nX-Cyclr-Account: busy\r\n\r\n`,
    );
    await inFlightReach(3);
    expect((await listInstalls('busy')).status).toBe(429);

    for (const request of requests) request.socket.destroy();
    waiting.destroy();
    await inFlightReach(0);
    expect(await figures()).toMatchObject({ client: 0, account: 0 });
    expect((await listInstalls('busy')).status).toBe(200);
  });
});

describe('a client that goes away', () => {
  const EXAMPLE = 1;
  /** A third party that holds every request under /hang unanswered, and answers the others at once. */
  let upstream: Server;
  /** The paths the third party was asked for, in order. */
  const arrived: string[] = [];
  /** The requests it holds, and how many of them their connection closed on while unanswered. */
  const hanging: import('node:http').ServerResponse[] = [];
  let hangsClosed = 0;
  let patchbay: Patchbay;
  let id: number;
  const opened: Socket[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      arrived.push(req.url ?? '');
      if (!req.url?.includes('/hang')) return res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":1,"name":"x"}');
      hanging.push(res);
      res.on('close', () => {
        if (!res.writableFinished) hangsClosed++;
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    patchbay = await startPatchbay({
      ...overrides({ 'https://api.example.com': `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` }),
      PATCHBAY_UPSTREAM_CONCURRENCY: '2',
      PATCHBAY_METRICS: 'true',
    });
    id = await installInto(patchbay, 'leaver', EXAMPLE, 'example-api-key');
  });
  afterAll(async () => {
    for (const socket of opened) socket.destroy();
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    await patchbay.close();
  });

  /** Sends a whole request on a connection of its own, and leaves the connection open. */
  const send = (method: string, path: string, body = '', headers: Record<string, string> = {}) => {
    const { hostname, port } = new URL(patchbay.url);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => undefined);
    const head = [
      `${method} ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      `Authorization: Bearer ${patchbay.token}`,
      'X-Cyclr-Account: leaver',
    ];
    for (const [name, value] of Object.entries({ ...headers, 'content-length': String(Buffer.byteLength(body)) }))
      head.push(`${name}: ${value}`);
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
    opened.push(socket);
    return socket;
  };
  const hang = () => send('GET', `/v1.0/account/connectors/${id}/proxy/hang`);
  /** The in-flight and fair-share figures /metrics shows. */
  const figures = async () => {
    const text = await (await fetch(`${patchbay.url}/metrics`)).text();
    const value = (series: string) => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\d+)$`, 'm').exec(text)?.[1]);
    return {
      inFlight: value('patchbay_in_flight_requests'),
      sending: value('patchbay_upstream_requests{state="sending"}'),
      waiting: value('patchbay_upstream_requests{state="waiting"}'),
    };
  };
  const reach = (expected: Partial<Awaited<ReturnType<typeof figures>>>) =>
    until(async () => {
      const now = await figures();
      return Object.entries(expected).every(([name, count]) => now[name as keyof typeof now] === count) ? now : undefined;
    }, 5000);
  const endHanging = async () => {
    for (const res of hanging.splice(0)) res.end('{}');
    await reach({ inFlight: 0, sending: 0, waiting: 0 });
  };

  it('never calls the third party for requests whose clients left while they waited their turn', async () => {
    const holders = [hang(), hang()];
    await until(async () => (hanging.length === 2 ? true : undefined), 5000);
    const asked = arrived.length;
    const accept = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };
    const toolCall = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'example_get_contact', arguments: { id: 902 } },
    });
    const leavers = [
      send('GET', `/v1.0/account/connectors/${id}/proxy/queued-proxy`),
      send('GET', `/v1.0/account/connectors/${id}/proxy/queued-proxy`),
      send('GET', `/v1.0/account/connectors/${id}/methods/get-contact?id=901`),
      send('POST', `/v1.0/account/connectors/${id}/methods/list-contacts`, '{"AllPages":true}', { 'content-type': 'application/json' }),
      send('POST', '/mcp', toolCall, accept),
      send('POST', '/mcp', toolCall, accept),
    ];
    await reach({ inFlight: 8, sending: 2, waiting: 6 });

    for (const socket of leavers) socket.destroy();
    await reach({ inFlight: 2, sending: 2, waiting: 0 });
    for (const socket of holders) socket.destroy();
    await endHanging();

    // Turns are handed out in order: a call made now is sent after any that were still queued.
    const after = await patchbay.call('GET', `/v1.0/account/connectors/${id}/methods/get-contact?id=903`, { account: 'leaver' });
    expect(after.status).toBe(200);
    expect(arrived.slice(asked)).toEqual(['/v1/contacts/903']);
  });

  it('cancels the third-party call of a request whose client left, and hands its turn to the next caller at once', async () => {
    const [leaver, stayer] = [hang(), hang()];
    await until(async () => (hanging.length === 2 ? true : undefined), 5000);
    const next = patchbay.call('GET', `/v1.0/account/connectors/${id}/methods/get-contact?id=904`, { account: 'leaver' });
    await reach({ inFlight: 3, sending: 2, waiting: 1 });

    const left = performance.now();
    leaver?.destroy();
    expect((await next).status).toBe(200);
    expect(performance.now() - left).toBeLessThan(1000);
    // The third party saw the cancelled request's connection close; the other one still waits on its answer.
    await until(async () => (hangsClosed === 1 ? true : undefined), 2000);
    expect(await figures()).toEqual({ inFlight: 1, sending: 1, waiting: 0 });

    stayer?.destroy();
    await reach({ inFlight: 0, sending: 0, waiting: 0 });
    expect(hangsClosed).toBe(2);
    hanging.splice(0);
  });
});
