import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';

const TOKEN = 'pipedrive-test-token';
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

interface Envelope {
  success: boolean;
  data: unknown;
  error?: string;
  additional_data: { next_cursor?: string | null } | null;
}

describe('Pipedrive simulator, API v2', () => {
  let sim: PipedriveSimulator;
  const call = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: Envelope }> => {
    const res = await fetch(`${sim.url}${path}`, {
      ...init,
      headers: { 'x-api-token': TOKEN, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
    });
    return { status: res.status, body: (await res.json()) as Envelope };
  };
  const v2 = (path: string, init?: RequestInit) => call(`/api/v2${path}`, init);
  const ids = (body: Envelope) => (body.data as { id: number }[]).map((p) => p.id);

  beforeAll(async () => {
    sim = await startPipedriveSimulator({ seed: { persons: 250 } });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  it('pages a list with cursors of 100 by default until next_cursor is null', async () => {
    const seen: number[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const { status, body } = await v2(`/persons${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(status).toBe(200);
      seen.push(...ids(body));
      cursor = body.additional_data?.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(cursor).toBeNull();
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it('answers the v2 person shape: emails and phones lists, integer ids, RFC 3339 times', async () => {
    const { body } = await v2('/persons/2');
    expect(body).toEqual({ success: true, data: expect.any(Object) });
    expect(body.data).toMatchObject({
      id: 2,
      name: 'Person 2',
      first_name: 'Person',
      last_name: '2',
      owner_id: 1,
      org_id: 2,
      emails: [{ value: 'person2@example.com', primary: true, label: 'work' }],
      phones: [{ value: '+15550000002', primary: true, label: 'work' }],
      is_deleted: false,
      visible_to: 3,
      label_ids: [],
    });
    const person = body.data as { add_time: string; update_time: string };
    expect(person.add_time).toMatch(RFC3339);
    expect(person.update_time).toMatch(RFC3339);
  });

  it('refuses a limit above 500, a limit of 0 and a cursor it did not make with 400', async () => {
    for (const query of ['limit=501', 'limit=0', 'limit=ten', 'cursor=not-a-cursor', 'sort_by=name', 'sort_direction=up']) {
      const { status, body } = await v2(`/persons?${query}`);
      expect(status, query).toBe(400);
      expect(body, query).toMatchObject({ success: false, error: expect.any(String), data: null, additional_data: null });
    }
    expect((await v2('/persons?limit=500')).body.data).toHaveLength(250);
  });

  it('filters by ids, owner_id, org_id and updated_since / updated_until, and sorts both ways', async () => {
    expect(ids((await v2('/persons?ids=3,1,7')).body)).toEqual([1, 3, 7]);
    expect(ids((await v2('/persons?org_id=1&limit=3')).body)).toEqual([1, 4, 7]);
    expect((await v2('/persons?owner_id=2')).body.data).toEqual([]);
    // Seed person n was updated at 2024-01-01 00:0n:00.
    expect(ids((await v2('/persons?updated_since=2024-01-01T04:08:00Z&updated_until=2024-01-01T04:10:00Z')).body)).toEqual([248, 249]);
    expect(ids((await v2('/persons?sort_by=update_time&sort_direction=desc&limit=2')).body)).toEqual([250, 249]);
    expect((await v2('/persons?updated_since=2024-01-01')).status).toBe(400);
  });

  it('creates with POST, merges with PATCH and deletes with DELETE answering {id}', async () => {
    const created = await v2('/persons', {
      method: 'POST',
      body: JSON.stringify({ name: 'Ada Lovelace', emails: [{ value: 'ada@example.com', primary: true, label: 'home' }], org_id: 2 }),
    });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({
      id: 251,
      first_name: 'Ada',
      last_name: 'Lovelace',
      emails: [{ value: 'ada@example.com', label: 'home' }],
      org_id: 2,
      phones: [],
    });

    const patched = await v2('/persons/251', { method: 'PATCH', body: JSON.stringify({ name: 'Augusta Ada King' }) });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      id: 251,
      name: 'Augusta Ada King',
      last_name: 'Ada King',
      emails: [{ value: 'ada@example.com' }],
    });

    expect((await v2('/persons/251', { method: 'PUT', body: '{}' })).status).toBe(404);
    expect(await v2('/persons/251', { method: 'DELETE' })).toEqual({ status: 200, body: { success: true, data: { id: 251 } } });
    expect((await v2('/persons/251')).body).toMatchObject({ success: false, error: 'Person not found', data: null });
  });

  it('refuses a v2 body whose typed field has the wrong type, or without its required field, with 400', async () => {
    for (const [path, body] of [
      ['/persons', { name: 'X', org_id: '2' }],
      ['/persons', { name: 'X', emails: 'not-a-list-of-objects' }],
      ['/deals', { title: 'X', value: 'lots' }],
      ['/products', {}],
    ] as const) {
      const reply = await v2(path, { method: 'POST', body: JSON.stringify(body) });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body).toMatchObject({ success: false, data: null, additional_data: null });
    }
  });

  it('serves deals, organizations, activities and products with the fields their models name', async () => {
    expect((await v2('/deals/1')).body.data).toMatchObject({
      id: 1,
      pipeline_id: 1,
      stage_id: 1,
      is_archived: false,
      status: 'open',
      close_time: null,
    });
    expect((await v2('/organizations/1')).body.data).toMatchObject({
      id: 1,
      address: { value: '1 Main Street' },
      is_deleted: false,
      visible_to: 3,
    });
    expect((await v2('/activities?done=false&deal_id=2')).body.data).toMatchObject([{ id: 2, done: false, deal_id: 2 }]);
    expect((await v2('/products/1')).body.data).toMatchObject({
      id: 1,
      name: 'Product 1',
      prices: [{ currency: 'USD', price: 10 }],
      is_linkable: true,
    });
  });

  it('searches persons with scores and cursor paging, and refuses a term shorter than 2 characters', async () => {
    const { body } = await v2('/persons/search?term=Person%2012&limit=5');
    const data = body.data as { items: { result_score: number; item: { id: number; type: string; emails: string[] } }[] };
    expect(data.items[0]).toMatchObject({ result_score: 1, item: { id: 12, type: 'person', emails: ['person12@example.com'] } });
    expect(data.items).toHaveLength(5);
    expect(body.additional_data?.next_cursor).toEqual(expect.any(String));

    const exact = await v2('/persons/search?term=person12@example.com&fields=email&exact_match=true');
    expect((exact.body.data as { items: unknown[] }).items).toHaveLength(1);
    expect(exact.body.additional_data).toEqual({ next_cursor: null });

    expect((await v2('/persons/search?term=P')).status).toBe(400);
    expect((await v2('/persons/search?term=Person&fields=title')).status).toBe(400);
  });

  it('searches deals and every item type with itemSearch', async () => {
    const deals = (await v2('/deals/search?term=Deal%202')).body.data as { items: { item: Record<string, unknown> }[] };
    expect(deals.items[0]?.item).toMatchObject({
      id: 2,
      type: 'deal',
      title: 'Deal 2',
      person: { id: 2, name: 'Person 2' },
      stage: { id: 1 },
    });
    const all = (await v2('/itemSearch?term=2')).status;
    expect(all).toBe(400);
    const found = (await v2('/itemSearch?term=Organization%203&item_types=organization,person')).body.data as {
      items: { item: { type: string } }[];
    };
    expect(found.items.map((i) => i.item.type)).toEqual(['organization']);
  });

  it('keeps v1 as a view of the same records, and reads /v1/persons/search as a search, not a person id', async () => {
    await v2('/persons/1', { method: 'PATCH', body: JSON.stringify({ name: 'Renamed Person' }) });
    const v1 = await call('/v1/persons/1');
    expect(v1.body.data).toMatchObject({
      id: 1,
      name: 'Renamed Person',
      email: [{ value: 'person1@example.com' }],
      visible_to: '3',
      active_flag: true,
    });
    expect((v1.body.data as { add_time: string }).add_time).toBe('2024-01-01 00:01:00');

    const search = await call('/v1/persons/search?term=Renamed');
    expect(search.status).toBe(200);
    expect(search.body).toMatchObject({ success: true, data: { items: [{ item: { id: 1, type: 'person' } }] } });
    expect((await call('/v1/users/me')).body.data).toMatchObject({ id: 1, company_domain: 'testco' });
  });
});
