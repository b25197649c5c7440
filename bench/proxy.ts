// Proxy overhead benchmark: how much a Patchbay method call and the raw proxy route add on top of
// the upstream call itself, compared with the floor any Node proxy reaches.
//
//   npm run bench:proxy                     # 5 rounds of ~3 s per cell
//   BENCH_SECONDS=3 npm run bench:proxy     # shorter cells
//   BENCH_SERVER_PROCESS=0 npm run bench:proxy  # servers and load generator in one process, on one thread
//
// Targets, all answering the same Pipedrive simulator request (GET /api/v2/persons/1):
//   (a) direct   the simulator itself
//   (b) minimal  a node:http server forwarding through one undici Pool and piping the body back
//   (c) method   Patchbay GET /v1.0/account/connectors/{id}/methods/get-person?id=1
//   (d) proxy    Patchbay GET /v1.0/account/connectors/{id}/proxy/api/v2/persons/1
// Each target is warmed up for 1 s per connection count; then the targets take turns for BENCH_ROUNDS
// rounds (default 5) and each is reported by its median round. Latencies are taken from
// autocannon's per-response timings (sub-millisecond), not from its whole-millisecond histogram.
// See bench/README.md. Exits 0 whatever the figures; non-zero only when the setup fails.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { type Dispatcher, Pool } from 'undici';
import { startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { buildHttpApp } from '../src/http/app.js';
import { medianRound, ROUNDS } from './rounds.js';

const API_TOKEN = 'pipedrive-test-token';
const ACCOUNT = 'bench';
const CONNECTIONS = [1, 10, 50];
const WARMUP_SECONDS = 1;
/** Marks the child process that runs the servers. */
const SERVER_FLAG = '--servers';

/** One thing to load: a URL and the headers every request carries. */
interface Target {
  key: 'a' | 'b' | 'c' | 'd';
  name: string;
  url: string;
  headers: Record<string, string>;
}

interface Cell {
  target: Target;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

type ToMain = { type: 'ready'; targets: Target[] } | { type: 'failed'; message: string } | { type: 'closed' };

// ---------------------------------------------------------------------------------------------
// Servers: simulator, minimal proxy, Patchbay.
// ---------------------------------------------------------------------------------------------

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'upgrade', 'proxy-authorization', 'trailer', 'host']);

function withoutHopByHop(headers: IncomingHttpHeaders | Dispatcher.ResponseData['headers']): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

/** (b): the least a Node proxy can do: one pooled upstream, headers copied, body piped. */
async function startMinimalProxy(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new Pool(upstream, { connections: 256, keepAliveTimeout: 10_000 });
  const server: Server = createServer((req, res) => {
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    pool
      .request({
        method: req.method as Dispatcher.HttpMethod,
        path: req.url ?? '/',
        headers: withoutHopByHop(req.headers) as Record<string, string>,
        body: hasBody ? req : null,
      })
      .then((response) => {
        res.writeHead(response.statusCode, withoutHopByHop(response.headers));
        // pipe(), not pipeline(): measurably cheaper per request here, and errors are handled below.
        response.body.on('error', () => res.destroy()).pipe(res);
      })
      .catch(() => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.close();
    },
  };
}

async function json(reply: Response, what: string): Promise<Record<string, unknown>> {
  if (!reply.ok) throw new Error(`${what} answered ${reply.status}: ${await reply.text()}`);
  return (await reply.json()) as Record<string, unknown>;
}

/** Starts all four targets and checks each answers person 1. */
async function startTargets(): Promise<{ targets: Target[]; close(): Promise<void> }> {
  const sim = await startPipedriveSimulator({ apiTokens: [API_TOKEN] });
  const minimal = await startMinimalProxy(sim.url);

  const dataDir = mkdtempSync(path.join(tmpdir(), 'patchbay-bench-'));
  const ctx = await createContext(
    loadConfig({
      PATCHBAY_DATA_DIR: dataDir,
      PATCHBAY_LOG_LEVEL: 'silent',
      PATCHBAY_HOST: '127.0.0.1',
      PATCHBAY_UPSTREAM_OVERRIDES: JSON.stringify({ 'https://api.pipedrive.com': sim.url }),
    }),
  );
  const app = await buildHttpApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const patchbay = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  // There is no HTTP route for API clients (the CLI makes them); the rest goes through the API.
  const client = await ctx.clients.create('bench');
  const token = await json(
    await fetch(`${patchbay}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.ClientId, client_secret: client.ClientSecret }),
    }),
    'POST /oauth/token',
  );
  const auth = { authorization: `Bearer ${token.access_token as string}`, 'content-type': 'application/json' };
  await json(
    await fetch(`${patchbay}/v1.0/accounts`, { method: 'POST', headers: auth, body: JSON.stringify({ Id: ACCOUNT, Name: 'Bench' }) }),
    'POST /v1.0/accounts',
  );
  const installed = await json(
    await fetch(`${patchbay}/v1.0/connectors/2/install`, {
      method: 'POST',
      headers: { ...auth, 'x-cyclr-account': ACCOUNT },
      body: JSON.stringify({ Name: 'Pipedrive', AuthValue: API_TOKEN }),
    }),
    'POST /v1.0/connectors/2/install',
  );
  const patchbayHeaders = { authorization: auth.authorization, 'x-cyclr-account': ACCOUNT };
  const direct = `/api/v2/persons/1?api_token=${API_TOKEN}`;
  const targets: Target[] = [
    { key: 'a', name: '(a) direct', url: `${sim.url}${direct}`, headers: {} },
    { key: 'b', name: '(b) minimal proxy', url: `${minimal.url}${direct}`, headers: {} },
    {
      key: 'c',
      name: '(c) method call',
      url: `${patchbay}/v1.0/account/connectors/${installed.Id}/methods/get-person?id=1`,
      headers: patchbayHeaders,
    },
    {
      key: 'd',
      name: '(d) raw proxy',
      url: `${patchbay}/v1.0/account/connectors/${installed.Id}/proxy/api/v2/persons/1`,
      headers: patchbayHeaders,
    },
  ];

  for (const target of targets) {
    const body = await json(await fetch(target.url, { headers: target.headers }), target.name);
    const person = target.key === 'c' ? body : (body.data as Record<string, unknown>);
    if (person?.id !== 1) throw new Error(`${target.name} did not answer person 1: ${JSON.stringify(body).slice(0, 200)}`);
  }

  return {
    targets,
    async close() {
      await app.close();
      await ctx.close();
      await minimal.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Server process side: starts the servers, reports the targets, closes on request. */
async function serverProcess(): Promise<void> {
  const post = (message: ToMain) => process.send?.(message);
  let running: Awaited<ReturnType<typeof startTargets>>;
  try {
    running = await startTargets();
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return;
  }
  process.on('message', async (message: { type: string }) => {
    if (message.type !== 'close') return;
    await running.close();
    post({ type: 'closed' });
    process.disconnect();
  });
  // A benchmark stopped midway (Ctrl-C) leaves no server process behind.
  process.once('disconnect', () => process.exit(0));
  post({ type: 'ready', targets: running.targets });
}

// ---------------------------------------------------------------------------------------------
// Load generation and the report.
// ---------------------------------------------------------------------------------------------

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function load(target: Target, connections: number, seconds: number, record: boolean) {
  return new Promise<Cell>((resolve, reject) => {
    const samples: number[] = [];
    const instance = autocannon(
      { url: target.url, headers: target.headers, connections, duration: seconds, pipelining: 1, timeout: 10 },
      (error, result) => {
        if (error) return reject(error);
        const sorted = Float64Array.from(samples).sort();
        const ok = result['2xx'];
        resolve({
          target,
          connections,
          rps: ok / result.duration,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          requests: ok,
          failures: result.non2xx + result.errors + result.timeouts,
        });
      },
    );
    if (record) {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
      });
    }
  });
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function table(rows: string[][]): string {
  const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((row, r) =>
      [
        row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  '),
        ...(r === 0 ? [widths.map((w) => '-'.repeat(w)).join('  ')] : []),
      ].join('\n'),
    )
    .join('\n');
}

function report(cells: Cell[], seconds: number, separate: boolean): void {
  const cell = (key: Target['key'], connections: number) => cells.find((c) => c.target.key === key && c.connections === connections);
  console.log(
    `\nPatchbay proxy benchmark: median of ${ROUNDS} rounds of ${seconds} s per cell after ${WARMUP_SECONDS} s warm-up, ${availableParallelism()} CPUs, ` +
      `node ${process.version}, ${separate ? 'servers in a child process, autocannon in the parent' : 'servers and autocannon on one thread'}\n`,
  );
  console.log(
    table([
      ['target', 'connections', 'requests/s', 'p50 ms', 'p99 ms', 'requests', 'failures'],
      ...cells.map((c) => [
        c.target.name,
        String(c.connections),
        fixed(c.rps, 0),
        fixed(c.p50, 3),
        fixed(c.p99, 3),
        String(c.requests),
        String(c.failures),
      ]),
    ]),
  );

  const checks: string[][] = [['check', 'value', 'target', 'result']];
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');
  for (const connections of CONNECTIONS) {
    const b = cell('b', connections);
    for (const [key, floor, label] of [
      ['c', 0.75, 'method call'],
      ['d', 0.85, 'raw proxy'],
    ] as const) {
      const x = cell(key, connections);
      if (b === undefined || x === undefined) continue;
      const ratio = x.rps / b.rps;
      checks.push([`${label} / minimal proxy throughput @${connections}`, `${fixed(ratio, 2)}x`, `>= ${floor}x`, verdict(ratio >= floor)]);
    }
  }
  const a1 = cell('a', 1);
  for (const [key, label, budget] of [
    ['b', 'minimal proxy', undefined],
    ['c', 'method call', 0.5],
    ['d', 'raw proxy', 0.5],
  ] as const) {
    const x = cell(key, 1);
    if (a1 === undefined || x === undefined) continue;
    const added = x.p50 - a1.p50;
    checks.push([
      `${label} p50 added over direct @1`,
      `${fixed(added, 3)} ms`,
      budget === undefined ? '(reference)' : `< ${budget} ms`,
      budget === undefined ? '' : verdict(added < budget),
    ]);
  }
  console.log(`\n${table(checks)}\n`);
  const failed = cells.filter((c) => c.failures > 0);
  if (failed.length > 0) {
    console.log(`Warning: non-2xx answers or errors in ${failed.map((c) => `${c.target.name} @${c.connections}`).join(', ')}.`);
  }
}

async function mainThread(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 3);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`BENCH_SECONDS must be a positive number, got "${process.env.BENCH_SECONDS}"`);
  const separate = process.env.BENCH_SERVER_PROCESS !== '0';

  let targets: Target[];
  let close: () => Promise<void>;
  if (separate) {
    const child = fork(fileURLToPath(import.meta.url), [SERVER_FLAG], { stdio: 'inherit' });
    const next = () =>
      new Promise<ToMain>((resolve, reject) => {
        child.once('message', (message) => resolve(message as ToMain));
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
      });
    const ready = await next();
    if (ready.type !== 'ready') {
      child.kill();
      throw new Error(ready.type === 'failed' ? ready.message : 'the server process did not start');
    }
    targets = ready.targets;
    close = async () => {
      const closed = next();
      child.send({ type: 'close' });
      await closed.catch(() => undefined);
      child.kill();
    };
  } else {
    ({ targets, close } = await startTargets());
  }

  const cells: Cell[] = [];
  try {
    // Connection count outermost, then rounds in which the targets take turns: the targets compared in
    // a ratio are measured close together in time, each judged by its median round.
    for (const connections of CONNECTIONS) {
      for (const target of targets) await load(target, connections, WARMUP_SECONDS, false);
      const rounds = new Map<Target, Cell[]>(targets.map((target) => [target, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of targets) {
          const measured = await load(target, connections, seconds, true);
          rounds.get(target)?.push(measured);
          console.error(
            `  ${target.name} @${connections} round ${round + 1}: ${fixed(measured.rps, 0)} req/s, p50 ${fixed(measured.p50, 3)} ms`,
          );
        }
      }
      for (const target of targets) cells.push(medianRound(rounds.get(target) ?? []));
    }
  } finally {
    await close();
  }
  report(cells, seconds, separate);
}

if (process.argv.includes(SERVER_FLAG)) {
  void serverProcess();
} else {
  mainThread().catch((error: unknown) => {
    console.error('Benchmark setup failed:', error);
    process.exitCode = 1;
  });
}
