import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { currentSchema } from '../src/store/current-schema.js';
import { insertNode } from '../src/store/nodes.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay, TEST_DATABASE_URL } from './support/harness.js';
import { decide, signinToken, startUrl, visit } from './support/oauth-flow.js';
import { foregroundQueries } from './support/query-counter.js';
import { until } from './support/until.js';

const CAPSULE = 3;

/** Waits until `check` holds, for at most `withinMs`. */
const within = (withinMs: number, check: () => Promise<boolean>) => until(async () => ((await check()) ? true : undefined), withinMs, 20);

/**
 * Two Patchbay nodes sharing one PostgreSQL store (and one key): nothing else passes between them. Several
 * nodes need PostgreSQL; the embedded SQLite store is for one node.
 */
describe.skipIf(TEST_DATABASE_URL === undefined)('several nodes on one PostgreSQL store', () => {
  let capsule: CapsuleSimulator;
  let nodeA: Patchbay;
  let nodeB: Patchbay;
  const nodeBQueries = foregroundQueries();
  let account = 0;

  async function installWithTokens(expires: string): Promise<{ id: number; account: string }> {
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const name = `node-${++account}`;
    const authValue = JSON.stringify({ AccessToken: tokens.access_token, RefreshToken: tokens.refresh_token, Expires: expires });
    return { id: await installInto(nodeA, name, CAPSULE, authValue), account: name };
  }
  const listParties = (node: Patchbay, target: { id: number; account: string }) =>
    node.call('GET', `/v1.0/account/connectors/${target.id}/methods/list-parties`, { account: target.account });

  beforeAll(async () => {
    capsule = await startCapsuleSimulator();
    const shared = {
      ...overrides({ 'https://api.capsulecrm.com': capsule.url }),
      PATCHBAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PATCHBAY_ALLOWED_ORIGINS: 'https://app.partner.test',
    };
    nodeA = await startPatchbay(shared);
    nodeB = await startPatchbay({ ...shared, PATCHBAY_DATABASE_URL: nodeA.ctx.config.databaseUrl }, undefined, {
      onQuery: nodeBQueries.onQuery,
    });
    await setupConnector(nodeA, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
  });
  afterAll(async () => {
    await nodeB.close();
    await nodeA.close();
    await capsule.close();
  });

  it('refreshes an expired token once for concurrent calls spread over both nodes', async () => {
    const target = await installWithTokens('2000-01-01T00:00:00Z');
    capsule.oauth.setTokenDelay(200);
    const before = capsule.oauth.tokenRequests;
    try {
      const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => listParties(i % 2 === 0 ? nodeA : nodeB, target)));
      expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    } finally {
      capsule.oauth.setTokenDelay(0);
    }
    expect(capsule.oauth.tokenRequests - before).toBe(1);
  });

  it('takes over the refresh from a node that died holding the lease', async () => {
    const target = await installWithTokens('2000-01-01T00:00:00Z');
    const credentialId = (await nodeA.ctx.installs.resolve(target.account, target.id)).credentialId as number;
    // A node on another machine that claimed the refresh and was killed before it finished, so recently
    // that its heartbeat still looks alive: its lease lapses in 500 ms.
    const now = nodeA.ctx.clock.nowIso();
    await insertNode(nodeA.ctx.db, { id: 'node-killed', host: 'another machine', pid: 1, started_at: now, last_seen: now });
    expect(await nodeA.ctx.credentialTokens.claimRefresh(credentialId, 'node-killed', 500)).toBe(true);
    const before = capsule.oauth.tokenRequests;
    const started = Date.now();
    expect((await listParties(nodeB, target)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(capsule.oauth.tokenRequests - before).toBe(1);
    expect((await listParties(nodeA, target)).status).toBe(200);
  });

  it('serves a warm method call without a database round trip', async () => {
    const target = await installWithTokens('2099-01-01T00:00:00Z');
    expect((await listParties(nodeB, target)).status).toBe(200);
    const before = nodeBQueries.count;
    const replies = await Promise.all(Array.from({ length: 50 }, () => listParties(nodeB, target)));
    expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(nodeBQueries.count - before).toBe(0);
  });

  it('stops serving on one node, within a second, an install the other deauthenticated or deleted', async () => {
    const target = await installWithTokens('2099-01-01T00:00:00Z');
    expect((await listParties(nodeB, target)).status).toBe(200);
    expect((await nodeA.call('PUT', `/v1.0/account/connectors/${target.id}/deauthenticate`, { account: target.account })).status).toBe(200);
    await within(1000, async () => (await listParties(nodeB, target)).status === 409);
    const after = await listParties(nodeB, target);
    expect(await after.json()).toMatchObject({ Code: 'PB_ERR_NOT_AUTHENTICATED' });

    const other = await installWithTokens('2099-01-01T00:00:00Z');
    expect((await listParties(nodeB, other)).status).toBe(200);
    expect((await nodeA.call('DELETE', `/v1.0/account/connectors/${other.id}`, { account: other.account })).status).toBe(204);
    await within(1000, async () => (await listParties(nodeB, other)).status === 404);
  });

  it("shows on one node's MCP tool list, within a second, an install made or deleted on the other", async () => {
    const toolsOn = async (node: Patchbay, accountId: string) => {
      const reply = await fetch(`${node.url}/mcp`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${node.token}`,
          'x-cyclr-account': accountId,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      return ((await reply.json()) as { result: { tools: { name: string }[] } }).result.tools.map((tool) => tool.name);
    };
    const first = await installWithTokens('2099-01-01T00:00:00Z');
    expect(await toolsOn(nodeB, first.account)).toContain('capsule_list_parties');
    expect(await toolsOn(nodeB, first.account)).not.toContain('capsule_2_list_parties');
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const second = await installInto(
      nodeA,
      first.account,
      CAPSULE,
      JSON.stringify({ AccessToken: tokens.access_token, RefreshToken: tokens.refresh_token, Expires: '2099-01-01T00:00:00Z' }),
    );
    await within(1000, async () => (await toolsOn(nodeB, first.account)).includes('capsule_2_list_parties'));
    expect((await nodeA.call('DELETE', `/v1.0/account/connectors/${second}`, { account: first.account })).status).toBe(204);
    await within(1000, async () => !(await toolsOn(nodeB, first.account)).includes('capsule_2_list_parties'));
  });

  it('refuses on one node, within a second, a token whose API client the other revoked, and an account it deleted', async () => {
    const client = await nodeA.ctx.clients.create('short-lived');
    const issued = await fetch(`${nodeB.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.ClientId, client_secret: client.ClientSecret }),
    });
    const token = ((await issued.json()) as Reply<'getAccessToken'>).access_token;
    await nodeB.call('POST', '/v1.0/accounts', { body: { Id: 'short', Name: 'short' }, token });
    expect((await nodeB.call('GET', '/v1.0/account/connectors', { account: 'short', token })).status).toBe(200);
    await nodeA.ctx.clients.revoke(client.ClientId);
    await nodeA.call('DELETE', '/v1.0/accounts/short');
    await within(1000, async () => (await nodeB.call('GET', '/v1.0/accounts', { token })).status === 401);
    await within(1000, async () => (await nodeB.call('GET', '/v1.0/account/connectors', { account: 'short' })).status === 404);
  });

  it('reads through its caches while the link to the other nodes is down, and listens again', async () => {
    const target = await installWithTokens('2099-01-01T00:00:00Z');
    expect((await listParties(nodeB, target)).status).toBe(200);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      // Cut both nodes' listening connections.
      const channel = `patchbay_${await currentSchema(nodeA.ctx.db)}`;
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1`, [`LISTEN "${channel}"`]);
    } finally {
      await admin.end();
    }
    await within(1000, async () => !nodeB.ctx.bus.healthy);
    // A change nobody could announce is still seen: the caches read through.
    expect((await nodeA.call('PUT', `/v1.0/account/connectors/${target.id}/deauthenticate`, { account: target.account })).status).toBe(200);
    expect((await listParties(nodeB, target)).status).toBe(409);
    await within(5000, async () => nodeB.ctx.bus.healthy && nodeA.ctx.bus.healthy);
    const again = await installWithTokens('2099-01-01T00:00:00Z');
    expect((await listParties(nodeB, again)).status).toBe(200);
    expect((await nodeA.call('PUT', `/v1.0/account/connectors/${again.id}/deauthenticate`, { account: again.account })).status).toBe(200);
    await within(1000, async () => (await listParties(nodeB, again)).status === 409);
  });

  it('completes on one node an OAuth flow started on the other', async () => {
    const id = await installInto(nodeA, 'cross-node', CAPSULE);
    const start = await visit(startUrl(nodeA, id, await signinToken(nodeA, 'cross-node')));
    const consent = await decide(start.headers.get('location') as string, 'allow');
    const callback = new URL(consent.headers.get('location') as string);
    const onB = await visit(`${nodeB.url}${callback.pathname}${callback.search}`);
    expect(onB.status).toBe(302);
    const view = await nodeB.call('GET', `/v1.0/account/connectors/${id}`, { account: 'cross-node' });
    expect(((await view.json()) as Reply<'getAccountConnector'>).Authenticated).toBe(true);
  });
});
