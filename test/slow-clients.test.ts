import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { installInto, overrides, type Patchbay, startPatchbay } from './support/harness.js';

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
