import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PatchbayProcess, startPatchbayProcess } from '../bench/patchbay-process.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { createTestDatabase, TEST_DATABASE_URL } from './support/harness.js';

const CAPSULE = 3;
const ACCOUNT = 'many-nodes';
const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Three Patchbay processes on one PostgreSQL store, as a partner would run them behind a load balancer:
 * they share the database and the encryption key, nothing else.
 */
describe.skipIf(TEST_DATABASE_URL === undefined)('three Patchbay processes on one PostgreSQL store', () => {
  let capsule: CapsuleSimulator;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let nodes: PatchbayProcess[] = [];
  let token = '';

  const call = (node: PatchbayProcess, method: string, urlPath: string, body?: unknown) =>
    fetch(`${node.url}${urlPath}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'x-cyclr-account': ACCOUNT,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const listParties = (node: PatchbayProcess, id: number) => call(node, 'GET', `/v1.0/account/connectors/${id}/methods/list-parties`);

  /** Installs Capsule with a real token pair whose access token has already expired. */
  async function installExpired(name: string): Promise<number> {
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const AuthValue = JSON.stringify({
      AccessToken: tokens.access_token,
      RefreshToken: tokens.refresh_token,
      Expires: '2000-01-01T00:00:00Z',
    });
    const reply = await call(nodes[0] as PatchbayProcess, 'POST', `/v1.0/connectors/${CAPSULE}/install`, { Name: name, AuthValue });
    expect(reply.status).toBe(200);
    return ((await reply.json()) as { Id: number }).Id;
  }

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    capsule = await startCapsuleSimulator();
    database = await createTestDatabase();
    const env = {
      PATCHBAY_DATABASE_URL: database.url,
      PATCHBAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PATCHBAY_UPSTREAM_OVERRIDES: JSON.stringify({ 'https://api.capsulecrm.com': capsule.url }),
      // The refresh lease lasts these plus 5 s: a dead holder's lease lapses after 8 s.
      PATCHBAY_UPSTREAM_CONNECT_TIMEOUT_MS: '1000',
      PATCHBAY_UPSTREAM_TIMEOUT_MS: '2000',
    };
    // The first node makes the store and the first API client; the others join it.
    const first = await startPatchbayProcess(env);
    nodes = [first, ...(await Promise.all([startPatchbayProcess(env), startPatchbayProcess(env)]))];
    token = await first.firstClientToken();
    const setup = await fetch(`${first.url}/v1.0/connectors/${CAPSULE}/setup`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        Properties: [
          { Name: 'ClientId', Value: 'capsule-client' },
          { Name: 'ClientSecret', Value: 'capsule-secret' },
        ],
      }),
    });
    expect(setup.status).toBe(200);
    const account = await fetch(`${first.url}/v1.0/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ Id: ACCOUNT, Name: ACCOUNT }),
    });
    expect(account.status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await capsule?.close();
    await database?.drop();
  });

  it('answers 1,000 concurrent calls spread over the three on an expired token with one token request', async () => {
    const id = await installExpired('spread');
    capsule.oauth.setTokenDelay(200);
    const before = capsule.oauth.tokenRequests;
    try {
      const replies = await Promise.all(Array.from({ length: 1000 }, (_, i) => listParties(nodes[i % 3] as PatchbayProcess, id)));
      const statuses = replies.map((r) => r.status);
      await Promise.all(replies.map((r) => r.arrayBuffer()));
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
    } finally {
      capsule.oauth.setTokenDelay(0);
    }
    expect(capsule.oauth.tokenRequests - before).toBe(1);
  }, 60_000);

  it('completes the refresh on another node when the one holding the lease is killed mid-refresh', async () => {
    const id = await installExpired('killed');
    const [victim, ...survivors] = nodes as [PatchbayProcess, PatchbayProcess, PatchbayProcess];
    capsule.oauth.setTokenDelay(5000);
    const before = capsule.oauth.tokenRequests;
    // The victim claims the lease and asks for a token; the provider is slow to answer.
    const doomed = listParties(victim, id).then(
      () => 'answered',
      () => 'dropped',
    );
    const deadline = Date.now() + 5000;
    while (capsule.oauth.tokenRequests === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(capsule.oauth.tokenRequests - before).toBe(1);
    victim.kill();
    expect(await doomed).toBe('dropped');
    capsule.oauth.setTokenDelay(200);

    const replies = await Promise.all(Array.from({ length: 300 }, (_, i) => listParties(survivors[i % 2] as PatchbayProcess, id)));
    const statuses = replies.map((r) => r.status);
    await Promise.all(replies.map((r) => r.arrayBuffer()));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // The abandoned request, then one refresh by a survivor once the dead node's lease lapsed.
    expect(capsule.oauth.tokenRequests - before).toBe(2);

    // The refresh token kept is the newest: the next refresh works too.
    capsule.oauth.expireAccessTokens();
    expect((await listParties(survivors[0], id)).status).toBe(200);
    expect(capsule.oauth.tokenRequests - before).toBe(3);
  }, 60_000);
});
