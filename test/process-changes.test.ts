import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PatchbayProcess, startPatchbayProcess } from '../bench/patchbay-process.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { CHANGES_POLL_MS } from '../src/store/sqlite-changes.js';
import { installInto, overrides, type Patchbay, setupConnector, startPatchbay } from './support/harness.js';
import { foregroundQueries } from './support/query-counter.js';

const CAPSULE = 3;
const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/** Milliseconds until `check` holds, polled every 20 ms for at most `withinMs`; throws when it never does. */
async function msUntil(withinMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A serving Patchbay and other processes on the same store (the default SQLite file, or the test's
 * PostgreSQL schema): the CLI, and a second `patchbay serve`. Nothing passes between them but the store.
 */
describe('changes made by another process on the same store', () => {
  let capsule: CapsuleSimulator;
  let server: Patchbay;
  let other: PatchbayProcess;
  const queries = foregroundQueries();
  let env: Record<string, string>;
  let account = 0;

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    capsule = await startCapsuleSimulator();
    const shared = {
      ...overrides({ 'https://api.capsulecrm.com': capsule.url }),
      PATCHBAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    };
    server = await startPatchbay(shared, undefined, { onQuery: queries.onQuery });
    env = { ...shared, PATCHBAY_DATABASE_URL: server.ctx.config.databaseUrl };
    other = await startPatchbayProcess(env);
    await setupConnector(server, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
  }, 120_000);
  afterAll(async () => {
    await other?.stop();
    await server?.close();
    await capsule?.close();
  });

  async function installWithTokens(): Promise<{ id: number; account: string }> {
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const name = `process-${++account}`;
    const authValue = JSON.stringify({
      AccessToken: tokens.access_token,
      RefreshToken: tokens.refresh_token,
      Expires: '2099-01-01T00:00:00Z',
    });
    return { id: await installInto(server, name, CAPSULE, authValue), account: name };
  }
  const listParties = (target: { id: number; account: string }, token = server.token) =>
    server.call('GET', `/v1.0/account/connectors/${target.id}/methods/list-parties`, { account: target.account, token });

  it('serves a warm call without a query while it watches for changes', async () => {
    const target = await installWithTokens();
    expect((await listParties(target)).status).toBe(200);
    const before = queries.count;
    expect((await listParties(target)).status).toBe(200);
    expect(queries.count - before).toBe(0);
  });

  it('applies its own change once, not again when it reads it back from the store', async () => {
    const seen: string[] = [];
    server.ctx.bus.on((invalidation) => {
      if (invalidation.kind === 'account' && invalidation.id === 'own-change') seen.push(invalidation.kind);
    });
    server.ctx.bus.publish({ kind: 'account', id: 'own-change' });
    await new Promise((resolve) => setTimeout(resolve, 4 * CHANGES_POLL_MS));
    expect(seen).toEqual(['account']);
  });

  it('stops serving, within a second, an install another serving process deauthenticated', async () => {
    const target = await installWithTokens();
    expect((await listParties(target)).status).toBe(200);
    const reply = await fetch(`${other.url}/v1.0/account/connectors/${target.id}/deauthenticate`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.token}`, 'x-cyclr-account': target.account },
    });
    expect(reply.status).toBe(200);
    expect(await msUntil(1000, async () => (await listParties(target)).status === 409)).toBeLessThan(1000);
  });

  it('refuses, within a second, a bearer token whose client was revoked with the CLI', async () => {
    const target = await installWithTokens();
    const created = await run(process.execPath, [path.join(ROOT, 'bin/patchbay.js'), 'clients', 'create', '--name', 'to revoke'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PATCHBAY_DATA_DIR: server.dataDir, PATCHBAY_LOG_LEVEL: 'warn', ...env },
    });
    const clientId = /PATCHBAY_CLIENT_ID=(\S+)/.exec(created.stdout)?.[1] as string;
    const clientSecret = /PATCHBAY_CLIENT_SECRET=(\S+)/.exec(created.stdout)?.[1] as string;
    const issued = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
    const { access_token: token } = (await issued.json()) as { access_token: string };
    expect((await listParties(target, token)).status).toBe(200);

    await run(process.execPath, [path.join(ROOT, 'bin/patchbay.js'), 'clients', 'revoke', clientId], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PATCHBAY_DATA_DIR: server.dataDir, PATCHBAY_LOG_LEVEL: 'warn', ...env },
    });
    expect(await msUntil(1000, async () => (await listParties(target, token)).status === 401)).toBeLessThan(1000);
    expect((await listParties(target)).status).toBe(200);
  });

  it('rotates a secret with the CLI: the new one gets a token at once, and so does the old one for the overlap', async () => {
    const cli = (...args: string[]) =>
      run(process.execPath, [path.join(ROOT, 'bin/patchbay.js'), ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', PATCHBAY_DATA_DIR: server.dataDir, PATCHBAY_LOG_LEVEL: 'warn', ...env },
      });
    const created = await cli('clients', 'create', '--name', 'to rotate');
    const clientId = /PATCHBAY_CLIENT_ID=(\S+)/.exec(created.stdout)?.[1] as string;
    const oldSecret = /PATCHBAY_CLIENT_SECRET=(\S+)/.exec(created.stdout)?.[1] as string;
    const rotated = await cli('clients', 'rotate', clientId);
    const newSecret = /PATCHBAY_CLIENT_SECRET=(\S+)/.exec(rotated.stdout)?.[1] as string;
    expect(newSecret).not.toBe(oldSecret);
    for (const secret of [newSecret, oldSecret]) {
      const issued = await fetch(`${server.url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
      });
      expect(issued.status).toBe(200);
    }
  });
});
