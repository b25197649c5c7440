// Cycles benchmark: a webhook-triggered cycle answering synchronously, against a floor doing the same two
// Pipedrive calls in a bare node:http server.
//
//   npm run bench:cycles                                                   # SQLite
//   BENCH_DATABASE_URL=postgres://.../pb_bench npm run bench:cycles       # PostgreSQL (a schema per run)
//   BENCH_SECONDS=5 npm run bench:cycles                                   # shorter cells
//
// The work, per request: POST {"person_id": 1} to the webhook URL; GET the person from the Pipedrive
// simulator (v2), POST a deal titled "Deal with <name>" for that person, answer {"DealId": <id>}.
// Patchbay runs a cycle (Webhook -> get-person -> create-deal -> SynchronousResponse) built through the
// API, with every transaction and step run recorded; the floor is a `node:http` server making the same
// two calls with one undici Pool. Patchbay and the floor each run as a process of their own, the
// simulator in a worker thread, autocannon on the main thread. At 1 and 50 connections each target gets
// a warm-up run, then one measured run of BENCH_SECONDS. Afterwards the transactions the store holds
// must equal the requests sent, all of them Success. See bench/README.md. Exits 0 whatever the
// figures; non-zero when the setup fails, an answer is not 200 or the counts differ.
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { Pool } from 'undici';
import { startPatchbayProcess } from './patchbay-process.js';
import { ok, withSimulatorThread } from './simulator-thread.js';

const API_TOKEN = 'pipedrive-test-token';
const ACCOUNT = 'bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const CONNECTIONS = [1, 50];
const DATABASE_URL = process.env.BENCH_DATABASE_URL || undefined;
/** The SQLite store's synchronous level for the run (FULL, Patchbay's default, when unset). */
const SYNCHRONOUS = process.env.PATCHBAY_SQLITE_SYNCHRONOUS || undefined;
/** Marks the child process that runs the floor server. */
const FLOOR_FLAG = '--floor';
const PAYLOAD = JSON.stringify({ person_id: 1 });

interface Cell {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  sent: number;
  answered: number;
  /** The server process's CPU time per answered request, in µs (Linux only). */
  cpuPerCall?: number;
  /** Store queries per request sent, the run's transactions finished (Patchbay only). */
  queriesPerCall?: number;
}

/** The floor: the same two calls and the same answer, with nothing recorded. Runs in a child process. */
async function serveFloor(simulator: string): Promise<void> {
  const pool = new Pool(simulator, { connections: 256, keepAliveTimeout: 10_000 });
  const query = `api_token=${API_TOKEN}`;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      try {
        const { person_id } = JSON.parse(Buffer.concat(chunks).toString()) as { person_id: number };
        const person = await pool.request({ method: 'GET', path: `/api/v2/persons/${person_id}?${query}` });
        const { data } = (await person.body.json()) as { data: { id: number; name: string } };
        const deal = await pool.request({
          method: 'POST',
          path: `/api/v2/deals?${query}`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ title: `Deal with ${data.name}`, person_id: data.id }),
        });
        const created = (await deal.body.json()) as { data: { id: number } };
        if (person.statusCode !== 200 || deal.statusCode >= 300)
          throw new Error(`simulator answered ${person.statusCode}, ${deal.statusCode}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ DealId: created.data.id }));
      } catch (error) {
        res.writeHead(502).end(String(error));
      }
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

async function startFloor(simulator: string): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(fileURLToPath(import.meta.url), [FLOOR_FLAG, simulator]);
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the floor server exited with ${code}`)));
  });
  return { url, child };
}

/** User + system CPU time of a process so far, in ms, from /proc (undefined where there is none). */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** One autocannon run; any answer but 200, any error or timeout stops the benchmark. */
function load(name: string, url: string, connections: number, seconds: number, pid: number | undefined): Promise<Cell> {
  const before = cpuMs(pid);
  return new Promise((resolve, reject) => {
    const samples: number[] = [];
    const instance = autocannon(
      { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: PAYLOAD, connections, duration: seconds, timeout: 30 },
      (error, result) => {
        if (error) return reject(error);
        const failures = result.non2xx + result.errors + result.timeouts;
        if (failures > 0 || samples.length !== result['2xx'] || samples.length === 0) {
          return reject(
            new Error(
              `${name} @${connections}: ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors, ${result.timeouts} timeouts`,
            ),
          );
        }
        const sorted = Float64Array.from(samples).sort();
        const after = cpuMs(pid);
        const rps = samples.length / result.duration;
        resolve({
          name,
          connections,
          rps,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          sent: result.requests.sent,
          answered: samples.length,
          ...(before !== undefined && after !== undefined ? { cpuPerCall: ((after - before) * 1000) / samples.length } : {}),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      // 2xx other than 200 is the 202 of a reply not reached in time: counted as a failure.
      if (statusCode === 200) samples.push(responseTime);
    });
  });
}

/** A schema of its own in BENCH_DATABASE_URL, so every run starts from an empty store (and prints its first API client). */
async function freshSchema(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  if (DATABASE_URL === undefined) return undefined;
  const schema = `bench_cycles_${Date.now()}`;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: DATABASE_URL });
      await dropper.connect();
      // pg-boss keeps its queue in a schema beside the store's.
      await dropper.query(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`);
      await dropper.end();
    },
  };
}

async function main(simulator: string): Promise<void> {
  const schema = await freshSchema();
  const floor = await startFloor(simulator);
  const node = await startPatchbayProcess({
    PATCHBAY_UPSTREAM_OVERRIDES: JSON.stringify({ 'https://api.pipedrive.com': simulator }),
    PATCHBAY_LOG_LEVEL: 'error',
    PATCHBAY_METRICS: 'true',
    ...(schema ? { PATCHBAY_DATABASE_URL: schema.url } : {}),
    ...(SYNCHRONOUS ? { PATCHBAY_SQLITE_SYNCHRONOUS: SYNCHRONOUS } : {}),
  });
  try {
    const authorization = `Bearer ${await node.firstClientToken()}`;
    const api = async (method: string, path: string, body?: unknown) =>
      ok(
        await fetch(`${node.url}${path}`, {
          method,
          headers: { authorization, 'content-type': 'application/json', 'x-cyclr-account': ACCOUNT },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
        `${method} ${path}`,
      );
    await api('POST', '/v1.0/accounts', { Id: ACCOUNT, Name: ACCOUNT });
    const install = (await api('POST', '/v1.0/connectors/2/install', { Name: 'Pipedrive', AuthValue: API_TOKEN })).Id as number;

    // The cycle, through the builder API: Webhook -> get-person -> create-deal -> SynchronousResponse.
    const cycle = (
      await api('POST', '/v1.0/cycles', { Name: 'Bench: webhook -> person -> deal -> reply', StepErrorAction: 'StopTransaction' })
    ).Id as number;
    const step = async (body: Record<string, unknown>) =>
      (await api('POST', `/v1.0/cycles/${cycle}/steps`, body)) as { Id: number; WebhookUrl?: string };
    const hook = await step({ Name: 'Order', Key: 'order', ActionType: 'Webhook', SamplePayload: { person_id: 1 } });
    const person = await step({ Name: 'Person', Key: 'person', ActionType: 'Method', AccountConnectorId: install, MethodId: 'get-person' });
    const deal = await step({ Name: 'Deal', Key: 'deal', ActionType: 'Method', AccountConnectorId: install, MethodId: 'create-deal' });
    const reply = await step({
      Name: 'Reply',
      Key: 'reply',
      ActionType: 'SynchronousResponse',
      Response: { Status: 200, Body: { MappingType: 'Expression', Value: '{"DealId": steps.deal.id}' } },
    });
    for (const [head, tail] of [
      [hook, person],
      [person, deal],
      [deal, reply],
    ] as const) {
      await api('POST', `/v1.0/cycles/${cycle}/edges`, { HeadStepId: head.Id, TailStepId: tail.Id, EdgeType: 'Forward' });
    }
    await api('PUT', `/v1.0/steps/${person.Id}/parameters/id`, {
      MappingType: 'StepField',
      SourceStepId: hook.Id,
      SourceFieldId: 'person_id',
    });
    await api('PUT', `/v1.0/steps/${deal.Id}/fieldmappings/title`, {
      MappingType: 'Expression',
      Value: '"Deal with " & steps.person.name',
    });
    await api('PUT', `/v1.0/steps/${deal.Id}/fieldmappings/person_id`, {
      MappingType: 'StepField',
      SourceStepId: person.Id,
      SourceFieldId: 'id',
    });
    await api('PUT', `/v1.0/cycles/${cycle}/activate`, {});
    const webhook = hook.WebhookUrl;
    if (webhook === undefined) throw new Error('the Webhook step has no WebhookUrl');

    // Both targets must answer a deal id before anything is measured, and the cycle's transaction must show every step.
    for (const url of [floor.url, webhook]) {
      const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: PAYLOAD });
      const text = await answer.text();
      if (answer.status !== 200 || !/^\{"DealId":\d+\}$/.test(text)) throw new Error(`${url} answered ${answer.status}: ${text}`);
    }
    // The check above sent the webhook one request, answered 200.
    let sent = 1;
    let answered = 1;
    const [first] = (await api('GET', `/v1.0/cycles/${cycle}/transactions`)) as unknown as { Id: string }[];
    const steps = (await api('GET', `/v1.0/transactions/${first?.Id}`)).Steps as { StepName: string; Status: string }[];
    if (steps.length !== 4 || steps.some((s) => s.Status !== 'Success'))
      throw new Error(`the first transaction's step runs: ${JSON.stringify(steps)}`);

    const count = async (status?: string) => {
      const query = status === undefined ? '' : `&status=${status}`;
      const answer = await fetch(`${node.url}/v1.0/cycles/${cycle}/transactions?pageSize=1${query}`, {
        headers: { authorization, 'x-cyclr-account': ACCOUNT },
      });
      await ok(answer, 'GET transactions');
      return Number(answer.headers.get('total-records'));
    };
    /**
     * The requests a run cut off at its end have their transactions still running: each run starts once
     * every request sent so far has a successful transaction, so no run inherits another's backlog.
     */
    const settle = async () => {
      for (let waited = 0; (await count('Success')) < sent; waited += 200) {
        if (waited >= 60_000) throw new Error(`transactions still not all Success a minute after the run (${sent} sent)`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };

    const queries = async () => {
      const text = await (await fetch(`${node.url}/metrics`)).text();
      return Number(/^patchbay_db_queries_total (\d+)/m.exec(text)?.[1] ?? Number.NaN);
    };

    const cells: Cell[] = [];
    for (const connections of CONNECTIONS) {
      for (const [name, url, pid] of [
        ['floor', floor.url, floor.child.pid],
        ['cycle', webhook, node.process.pid],
      ] as const) {
        const warm = await load(name, url, connections, WARMUP_SECONDS, pid);
        if (name === 'cycle') {
          sent += warm.sent;
          answered += warm.answered;
          await settle();
        }
        const before = name === 'cycle' ? await queries() : 0;
        const cell = await load(name, url, connections, SECONDS, pid);
        if (name === 'cycle') {
          sent += cell.sent;
          answered += cell.answered;
          await settle();
          cell.queriesPerCall = ((await queries()) - before) / cell.sent;
        }
        cells.push(cell);
      }
    }

    const recorded = await count();
    const succeeded = await count('Success');

    const store = DATABASE_URL === undefined ? `SQLite (synchronous ${SYNCHRONOUS ?? 'FULL'})` : 'PostgreSQL';
    console.log(`\nCycles benchmark, ${store}: ${SECONDS} s per cell after ${WARMUP_SECONDS} s warm-up; node ${process.version}\n`);
    console.log(
      '| target | connections | executions/s | p50 ms | p99 ms | server CPU µs per request | store queries per request | x floor |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const cell of cells) {
      const floorCell = cells.find((c) => c.name === 'floor' && c.connections === cell.connections) as Cell;
      console.log(
        `| ${cell.name} | ${cell.connections} | ${cell.rps.toFixed(0)} | ${cell.p50.toFixed(2)} | ${cell.p99.toFixed(2)} | ${cell.cpuPerCall?.toFixed(0) ?? 'n/a'} | ${cell.queriesPerCall?.toFixed(1) ?? '-'} | ${(cell.rps / floorCell.rps).toFixed(2)} |`,
      );
    }
    console.log(
      `\nwebhook requests sent ${sent} (answered 200: ${answered}); transactions recorded ${recorded}, of them Success ${succeeded}`,
    );
    const at50 = cells.find((c) => c.name === 'cycle' && c.connections === 50) as Cell;
    const floor50 = cells.find((c) => c.name === 'floor' && c.connections === 50) as Cell;
    const checks: [string, boolean][] = [
      [`executions/s @50 >= 1,000: ${at50.rps.toFixed(0)}`, at50.rps >= 1000],
      [`cycle / floor @50 >= 0.5x: ${(at50.rps / floor50.rps).toFixed(2)}x`, at50.rps / floor50.rps >= 0.5],
      [`p50 @50 < 50 ms: ${at50.p50.toFixed(1)} ms`, at50.p50 < 50],
    ];
    for (const [label, pass] of checks) console.log(`${label} ${pass ? 'PASS' : 'MISS'}`);
    if (recorded !== sent || succeeded !== sent)
      throw new Error(`transactions recorded ${recorded} (Success ${succeeded}) != requests sent ${sent}`);
  } finally {
    await node.stop();
    floor.child.kill();
    await schema?.drop();
  }
}

if (process.argv[2] === FLOOR_FLAG) await serveFloor(process.argv[3] as string);
else await withSimulatorThread(import.meta.url, API_TOKEN, main);
