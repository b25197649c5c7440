// One test per Capsule CRM fact in the providers reference, each named after it: through Patchbay's
// method calls, AllPages and raw proxy against the Capsule simulator, or against the simulator itself
// for facts about the provider alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { TestClock } from '../src/clock.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';
import { authorise, decide, PARTNER_ORIGIN, signinToken, startUrl, visit } from './support/oauth-flow.js';
import { until } from './support/until.js';

const CAPSULE = 3;
const ACCOUNT = 'capsule-facts';
const SEED = { parties: 7, opportunities: 4, kases: 3, tasks: 3 };
const PARTY_FIELDS = [
  'id',
  'type',
  'firstName',
  'lastName',
  'title',
  'jobTitle',
  'about',
  'createdAt',
  'updatedAt',
  'organisation',
  'owner',
  'emailAddresses',
  'phoneNumbers',
  'addresses',
  'websites',
];
const OPPORTUNITY_FIELDS = [
  'id',
  'name',
  'description',
  'party',
  'milestone',
  'value',
  'expectedCloseOn',
  'probability',
  'closedOn',
  'lostReason',
  'owner',
  'createdAt',
  'updatedAt',
];
const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

type Item = Record<string, unknown> & { id: number };
type Upstream = { Status: number; Body: Record<string, unknown> };

describe('Capsule CRM (API v2) facts', () => {
  let capsule: CapsuleSimulator;
  let patchbay: Patchbay;
  let id: number;
  // Patchbay's clock starts a few seconds before the end of the simulator's hourly rate window, which
  // opens at its first request: the last test then moves it seconds, not an hour of timers.
  const clock = new TestClock(Date.now() + 3_600_000 - 5_000);

  const call = (method: string, body: unknown = {}, install = id, account = ACCOUNT) =>
    patchbay.call('POST', `/v1.0/account/connectors/${install}/methods/${method}`, { account, body });
  const data = async <T = Item[]>(reply: Response | Promise<Response>): Promise<T> => {
    const answer = await reply;
    expect(answer.status, await answer.clone().text()).toBeLessThan(300);
    return (await answer.json()) as T;
  };
  const proxy = (path: string, init: { method?: string; body?: unknown } = {}) =>
    patchbay.call(init.method ?? 'GET', `/v1.0/account/connectors/${id}/proxy${path}`, { account: ACCOUNT, body: init.body });
  const upstream = async (reply: Response): Promise<Upstream> => {
    expect(reply.status).toBe(502);
    return ((await reply.json()) as ErrorReply).Upstream as Upstream;
  };
  const connect = async (account: string): Promise<number> => {
    const install = await installInto(patchbay, account, CAPSULE);
    expect((await authorise(patchbay, account, install)).status).toBe(302);
    return install;
  };
  const idsOf = (items: Item[]) => items.map((item) => item.id);

  beforeAll(async () => {
    capsule = await startCapsuleSimulator({ seed: SEED });
    patchbay = await startPatchbay(
      {
        ...overrides({ 'https://api.capsulecrm.com': capsule.url }),
        PATCHBAY_ALLOWED_ORIGINS: PARTNER_ORIGIN,
        // Time moves only when a test moves it; no periodic sweep runs meanwhile.
        PATCHBAY_SWEEP_INTERVAL_SECONDS: '0',
      },
      undefined,
      { clock },
    );
    expect((await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' })).status).toBe(200);
    id = await connect(ACCOUNT);
  });
  afterAll(async () => {
    await patchbay.close();
    await capsule.close();
  });

  it('Capsule: the base is https://api.capsulecrm.com/api/v2 with Authorization: Bearer {token}', async () => {
    expect(await data(call('list-parties'))).toHaveLength(capsule.items('parties').length);
    expect((await proxy('/parties/1')).status).toBe(200);
    const anonymous = await fetch(`${capsule.url}/api/v2/parties/1`);
    expect(anonymous.status).toBe(401);
  });

  it('Capsule: OAuth authorises at /oauth/authorise and takes tokens at /oauth/token, grants authorization_code and refresh_token, client id and secret in the form body', async () => {
    const account = 'capsule-grants';
    const install = await installInto(patchbay, account, CAPSULE);
    const start = await visit(startUrl(patchbay, install, await signinToken(patchbay, account)));
    expect(new URL(start.headers.get('location') as string).pathname).toBe('/oauth/authorise');
    const before = capsule.oauth.tokenRequests;
    expect((await authorise(patchbay, account, install)).status).toBe(302);
    expect(capsule.oauth.tokenRequests - before).toBe(1);
    capsule.oauth.expireAccessTokens();
    expect(await data(call('get-party', { Parameters: { id: 1 } }, install, account))).toMatchObject({ id: 1 });
    expect(capsule.oauth.tokenRequests - before).toBe(2);
    // Client authentication in a Basic header is refused: the secret belongs in the body.
    const basic = await fetch(`${capsule.url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('capsule-client:capsule-secret').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x' }),
    });
    expect(basic.status).toBe(401);
  });

  it("Capsule: scopes read and write, space separated, from the seed's scope=read+write", async () => {
    const account = 'capsule-scopes';
    const install = await installInto(patchbay, account, CAPSULE);
    const start = await visit(startUrl(patchbay, install, await signinToken(patchbay, account)));
    const location = new URL(start.headers.get('location') as string);
    expect(location.searchParams.getAll('scope')).toEqual(['read write']);
    expect(location.search).toContain('scope=read+write');
  });

  it('Capsule: the token response is access_token, refresh_token, scope, token_type "bearer", expires_in and subdomain', async () => {
    const redirect = 'http://127.0.0.1:9/callback';
    const query = new URLSearchParams({ response_type: 'code', client_id: 'capsule-client', redirect_uri: redirect, scope: 'read write' });
    const consent = await decide(`${capsule.url}/oauth/authorise?${query}`, 'allow');
    const code = new URL(consent.headers.get('location') as string).searchParams.get('code') as string;
    const reply = await fetch(`${capsule.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirect,
        client_id: 'capsule-client',
        client_secret: 'capsule-secret',
      }),
    });
    const body = (await reply.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'scope', 'subdomain', 'token_type']);
    expect(body).toMatchObject({ token_type: 'bearer', scope: 'read write', subdomain: 'acme' });
  });

  it('Capsule: access tokens last about 7 days', async () => {
    const tokens = capsule.oauth.issueForTest('capsule-client');
    expect(tokens.expires_in).toBe(7 * 86_400);
    // Patchbay uses the token it has for as long as it lives: no refresh on an ordinary call.
    await data(call('list-tasks'));
    const before = capsule.oauth.tokenRequests;
    await data(call('list-tasks'));
    expect(capsule.oauth.tokenRequests).toBe(before);
  });

  it('Capsule: refresh tokens may rotate, and Patchbay always keeps the newest', async () => {
    const before = capsule.oauth.tokenRequests;
    for (let round = 1; round <= 3; round++) {
      capsule.oauth.expireAccessTokens();
      expect(await data(call('get-party', { Parameters: { id: 1 } }))).toMatchObject({ id: 1 });
      expect(capsule.oauth.tokenRequests - before).toBe(round);
    }
  });

  it('Capsule: 401 for a bad or expired token, with WWW-Authenticate', async () => {
    const expired = capsule.oauth.issueForTest('capsule-client');
    capsule.oauth.expireAccessTokens();
    for (const token of ['not-a-token', expired.access_token as string]) {
      const reply = await fetch(`${capsule.url}/api/v2/parties`, { headers: { authorization: `Bearer ${token}` } });
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
    }
    // Through Patchbay the 401 is answered by a refresh, and the call goes through.
    expect((await proxy('/parties/1')).status).toBe(200);
  });

  it('Capsule: 403 for a missing scope, with WWW-Authenticate', async () => {
    const account = 'capsule-read-only';
    await setupConnector(patchbay, CAPSULE, { AuthoriseUrl: 'https://api.capsulecrm.com/oauth/authorise?scope=read' });
    let install: number;
    try {
      install = await connect(account);
    } finally {
      await setupConnector(patchbay, CAPSULE, { AuthoriseUrl: null });
    }
    expect(await data(call('get-party', { Parameters: { id: 1 } }, install, account))).toMatchObject({ id: 1 });
    const refused = await call('create-party', { Fields: { type: 'person', firstName: 'Read' } }, install, account);
    expect((await upstream(refused)).Status).toBe(403);
    const raw = await patchbay.call('DELETE', `/v1.0/account/connectors/${install}/proxy/parties/1`, { account });
    expect(raw.status).toBe(403);
    expect(raw.headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);
    expect(capsule.items('parties').some((party) => party.id === 1)).toBe(true);
  });

  it('Capsule: lists GET /parties, /opportunities, /kases (projects) and /tasks', async () => {
    const lists = {
      'list-parties': 'parties',
      'list-opportunities': 'opportunities',
      'list-projects': 'kases',
      'list-tasks': 'tasks',
    } as const;
    for (const [method, resource] of Object.entries(lists)) {
      expect(idsOf(await data(call(method, { AllPages: true }))), method).toEqual(idsOf(capsule.items(resource) as Item[]));
    }
  });

  it('Capsule: lists page with page (from 1) and perPage (1-100, default 50); out of range is a 400', async () => {
    const all = idsOf(capsule.items('parties') as Item[]);
    const first = await call('list-parties', { Parameters: { perPage: 3 } });
    expect(idsOf(await data(first))).toEqual(all.slice(0, 3));
    expect(JSON.parse(first.headers.get('x-patchbay-next-parameters') as string)).toEqual({ page: 2 });
    expect(idsOf(await data(call('list-parties', { Parameters: { page: 2, perPage: 3 } })))).toEqual(all.slice(3, 6));
    const defaults = (await data<{ parties: Item[] }>(proxy('/parties?page=1'))).parties;
    expect(idsOf(defaults)).toEqual(all.slice(0, 50));
    for (const query of ['perPage=0', 'perPage=101', 'page=0']) {
      const reply = await proxy(`/parties?${query}`);
      expect(reply.status, query).toBe(400);
      expect(((await reply.json()) as { message: string }).message).toMatch(/page/i);
    }
  });

  it('Capsule: since (ISO 8601) keeps what changed since then', async () => {
    const cutoff = (capsule.items('parties')[4] as Item).updatedAt as string;
    const changed = await data(call('list-parties', { Parameters: { since: cutoff }, AllPages: true }));
    const expected = (capsule.items('parties') as Item[]).filter((party) => Date.parse(party.updatedAt as string) >= Date.parse(cutoff));
    expect(idsOf(changed)).toEqual(idsOf(expected));
    expect(changed.length).toBeLessThan(capsule.items('parties').length);
    const local = await call('list-parties', { Parameters: { since: '2024-01-01T00:00:00' } });
    expect((await upstream(local)).Status).toBe(400);
  });

  it('Capsule: embed (e.g. tags,fields) adds embedded data only when asked', async () => {
    const plain = await data(call('list-parties', { Parameters: { perPage: 2 } }));
    expect(plain.every((party) => !('tags' in party) && !('fields' in party))).toBe(true);
    const embedded = await data(call('list-parties', { Parameters: { perPage: 2, embed: 'tags,fields' } }));
    expect(embedded.every((party) => Array.isArray(party.tags) && Array.isArray(party.fields))).toBe(true);
    const one = await data<Item>(call('get-party', { Parameters: { id: 1, embed: 'tags' } }));
    expect('tags' in one && !('fields' in one)).toBe(true);
  });

  it('Capsule: the next page is in the Link header, rel="next", which AllPages follows to the end', async () => {
    const first = await proxy('/parties?perPage=3');
    const link = first.headers.get('link') as string;
    expect(link).toMatch(/^<[^>]+>; rel="next"$/);
    const next = new URL(/<([^>]+)>/.exec(link)?.[1] as string);
    expect(Object.fromEntries(next.searchParams)).toEqual({ perPage: '3', page: '2' });
    const count = capsule.items('parties').length;
    const last = await proxy(`/parties?perPage=3&page=${Math.ceil(count / 3)}`);
    expect(last.headers.get('link')).toBeNull();
    const all = await call('list-parties', { Parameters: { perPage: 3 }, AllPages: true });
    expect(idsOf(await data(all))).toEqual(idsOf(capsule.items('parties') as Item[]));
    expect(all.headers.get('x-patchbay-pages')).toBe(String(Math.ceil(count / 3)));
  });

  it('Capsule: bodies are wrapped, {"parties": [...]} and single items {"party": {...}}, and method calls unwrap them', async () => {
    const list = await data<Record<string, unknown>>(proxy('/parties?perPage=2'));
    expect(Object.keys(list)).toEqual(['parties']);
    const one = await data<Record<string, unknown>>(proxy('/opportunities/1'));
    expect(Object.keys(one)).toEqual(['opportunity']);
    expect(await data(call('list-parties', { Parameters: { perPage: 2 } }))).toEqual(list.parties);
    expect(await data(call('get-opportunity', { Parameters: { id: 1 } }))).toEqual(one.opportunity);
  });

  it('Capsule: create is POST /parties with the body {"party": {...}}', async () => {
    const created = await call('create-party', { Fields: { type: 'organisation', name: 'Wrapped Ltd' } });
    expect(created.status).toBe(201);
    const party = await data<Item>(created);
    expect(capsule.items('parties').at(-1)).toMatchObject({ id: party.id, name: 'Wrapped Ltd' });
    const unwrapped = await proxy('/parties', { method: 'POST', body: { type: 'organisation', name: 'Bare Ltd' } });
    expect(unwrapped.status).toBe(400);
    expect(capsule.items('parties').some((p) => p.name === 'Bare Ltd')).toBe(false);
  });

  it('Capsule: update is PUT /parties/{id}, leaving fields not sent unchanged', async () => {
    const party = await data<Item>(call('create-party', { Fields: { type: 'person', firstName: 'Put', lastName: 'Before' } }));
    const updated = await data<Item>(call('update-party', { Parameters: { id: party.id }, Fields: { lastName: 'After' } }));
    expect(updated).toMatchObject({ id: party.id, firstName: 'Put', lastName: 'After' });
    expect(capsule.items('parties').find((p) => p.id === party.id)).toMatchObject({ lastName: 'After' });
  });

  it('Capsule: delete is DELETE /parties/{id}', async () => {
    const party = await data<Item>(call('create-party', { Fields: { type: 'organisation', name: 'Gone Ltd' } }));
    expect((await call('delete-party', { Parameters: { id: party.id } })).status).toBe(204);
    expect(capsule.items('parties').some((p) => p.id === party.id)).toBe(false);
    expect((await upstream(await call('get-party', { Parameters: { id: party.id } }))).Status).toBe(404);
  });

  it('Capsule: a party has id, type (person|organisation), names, title, jobTitle, about, timestamps, organisation, owner and contact lists', async () => {
    const person = await data<Item>(
      call('create-party', {
        Fields: {
          type: 'person',
          title: 'Dr',
          firstName: 'Ada',
          lastName: 'Lovelace',
          jobTitle: 'Analyst',
          about: 'Engines',
          organisation: { id: 1 },
          emailAddresses: [{ type: 'Work', address: 'ada@example.com' }],
          phoneNumbers: [{ type: 'Work', number: '+44 20 7946 0000' }],
          addresses: [{ type: 'Office', street: '1 Lane', city: 'London', state: null, zip: 'N1', country: 'United Kingdom' }],
          websites: [{ type: 'Work', service: 'URL', address: 'https://ada.example.com', url: 'https://ada.example.com' }],
        },
      }),
    );
    expect(Object.keys(person)).toEqual(expect.arrayContaining(PARTY_FIELDS));
    expect(person).toMatchObject({ type: 'person', organisation: { id: 1 }, owner: { id: expect.any(Number) } });
    expect(person.createdAt).toMatch(ISO_SECONDS);
    expect(person.emailAddresses).toEqual([{ id: expect.any(Number), type: 'Work', address: 'ada@example.com' }]);
    expect(person.phoneNumbers).toEqual([{ id: expect.any(Number), type: 'Work', number: '+44 20 7946 0000' }]);
    expect(Object.keys((person.addresses as Item[])[0] as Item).sort()).toEqual([
      'city',
      'country',
      'id',
      'state',
      'street',
      'type',
      'zip',
    ]);
    expect(Object.keys((person.websites as Item[])[0] as Item).sort()).toEqual(['address', 'id', 'service', 'type', 'url']);
    const organisation = await data<Item>(call('get-party', { Parameters: { id: 1 } }));
    expect(organisation).toMatchObject({ type: 'organisation', name: expect.any(String) });
    const neither = await call('create-party', { Fields: { type: 'robot', name: 'R2' } });
    expect((await upstream(neither)).Status).toBe(422);
  });

  it('Capsule: an opportunity has id, name, description, party{id,type,name}, milestone{id,name}, value{amount,currency}, dates, probability, lostReason, owner and timestamps', async () => {
    const opportunity = await data<Item>(
      call('create-opportunity', {
        Fields: {
          name: 'Big deal',
          description: 'Engines',
          party: { id: 1 },
          milestone: { name: 'Proposal' },
          value: { amount: 5000, currency: 'GBP' },
          expectedCloseOn: '2024-06-30',
          probability: 50,
        },
      }),
    );
    expect(Object.keys(opportunity)).toEqual(expect.arrayContaining(OPPORTUNITY_FIELDS));
    expect(opportunity).toMatchObject({
      party: { id: 1, type: 'organisation', name: expect.any(String) },
      milestone: { id: 3, name: 'Proposal' },
      value: { amount: 5000, currency: 'GBP' },
      closedOn: null,
      lostReason: null,
    });
    expect(opportunity.updatedAt).toMatch(ISO_SECONDS);
  });

  it('Capsule: every answer reports X-RateLimit-Limit (4,000 an hour), X-RateLimit-Remaining and X-RateLimit-Reset in epoch seconds', async () => {
    const first = await proxy('/parties/1');
    const second = await proxy('/parties/1');
    expect(first.headers.get('x-ratelimit-limit')).toBe('4000');
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(Number(first.headers.get('x-ratelimit-remaining')) - 1);
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 3600);
  });

  it('Capsule: over the limit, 429 {"error": "rate limit reached"}', async () => {
    const limited = await startCapsuleSimulator({ rateLimit: 2 });
    try {
      const { access_token: token } = limited.oauth.issueForTest('capsule-client');
      const get = () => fetch(`${limited.url}/api/v2/parties`, { headers: { authorization: `Bearer ${token}` } });
      expect((await get()).status).toBe(200);
      expect((await get()).headers.get('x-ratelimit-remaining')).toBe('0');
      const over = await get();
      expect(over.status).toBe(429);
      expect(await over.json()).toEqual({ error: 'rate limit reached' });
      expect(Number(over.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    } finally {
      await limited.close();
    }
  });

  // Last: it moves Patchbay's clock on to the end of the rate window.
  it('Capsule: a 429 without Retry-After is retried at X-RateLimit-Reset, read as epoch seconds', async () => {
    const reset = Number((await proxy('/parties/1')).headers.get('x-ratelimit-reset'));
    await clock.advance(Math.max(0, reset * 1000 - 3000 - clock.now()));
    capsule.failNext(1, 429);
    const before = capsule.requestCount;
    let settled = false;
    const pending = call('get-party', { Parameters: { id: 1 } }).finally(() => {
      settled = true;
    });
    await until(async () => (capsule.requestCount > before ? true : undefined));
    while (!settled && clock.now() < reset * 1000 + 5000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await clock.advance(500);
    }
    expect(await data(pending)).toMatchObject({ id: 1 });
    expect(clock.now()).toBeGreaterThanOrEqual(reset * 1000);
    expect(capsule.requestCount - before).toBe(2);
  });
});
