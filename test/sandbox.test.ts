import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';

const TOKEN = 'pipedrive-test-token';
const KEY = 'example-api-key';

describe('Pipedrive simulator', () => {
  let sim: PipedriveSimulator;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${sim.url}/v1${path}`, { ...init, headers: { 'x-api-token': TOKEN, ...init.headers } });
  const json = (body: unknown): RequestInit => ({
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

  beforeAll(async () => {
    sim = await startPipedriveSimulator({ seed: { persons: 250 } });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  it('rejects a missing or unknown token with Pipedrive 401 body', async () => {
    for (const res of [await fetch(`${sim.url}/v1/persons`), await fetch(`${sim.url}/v1/persons?api_token=nope`)]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        success: false,
        error: 'unauthorized access',
        errorCode: 401,
        error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.',
      });
    }
  });

  it('accepts the token as query parameter, x-api-token header or Bearer, under /v1 and /api/v1', async () => {
    const answers = await Promise.all([
      fetch(`${sim.url}/v1/deals?api_token=${TOKEN}`),
      fetch(`${sim.url}/api/v1/deals`, { headers: { 'x-api-token': TOKEN } }),
      fetch(`${sim.url}/api/v1/deals`, { headers: { authorization: `Bearer ${TOKEN}` } }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('honours tokens added and revoked at runtime', async () => {
    sim.addToken('oauth-access');
    const headers = { authorization: 'Bearer oauth-access' };
    expect((await fetch(`${sim.url}/v1/deals`, { headers })).status).toBe(200);
    sim.revokeToken('oauth-access');
    expect((await fetch(`${sim.url}/v1/deals`, { headers })).status).toBe(401);
  });

  it('wraps lists in the success envelope with start/limit pagination and next_start only when more', async () => {
    const first = await (await api('/persons?limit=100')).json();
    expect(first.success).toBe(true);
    expect(first.data).toHaveLength(100);
    expect(first.data[0]).toMatchObject({
      id: 1,
      name: 'Person 1',
      email: [{ value: 'person1@example.com', primary: true }],
    });
    expect(first.data[0].add_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(first.additional_data.pagination).toEqual({
      start: 0,
      limit: 100,
      more_items_in_collection: true,
      next_start: 100,
    });

    const last = await (await api('/persons?start=200&limit=100')).json();
    expect(last.data.map((p: { id: number }) => p.id)).toEqual(Array.from({ length: 50 }, (_, i) => 201 + i));
    expect(last.additional_data.pagination).toEqual({ start: 200, limit: 100, more_items_in_collection: false });
  });

  it('defaults limit to 100, caps it at 500 and answers an empty page with data null', async () => {
    expect((await (await api('/persons')).json()).additional_data.pagination.limit).toBe(100);
    const capped = await (await api('/persons?limit=1000')).json();
    expect(capped.additional_data.pagination.limit).toBe(500);
    expect(capped.data).toHaveLength(250);
    expect((await (await api('/persons?start=300')).json()).data).toBeNull();
  });

  it('rejects a non-numeric limit or start with a 400 error envelope', async () => {
    for (const query of ['limit=ten', 'start=-1']) {
      const res = await api(`/persons?${query}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ success: false, data: null, additional_data: null });
    }
  });

  it('creates, reads, merges on update and deletes a deal, then answers 404 Deal not found', async () => {
    const created = await api('/deals', { method: 'POST', ...json({ title: 'Big one', value: 500, custom: 'x' }) });
    expect(created.status).toBe(201);
    const deal = (await created.json()).data;
    expect(deal).toMatchObject({ id: 4, title: 'Big one', value: 500, currency: 'USD', status: 'open', custom: 'x' });

    expect((await (await api(`/deals/${deal.id}`)).json()).data).toEqual(deal);

    const updated = await api(`/deals/${deal.id}`, { method: 'PUT', ...json({ value: 900 }) });
    expect(updated.status).toBe(200);
    expect((await updated.json()).data).toMatchObject({ id: deal.id, title: 'Big one', value: 900 });

    const deleted = await api(`/deals/${deal.id}`, { method: 'DELETE' });
    expect(await deleted.json()).toMatchObject({ success: true, data: { id: deal.id } });

    const gone = await api(`/deals/${deal.id}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ success: false, error: 'Deal not found', data: null });
  });

  it('accepts form-encoded bodies and coerces typed fields', async () => {
    const res = await api('/activities', {
      method: 'POST',
      body: new URLSearchParams({ subject: 'Call back', done: '1', deal_id: '2' }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).data).toMatchObject({ subject: 'Call back', type: 'call', done: true, deal_id: 2 });
    expect(sim.items('activities')).toHaveLength(4);
  });

  it('rejects a create without its required field with 400 "... must be given"', async () => {
    for (const [resource, error] of [
      ['persons', 'Name must be given'],
      ['organizations', 'Name must be given'],
      ['deals', 'Title must be given'],
      ['activities', 'Subject must be given'],
    ]) {
      const res = await api(`/${resource}`, { method: 'POST', ...json({}) });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ success: false, error, data: null, additional_data: null });
    }
  });

  it('answers malformed JSON with 400 and unknown routes with 404 in the error envelope', async () => {
    const bad = await api('/persons', {
      method: 'POST',
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ success: false, data: null });

    const unknown = await api('/widgets');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ success: false, data: null, additional_data: null });
  });

  it('sends rate-limit headers on every API response even when unlimited', async () => {
    const res = await api('/persons/1');
    expect(Number(res.headers.get('x-ratelimit-limit'))).toBeGreaterThan(1000);
    expect(res.headers.get('x-ratelimit-remaining')).not.toBeNull();
    expect(res.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/);
  });

  it('fails the next n requests as scripted, then recovers', async () => {
    sim.failNext(1, 429, 7);
    sim.failNext(1, 503);
    const throttled = await api('/persons/1');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(await throttled.json()).toMatchObject({ success: false, error: 'Rate limit has been exceeded' });
    const down = await api('/persons/1');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ success: false, error: 'Internal server error' });
    expect((await api('/persons/1')).status).toBe(200);
  });

  it('counts requests and restores seed data on reset', async () => {
    await api('/persons/1', { method: 'DELETE' });
    expect(sim.items('persons')).toHaveLength(249);
    expect(sim.requestCount).toBe(1);
    sim.reset();
    expect(sim.items('persons')).toHaveLength(250);
    expect(sim.requestCount).toBe(0);
  });
});

describe('Pipedrive simulator with a rate limit', () => {
  let sim: PipedriveSimulator;
  beforeAll(async () => {
    sim = await startPipedriveSimulator({ rateLimit: { limit: 2, windowMs: 60_000 } });
  });
  afterAll(() => sim.close());

  it('answers 429 with retry-after once a token exceeds its window', async () => {
    const get = () => fetch(`${sim.url}/v1/persons?api_token=${TOKEN}`);
    const first = await get();
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await get()).status).toBe(200);

    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({
      success: false,
      error: 'Rate limit has been exceeded',
      error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.',
      data: null,
      additional_data: null,
    });

    sim.reset();
    expect((await get()).status).toBe(200);
  });
});

describe('Example API simulator', () => {
  let sim: ExampleApiSimulator;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${sim.url}/v1${path}`, { ...init, headers: { 'x-api-key': KEY, ...init.headers } });
  const json = (body: unknown): RequestInit => ({
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

  beforeAll(async () => {
    sim = await startExampleApiSimulator({ seed: { contacts: 45 } });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  it('rejects a missing or wrong X-Api-Key with 401 invalid_api_key', async () => {
    for (const res of [await fetch(`${sim.url}/v1/me`), await api('/me', { headers: { 'x-api-key': 'wrong' } })]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'invalid_api_key', message: expect.any(String) });
    }
  });

  it('identifies the key on /v1/me by its last four characters', async () => {
    expect(await (await api('/me')).json()).toEqual({ account: 'example', key: '-key' });
  });

  it('pages contacts with an absolute Link rel="next" that keeps other query parameters', async () => {
    const first = await api('/contacts?per_page=20&q=x');
    const contacts = await first.json();
    expect(contacts).toHaveLength(20);
    expect(contacts[0]).toEqual({
      id: 1,
      name: 'Contact 1',
      email: 'contact1@example.com',
      createdAt: expect.stringMatching(/Z$/),
    });
    const link = first.headers.get('link');
    expect(link).toBe(`<${sim.url}/v1/contacts?per_page=20&q=x&page=2>; rel="next"`);

    const follow = (header: string | null) => fetch(/<([^>]+)>/.exec(header ?? '')?.[1] ?? '', { headers: { 'x-api-key': KEY } });
    const second = await follow(link);
    const third = await follow(second.headers.get('link'));
    expect((await third.json()).map((c: { id: number }) => c.id)).toEqual([41, 42, 43, 44, 45]);
    expect(third.headers.get('link')).toBeNull();
  });

  it('rejects per_page outside 1..100 or a bad page with 400 invalid_parameter', async () => {
    for (const query of ['per_page=0', 'per_page=101', 'per_page=abc', 'page=0']) {
      const res = await api(`/contacts?${query}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toBe('invalid_parameter');
    }
    expect(await (await api('/contacts?per_page=101')).json()).toEqual({
      error: 'invalid_parameter',
      message: 'per_page must be between 1 and 100',
    });
  });

  it('creates, reads, updates and deletes a contact, then answers 404 not_found', async () => {
    const created = await api('/contacts', { method: 'POST', ...json({ name: 'Ada', email: 'ada@example.com' }) });
    expect(created.status).toBe(201);
    const contact = await created.json();
    expect(contact).toMatchObject({ id: 46, name: 'Ada', email: 'ada@example.com' });

    expect(await (await api('/contacts/46')).json()).toEqual(contact);
    const updated = await api('/contacts/46', { method: 'PUT', ...json({ name: 'Ada L.' }) });
    expect(await updated.json()).toEqual({ ...contact, name: 'Ada L.' });

    const deleted = await api('/contacts/46', { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');

    const gone = await api('/contacts/46');
    expect(gone.status).toBe(404);
    expect((await gone.json()).error).toBe('not_found');
  });

  it('creates once per Idempotency-Key: a repeat answers the same contact, replayed, and creates nothing', async () => {
    const keyed = (key: string, name: string) =>
      api('/contacts', {
        method: 'POST',
        body: JSON.stringify({ name }),
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
      });
    const first = await keyed('k-1', 'Ada');
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const contact = await first.json();
    const again = await keyed('k-1', 'Ada');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(contact);
    expect((await (await keyed('k-2', 'Bea')).json()).id).toBe(contact.id + 1);
    expect(sim.contacts().filter((c) => c.name === 'Ada')).toHaveLength(1);

    const tooLong = await keyed('k'.repeat(256), 'Cai');
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error).toBe('invalid_parameter');
  });

  it('rejects a contact without a name and malformed JSON with 400', async () => {
    const noName = await api('/contacts', { method: 'POST', ...json({ email: 'x@example.com' }) });
    expect(noName.status).toBe(400);
    expect(await noName.json()).toEqual({ error: 'invalid_parameter', message: 'name is required' });

    const bad = await api('/contacts', {
      method: 'POST',
      body: '[1,',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) });
  });

  it('answers unknown routes with 404 not_found', async () => {
    const res = await api('/nothing');
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe('not_found');
  });

  it('fails the next n requests as scripted with Retry-After, then recovers', async () => {
    sim.failNext(2, 429, 3);
    for (let i = 0; i < 2; i++) {
      const res = await api('/me');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('3');
      expect((await res.json()).error).toBe('rate_limited');
    }
    expect((await api('/me')).status).toBe(200);
    expect(sim.requestCount).toBe(3);
  });
});
