// Refresh under load: N concurrent method calls on an install whose OAuth access token has expired,
// side by side with the same N calls on an install whose token is fresh (the baseline).
//
//   npm run bench:refresh                         # 1,000 concurrent calls
//   BENCH_CALLS=5000 BENCH_TOKEN_DELAY_MS=300 npm run bench:refresh
//
// Target: exactly one token request and zero failed calls on the expired token. The token endpoint
// answers after BENCH_TOKEN_DELAY_MS (default 100 ms) so that every call arrives while the refresh is
// still in flight. Exits non-zero when the target is missed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent } from 'undici';
import { startCapsuleSimulator } from '../sandbox/capsule.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { buildHttpApp } from '../src/http/app.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const TOKEN_DELAY_MS = Number(process.env.BENCH_TOKEN_DELAY_MS ?? 100);
const CAPSULE = 3;

interface Round {
  label: string;
  ok: number;
  failed: number;
  tokenRequests: number;
  wallMs: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main(): Promise<void> {
  const capsule = await startCapsuleSimulator({ seed: { parties: 5 } });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'patchbay-bench-'));
  const ctx = await createContext(
    loadConfig({
      PATCHBAY_DATA_DIR: dataDir,
      PATCHBAY_LOG_LEVEL: 'silent',
      PATCHBAY_UPSTREAM_OVERRIDES: JSON.stringify({ 'https://api.capsulecrm.com': capsule.url }),
    }),
  );
  const app = await buildHttpApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // Enough sockets for every call to be in flight at once.
  const dispatcher = new Agent({ connections: CALLS });
  try {
    const client = await ctx.clients.create('bench');
    const tokenReply = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.ClientId, client_secret: client.ClientSecret }),
    });
    const { access_token: bearer } = (await tokenReply.json()) as { access_token: string };
    const api = async (method: string, url: string, body?: unknown, account?: string) => {
      const headers: Record<string, string> = { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' };
      if (account) headers['x-cyclr-account'] = account;
      const reply = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      if (reply.status >= 300) throw new Error(`${method} ${url} answered ${reply.status}: ${await reply.text()}`);
      return reply.json() as Promise<{ Id: number }>;
    };
    await api('PUT', `/v1.0/connectors/${CAPSULE}/setup`, {
      Properties: [
        { Name: 'ClientId', Value: 'capsule-client' },
        { Name: 'ClientSecret', Value: 'capsule-secret' },
      ],
    });
    await api('POST', '/v1.0/accounts', { Id: 'bench', Name: 'bench' });
    const install = async (expires: string) => {
      const tokens = capsule.oauth.issueForTest('capsule-client');
      const AuthValue = JSON.stringify({ AccessToken: tokens.access_token, RefreshToken: tokens.refresh_token, Expires: expires });
      return (await api('POST', `/v1.0/connectors/${CAPSULE}/install`, { Name: `bench ${expires}`, AuthValue }, 'bench')).Id;
    };
    const fresh = await install('2099-01-01T00:00:00Z');
    const expired = await install('2000-01-01T00:00:00Z');
    capsule.oauth.setTokenDelay(TOKEN_DELAY_MS);

    const round = async (label: string, id: number): Promise<Round> => {
      const before = capsule.oauth.tokenRequests;
      const latencies: number[] = [];
      let failed = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CALLS }, async () => {
          const t0 = performance.now();
          const reply = await fetch(`${base}/v1.0/account/connectors/${id}/methods/list-parties`, {
            headers: { authorization: `Bearer ${bearer}`, 'x-cyclr-account': 'bench' },
            dispatcher,
          } as RequestInit).catch(() => null);
          latencies.push(performance.now() - t0);
          if (reply === null || reply.status !== 200) failed++;
          await reply?.arrayBuffer();
        }),
      );
      const wallMs = performance.now() - started;
      latencies.sort((a, b) => a - b);
      return {
        label,
        ok: CALLS - failed,
        failed,
        tokenRequests: capsule.oauth.tokenRequests - before,
        wallMs,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
      };
    };

    // Warm both installs' connections and caches without touching the expired token's state.
    await round('warm-up (fresh token)', fresh);
    const baseline = await round('fresh token (baseline)', fresh);
    const refreshing = await round('expired token', expired);

    console.log(`${CALLS} concurrent method calls, token endpoint answering after ${TOKEN_DELAY_MS} ms\n`);
    console.log('| round | ok | failed | token requests | wall ms | p50 ms | p99 ms |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of [baseline, refreshing]) {
      console.log(
        `| ${r.label} | ${r.ok} | ${r.failed} | ${r.tokenRequests} | ${r.wallMs.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`,
      );
    }
    console.log(`\nwall-time ratio expired/baseline: ${(refreshing.wallMs / baseline.wallMs).toFixed(2)}x`);
    const met = refreshing.tokenRequests === 1 && refreshing.failed === 0;
    console.log(`target (exactly one token request, zero failed calls): ${met ? 'met' : 'MISSED'}`);
    if (!met) process.exitCode = 1;
  } finally {
    await dispatcher.close();
    await app.close();
    await ctx.close();
    await capsule.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
