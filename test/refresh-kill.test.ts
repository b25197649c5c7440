import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PatchbayProcess, startPatchbayProcess } from '../bench/patchbay-process.js';
import { type CapsuleSimulator, startCapsuleSimulator } from '../sandbox/capsule.js';
import { createTestDatabase, TEST_DATABASE_URL } from './support/harness.js';

const CAPSULE = 3;
const ACCOUNT = 'crashes';
const KILLS = 20;
const ROOT = path.resolve(import.meta.dirname, '..');
/** A build of its own, so that this test never runs a dist/ another test is rewriting. */
const BUILD = path.join(ROOT, 'test-output/refresh-kill-build');
/** How long a rotated refresh token keeps working at this provider. */
const GRACE_SECONDS = 30;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  mode: string;
  killAfterMs: number;
  firstCallMs: number;
  status: number;
  code: string | undefined;
  authenticated: boolean;
  /** The restart had to use the refresh token the provider had rotated: without grace, this kill lost the credential. */
  neededGrace: boolean;
}

/**
 * `kill -9` of a spawned `patchbay serve` in the middle of a token refresh, again and again, each time
 * restarted on the same store (SQLite, or PostgreSQL with PATCHBAY_TEST_DATABASE_URL). Every call
 * refreshes (access tokens live 30 s, the refresh margin is 60 s), and the kills land at varied moments:
 * while the provider holds the request before issuing anything, and after it rotated the refresh token
 * but around the time its answer reaches Patchbay. The provider keeps a rotated refresh token valid for
 * a grace period, as real ones do.
 */
describe(`patchbay serve killed mid-refresh ${KILLS} times on ${TEST_DATABASE_URL === undefined ? 'SQLite' : 'PostgreSQL'}`, () => {
  let capsule: CapsuleSimulator;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let dataDir = '';
  let env: Record<string, string> = {};
  let node: PatchbayProcess;
  let token = '';
  let installId = 0;
  const all: PatchbayProcess[] = [];

  const call = (method: string, urlPath: string, body?: unknown) =>
    fetch(`${node.url}${urlPath}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'x-cyclr-account': ACCOUNT,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const start = async () => {
    node = await startPatchbayProcess(env, { entry: path.join(BUILD, 'src/cli.js') });
    all.push(node);
  };
  /** Token requests that reached the provider so far. */
  const requests = () => capsule.oauth.tokenRequests;

  beforeAll(async () => {
    rmSync(BUILD, { recursive: true, force: true });
    execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', BUILD], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    capsule = await startCapsuleSimulator({ accessTokenTtlSeconds: 30, refreshTokenGraceSeconds: GRACE_SECONDS });
    dataDir = mkdtempSync(path.join(tmpdir(), 'patchbay-kill-'));
    database = TEST_DATABASE_URL === undefined ? undefined : await createTestDatabase();
    env = {
      PATCHBAY_DATA_DIR: dataDir,
      PATCHBAY_DATABASE_URL: database?.url ?? path.join(dataDir, 'patchbay.sqlite'),
      PATCHBAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      PATCHBAY_UPSTREAM_OVERRIDES: JSON.stringify({ 'https://api.capsulecrm.com': capsule.url }),
      PATCHBAY_UPSTREAM_CONNECT_TIMEOUT_MS: '2000',
      PATCHBAY_UPSTREAM_TIMEOUT_MS: '5000',
      PATCHBAY_TOKEN_REFRESH_MARGIN_SECONDS: '60',
      PATCHBAY_SWEEP_INTERVAL_SECONDS: '0',
      PATCHBAY_LOG_LEVEL: 'debug',
    };
    await start();
    token = await node.firstClientToken();
    const setup = await call('PUT', `/v1.0/connectors/${CAPSULE}/setup`, {
      Properties: [
        { Name: 'ClientId', Value: 'capsule-client' },
        { Name: 'ClientSecret', Value: 'capsule-secret' },
      ],
    });
    expect(setup.status).toBe(200);
    expect((await call('POST', '/v1.0/accounts', { Id: ACCOUNT, Name: ACCOUNT })).status).toBe(200);
    const tokens = capsule.oauth.issueForTest('capsule-client');
    const AuthValue = JSON.stringify({
      AccessToken: tokens.access_token,
      RefreshToken: tokens.refresh_token,
      Expires: '2000-01-01T00:00:00Z',
    });
    const installed = await call('POST', `/v1.0/connectors/${CAPSULE}/install`, { Name: 'crashing', AuthValue });
    expect(installed.status).toBe(200);
    installId = ((await installed.json()) as { Id: number }).Id;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(all.map((each) => each.stop()));
    await capsule?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(BUILD, { recursive: true, force: true });
  });

  /** One kill: a call that refreshes, kill -9 at a moment of the refresh, a restart, the first call after it. */
  async function killOnce(i: number): Promise<Outcome> {
    // Even kills: the provider holds the request 400 ms before issuing anything (and issues nothing to a
    // client gone meanwhile). Odd ones: it rotates at once and answers 200 ms later; the kill lands from
    // 50 ms before that answer to 60 ms after it, across the window between answer and commit.
    const beforeIssuing = i % 2 === 0;
    const step = Math.floor(i / 2);
    const killAfterMs = beforeIssuing ? 20 + step * 35 : 150 + step * 12;
    capsule.oauth.setTokenDelay(beforeIssuing ? 400 : 0);
    capsule.oauth.setAnswerDelay(beforeIssuing ? 0 : 200);
    const seen = requests();
    const doomed = call('GET', `/v1.0/account/connectors/${installId}/methods/list-parties`).then(
      (reply) => reply.arrayBuffer(),
      () => undefined,
    );
    while (requests() === seen) await pause(1);
    await pause(killAfterMs);
    const victim = node;
    const exited = new Promise((resolve) => victim.process.once('exit', resolve));
    victim.kill();
    await exited;
    await doomed;
    capsule.oauth.setTokenDelay(0);
    capsule.oauth.setAnswerDelay(0);

    await start();
    const graceBefore = capsule.oauth.graceRefreshes;
    const started = performance.now();
    const reply = await call('GET', `/v1.0/account/connectors/${installId}/methods/list-parties`);
    const firstCallMs = performance.now() - started;
    const body = (await reply.json()) as { Code?: string };
    const install = (await (await call('GET', `/v1.0/account/connectors/${installId}`)).json()) as { Authenticated?: boolean };
    return {
      mode: beforeIssuing ? 'before issuing' : 'after rotation',
      killAfterMs,
      firstCallMs,
      status: reply.status,
      code: body.Code,
      authenticated: install.Authenticated === true,
      neededGrace: capsule.oauth.graceRefreshes > graceBefore,
    };
  }

  it(`loses no credential and no integrity, and never waits on the dead lease, over ${KILLS} kills`, async () => {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < KILLS; i++) outcomes.push(await killOnce(i));
    // Refreshes of a node past its first calls, for the window once its connections are warm.
    for (let i = 0; i < 5; i++) expect((await call('GET', `/v1.0/account/connectors/${installId}/methods/list-parties`)).status).toBe(200);

    const lost = outcomes.filter((o) => o.code === 'PB_ERR_NOT_AUTHENTICATED');
    const broken = outcomes.filter((o) => o.code !== 'PB_ERR_NOT_AUTHENTICATED' && (o.status !== 200 || !o.authenticated));
    if (TEST_DATABASE_URL === undefined) {
      const file = new Database(env.PATCHBAY_DATABASE_URL as string, { readonly: true });
      try {
        expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        file.close();
      }
    }
    const windowsOf = (each: PatchbayProcess) =>
      each
        .output()
        .split('\n')
        .filter((line) => line.includes('"refreshed token stored"'))
        .map((line) => (JSON.parse(line) as { storeMs: number }).storeMs);
    const windows = all.flatMap(windowsOf).sort((a, b) => a - b);
    const warm = windowsOf(node)
      .slice(-5)
      .sort((a, b) => a - b);
    const slowest = Math.max(...outcomes.map((o) => o.firstCallMs));
    const neededGrace = outcomes.filter((o) => o.neededGrace).map((o) => `${o.killAfterMs} ms`);
    console.info(
      `${KILLS} kills: ${lost.length} credentials lost, ${broken.length} integrity errors, first call after restart at most ${Math.round(slowest)} ms (${outcomes.map((o) => Math.round(o.firstCallMs)).join(', ')}); ` +
        `${neededGrace.length} restarts used a rotated refresh token (kills ${neededGrace.join(', ')} after the request reached the provider); ` +
        `answer-to-commit window over ${windows.length} refreshes: median ${windows[Math.floor(windows.length / 2)]} ms, max ${windows.at(-1)} ms; ` +
        `over the last node's 5 warm refreshes: median ${warm[2]} ms, max ${warm[4]} ms`,
    );
    expect(broken).toEqual([]);
    expect(lost).toEqual([]);
    expect(outcomes.filter((o) => o.firstCallMs >= 3000)).toEqual([]);
  }, 240_000);
});
