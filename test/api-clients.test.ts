import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { TestClock } from '../src/clock.js';
import { type Patchbay, startPatchbay } from './support/harness.js';

/** Short, since moving the TestClock fires every timer on the way (the job queue polls often). */
const OVERLAP_SECONDS = 60;

describe('API clients through the API', () => {
  const clock = new TestClock();
  let patchbay: Patchbay;

  beforeAll(async () => {
    patchbay = await startPatchbay({ PATCHBAY_CLIENT_SECRET_OVERLAP_SECONDS: String(OVERLAP_SECONDS) }, undefined, { clock });
  });
  afterAll(async () => {
    await patchbay.close();
  });

  const tokenFor = (clientId: string, clientSecret: string) =>
    fetch(`${patchbay.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
  async function bearerFor(clientId: string, clientSecret: string): Promise<string> {
    const reply = await tokenFor(clientId, clientSecret);
    expect(reply.status).toBe(200);
    return ((await reply.json()) as Reply<'getAccessToken'>).access_token;
  }
  async function createClient(Name: string): Promise<Reply<'createApiClient'>> {
    const reply = await patchbay.call('POST', '/v1.0/clients', { body: { Name } });
    expect(reply.status).toBe(200);
    return (await reply.json()) as Reply<'createApiClient'>;
  }
  const listAccounts = (token: string) => patchbay.call('GET', '/v1.0/accounts', { token });

  it('creates a client whose secret gets a token at once, and shows the secret only in that reply', async () => {
    const created = await createClient('crm backend');
    expect(created).toMatchObject({ Name: 'crm backend', RevokedDate: null });
    expect(created.SecretHint).toBe(`************${created.ClientSecret.slice(-4)}`);
    expect((await listAccounts(await bearerFor(created.ClientId, created.ClientSecret))).status).toBe(200);

    const list = await patchbay.call('GET', '/v1.0/clients');
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(created.ClientSecret);
    const listed = (JSON.parse(text) as Reply<'listApiClients'>).find((c) => c.ClientId === created.ClientId);
    expect(listed).toEqual({
      ClientId: created.ClientId,
      Name: 'crm backend',
      CreatedDate: created.CreatedDate,
      RevokedDate: null,
      SecretHint: created.SecretHint,
    });
    expect((await patchbay.storedBytes()).includes(created.ClientSecret)).toBe(false);
  });

  it('lists clients in pages with page and pageSize, oldest first, and reports Total-Records and Total-Pages', async () => {
    // A Patchbay of its own, so the totals are exact: its own test client and four more.
    const own = await startPatchbay();
    try {
      const made = [own.clientId];
      for (const name of ['one', 'two', 'three', 'four']) {
        const reply = await own.call('POST', '/v1.0/clients', { body: { Name: name } });
        made.push(((await reply.json()) as Reply<'createApiClient'>).ClientId);
      }
      const pages: string[][] = [];
      for (const page of [1, 2, 3, 4]) {
        const reply = await own.call('GET', `/v1.0/clients?page=${page}&pageSize=2`);
        expect(reply.status).toBe(200);
        expect(reply.headers.get('total-records')).toBe('5');
        expect(reply.headers.get('total-pages')).toBe('3');
        pages.push(((await reply.json()) as Reply<'listApiClients'>).map((c) => c.ClientId));
      }
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1, 0]);
      expect(pages.flat().sort()).toEqual([...made].sort());

      const all = await own.call('GET', '/v1.0/clients');
      expect(all.headers.get('total-pages')).toBe('1');
      const listed = (await all.json()) as Reply<'listApiClients'>;
      expect(listed.map((c) => c.ClientId)).toEqual(pages.flat());
      expect(listed.map((c) => c.CreatedDate)).toEqual(listed.map((c) => c.CreatedDate).sort());

      for (const query of ['page=0', 'pageSize=501', 'pageSize=two']) {
        const refused = await own.call('GET', `/v1.0/clients?${query}`);
        expect(refused.status, query).toBe(400);
        expect(await refused.json()).toMatchObject({ Code: 'PB_ERR_BAD_REQUEST' });
      }
    } finally {
      await own.close();
    }
  });

  it('revokes a client: its bearer tokens answer 401 at once and its secret gets no more tokens', async () => {
    const created = await createClient('to revoke');
    const token = await bearerFor(created.ClientId, created.ClientSecret);
    expect((await listAccounts(token)).status).toBe(200);

    const revoked = await patchbay.call('DELETE', `/v1.0/clients/${created.ClientId}`);
    expect(revoked.status).toBe(204);
    const refused = await listAccounts(token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ Code: 'PB_ERR_UNAUTHENTICATED' });
    expect(await (await tokenFor(created.ClientId, created.ClientSecret)).json()).toMatchObject({ Code: 'PB_ERR_INVALID_CLIENT' });
    const listed = ((await (await patchbay.call('GET', '/v1.0/clients')).json()) as Reply<'listApiClients'>).find(
      (c) => c.ClientId === created.ClientId,
    );
    expect(listed?.RevokedDate).toBe(clock.nowIso());
    // Other clients' tokens are untouched.
    expect((await listAccounts(patchbay.token)).status).toBe(200);
  });

  it('rotates a secret: the new one works at once, the old one for the overlap and then not', async () => {
    const created = await createClient('to rotate');
    const tokenBefore = await bearerFor(created.ClientId, created.ClientSecret);
    const reply = await patchbay.call('POST', `/v1.0/clients/${created.ClientId}/secret`);
    expect(reply.status).toBe(200);
    const rotated = (await reply.json()) as Reply<'rotateApiClientSecret'>;
    expect(rotated.ClientSecret).not.toBe(created.ClientSecret);
    expect(rotated.SecretHint).toBe(`************${rotated.ClientSecret.slice(-4)}`);
    expect(rotated.PreviousSecretValidUntil).toBe(clock.isoIn(OVERLAP_SECONDS * 1000));
    expect((await listAccounts(await bearerFor(created.ClientId, rotated.ClientSecret))).status).toBe(200);
    expect((await tokenFor(created.ClientId, created.ClientSecret)).status).toBe(200);
    expect((await listAccounts(tokenBefore)).status).toBe(200);

    await clock.advance(OVERLAP_SECONDS * 1000 - 1000);
    expect((await tokenFor(created.ClientId, created.ClientSecret)).status).toBe(200);
    await clock.advance(2000);
    const late = await tokenFor(created.ClientId, created.ClientSecret);
    expect(late.status).toBe(401);
    expect(await late.json()).toMatchObject({ Code: 'PB_ERR_INVALID_CLIENT' });
    expect((await tokenFor(created.ClientId, rotated.ClientSecret)).status).toBe(200);
    expect((await patchbay.storedBytes()).includes(rotated.ClientSecret)).toBe(false);
  });

  it('stops the secret before last at a second rotation', async () => {
    const created = await createClient('rotated twice');
    const first = (await (
      await patchbay.call('POST', `/v1.0/clients/${created.ClientId}/secret`)
    ).json()) as Reply<'rotateApiClientSecret'>;
    const second = (await (
      await patchbay.call('POST', `/v1.0/clients/${created.ClientId}/secret`)
    ).json()) as Reply<'rotateApiClientSecret'>;
    expect((await tokenFor(created.ClientId, created.ClientSecret)).status).toBe(401);
    expect((await tokenFor(created.ClientId, first.ClientSecret)).status).toBe(200);
    expect((await tokenFor(created.ClientId, second.ClientSecret)).status).toBe(200);
  });

  it('refuses a token restricted to one account on every clients route (403)', async () => {
    expect((await patchbay.call('POST', '/v1.0/accounts', { body: { Id: 'clients-restricted', Name: 'Restricted' } })).status).toBe(200);
    const token = await patchbay.restrictedToken('clients-restricted');
    const calls: [string, string, unknown?][] = [
      ['GET', '/v1.0/clients'],
      ['POST', '/v1.0/clients', { Name: 'sneaky' }],
      ['DELETE', `/v1.0/clients/${patchbay.clientId}`],
      ['POST', `/v1.0/clients/${patchbay.clientId}/secret`],
    ];
    for (const [method, path, body] of calls) {
      const reply = await patchbay.call(method, path, { token, body });
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(await reply.json()).toMatchObject({ Code: 'PB_ERR_FORBIDDEN' });
    }
    expect((await listAccounts(patchbay.token)).status).toBe(200);
  });

  it('answers bad input and unknown clients with a 4xx and {Message, Code}', async () => {
    const cases: [string, string, unknown, number, string][] = [
      ['POST', '/v1.0/clients', { Name: '' }, 400, 'PB_ERR_BAD_REQUEST'],
      ['POST', '/v1.0/clients', {}, 400, 'PB_ERR_BAD_REQUEST'],
      ['POST', '/v1.0/clients', { Name: 'x'.repeat(201) }, 400, 'PB_ERR_BAD_REQUEST'],
      ['POST', '/v1.0/clients', '[1,', 400, 'PB_ERR_BAD_REQUEST'],
      ['DELETE', '/v1.0/clients/no-such-client', undefined, 404, 'PB_ERR_NOT_FOUND'],
      ['POST', '/v1.0/clients/no-such-client/secret', undefined, 404, 'PB_ERR_NOT_FOUND'],
      ['DELETE', `/v1.0/clients/${'x'.repeat(101)}`, undefined, 400, 'PB_ERR_BAD_REQUEST'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const reply = await patchbay.call(method, path, { body });
      expect(reply.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      const json = (await reply.json()) as { Message: unknown; Code: unknown };
      expect(json.Code).toBe(code);
      expect(typeof json.Message).toBe('string');
    }
    const revoked = await createClient('revoked once');
    expect((await patchbay.call('DELETE', `/v1.0/clients/${revoked.ClientId}`)).status).toBe(204);
    expect((await patchbay.call('DELETE', `/v1.0/clients/${revoked.ClientId}`)).status).toBe(404);
    expect((await patchbay.call('POST', `/v1.0/clients/${revoked.ClientId}/secret`)).status).toBe(404);
    const anonymous = await patchbay.call('GET', '/v1.0/clients', { token: null });
    expect(anonymous.status).toBe(401);
  });
});
