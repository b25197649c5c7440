import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorReply, Reply } from '../console/src/types.js';
import { type Patchbay, startPatchbay } from './support/harness.js';

type ErrorBody = ErrorReply;

type TokenBody = Reply<'getAccessToken'>;

describe('POST /oauth/token and bearer authentication', () => {
  let patchbay: Patchbay;

  beforeAll(async () => {
    patchbay = await startPatchbay();
  });
  afterAll(async () => {
    await patchbay.close();
  });

  const tokenRequest = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    fetch(`${patchbay.url}/oauth/token`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });

  const form = (fields: Record<string, string>) =>
    tokenRequest(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');

  const json = (fields: Record<string, string>) => tokenRequest(JSON.stringify(fields), 'application/json');

  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

  async function expectError(reply: Response, status: number, code: string): Promise<ErrorBody> {
    expect(reply.status).toBe(status);
    const body = (await reply.json()) as ErrorBody;
    expect(body).toEqual({ Message: expect.any(String), Code: code });
    return body;
  }

  async function newAccount(): Promise<string> {
    const id = `acct-${randomUUID()}`;
    const reply = await patchbay.call('POST', '/v1.0/accounts', { body: { Id: id, Name: 'Auth test account' } });
    expect(reply.status).toBe(200);
    return id;
  }

  async function restrictedToken(accountId: string): Promise<string> {
    const reply = await form({
      grant_type: 'client_credentials',
      client_id: patchbay.clientId,
      client_secret: patchbay.clientSecret,
      scope: `account:${accountId}`,
    });
    expect(reply.status).toBe(200);
    return ((await reply.json()) as TokenBody).access_token;
  }

  describe('getting a token', () => {
    it('issues a bearer token for client credentials sent as a form body, in the Cyclr reply shape', async () => {
      const reply = await form({ grant_type: 'client_credentials', client_id: patchbay.clientId, client_secret: patchbay.clientSecret });
      expect(reply.status).toBe(200);
      const body = (await reply.json()) as TokenBody;
      expect(body).toEqual({ token_type: 'bearer', access_token: expect.any(String), expires_in: 1209599 });
      expect(body.access_token.length).toBeGreaterThan(20);
      expect((await patchbay.call('GET', '/v1.0/accounts', { token: body.access_token })).status).toBe(200);
    });

    it('issues a token for client credentials sent with HTTP Basic client authentication', async () => {
      const reply = await tokenRequest('grant_type=client_credentials', 'application/x-www-form-urlencoded', {
        authorization: basic(patchbay.clientId, patchbay.clientSecret),
      });
      expect(reply.status).toBe(200);
      const body = (await reply.json()) as TokenBody;
      expect(body).toEqual({ token_type: 'bearer', access_token: expect.any(String), expires_in: 1209599 });
      expect((await patchbay.call('GET', '/v1.0/accounts', { token: body.access_token })).status).toBe(200);
    });

    it('issues a token for client credentials sent as a JSON body', async () => {
      const reply = await json({ grant_type: 'client_credentials', client_id: patchbay.clientId, client_secret: patchbay.clientSecret });
      expect(reply.status).toBe(200);
      const body = (await reply.json()) as TokenBody;
      expect(body).toEqual({ token_type: 'bearer', access_token: expect.any(String), expires_in: 1209599 });
      expect((await patchbay.call('GET', '/v1.0/accounts', { token: body.access_token })).status).toBe(200);
    });

    it('issues a different token on every request', async () => {
      const fields = { grant_type: 'client_credentials', client_id: patchbay.clientId, client_secret: patchbay.clientSecret };
      const first = (await (await form(fields)).json()) as TokenBody;
      const second = (await (await form(fields)).json()) as TokenBody;
      expect(first.access_token).not.toBe(second.access_token);
    });

    it('refuses a wrong client secret with 401 PB_ERR_INVALID_CLIENT', async () => {
      await expectError(
        await form({ grant_type: 'client_credentials', client_id: patchbay.clientId, client_secret: `${patchbay.clientSecret}x` }),
        401,
        'PB_ERR_INVALID_CLIENT',
      );
    });

    it('refuses an unknown client with 401 PB_ERR_INVALID_CLIENT', async () => {
      await expectError(
        await json({ grant_type: 'client_credentials', client_id: 'no-such-client', client_secret: patchbay.clientSecret }),
        401,
        'PB_ERR_INVALID_CLIENT',
      );
    });

    it('refuses a wrong secret given by HTTP Basic with 401 PB_ERR_INVALID_CLIENT', async () => {
      const reply = await tokenRequest('grant_type=client_credentials', 'application/x-www-form-urlencoded', {
        authorization: basic(patchbay.clientId, 'wrong-secret'),
      });
      await expectError(reply, 401, 'PB_ERR_INVALID_CLIENT');
    });

    it('refuses a request without client credentials with 401 PB_ERR_INVALID_CLIENT', async () => {
      await expectError(await form({ grant_type: 'client_credentials' }), 401, 'PB_ERR_INVALID_CLIENT');
      await expectError(await form({ grant_type: 'client_credentials', client_id: patchbay.clientId }), 401, 'PB_ERR_INVALID_CLIENT');
    });

    it('refuses a grant type other than client_credentials with 400', async () => {
      const reply = await form({ grant_type: 'password', client_id: patchbay.clientId, client_secret: patchbay.clientSecret });
      await expectError(reply, 400, 'PB_ERR_BAD_REQUEST');
    });

    it('refuses a request without grant_type with 400', async () => {
      await expectError(await json({ client_id: patchbay.clientId, client_secret: patchbay.clientSecret }), 400, 'PB_ERR_BAD_REQUEST');
    });

    it('refuses a scope that is not account:{id} with 400', async () => {
      const reply = await form({
        grant_type: 'client_credentials',
        client_id: patchbay.clientId,
        client_secret: patchbay.clientSecret,
        scope: 'everything',
      });
      await expectError(reply, 400, 'PB_ERR_BAD_REQUEST');
    });

    it('refuses a scope naming an unknown account with 404 PB_ERR_NOT_FOUND', async () => {
      const reply = await form({
        grant_type: 'client_credentials',
        client_id: patchbay.clientId,
        client_secret: patchbay.clientSecret,
        scope: `account:missing-${randomUUID()}`,
      });
      await expectError(reply, 404, 'PB_ERR_NOT_FOUND');
    });
  });

  describe('a token restricted to one account (scope=account:{id})', () => {
    it('uses account-level routes without naming the account', async () => {
      const account = await newAccount();
      const token = await restrictedToken(account);
      const reply = await patchbay.call('GET', '/v1.0/account/connectors', { token });
      expect(reply.status).toBe(200);
      expect(await reply.json()).toEqual([]);
    });

    it('acts on its own account when the account header names it', async () => {
      const account = await newAccount();
      const token = await restrictedToken(account);
      expect((await patchbay.call('GET', '/v1.0/account/connectors', { token, account })).status).toBe(200);
    });

    it('answers 403 PB_ERR_FORBIDDEN when X-Cyclr-Account names another account', async () => {
      const account = await newAccount();
      const other = await newAccount();
      const token = await restrictedToken(account);
      await expectError(await patchbay.call('GET', '/v1.0/account/connectors', { token, account: other }), 403, 'PB_ERR_FORBIDDEN');
    });

    it('still answers 403 for another account once the token is cached by an earlier call', async () => {
      const account = await newAccount();
      const other = await newAccount();
      const token = await restrictedToken(account);
      expect((await patchbay.call('GET', '/v1.0/account/connectors', { token })).status).toBe(200);
      expect((await patchbay.call('GET', '/v1.0/account/connectors', { token: await restrictedToken(other) })).status).toBe(200);
      await expectError(await patchbay.call('GET', '/v1.0/account/connectors', { token, account: other }), 403, 'PB_ERR_FORBIDDEN');
    });

    it('answers 403 PB_ERR_FORBIDDEN when X-Patchbay-Account names another account', async () => {
      const account = await newAccount();
      const other = await newAccount();
      const token = await restrictedToken(account);
      const reply = await patchbay.call('GET', '/v1.0/account/connectors', { token, headers: { 'x-patchbay-account': other } });
      await expectError(reply, 403, 'PB_ERR_FORBIDDEN');
    });

    it('answers 403 on the partner-only routes: creating and listing accounts', async () => {
      const account = await newAccount();
      const token = await restrictedToken(account);
      await expectError(
        await patchbay.call('POST', '/v1.0/accounts', { token, body: { Id: `x-${randomUUID()}`, Name: 'Nope' } }),
        403,
        'PB_ERR_FORBIDDEN',
      );
      await expectError(await patchbay.call('GET', '/v1.0/accounts', { token }), 403, 'PB_ERR_FORBIDDEN');
      await expectError(await patchbay.call('DELETE', `/v1.0/accounts/${account}`, { token }), 403, 'PB_ERR_FORBIDDEN');
    });

    it('reads its own account but answers 403 for another account by path', async () => {
      const account = await newAccount();
      const other = await newAccount();
      const token = await restrictedToken(account);
      const own = await patchbay.call('GET', `/v1.0/accounts/${account}`, { token });
      expect(own.status).toBe(200);
      expect(await own.json()).toMatchObject({ Id: account });
      await expectError(await patchbay.call('GET', `/v1.0/accounts/${other}`, { token }), 403, 'PB_ERR_FORBIDDEN');
      await expectError(
        await patchbay.call('PUT', `/v1.0/accounts/${other}`, { token, body: { Name: 'Hijacked' } }),
        403,
        'PB_ERR_FORBIDDEN',
      );
      const untouched = (await (await patchbay.call('GET', `/v1.0/accounts/${other}`)).json()) as Reply<'getAccount'>;
      expect(untouched.Name).toBe('Auth test account');
    });

    it('still lists the connector catalogue (a partner-level route open to any token)', async () => {
      const token = await restrictedToken(await newAccount());
      expect((await patchbay.call('GET', '/v1.0/connectors', { token })).status).toBe(200);
    });
  });

  describe('bearer tokens on API calls', () => {
    it('answers 401 PB_ERR_UNAUTHENTICATED without an Authorization header', async () => {
      await expectError(await patchbay.call('GET', '/v1.0/accounts', { token: null }), 401, 'PB_ERR_UNAUTHENTICATED');
      await expectError(await patchbay.call('GET', '/v1.0/connectors', { token: null }), 401, 'PB_ERR_UNAUTHENTICATED');
    });

    it('answers 401 PB_ERR_UNAUTHENTICATED for a malformed Authorization header', async () => {
      for (const authorization of [
        'Bearer',
        'Bearer ',
        `Token ${patchbay.token}`,
        `Basic ${patchbay.token}`,
        `Bearer ${patchbay.token} extra`,
        patchbay.token,
      ]) {
        const reply = await patchbay.call('GET', '/v1.0/accounts', { token: null, headers: { authorization } });
        await expectError(reply, 401, 'PB_ERR_UNAUTHENTICATED');
      }
    });

    it('answers 401 PB_ERR_UNAUTHENTICATED for an unknown bearer token', async () => {
      await expectError(await patchbay.call('GET', '/v1.0/accounts', { token: `pbt_${randomUUID()}` }), 401, 'PB_ERR_UNAUTHENTICATED');
      const account = await newAccount();
      const reply = await patchbay.call('GET', '/v1.0/account/connectors', { token: 'pbt_unknown', account });
      await expectError(reply, 401, 'PB_ERR_UNAUTHENTICATED');
    });

    it('accepts the Bearer scheme in any case', async () => {
      const reply = await patchbay.call('GET', '/v1.0/accounts', { token: null, headers: { authorization: `bearer ${patchbay.token}` } });
      expect(reply.status).toBe(200);
    });

    it('answers 400 PB_ERR_ACCOUNT_REQUIRED for an account-level call with a partner token and no account header', async () => {
      await expectError(await patchbay.call('GET', '/v1.0/account/connectors'), 400, 'PB_ERR_ACCOUNT_REQUIRED');
      await expectError(
        await patchbay.call('POST', '/v1.0/connectors/1/install', { body: { Name: 'Example' } }),
        400,
        'PB_ERR_ACCOUNT_REQUIRED',
      );
    });

    it('answers 404 PB_ERR_NOT_FOUND when the account header names an unknown account', async () => {
      const reply = await patchbay.call('GET', '/v1.0/account/connectors', { account: `missing-${randomUUID()}` });
      await expectError(reply, 404, 'PB_ERR_NOT_FOUND');
    });

    it('takes X-Patchbay-Account the same way as X-Cyclr-Account', async () => {
      const account = await newAccount();
      const installed = await patchbay.call('POST', '/v1.0/connectors/1/install', {
        headers: { 'x-patchbay-account': account },
        body: { Name: 'Via Patchbay header' },
      });
      expect(installed.status).toBe(200);
      const viaPatchbay = await patchbay.call('GET', '/v1.0/account/connectors', { headers: { 'x-patchbay-account': account } });
      const viaCyclr = await patchbay.call('GET', '/v1.0/account/connectors', { account });
      expect(viaPatchbay.status).toBe(200);
      expect(viaCyclr.status).toBe(200);
      const list = (await viaPatchbay.json()) as Reply<'listAccounts'>;
      expect(list.map((c) => c.Name)).toEqual(['Via Patchbay header']);
      expect(await viaCyclr.json()).toEqual(list);
    });
  });

  describe('revoking an API client', () => {
    it('makes a token it already used fail with 401 at once', async () => {
      const client = await patchbay.ctx.clients.create('to be revoked');
      const reply = await form({ grant_type: 'client_credentials', client_id: client.ClientId, client_secret: client.ClientSecret });
      const { access_token: token } = (await reply.json()) as TokenBody;
      // Used twice, so it is certainly in the token cache.
      expect((await patchbay.call('GET', '/v1.0/accounts', { token })).status).toBe(200);
      expect((await patchbay.call('GET', '/v1.0/connectors', { token })).status).toBe(200);

      await patchbay.ctx.clients.revoke(client.ClientId);

      await expectError(await patchbay.call('GET', '/v1.0/accounts', { token }), 401, 'PB_ERR_UNAUTHENTICATED');
      await expectError(await patchbay.call('GET', '/v1.0/connectors', { token }), 401, 'PB_ERR_UNAUTHENTICATED');
    });

    it('makes its restricted tokens fail too, and refuses new tokens with 401 PB_ERR_INVALID_CLIENT', async () => {
      const account = await newAccount();
      const client = await patchbay.ctx.clients.create('to be revoked, restricted');
      const fields = {
        grant_type: 'client_credentials',
        client_id: client.ClientId,
        client_secret: client.ClientSecret,
        scope: `account:${account}`,
      };
      const { access_token: token } = (await (await form(fields)).json()) as TokenBody;
      expect((await patchbay.call('GET', '/v1.0/account/connectors', { token })).status).toBe(200);

      await patchbay.ctx.clients.revoke(client.ClientId);

      await expectError(await patchbay.call('GET', '/v1.0/account/connectors', { token }), 401, 'PB_ERR_UNAUTHENTICATED');
      await expectError(await form(fields), 401, 'PB_ERR_INVALID_CLIENT');
    });

    it('leaves the tokens of other clients working', async () => {
      const client = await patchbay.ctx.clients.create('another to revoke');
      await patchbay.ctx.clients.revoke(client.ClientId);
      expect((await patchbay.call('GET', '/v1.0/accounts')).status).toBe(200);
    });
  });
});
