import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { OAuthClient } from '../src/auth/oauth-client.js';
import { TokenRefresher } from '../src/auth/token-refresher.js';
import { NODE_STALE_MS } from '../src/services/node-presence.js';
import { insertNode } from '../src/store/nodes.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';

const CAPSULE = 3;
const LONG_LEASE_MS = 60_000;

/** The id of a process that has exited: nothing runs under it. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;

/**
 * Refresh leases name the node holding them; a node known to be dead frees its leases at once, a live one
 * keeps them until they lapse. Runs on the default store (SQLite, or PostgreSQL with PATCHBAY_TEST_DATABASE_URL).
 */
describe('refresh leases owned by nodes', () => {
  let capsule: CapsuleSimulator;
  let patchbay: Patchbay;
  let account = 0;

  /** An install whose access token has expired, so its next call refreshes. */
  async function expiredInstall(): Promise<{ id: number; account: string; credentialId: number }> {
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const name = `leases-${++account}`;
    const authValue = JSON.stringify({
      AccessToken: tokens.access_token,
      RefreshToken: tokens.refresh_token,
      Expires: '2000-01-01T00:00:00Z',
    });
    const id = await installInto(patchbay, name, CAPSULE, authValue);
    const credentialId = (await patchbay.ctx.installs.resolve(name, id)).credentialId as number;
    return { id, account: name, credentialId };
  }
  const listParties = (node: Patchbay, target: { id: number; account: string }) =>
    node.call('GET', `/v1.0/account/connectors/${target.id}/methods/list-parties`, { account: target.account });
  /** This node's own row: where it says it runs. */
  const ownPlace = async () =>
    (await patchbay.ctx.db.selectFrom('nodes').select('host').where('id', '=', patchbay.ctx.node.id).executeTakeFirstOrThrow()).host;
  /** A lease on the credential held by a node with this row, as a node that died mid-refresh leaves it. */
  async function leaseHeldBy(
    credentialId: number,
    node: { id: string; host: string; pid: number; lastSeenMsAgo: number },
    leaseMs: number,
  ) {
    const now = patchbay.ctx.clock.nowIso();
    const lastSeen = patchbay.ctx.clock.isoIn(-node.lastSeenMsAgo);
    await insertNode(patchbay.ctx.db, { id: node.id, host: node.host, pid: node.pid, started_at: now, last_seen: lastSeen });
    expect(await patchbay.ctx.credentialTokens.claimRefresh(credentialId, node.id, leaseMs)).toBe(true);
  }
  /** Starts another node on the same store, as a restart after a crash would. */
  const restart = () => startPatchbay({ ...env(), PATCHBAY_DATABASE_URL: patchbay.ctx.config.databaseUrl, PATCHBAY_ENCRYPTION_KEY: key });
  const key = Buffer.alloc(32, 7).toString('base64');
  const env = () => ({ ...overrides({ 'https://api.capsulecrm.com': capsule.url }), PATCHBAY_ENCRYPTION_KEY: key });

  beforeAll(async () => {
    capsule = await startCapsuleSimulator();
    patchbay = await startPatchbay(env());
    await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
  });
  afterAll(async () => {
    await patchbay?.close();
    await capsule?.close();
  });

  it('refreshes at once, after a restart, a credential whose lease a dead process on this machine left', async () => {
    const target = await expiredInstall();
    await leaseHeldBy(target.credentialId, { id: 'previous-run', host: await ownPlace(), pid: deadPid(), lastSeenMsAgo: 0 }, LONG_LEASE_MS);
    const restarted = await restart();
    try {
      const started = performance.now();
      expect((await listParties(restarted, target)).status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1000);
      const left = await restarted.ctx.db.selectFrom('nodes').select('id').where('id', '=', 'previous-run').execute();
      expect(left).toEqual([]);
    } finally {
      await restarted.close();
    }
  });

  it('takes for dead a node on this machine that names this very process without being one of its nodes', async () => {
    const target = await expiredInstall();
    // A container restarted: the new process got the old one's pid.
    await leaseHeldBy(
      target.credentialId,
      { id: 'before-the-restart', host: await ownPlace(), pid: process.pid, lastSeenMsAgo: 0 },
      LONG_LEASE_MS,
    );
    const restarted = await restart();
    try {
      const started = performance.now();
      expect((await listParties(restarted, target)).status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await restarted.close();
    }
  });

  it('takes over at once the lease of a node elsewhere whose heartbeat stopped', async () => {
    const target = await expiredInstall();
    await leaseHeldBy(
      target.credentialId,
      { id: 'silent', host: 'another machine', pid: 1, lastSeenMsAgo: NODE_STALE_MS + 1000 },
      LONG_LEASE_MS,
    );
    const started = performance.now();
    expect((await listParties(patchbay, target)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('waits for the lease of a live node elsewhere to lapse before refreshing', async () => {
    const target = await expiredInstall();
    await leaseHeldBy(target.credentialId, { id: 'alive', host: 'another machine', pid: 1, lastSeenMsAgo: 0 }, 700);
    const before = capsule.oauth.tokenRequests;
    const started = performance.now();
    expect((await listParties(patchbay, target)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(600);
    expect(capsule.oauth.tokenRequests - before).toBe(1);
  });

  it('keeps the lease of another live node on this machine', async () => {
    const target = await expiredInstall();
    // A second serving process on the same store and machine: its process is alive (this one's parent).
    const claimed = performance.now();
    await leaseHeldBy(target.credentialId, { id: 'sibling', host: await ownPlace(), pid: process.ppid, lastSeenMsAgo: 0 }, 1500);
    const restarted = await restart();
    try {
      expect((await listParties(restarted, target)).status).toBe(200);
      expect(performance.now() - claimed).toBeGreaterThanOrEqual(1400);
    } finally {
      await restarted.close();
    }
  });

  it('frees its leases when it closes', async () => {
    const target = await expiredInstall();
    const other = await restart();
    expect(await other.ctx.credentialTokens.claimRefresh(target.credentialId, other.ctx.node.id, LONG_LEASE_MS)).toBe(true);
    await other.close();
    const started = performance.now();
    expect((await listParties(patchbay, target)).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('keeps the pair a node taken for dead stored when the provider then refuses the token it superseded', async () => {
    const target = await expiredInstall();
    const install = await patchbay.ctx.installs.resolve(target.account, target.id);
    // A node with no row (as one taken for dead while it still works): its lease does not stop this node.
    const stalled = new TokenRefresher(
      patchbay.ctx.credentialTokens,
      new OAuthClient(patchbay.ctx.egress),
      { marginSeconds: 60, leaseMs: LONG_LEASE_MS },
      patchbay.ctx.clock,
      'stalled',
    );
    capsule.oauth.setTokenDelay(300);
    try {
      const before = capsule.oauth.tokenRequests;
      const first = stalled.ready(install);
      while (capsule.oauth.tokenRequests === before) await new Promise((resolve) => setTimeout(resolve, 5));
      // This node sends the same refresh token; the provider rotates it for the stalled node first, and
      // refuses this node's only once the stalled node has had time to store the pair (else the refusal
      // may be read before that commit, and this one call answers 409 while the credential stays good).
      capsule.oauth.setTokenDelay(800);
      const reply = await listParties(patchbay, target);
      expect(capsule.oauth.tokenRequests - before).toBe(2);
      expect(reply.status).toBe(200);
      expect((await first).token?.AccessToken).not.toBe(install.token?.AccessToken);
    } finally {
      capsule.oauth.setTokenDelay(0);
    }
    const after = await patchbay.call('GET', `/v1.0/account/connectors/${target.id}`, { account: target.account });
    expect(await after.json()).toMatchObject({ Authenticated: true });
  });
});
