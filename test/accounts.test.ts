import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply, Reply } from '../console/src/types.js';
import { type Patchbay, startPatchbay } from './support/harness.js';

type Account = Reply<'getAccount'>;

type ErrorBody = ErrorReply;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function expectError(reply: Response, status: number, code: string): Promise<void> {
  expect(reply.status).toBe(status);
  expect((await reply.json()) as ErrorBody).toEqual({ Message: expect.any(String), Code: code });
}

describe('accounts', () => {
  let patchbay: Patchbay;

  beforeAll(async () => {
    patchbay = await startPatchbay();
  });
  afterAll(async () => {
    await patchbay.close();
  });

  const freshId = () => `acct-${randomUUID()}`;

  async function create(body: Record<string, unknown>): Promise<Account> {
    const reply = await patchbay.call('POST', '/v1.0/accounts', { body });
    expect(reply.status).toBe(200);
    return (await reply.json()) as Account;
  }

  describe('creating', () => {
    it('creates an account with the given Id and answers every field in PascalCase', async () => {
      const id = freshId();
      const reply = await patchbay.call('POST', '/v1.0/accounts', {
        body: { Id: id, Name: 'Acme Ltd', Description: 'A customer', Timezone: 'Europe/London' },
      });
      expect(reply.status).toBe(200);
      const account = (await reply.json()) as Account;
      expect(account).toEqual({
        Id: id,
        Name: 'Acme Ltd',
        Description: 'A customer',
        Timezone: 'Europe/London',
        CreatedDate: expect.any(String),
      });
      expect(Number.isNaN(Date.parse(account.CreatedDate))).toBe(false);
    });

    it('generates an Id when none is given, and null for the optional fields left out', async () => {
      const account = await create({ Name: 'No Id given' });
      expect(account).toEqual({
        Id: expect.stringMatching(UUID),
        Name: 'No Id given',
        Description: null,
        Timezone: null,
        CreatedDate: expect.any(String),
      });
      const fetched = await patchbay.call('GET', `/v1.0/accounts/${account.Id}`);
      expect(fetched.status).toBe(200);
      expect(await fetched.json()).toEqual(account);
    });

    it('generates a different Id for every account', async () => {
      const first = await create({ Name: 'One' });
      const second = await create({ Name: 'Two' });
      expect(first.Id).not.toBe(second.Id);
    });

    it('refuses an Id already in use with 400 PB_ERR_ID_IN_USE and keeps the first account', async () => {
      const id = freshId();
      await create({ Id: id, Name: 'First' });
      await expectError(await patchbay.call('POST', '/v1.0/accounts', { body: { Id: id, Name: 'Second' } }), 400, 'PB_ERR_ID_IN_USE');
      const kept = (await (await patchbay.call('GET', `/v1.0/accounts/${id}`)).json()) as Account;
      expect(kept.Name).toBe('First');
    });

    it('refuses a Timezone that is not an IANA time zone with 400', async () => {
      const id = freshId();
      await expectError(
        await patchbay.call('POST', '/v1.0/accounts', { body: { Id: id, Name: 'Bad tz', Timezone: 'Mars/Olympus_Mons' } }),
        400,
        'PB_ERR_BAD_REQUEST',
      );
      await expectError(await patchbay.call('GET', `/v1.0/accounts/${id}`), 404, 'PB_ERR_NOT_FOUND');
    });

    it('refuses an Id with characters outside the allowed set with 400', async () => {
      for (const Id of ['has space', '-leading-dash', 'slash/inside', '']) {
        await expectError(await patchbay.call('POST', '/v1.0/accounts', { body: { Id, Name: 'Bad id' } }), 400, 'PB_ERR_BAD_REQUEST');
      }
    });

    it('refuses a missing or empty Name with 400', async () => {
      await expectError(await patchbay.call('POST', '/v1.0/accounts', { body: { Id: freshId() } }), 400, 'PB_ERR_BAD_REQUEST');
      await expectError(await patchbay.call('POST', '/v1.0/accounts', { body: { Id: freshId(), Name: '' } }), 400, 'PB_ERR_BAD_REQUEST');
    });
  });

  describe('listing', () => {
    it('pages with page and pageSize and reports Total-Records and Total-Pages', async () => {
      // A Patchbay of its own, so the totals are exact.
      const own = await startPatchbay();
      try {
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const reply = await own.call('POST', '/v1.0/accounts', { body: { Id: `page-${i}`, Name: `Account ${i}` } });
          expect(reply.status).toBe(200);
          ids.push(`page-${i}`);
        }
        const pages: string[][] = [];
        for (const page of [1, 2, 3]) {
          const reply = await own.call('GET', `/v1.0/accounts?page=${page}&pageSize=2`);
          expect(reply.status).toBe(200);
          expect(reply.headers.get('total-records')).toBe('5');
          expect(reply.headers.get('total-pages')).toBe('3');
          pages.push(((await reply.json()) as Account[]).map((a) => a.Id));
        }
        expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
        expect(pages.flat().sort()).toEqual(ids);

        const beyond = await own.call('GET', '/v1.0/accounts?page=4&pageSize=2');
        expect(beyond.status).toBe(200);
        expect(await beyond.json()).toEqual([]);
        expect(beyond.headers.get('total-records')).toBe('5');

        const all = await own.call('GET', '/v1.0/accounts');
        expect(all.status).toBe(200);
        expect(((await all.json()) as Account[]).map((a) => a.Id).sort()).toEqual(ids);
        expect(all.headers.get('total-pages')).toBe('1');
      } finally {
        await own.close();
      }
    });

    it('lists accounts with every reply field', async () => {
      const account = await create({ Id: freshId(), Name: 'Listed', Timezone: 'America/New_York' });
      const reply = await patchbay.call('GET', '/v1.0/accounts?pageSize=500');
      const list = (await reply.json()) as Account[];
      expect(list).toContainEqual(account);
    });

    it('refuses paging values out of range with 400', async () => {
      for (const query of ['page=0', 'pageSize=0', 'pageSize=501', 'page=abc', 'pageSize=1.5']) {
        await expectError(await patchbay.call('GET', `/v1.0/accounts?${query}`), 400, 'PB_ERR_BAD_REQUEST');
      }
    });
  });

  describe('reading, changing and deleting', () => {
    it('gets an account by Id', async () => {
      const account = await create({ Id: freshId(), Name: 'Readable', Description: 'd' });
      const reply = await patchbay.call('GET', `/v1.0/accounts/${account.Id}`);
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual(account);
    });

    it('answers 404 PB_ERR_NOT_FOUND for an unknown Id on get, put and delete', async () => {
      const id = freshId();
      await expectError(await patchbay.call('GET', `/v1.0/accounts/${id}`), 404, 'PB_ERR_NOT_FOUND');
      await expectError(await patchbay.call('PUT', `/v1.0/accounts/${id}`, { body: { Name: 'x' } }), 404, 'PB_ERR_NOT_FOUND');
      await expectError(await patchbay.call('PUT', `/v1.0/accounts/${id}`, { body: {} }), 404, 'PB_ERR_NOT_FOUND');
      await expectError(await patchbay.call('DELETE', `/v1.0/accounts/${id}`), 404, 'PB_ERR_NOT_FOUND');
    });

    it('changes only the fields given with PUT', async () => {
      const account = await create({ Id: freshId(), Name: 'Before', Description: 'Kept', Timezone: 'Europe/Paris' });
      const reply = await patchbay.call('PUT', `/v1.0/accounts/${account.Id}`, { body: { Name: 'After' } });
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual({ ...account, Name: 'After' });

      const changed = await patchbay.call('PUT', `/v1.0/accounts/${account.Id}`, {
        body: { Description: 'Changed', Timezone: 'Asia/Tokyo' },
      });
      expect(changed.status).toBe(200);
      const expected = { ...account, Name: 'After', Description: 'Changed', Timezone: 'Asia/Tokyo' };
      expect(await changed.json()).toEqual(expected);
      expect(await (await patchbay.call('GET', `/v1.0/accounts/${account.Id}`)).json()).toEqual(expected);
    });

    it('clears Description and Timezone with null on PUT, and keeps null as null on create', async () => {
      const account = await create({ Id: freshId(), Name: 'Nulls', Description: null, Timezone: null });
      expect(account).toMatchObject({ Description: null, Timezone: null });
      const filled = await patchbay.call('PUT', `/v1.0/accounts/${account.Id}`, { body: { Description: 'x', Timezone: 'Asia/Tokyo' } });
      expect(filled.status).toBe(200);
      const cleared = await patchbay.call('PUT', `/v1.0/accounts/${account.Id}`, { body: { Description: null, Timezone: null } });
      expect(cleared.status).toBe(200);
      expect(await cleared.json()).toMatchObject({ Description: null, Timezone: null });
    });

    it('refuses a bad Timezone on PUT with 400 and leaves the account unchanged', async () => {
      const account = await create({ Id: freshId(), Name: 'Tz', Timezone: 'Europe/London' });
      await expectError(
        await patchbay.call('PUT', `/v1.0/accounts/${account.Id}`, { body: { Timezone: 'Not/AZone' } }),
        400,
        'PB_ERR_BAD_REQUEST',
      );
      expect(await (await patchbay.call('GET', `/v1.0/accounts/${account.Id}`)).json()).toEqual(account);
    });

    it('deletes an account: 204, then 404', async () => {
      const account = await create({ Id: freshId(), Name: 'Doomed' });
      const reply = await patchbay.call('DELETE', `/v1.0/accounts/${account.Id}`);
      expect(reply.status).toBe(204);
      expect(await reply.text()).toBe('');
      await expectError(await patchbay.call('GET', `/v1.0/accounts/${account.Id}`), 404, 'PB_ERR_NOT_FOUND');
      await expectError(await patchbay.call('GET', '/v1.0/account/connectors', { account: account.Id }), 404, 'PB_ERR_NOT_FOUND');
      await expectError(await patchbay.call('DELETE', `/v1.0/accounts/${account.Id}`), 404, 'PB_ERR_NOT_FOUND');
    });

    it('deletes the installs of a deleted account: a re-created account of the same Id does not see them', async () => {
      const id = freshId();
      await create({ Id: id, Name: 'Has installs' });
      const installed = await patchbay.call('POST', '/v1.0/connectors/1/install', { account: id, body: { Name: 'Example' } });
      expect(installed.status).toBe(200);
      const { Id: installId } = (await installed.json()) as { Id: number };
      // Warm the install cache through a method route before deleting.
      expect((await patchbay.call('GET', `/v1.0/account/connectors/${installId}`, { account: id })).status).toBe(200);
      expect((await patchbay.call('POST', `/v1.0/account/connectors/${installId}/methods/get-me`, { account: id })).status).toBe(409);

      expect((await patchbay.call('DELETE', `/v1.0/accounts/${id}`)).status).toBe(204);
      await create({ Id: id, Name: 'Same Id, new account' });

      await expectError(await patchbay.call('GET', `/v1.0/account/connectors/${installId}`, { account: id }), 404, 'PB_ERR_NOT_FOUND');
      await expectError(
        await patchbay.call('POST', `/v1.0/account/connectors/${installId}/methods/get-me`, { account: id }),
        404,
        'PB_ERR_NOT_FOUND',
      );
      const list = await patchbay.call('GET', '/v1.0/account/connectors', { account: id });
      expect(await list.json()).toEqual([]);
      expect(list.headers.get('total-records')).toBe('0');
    });

    it('ends the tokens restricted to a deleted account, even when its Id is used again', async () => {
      const id = freshId();
      await create({ Id: id, Name: 'Token holder' });
      const token = await patchbay.restrictedToken(id);
      expect((await patchbay.call('GET', '/v1.0/account/connectors', { token })).status).toBe(200);
      expect((await patchbay.call('GET', `/v1.0/accounts/${id}`, { token })).status).toBe(200);

      expect((await patchbay.call('DELETE', `/v1.0/accounts/${id}`)).status).toBe(204);
      await expectError(await patchbay.call('GET', '/v1.0/account/connectors', { token }), 401, 'PB_ERR_UNAUTHENTICATED');

      await create({ Id: id, Name: 'Reborn' });
      await expectError(await patchbay.call('GET', '/v1.0/account/connectors', { token }), 401, 'PB_ERR_UNAUTHENTICATED');
      await expectError(await patchbay.call('GET', `/v1.0/accounts/${id}`, { token }), 401, 'PB_ERR_UNAUTHENTICATED');
    });

    it('leaves other accounts and their installs alone when one is deleted', async () => {
      const keep = await create({ Id: freshId(), Name: 'Keep' });
      const drop = await create({ Id: freshId(), Name: 'Drop' });
      const installed = await patchbay.call('POST', '/v1.0/connectors/1/install', { account: keep.Id, body: { Name: 'Kept install' } });
      const { Id: installId } = (await installed.json()) as { Id: number };
      await patchbay.call('POST', '/v1.0/connectors/1/install', { account: drop.Id, body: { Name: 'Dropped install' } });

      expect((await patchbay.call('DELETE', `/v1.0/accounts/${drop.Id}`)).status).toBe(204);

      expect(await (await patchbay.call('GET', `/v1.0/accounts/${keep.Id}`)).json()).toEqual(keep);
      const still = await patchbay.call('GET', `/v1.0/account/connectors/${installId}`, { account: keep.Id });
      expect(still.status).toBe(200);
      expect(await still.json()).toMatchObject({ Id: installId, Name: 'Kept install' });
    });
  });
});
