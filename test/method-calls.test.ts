import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorReply } from '../console/src/types.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { TestClock } from '../src/clock.js';
import { freePort, installInto, overrides, type Patchbay, startPatchbay } from './support/harness.js';
import { foregroundQueries } from './support/query-counter.js';
import { until } from './support/until.js';

const PIPEDRIVE = 'https://api.pipedrive.com';
const EXAMPLE = 'https://api.example.com';
const TOKEN = 'pipedrive-test-token';
const KEY = 'example-api-key';
const ACCOUNT = 'acme';
const LIST_PERSONS_UID = 'ba8b654f-b880-49e3-bbbb-57d45e4fe873';

type ErrorBody = ErrorReply;

const install = (patchbay: Patchbay, connector: number, authValue: string | undefined, account = ACCOUNT) =>
  installInto(patchbay, account, connector, authValue);

/** POST /methods/{method} with the given body, in the test account. */
function callMethod(patchbay: Patchbay, id: number, method: string, body: unknown = {}, account = ACCOUNT): Promise<Response> {
  return patchbay.call('POST', `/v1.0/account/connectors/${id}/methods/${method}`, { account, body });
}

async function expectError(reply: Response, status: number, code: string): Promise<ErrorBody> {
  expect(reply.status).toBe(status);
  const body = (await reply.json()) as ErrorBody;
  expect(body).toMatchObject({ Code: code, Message: expect.any(String) });
  return body;
}

describe('method calls against the Pipedrive simulator', () => {
  let sim: PipedriveSimulator;
  let patchbay: Patchbay;
  let pipedrive: number;

  beforeAll(async () => {
    sim = await startPipedriveSimulator({ seed: { persons: 250 } });
    patchbay = await startPatchbay(overrides({ [PIPEDRIVE]: sim.url }));
    pipedrive = await install(patchbay, 2, TOKEN);
  });
  afterAll(async () => {
    await patchbay.close();
    await sim.close();
  });
  beforeEach(() => sim.reset());

  describe('list-persons', () => {
    it('returns the data array of the simulator, unwrapped, with the next cursor when more items exist', async () => {
      const reply = await callMethod(patchbay, pipedrive, 'list-persons', { Parameters: { limit: 2 } });
      expect(reply.status).toBe(200);
      const persons = (await reply.json()) as { id: number; name: string }[];
      expect(persons).toEqual(sim.items('persons').slice(0, 2));
      expect(persons.map((p) => p.id)).toEqual([1, 2]);
      const next = JSON.parse(reply.headers.get('x-patchbay-next-parameters') ?? 'null') as { cursor: string };
      expect(next).toEqual({ cursor: expect.any(String) });
      const second = await callMethod(patchbay, pipedrive, 'list-persons', { Parameters: { limit: 2, ...next } });
      expect(((await second.json()) as { id: number }[]).map((p) => p.id)).toEqual([3, 4]);
    });

    it('is found by its MethodUniqueIdentifier as well as by its method id, in any letter case', async () => {
      for (const key of [LIST_PERSONS_UID, LIST_PERSONS_UID.toUpperCase(), 'list-persons']) {
        const reply = await callMethod(patchbay, pipedrive, key, { Parameters: { limit: 1 } });
        expect(reply.status).toBe(200);
        expect(((await reply.json()) as { id: number }[]).map((p) => p.id)).toEqual([1]);
      }
    });

    it('takes its Parameters from the query string in the GET form', async () => {
      const query = 'sort_by=update_time&sort_direction=desc&limit=3&owner_id=1';
      const reply = await patchbay.call('GET', `/v1.0/account/connectors/${pipedrive}/methods/list-persons?${query}`, {
        account: ACCOUNT,
      });
      expect(reply.status).toBe(200);
      expect(((await reply.json()) as { id: number }[]).map((p) => p.id)).toEqual([250, 249, 248]);
      expect(JSON.parse(reply.headers.get('x-patchbay-next-parameters') ?? 'null')).toEqual({ cursor: expect.any(String) });
    });

    it('sets no X-Patchbay-Next-Parameters on the last page', async () => {
      const reply = await callMethod(patchbay, pipedrive, 'list-persons', {
        Parameters: { updated_since: '2024-01-01T04:09:00Z', limit: 100 },
      });
      expect(reply.status).toBe(200);
      expect(((await reply.json()) as { id: number }[]).map((p) => p.id)).toEqual([249, 250]);
      expect(reply.headers.has('x-patchbay-next-parameters')).toBe(false);
    });

    it('answers 400 for a parameter the method does not declare, without calling the third party', async () => {
      const reply = await callMethod(patchbay, pipedrive, 'list-persons', { Parameters: { colour: 'red' } });
      const body = await expectError(reply, 400, 'PB_ERR_BAD_REQUEST');
      expect(body.Message).toContain('colour');
      expect(sim.requestCount).toBe(0);
    });

    it('answers 404 for a method the connector does not have', async () => {
      await expectError(await callMethod(patchbay, pipedrive, 'list-unicorns'), 404, 'PB_ERR_NOT_FOUND');
    });
  });

  describe('all pages', () => {
    it('returns all 250 persons in id order and says how many pages it read', async () => {
      const reply = await callMethod(patchbay, pipedrive, 'list-persons', { AllPages: true, Parameters: { limit: 100 } });
      expect(reply.status).toBe(200);
      const persons = (await reply.json()) as { id: number }[];
      expect(persons.map((p) => p.id)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
      expect(reply.headers.get('x-patchbay-pages')).toBe('3');
      expect(reply.headers.has('x-patchbay-truncated')).toBe(false);
      expect(reply.headers.has('x-patchbay-next-parameters')).toBe(false);
      expect(sim.requestCount).toBe(3);
    });

    it('reads every page in the GET form with allPages=true', async () => {
      const reply = await patchbay.call('GET', `/v1.0/account/connectors/${pipedrive}/methods/list-persons?limit=100&allPages=true`, {
        account: ACCOUNT,
      });
      expect(reply.status).toBe(200);
      expect((await reply.json()) as unknown[]).toHaveLength(250);
      expect(reply.headers.get('x-patchbay-pages')).toBe('3');
    });

    it('stops at PATCHBAY_MAX_PAGES and marks the reply truncated, with the parameters of the next page', async () => {
      const capped = await startPatchbay({ ...overrides({ [PIPEDRIVE]: sim.url }), PATCHBAY_MAX_PAGES: '2' });
      try {
        const id = await install(capped, 2, TOKEN);
        const reply = await callMethod(capped, id, 'list-persons', { AllPages: true, Parameters: { limit: 100 } });
        expect(reply.status).toBe(200);
        const persons = (await reply.json()) as { id: number }[];
        expect(persons).toHaveLength(200);
        expect(persons.at(-1)?.id).toBe(200);
        expect(reply.headers.get('x-patchbay-truncated')).toBe('true');
        expect(reply.headers.get('x-patchbay-pages')).toBe('2');
        const next = JSON.parse(reply.headers.get('x-patchbay-next-parameters') ?? 'null') as { cursor: string };
        const rest = await callMethod(capped, id, 'list-persons', { AllPages: true, Parameters: { limit: 100, ...next } });
        expect(((await rest.json()) as { id: number }[]).map((p) => p.id)).toEqual(Array.from({ length: 50 }, (_, i) => 201 + i));
      } finally {
        await capped.close();
      }
    });
  });

  describe('filters, search and v1', () => {
    it('filters a list by ids and updated_since, and reads every page of a search by its cursor', async () => {
      const some = await callMethod(patchbay, pipedrive, 'list-persons', {
        Parameters: { ids: '5,120,240', updated_since: '2024-01-01T01:00:00Z' },
      });
      expect(((await some.json()) as { id: number }[]).map((p) => p.id)).toEqual([120, 240]);

      const found = await callMethod(patchbay, pipedrive, 'search-persons', {
        AllPages: true,
        Parameters: { term: 'Person 1', limit: 50 },
      });
      expect(found.status).toBe(200);
      const hits = (await found.json()) as { result_score: number; item: { id: number } }[];
      // Person 1, 10-19 and 100-199 contain the term; the exact match comes first.
      expect(hits).toHaveLength(111);
      expect(hits[0]).toMatchObject({ result_score: 1, item: { id: 1 } });
      expect(found.headers.get('x-patchbay-pages')).toBe('3');
    });

    it('calls a method that stays on v1 below the proxy base, the others staying on v2', async () => {
      const me = await callMethod(patchbay, pipedrive, 'get-current-user');
      expect(await me.json()).toMatchObject({ id: 1, company_domain: 'testco', created: '2024-01-01 00:00:00' });
    });
  });

  describe('person round trip', () => {
    it('creates, reads, updates and deletes a person, each visible in the simulator', async () => {
      const created = await callMethod(patchbay, pipedrive, 'create-person', {
        Fields: { name: 'Ada Lovelace', emails: [{ value: 'ada@example.com', primary: true, label: 'work' }] },
      });
      expect(created.status).toBe(200);
      const person = (await created.json()) as { id: number; name: string; emails: { value: string }[] };
      expect(person).toMatchObject({ id: 251, name: 'Ada Lovelace', emails: [{ value: 'ada@example.com', primary: true }] });
      expect(sim.items('persons').at(-1)).toMatchObject({ id: 251, name: 'Ada Lovelace' });

      const read = await patchbay.call('GET', `/v1.0/account/connectors/${pipedrive}/methods/get-person?id=251`, { account: ACCOUNT });
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(person);

      const updated = await callMethod(patchbay, pipedrive, 'update-person', {
        Parameters: { id: 251 },
        Fields: { name: 'Augusta Ada King' },
      });
      expect(updated.status).toBe(200);
      expect(await updated.json()).toMatchObject({ id: 251, name: 'Augusta Ada King', emails: [{ value: 'ada@example.com' }] });
      expect(sim.items('persons').find((p) => p.id === 251)).toMatchObject({ name: 'Augusta Ada King' });

      const deleted = await callMethod(patchbay, pipedrive, 'delete-person', { Parameters: { id: 251 } });
      expect(deleted.status).toBe(200);
      expect(await deleted.json()).toEqual({ id: 251 });
      expect(sim.items('persons').some((p) => p.id === 251)).toBe(false);
    });

    it('refuses a create without its required field before calling the third party', async () => {
      const reply = await callMethod(patchbay, pipedrive, 'create-person', { Fields: { emails: [{ value: 'x@example.com' }] } });
      const body = await expectError(reply, 400, 'PB_ERR_BAD_REQUEST');
      expect(body.Message).toContain('Fields.name');
      expect(sim.requestCount).toBe(0);
    });
  });

  describe('upstream errors', () => {
    it("answers 502 with the third party's 404 status and body for an unknown person", async () => {
      const reply = await callMethod(patchbay, pipedrive, 'get-person', { Parameters: { id: 99999 } });
      const body = await expectError(reply, 502, 'PB_ERR_UPSTREAM');
      expect(body.Upstream).toEqual({
        Status: 404,
        Body: expect.objectContaining({ success: false, error: 'Person not found', data: null }),
      });
      expect(body.Message).toContain('Person not found');
    });

    it('answers 502 with Upstream.Status 401 when the stored token is wrong', async () => {
      // A token that worked at install and was revoked at Pipedrive since.
      sim.addToken('revoked-later');
      const wrong = await install(patchbay, 2, 'revoked-later', 'wrong-token');
      sim.revokeToken('revoked-later');
      const reply = await callMethod(patchbay, wrong, 'list-persons', {}, 'wrong-token');
      const body = await expectError(reply, 502, 'PB_ERR_UPSTREAM');
      expect(body.Upstream).toMatchObject({ Status: 401, Body: { success: false, error: 'unauthorized access' } });
    });

    it('answers 502 with Upstream.Status 500 for a third-party server error, without retrying', async () => {
      sim.failNext(1, 500);
      const reply = await callMethod(patchbay, pipedrive, 'get-person', { Parameters: { id: 1 } });
      const body = await expectError(reply, 502, 'PB_ERR_UPSTREAM');
      expect(body.Upstream).toMatchObject({ Status: 500, Body: { success: false, error: 'Internal server error' } });
      expect(sim.requestCount).toBe(1);
    });

    it('answers 409 for an install that has no credential, without calling the third party', async () => {
      const unauthenticated = await install(patchbay, 2, undefined);
      const reply = await callMethod(patchbay, unauthenticated, 'list-persons');
      await expectError(reply, 409, 'PB_ERR_NOT_AUTHENTICATED');
      expect(sim.requestCount).toBe(0);
    });

    it("answers 404 for another account's install", async () => {
      await install(patchbay, 2, TOKEN, 'other');
      // The install's check of its token is not the call under test.
      sim.reset();
      const reply = await callMethod(patchbay, pipedrive, 'list-persons', {}, 'other');
      await expectError(reply, 404, 'PB_ERR_NOT_FOUND');
      expect(sim.requestCount).toBe(0);
    });
  });

  describe('rate limits (429)', () => {
    it('retries once after Retry-After and succeeds', async () => {
      sim.failNext(1, 429, 1);
      const started = performance.now();
      const reply = await callMethod(patchbay, pipedrive, 'get-person', { Parameters: { id: 1 } });
      const elapsed = performance.now() - started;
      expect(reply.status).toBe(200);
      expect(await reply.json()).toMatchObject({ id: 1, name: 'Person 1' });
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(5000);
      expect(sim.requestCount).toBe(2);
    });

    it('answers 429 PB_ERR_UPSTREAM_RATE_LIMITED with Retry-After once the retries are spent', async () => {
      sim.failNext(5, 429, 1);
      const reply = await callMethod(patchbay, pipedrive, 'get-person', { Parameters: { id: 1 } });
      const body = await expectError(reply, 429, 'PB_ERR_UPSTREAM_RATE_LIMITED');
      expect(body.Upstream).toMatchObject({ Status: 429, Body: { success: false, error: 'Rate limit has been exceeded' } });
      expect(reply.headers.get('retry-after')).toBe('1');
      expect(sim.requestCount).toBe(3); // the first attempt and two retries
    });

    it('answers 429 at once when Retry-After is longer than it will wait', async () => {
      sim.failNext(1, 429, 3600);
      const started = performance.now();
      const reply = await callMethod(patchbay, pipedrive, 'get-person', { Parameters: { id: 1 } });
      expect(performance.now() - started).toBeLessThan(1000);
      const body = await expectError(reply, 429, 'PB_ERR_UPSTREAM_RATE_LIMITED');
      expect(body.Upstream?.Status).toBe(429);
      expect(reply.headers.get('retry-after')).toBe('3600');
      expect(sim.requestCount).toBe(1);
    });
  });
});

describe('rate-limit waits on the clock Patchbay is given', () => {
  const clock = new TestClock();
  let sim: PipedriveSimulator;
  let patchbay: Patchbay;
  let pipedrive: number;

  beforeAll(async () => {
    sim = await startPipedriveSimulator();
    patchbay = await startPatchbay({ ...overrides({ [PIPEDRIVE]: sim.url }), PATCHBAY_SWEEP_INTERVAL_SECONDS: '0' }, undefined, { clock });
    pipedrive = await install(patchbay, 2, TOKEN);
  });
  afterAll(async () => {
    await patchbay.close();
    await sim.close();
  });

  it('sends the retry after a 429 only once the clock has moved on by Retry-After', async () => {
    // The install's check of its token is not the call under test.
    sim.reset();
    sim.failNext(1, 429, 5);
    const timers = clock.pendingTimers;
    const reply = callMethod(patchbay, pipedrive, 'get-person', { Parameters: { id: 1 } });
    await until(async () => (clock.pendingTimers > timers ? true : undefined));
    await clock.advance(4_900);
    expect(sim.requestCount).toBe(1);
    await clock.advance(100);
    expect((await reply).status).toBe(200);
    expect(sim.requestCount).toBe(2);
  });
});

describe('method calls against the Example simulator', () => {
  let example: ExampleApiSimulator;
  let patchbay: Patchbay;
  let id: number;

  beforeAll(async () => {
    example = await startExampleApiSimulator({ seed: { contacts: 45 } });
    patchbay = await startPatchbay(overrides({ [EXAMPLE]: example.url }));
    id = await install(patchbay, 1, KEY);
  });
  afterAll(async () => {
    await patchbay.close();
    await example.close();
  });
  beforeEach(() => example.reset());

  it('returns the whole body when the method names no data path, and the next page from the Link header', async () => {
    const reply = await callMethod(patchbay, id, 'list-contacts', { Parameters: { per_page: 20 } });
    expect(reply.status).toBe(200);
    const contacts = (await reply.json()) as { id: number }[];
    expect(contacts.map((c) => c.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(reply.headers.get('x-patchbay-next-parameters')).toBe('{"page":2}');
  });

  it('follows Link-header pagination to return all 45 contacts', async () => {
    const reply = await callMethod(patchbay, id, 'list-contacts', { AllPages: true, Parameters: { per_page: 20 } });
    expect(reply.status).toBe(200);
    const contacts = (await reply.json()) as { id: number }[];
    expect(contacts.map((c) => c.id)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect(reply.headers.get('x-patchbay-pages')).toBe('3');
    expect(reply.headers.has('x-patchbay-truncated')).toBe(false);
  });

  it('answers 204 with no body when the third party does', async () => {
    const reply = await callMethod(patchbay, id, 'delete-contact', { Parameters: { id: 45 } });
    expect(reply.status).toBe(204);
    expect(await reply.text()).toBe('');
    expect(example.contacts()).toHaveLength(44);
  });
});

describe('method calls to an upstream that answers in pieces or breaks off', () => {
  let upstream: Server;
  let patchbay: Patchbay;
  let id: number;
  /** What the upstream does with the next request. */
  let behaviour: (response: ServerResponse) => void;

  beforeAll(async () => {
    upstream = createServer((_request, response) => behaviour(response));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { port } = upstream.address() as AddressInfo;
    patchbay = await startPatchbay(overrides({ [EXAMPLE]: `http://127.0.0.1:${port}` }));
    // The install checks its key with the test method: answered as the Example API would.
    behaviour = (response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"account":"example"}');
    id = await install(patchbay, 1, KEY);
  });
  afterAll(async () => {
    await patchbay.close();
    upstream.closeAllConnections();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  it('joins a JSON body sent in pieces, with a byte order mark, into the data', async () => {
    const json = Buffer.from(`\uFEFF${JSON.stringify({ id: 7, name: 'Zoë', tags: ['a', 'b'] })}`);
    behaviour = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      // Split inside the two-byte ë, so the pieces only decode once joined.
      const cut = json.indexOf(Buffer.from('ë')) + 1;
      response.write(json.subarray(0, cut));
      setTimeout(() => response.end(json.subarray(cut)), 20);
    };
    const reply = await callMethod(patchbay, id, 'get-me');
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ id: 7, name: 'Zoë', tags: ['a', 'b'] });
  });

  it('answers 502 PB_ERR_UPSTREAM_UNREACHABLE when the upstream breaks off in the middle of the body', async () => {
    behaviour = (response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"id":');
      setTimeout(() => response.socket?.destroy(), 20);
    };
    const body = await expectError(await callMethod(patchbay, id, 'get-me'), 502, 'PB_ERR_UPSTREAM_UNREACHABLE');
    expect(body.Message).toContain('api.example.com');
  });
});

describe('method calls to an upstream that cannot be reached or does not answer', () => {
  let silent: Server;
  let patchbay: Patchbay;

  beforeAll(async () => {
    // Accepts connections and requests, never answers.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    patchbay = await startPatchbay({
      ...overrides({ [PIPEDRIVE]: `http://127.0.0.1:${port}`, [EXAMPLE]: `http://127.0.0.1:${await freePort()}` }),
      PATCHBAY_UPSTREAM_TIMEOUT_MS: '300',
    });
  });
  afterAll(async () => {
    await patchbay.close();
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('answers 502 PB_ERR_UPSTREAM_UNREACHABLE when nothing listens at the upstream', async () => {
    const id = await install(patchbay, 1, KEY);
    const reply = await callMethod(patchbay, id, 'get-me');
    const body = await expectError(reply, 502, 'PB_ERR_UPSTREAM_UNREACHABLE');
    expect(body.Message).toContain('api.example.com');
    expect(body.Upstream).toBeUndefined();
  });

  it('answers 504 PB_ERR_UPSTREAM_TIMEOUT when the upstream does not answer within PATCHBAY_UPSTREAM_TIMEOUT_MS', async () => {
    const id = await install(patchbay, 2, TOKEN);
    const started = performance.now();
    const reply = await callMethod(patchbay, id, 'get-person', { Parameters: { id: 1 } });
    const elapsed = performance.now() - started;
    const body = await expectError(reply, 504, 'PB_ERR_UPSTREAM_TIMEOUT');
    expect(body.Message).toContain('api.pipedrive.com');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('the warm method-call path', () => {
  let sim: PipedriveSimulator;
  let patchbay: Patchbay;
  const queries = foregroundQueries();

  beforeAll(async () => {
    sim = await startPipedriveSimulator();
    patchbay = await startPatchbay(overrides({ [PIPEDRIVE]: sim.url }), undefined, { onQuery: queries.onQuery });
  });
  afterAll(async () => {
    await patchbay.close();
    await sim.close();
  });

  it('reads no database row once the token, account and install are cached, and reads again after a write', async () => {
    const id = await install(patchbay, 2, TOKEN);
    const call = () => patchbay.call('GET', `/v1.0/account/connectors/${id}/methods/get-person?id=1`, { account: ACCOUNT });
    expect((await call()).status).toBe(200);
    const before = queries.count;
    for (let i = 0; i < 20; i++) expect((await call()).status).toBe(200);
    expect(queries.count - before).toBe(0);

    const renamed = await patchbay.call('PUT', `/v1.0/account/connectors/${id}`, { account: ACCOUNT, body: { Name: 'Renamed' } });
    expect(renamed.status).toBe(200);
    const afterWrite = queries.count;
    expect((await call()).status).toBe(200);
    expect(queries.count - afterWrite).toBeGreaterThan(0);
  });
});
