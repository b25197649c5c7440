import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { decide, visit } from './support/oauth-flow.js';

const CALLBACK = 'https://patchbay.test/connector/callback';
const CAPSULE_APP = { client_id: 'capsule-client', client_secret: 'capsule-secret' };

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const postForm = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  });
const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};
/** Where the provider sends the browser after the consent decision. */
const decision = async (authoriseUrl: string, choice: 'allow' | 'deny') => {
  const reply = await decide(authoriseUrl, choice);
  expect(reply.status).toBe(302);
  return new URL(reply.headers.get('location') as string);
};

describe('Capsule simulator', () => {
  let sim: CapsuleSimulator;
  const authoriseUrl = (extra: Record<string, string> = {}) =>
    `${sim.url}/oauth/authorise?scope=read+write&${new URLSearchParams({
      client_id: 'capsule-client',
      redirect_uri: CALLBACK,
      response_type: 'code',
      state: 'st-1',
      ...extra,
    })}`;
  const token = (fields: Record<string, string>, headers?: Record<string, string>) => postForm(`${sim.url}/oauth/token`, fields, headers);
  /** Runs consent with PKCE and exchanges the code; returns the token response. */
  const authorise = async () => {
    const { verifier, challenge } = pkce();
    const code = (await decision(authoriseUrl({ code_challenge: challenge, code_challenge_method: 'S256' }), 'allow')).searchParams.get(
      'code',
    );
    return token({
      grant_type: 'authorization_code',
      code: code as string,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
      ...CAPSULE_APP,
    });
  };
  const api = (path: string, accessToken: unknown, init: RequestInit = {}) =>
    fetch(`${sim.url}/api/v2${path}`, {
      ...init,
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', ...init.headers },
    });
  let bearer = '';

  beforeAll(async () => {
    sim = await startCapsuleSimulator({ seed: { parties: 7 } });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.reset();
    bearer = sim.oauth.issueForTest('capsule-client').access_token as string;
  });

  describe('OAuth', () => {
    it('renders a consent page naming client and scope, with Allow and Deny posting back to the authorise path', async () => {
      const page = await visit(authoriseUrl());
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).toContain('<h1>Capsule</h1>');
      expect(html).toContain('capsule-client wants access to your account (scope read write)');
      expect(html).toContain('<form method="post" action="/oauth/authorise">');
      expect(html).toContain('<input type="hidden" name="state" value="st-1">');
      expect(html).toContain('<button type="submit" name="decision" value="allow">Allow</button>');
      expect(html).toContain('<button type="submit" name="decision" value="deny">Deny</button>');
    });

    it('answers an unknown client with a 400 page, and a response_type other than code with a redirect', async () => {
      const unknown = await visit(authoriseUrl({ client_id: 'nope' }));
      expect(unknown.status).toBe(400);
      expect(unknown.headers.get('location')).toBeNull();
      const implicit = await visit(authoriseUrl({ response_type: 'token' }));
      expect(implicit.status).toBe(302);
      const location = new URL(implicit.headers.get('location') as string);
      expect(location.searchParams.get('error')).toBe('unsupported_response_type');
      expect(location.searchParams.get('state')).toBe('st-1');
    });

    it('redirects Allow with only code and state, and exchanges the code with body client auth for working tokens', async () => {
      const { verifier, challenge } = pkce();
      const location = await decision(authoriseUrl({ code_challenge: challenge, code_challenge_method: 'S256' }), 'allow');
      expect(location.origin + location.pathname).toBe(CALLBACK);
      expect([...location.searchParams.keys()]).toEqual(['code', 'state']);
      expect(location.searchParams.get('state')).toBe('st-1');

      const fields = { grant_type: 'authorization_code', code: location.searchParams.get('code') as string, redirect_uri: CALLBACK };
      const reply = await token({ ...fields, code_verifier: verifier, ...CAPSULE_APP });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('cache-control')).toBe('no-store');
      const tokens = await reply.json();
      expect(tokens).toEqual({
        access_token: expect.stringMatching(/^[\w-]{40,}$/),
        token_type: 'bearer',
        expires_in: 604800,
        refresh_token: expect.stringMatching(/^[\w-]{40,}$/),
        scope: 'read write',
        subdomain: 'acme',
      });
      expect((await api('/parties', tokens.access_token)).status).toBe(200);
      expect(sim.oauth.tokenRequests).toBe(1);
    });

    it('refuses HTTP Basic client auth, a wrong secret and a non-form body', async () => {
      const refresh = sim.oauth.issueForTest('capsule-client').refresh_token as string;
      const viaBasic = await token(
        { grant_type: 'refresh_token', refresh_token: refresh },
        { authorization: basic('capsule-client', 'capsule-secret') },
      );
      expect(viaBasic.status).toBe(401);
      expect(await viaBasic.json()).toMatchObject({ error: 'invalid_client' });
      const wrong = await token({ grant_type: 'refresh_token', refresh_token: refresh, client_id: 'capsule-client', client_secret: 'x' });
      expect(wrong.status).toBe(401);
      const json = await fetch(`${sim.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(json.status).toBe(400);
      expect(await json.json()).toMatchObject({ error: 'invalid_request', error_description: expect.any(String) });
      expect(sim.oauth.tokenRequests).toBe(3);
    });

    it('enforces PKCE S256: a missing or wrong code_verifier is invalid_grant', async () => {
      for (const verifier of [undefined, pkce().verifier]) {
        const { challenge } = pkce();
        const code = (await decision(authoriseUrl({ code_challenge: challenge, code_challenge_method: 'S256' }), 'allow')).searchParams.get(
          'code',
        );
        const fields: Record<string, string> = {
          grant_type: 'authorization_code',
          code: code as string,
          redirect_uri: CALLBACK,
          ...CAPSULE_APP,
        };
        const reply = await token(verifier === undefined ? fields : { ...fields, code_verifier: verifier });
        expect(reply.status).toBe(400);
        expect(await reply.json()).toMatchObject({ error: 'invalid_grant' });
      }
    });

    it('accepts a code once: a second redemption is invalid_grant and revokes the tokens it issued', async () => {
      const location = await decision(authoriseUrl(), 'allow');
      const fields = {
        grant_type: 'authorization_code',
        code: location.searchParams.get('code') as string,
        redirect_uri: CALLBACK,
        ...CAPSULE_APP,
      };
      const first = await (await token(fields)).json();
      const again = await token(fields);
      expect(again.status).toBe(400);
      expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
      expect(sim.oauth.isValidAccessToken(first.access_token)).toBe(false);
      expect(await (await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...CAPSULE_APP })).json()).toMatchObject(
        {
          error: 'invalid_grant',
        },
      );
    });

    it('redirects Deny with access_denied and the state, issuing nothing', async () => {
      const location = await decision(authoriseUrl(), 'deny');
      expect(location.searchParams.get('error')).toBe('access_denied');
      expect(location.searchParams.get('state')).toBe('st-1');
      expect(location.searchParams.get('code')).toBeNull();
    });

    it('rotates refresh tokens: the new one works, the old one is invalid_grant, subdomain in both grants', async () => {
      const first = await (await authorise()).json();
      const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...CAPSULE_APP });
      const second = await refreshed.json();
      expect(second).toMatchObject({ token_type: 'bearer', scope: 'read write', subdomain: 'acme' });
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(await (await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...CAPSULE_APP })).json()).toMatchObject(
        {
          error: 'invalid_grant',
        },
      );
      expect((await token({ grant_type: 'refresh_token', refresh_token: second.refresh_token, ...CAPSULE_APP })).status).toBe(200);
      expect((await token({ grant_type: 'client_credentials', ...CAPSULE_APP })).status).toBe(400);
    });

    it('keeps a rotated refresh token working for the grace period, each use issuing a new pair, then refuses it', async () => {
      sim.oauth.setRefreshTokenGrace(1);
      try {
        const first = sim.oauth.issueForTest('capsule-client');
        const fields = { grant_type: 'refresh_token', refresh_token: first.refresh_token as string, ...CAPSULE_APP };
        const second = await (await token(fields)).json();
        const again = await token(fields);
        expect(again.status).toBe(200);
        const third = await again.json();
        expect(third.refresh_token).not.toBe(second.refresh_token);
        expect(sim.oauth.graceRefreshes).toBe(1);
        expect((await token({ ...fields, refresh_token: second.refresh_token })).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 1100));
        expect(await (await token(fields)).json()).toMatchObject({ error: 'invalid_grant' });
      } finally {
        sim.oauth.setRefreshTokenGrace(0);
      }
    });

    it('rotates before a held-back answer: a client gone meanwhile is left with a refused refresh token', async () => {
      const first = sim.oauth.issueForTest('capsule-client');
      const fields = { grant_type: 'refresh_token', refresh_token: first.refresh_token as string, ...CAPSULE_APP };
      sim.oauth.setAnswerDelay(2000);
      const gone = new AbortController();
      const abandoned = fetch(`${sim.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
        signal: gone.signal,
      }).catch(() => 'aborted');
      while (sim.oauth.tokenRequests === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 50));
      gone.abort();
      expect(await abandoned).toBe('aborted');
      sim.oauth.setAnswerDelay(0);
      expect(await (await token(fields)).json()).toMatchObject({ error: 'invalid_grant' });
    });

    it('answers 401 with WWW-Authenticate for an expired access token, and the refreshed token works', async () => {
      const tokens = sim.oauth.issueForTest('capsule-client');
      sim.oauth.expireAccessTokens();
      const expired = await api('/parties', tokens.access_token);
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toMatch(/^Bearer realm="Capsule API", error="invalid_token"/);
      expect(await expired.json()).toEqual({ message: 'authentication failed' });
      expect((await fetch(`${sim.url}/api/v2/parties`)).headers.get('www-authenticate')).toBe('Bearer realm="Capsule API"');

      const refreshed = await (
        await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string, ...CAPSULE_APP })
      ).json();
      expect((await api('/parties', refreshed.access_token)).status).toBe(200);
    });

    it('after revokeAll answers invalid_grant for refresh tokens and 401 for access tokens', async () => {
      const tokens = sim.oauth.issueForTest('capsule-client');
      sim.oauth.revokeAll();
      const reply = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string, ...CAPSULE_APP });
      expect(reply.status).toBe(400);
      expect(await reply.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.any(String) });
      expect((await api('/parties', tokens.access_token)).status).toBe(401);
    });

    it('fails the token endpoint as scripted with 503, then recovers, and delays answers when asked', async () => {
      const tokens = sim.oauth.issueForTest('capsule-client');
      const fields = { grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string, ...CAPSULE_APP };
      sim.oauth.failTokenEndpoint(1, 503);
      const down = await token(fields);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ error: expect.any(String) });
      sim.oauth.setTokenDelay(100);
      const started = performance.now();
      expect((await token(fields)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(90);
      expect(sim.oauth.tokenRequests).toBe(2);
    });
  });

  describe('API', () => {
    it('pages parties with an absolute Link rel="next" that keeps the query, and none on the last page', async () => {
      const first = await api('/parties?perPage=3&embed=tags,fields', bearer);
      expect(first.status).toBe(200);
      const { parties } = await first.json();
      expect(parties.map((p: { id: number }) => p.id)).toEqual([1, 2, 3]);
      expect(parties[0]).toMatchObject({
        type: 'organisation',
        name: 'Organisation 1',
        tags: [],
        fields: [],
        createdAt: '2024-01-01T00:01:00Z',
      });
      expect(parties[1]).toMatchObject({
        type: 'person',
        firstName: 'Person',
        organisation: { id: 1, name: 'Organisation 1' },
        emailAddresses: [{ id: expect.any(Number), type: 'Work', address: 'person2@example.com' }],
      });
      const link = first.headers.get('link');
      expect(link).toBe(`<${sim.url}/api/v2/parties?perPage=3&embed=tags%2Cfields&page=2>; rel="next"`);
      const third = await api('/parties?perPage=3&embed=tags%2Cfields&page=3', bearer);
      expect((await third.json()).parties.map((p: { id: number }) => p.id)).toEqual([7]);
      expect(third.headers.get('link')).toBeNull();
      expect((await (await api('/parties', bearer)).json()).parties).toHaveLength(7);
    });

    it('rejects perPage outside 1..100, a bad page or since with 400, and filters by since', async () => {
      for (const query of ['perPage=0', 'perPage=101', 'page=0', 'since=yesterday', 'since=2024-01-01T00:00:00']) {
        const res = await api(`/parties?${query}`, bearer);
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ message: expect.any(String) });
      }
      const recent = await (await api('/parties?since=2024-01-01T00:05:00Z', bearer)).json();
      expect(recent.parties.map((p: { id: number }) => p.id)).toEqual([5, 6, 7]);
    });

    it('refuses writes with a read-only token with 403 insufficient_scope, but allows reads', async () => {
      const readOnly = sim.oauth.issueForTest('capsule-client', 'read').access_token;
      expect((await api('/tasks', readOnly)).status).toBe(200);
      const refused = await api('/parties/1', readOnly, { method: 'DELETE' });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
      expect(sim.items('parties')).toHaveLength(7);
    });

    it('creates, reads, merges on update and deletes a party, then answers 404', async () => {
      const body = { party: { type: 'person', firstName: 'Ada', emailAddresses: [{ type: 'Work', address: 'ada@example.com' }] } };
      const created = await api('/parties', bearer, { method: 'POST', body: JSON.stringify(body) });
      expect(created.status).toBe(201);
      const { party } = await created.json();
      expect(party).toMatchObject({ id: 8, firstName: 'Ada', emailAddresses: [{ id: expect.any(Number), address: 'ada@example.com' }] });
      expect(party.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(await (await api('/parties/8', bearer)).json()).toEqual({ party });

      const emailId = party.emailAddresses[0].id;
      const update = {
        party: { lastName: 'Lovelace', emailAddresses: [{ id: emailId, _delete: true }, { address: 'ada@lovelace.test' }] },
      };
      const updated = await (await api('/parties/8', bearer, { method: 'PUT', body: JSON.stringify(update) })).json();
      expect(updated.party).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', emailAddresses: [{ address: 'ada@lovelace.test' }] });

      const deleted = await api('/parties/8', bearer, { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      expect(deleted.headers.get('x-ratelimit-limit')).toBe('4000');
      expect((await api('/parties/8', bearer)).status).toBe(404);
    });

    it('validates creates with 422 errors naming resource and field', async () => {
      const cases: [string, unknown, string][] = [
        ['parties', { party: { type: 'robot' } }, 'type'],
        ['parties', { party: { type: 'organisation' } }, 'name'],
        ['opportunities', { opportunity: { name: 'Deal' } }, 'milestone'],
        ['kases', { kase: { name: 'Project' } }, 'party'],
        ['tasks', { task: { description: 'Call', dueOn: '2024-02-30' } }, 'dueOn'],
      ];
      for (const [resource, body, field] of cases) {
        const res = await api(`/${resource}`, bearer, { method: 'POST', body: JSON.stringify(body) });
        expect(res.status).toBe(422);
        const singular = Object.keys(body as object)[0];
        expect(await res.json()).toMatchObject({
          message: expect.any(String),
          errors: [{ message: expect.any(String), resource: singular, field }],
        });
      }
      const opportunity = await api('/opportunities', bearer, {
        method: 'POST',
        body: JSON.stringify({ opportunity: { name: 'Deal', milestone: { name: 'Won' }, party: { id: 2 } } }),
      });
      expect(opportunity.status).toBe(201);
      expect((await opportunity.json()).opportunity).toMatchObject({
        milestone: { id: 5, name: 'Won' },
        party: { id: 2, type: 'person', name: 'Person 2' },
      });
    });

    it('sends rate-limit headers and answers a scripted 429 with Retry-After', async () => {
      const ok = await api('/kases/1', bearer);
      expect(await ok.json()).toMatchObject({ kase: { id: 1, name: 'Project 1' } });
      expect(ok.headers.get('x-ratelimit-limit')).toBe('4000');
      expect(ok.headers.get('x-ratelimit-remaining')).toBe('3999');
      expect(Number(ok.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      sim.failNext(1, 429, 30);
      const limited = await api('/kases/1', bearer);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('30');
      expect(await limited.json()).toEqual({ error: 'rate limit reached' });
    });
  });
});

describe('Pipedrive simulator with OAuth', () => {
  let sim: PipedriveSimulator;
  const authoriseUrl = () =>
    `${sim.url}/oauth/authorize?${new URLSearchParams({ client_id: 'pipedrive-client', redirect_uri: CALLBACK, response_type: 'code', state: 'p' })}`;
  const token = (fields: Record<string, string>, auth = basic('pipedrive-client', 'pipedrive-secret')) =>
    postForm(`${sim.url}/oauth/token`, fields, { authorization: auth });
  const persons = (accessToken: unknown) => fetch(`${sim.url}/api/v1/persons`, { headers: { authorization: `Bearer ${accessToken}` } });

  beforeAll(async () => {
    sim = await startPipedriveSimulator({
      oauth: { clients: [{ clientId: 'pipedrive-client', clientSecret: 'pipedrive-secret', redirectUris: [CALLBACK] }] },
    });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  it('refuses an unregistered redirect_uri with a 400 page', async () => {
    const reply = await visit(authoriseUrl().replace(encodeURIComponent(CALLBACK), encodeURIComponent('https://evil.test/cb')));
    expect(reply.status).toBe(400);
    expect(reply.headers.get('location')).toBeNull();
  });

  it('exchanges a code with HTTP Basic client auth only, for Bearer tokens with api_domain', async () => {
    const location = await decision(authoriseUrl(), 'allow');
    const fields = { grant_type: 'authorization_code', code: location.searchParams.get('code') as string, redirect_uri: CALLBACK };
    const inBody = await postForm(`${sim.url}/oauth/token`, {
      ...fields,
      client_id: 'pipedrive-client',
      client_secret: 'pipedrive-secret',
    });
    expect(inBody.status).toBe(401);
    expect(inBody.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await inBody.json()).toMatchObject({ error: 'invalid_client' });

    const location2 = await decision(authoriseUrl(), 'allow');
    const reply = await token({ ...fields, code: location2.searchParams.get('code') as string });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3599,
      refresh_token: expect.any(String),
      scope: 'base',
      api_domain: 'https://testco.pipedrive.com',
    });
  });

  it('answers a refresh with the same refresh token and api_domain', async () => {
    const tokens = sim.oauth?.issueForTest('pipedrive-client', 'base deals:full') ?? {};
    const refreshed = await (await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string })).json();
    expect(refreshed).toMatchObject({
      refresh_token: tokens.refresh_token,
      scope: 'base deals:full',
      api_domain: 'https://testco.pipedrive.com',
    });
    expect(refreshed.access_token).not.toBe(tokens.access_token);
  });

  it('accepts the OAuth access token as Bearer until it expires, then answers the Pipedrive 401 body', async () => {
    const tokens = sim.oauth?.issueForTest('pipedrive-client') ?? {};
    const ok = await persons(tokens.access_token);
    expect(ok.status).toBe(200);
    expect((await ok.json()).data).toHaveLength(3);
    expect((await fetch(`${sim.url}/v1/persons?api_token=${tokens.access_token}`)).status).toBe(401);
    expect((await fetch(`${sim.url}/v1/persons?api_token=pipedrive-test-token`)).status).toBe(200);

    sim.oauth?.expireAccessTokens();
    const expired = await persons(tokens.access_token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ success: false, error: 'unauthorized access', errorCode: 401 });
  });
});
