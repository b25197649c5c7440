import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { loggerOptions } from '../src/http/logging.js';
import { installInto, overrides, type Patchbay, startPatchbay } from './support/harness.js';

const PIPEDRIVE = 'https://api.pipedrive.com';
const TOKEN = 'pipedrive-test-token';
const ACCOUNT = 'acme';

/** What a caller sees of an answer: status, body and the headers a route sets. */
async function seen(reply: Response) {
  const headers: Record<string, string | null> = {};
  for (const name of ['content-type', 'content-length', 'x-patchbay-next-parameters', 'retry-after', 'x-ratelimit-limit', 'set-cookie']) {
    headers[name] = reply.headers.get(name);
  }
  return { status: reply.status, body: await reply.text(), headers, requestId: reply.headers.get('x-request-id') };
}

describe('warm calls', () => {
  let sim: PipedriveSimulator;
  let patchbay: Patchbay;
  const lines: Record<string, unknown>[] = [];
  let pipedrive: number;
  const warm = () => patchbay.ctx.metrics.total('patchbay_warm_calls_total');
  const get = (path: string, headers: Record<string, string> = {}) => patchbay.call('GET', path, { account: ACCOUNT, headers });

  beforeAll(async () => {
    sim = await startPipedriveSimulator({ apiTokens: [TOKEN] });
    const logger = pino(loggerOptions('info'), { write: (line: string) => lines.push(JSON.parse(line)) });
    patchbay = await startPatchbay(overrides({ [PIPEDRIVE]: sim.url }), logger);
    pipedrive = await installInto(patchbay, ACCOUNT, 2, TOKEN);
  });
  afterAll(async () => {
    await patchbay.close();
    await sim.close();
  });

  it('the first call of a token goes through the router and warms the caches for the next', async () => {
    const fresh = await startPatchbay(overrides({ [PIPEDRIVE]: sim.url }));
    try {
      const id = await installInto(fresh, ACCOUNT, 2, TOKEN);
      const token = await fresh.restrictedToken(ACCOUNT);
      const call = () => fresh.call('GET', `/v1.0/account/connectors/${id}/methods/get-person?id=1`, { token });
      expect((await call()).status).toBe(200);
      expect(fresh.ctx.metrics.total('patchbay_warm_calls_total')).toBe(0);
      expect((await call()).status).toBe(200);
      expect(fresh.ctx.metrics.total('patchbay_warm_calls_total')).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  // Each pair: the same call written the way warm calls take it, and written so that only the router takes
  // it (an id with a leading zero, which the router reads as the same number).
  const cases: [string, (id: string) => string][] = [
    ['a method call', (id) => `/v1.0/account/connectors/${id}/methods/get-person?id=1`],
    ['a page of a list, with the next page named', (id) => `/v1.0/account/connectors/${id}/methods/list-persons?limit=1`],
    ['every page of a list', (id) => `/v1.0/account/connectors/${id}/methods/list-persons?limit=2&allPages=true`],
    ['a method the upstream answers 404', (id) => `/v1.0/account/connectors/${id}/methods/get-person?id=987654`],
    ['a method without its required parameter', (id) => `/v1.0/account/connectors/${id}/methods/get-person`],
    ['a parameter the method does not take', (id) => `/v1.0/account/connectors/${id}/methods/get-person?id=1&colour=red`],
    ['a parameter of the wrong type', (id) => `/v1.0/account/connectors/${id}/methods/get-person?id=abc`],
    ['an unknown method', (id) => `/v1.0/account/connectors/${id}/methods/no-such-method`],
    [
      'a method named by its MethodUniqueIdentifier',
      (id) => `/v1.0/account/connectors/${id}/methods/65edb3f9-e37d-444c-b96f-f3ae7f573be7?id=1`,
    ],
    ['a proxied call', (id) => `/v1.0/account/connectors/${id}/proxy/persons/1`],
    ['a proxied call the upstream answers 404', (id) => `/v1.0/account/connectors/${id}/proxy/persons/987654`],
    ['a proxied path with an encoded slash', (id) => `/v1.0/account/connectors/${id}/proxy/persons%2f1`],
    ['a proxied call with its own api_token', (id) => `/v1.0/account/connectors/${id}/proxy/persons/1?api_token=stolen`],
  ];

  it.each(cases)('%s answers the same warm as through the router', async (_name, url) => {
    await get(url(String(pipedrive)));
    const before = warm();
    const fast = await seen(await get(url(String(pipedrive))));
    expect(warm()).toBe(before + 1);
    const routed = await seen(await get(url(`0${pipedrive}`)));
    expect(warm()).toBe(before + 1);
    expect(fast.status).toBe(routed.status);
    expect(fast.body).toBe(routed.body);
    expect(fast.headers).toEqual(routed.headers);
    expect(fast.requestId).toMatch(/^[A-Za-z0-9_-]+-[0-9a-z]+$/);
  });

  it('keeps a caller-supplied request id and logs the same request lines as the router', async () => {
    const url = (id: string) => `/v1.0/account/connectors/${id}/methods/get-person?id=1&api_token=leak`;
    await get(url(String(pipedrive)));
    lines.length = 0;
    const fast = await get(url(String(pipedrive)), { 'x-request-id': 'warm-1' });
    const routed = await get(url(`0${pipedrive}`), { 'x-request-id': 'routed-1' });
    expect(fast.headers.get('x-request-id')).toBe('warm-1');
    expect(routed.headers.get('x-request-id')).toBe('routed-1');
    // The method rejects api_token as a parameter: both answer 400 and log it the same way.
    expect([fast.status, routed.status]).toEqual([400, 400]);
    const of = (id: string) => lines.filter((line) => line.reqId === id).map(({ msg, req, res }) => ({ msg, req, res }));
    const redacted = (id: string) => url(id).replace('leak', '[redacted]');
    const logged = (id: string) => [
      { msg: 'incoming request', req: { method: 'GET', url: redacted(id), remoteAddress: '127.0.0.1' }, res: undefined },
      { msg: 'request completed', req: undefined, res: { statusCode: 400 } },
    ];
    expect(of('warm-1')).toEqual(logged(String(pipedrive)));
    expect(of('routed-1')).toEqual(logged(`0${pipedrive}`));
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it('leaves other HTTP methods, trailing slashes and cold tokens to the router', async () => {
    const before = warm();
    const other = await patchbay.call('POST', `/v1.0/account/connectors/${pipedrive}/methods/get-person`, {
      account: ACCOUNT,
      body: { Parameters: { id: 1 } },
    });
    expect(other.status).toBe(200);
    expect((await get(`/v1.0/account/connectors/${pipedrive}/methods/get-person/?id=1`)).status).toBe(200);
    const unknown = await patchbay.call('GET', `/v1.0/account/connectors/${pipedrive}/methods/get-person?id=1`, {
      account: ACCOUNT,
      token: 'not-a-token',
    });
    expect(unknown.status).toBe(401);
    expect(warm()).toBe(before);
  });
});
