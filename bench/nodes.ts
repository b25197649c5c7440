// Several-nodes benchmark: method-call throughput with one, two and three Patchbay processes on one
// PostgreSQL store, side by side with a single node on the embedded SQLite store, and the store queries
// each method call costs.
//
//   npm run bench:nodes
//   BENCH_SECONDS=3 npm run bench:nodes
//
// Every node is a real `patchbay serve` process; the Pipedrive simulator runs in a worker thread and
// autocannon on the main thread. See bench/README.md. Exits 0 whatever the figures; non-zero only when the
// setup fails.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { type PatchbayProcess, startPatchbayProcess } from './patchbay-process.js';
import { ok, withSimulatorThread } from './simulator-thread.js';

const API_TOKEN = 'pipedrive-test-token';
const ACCOUNT = 'bench';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 48);
/** Each node is a fresh process: its code must be warm before it is measured, whatever its share of the load. */
const WARMUP_SECONDS = 2;
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Setup {
  label: string;
  postgres: boolean;
  nodes: number;
}

interface Row extends Setup {
  rps: number;
  p50: number;
  p99: number;
  calls: number;
  failures: number;
  queriesPerCall: number;
}

const SETUPS: Setup[] = [
  { label: 'SQLite, 1 node', postgres: false, nodes: 1 },
  { label: 'PostgreSQL, 1 node', postgres: true, nodes: 1 },
  { label: 'PostgreSQL, 2 nodes', postgres: true, nodes: 2 },
  { label: 'PostgreSQL, 3 nodes', postgres: true, nodes: 3 },
];

/** The sum of one counter over the nodes' /metrics. */
async function counter(nodes: PatchbayProcess[], name: string): Promise<number> {
  let sum = 0;
  for (const node of nodes) {
    const text = await (await fetch(`${node.url}/metrics`)).text();
    for (const line of text.split('\n')) {
      if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) sum += Number(line.split(' ').pop());
    }
  }
  return sum;
}

/** A schema of its own for one setup, so every run starts from an empty store. */
async function freshSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.href, drop: () => admin(`DROP SCHEMA ${schema}, ${schema}_pgboss CASCADE`) };
}

function load(url: string, headers: Record<string, string>, connections: number, seconds: number) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, headers, connections, duration: seconds, pipelining: 1, timeout: 10 }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

async function measure(setup: Setup, simulator: string): Promise<Row> {
  const database = setup.postgres ? await freshSchema() : undefined;
  const env: Record<string, string> = {
    PATCHBAY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PATCHBAY_UPSTREAM_OVERRIDES: JSON.stringify({ 'https://api.pipedrive.com': simulator }),
    PATCHBAY_METRICS: 'true',
    PATCHBAY_LOG_LEVEL: 'error',
    ...(database ? { PATCHBAY_DATABASE_URL: database.url } : {}),
  };
  const first = await startPatchbayProcess(env);
  const nodes = [first, ...(await Promise.all(Array.from({ length: setup.nodes - 1 }, () => startPatchbayProcess(env))))];
  try {
    const headers = { authorization: `Bearer ${await first.firstClientToken()}`, 'content-type': 'application/json' };
    await ok(
      await fetch(`${first.url}/v1.0/accounts`, { method: 'POST', headers, body: JSON.stringify({ Id: ACCOUNT, Name: 'Bench' }) }),
      'POST /v1.0/accounts',
    );
    const installed = await ok(
      await fetch(`${first.url}/v1.0/connectors/2/install`, {
        method: 'POST',
        headers: { ...headers, 'x-cyclr-account': ACCOUNT },
        body: JSON.stringify({ Name: 'Pipedrive', AuthValue: API_TOKEN }),
      }),
      'install Pipedrive',
    );
    const path = `/v1.0/account/connectors/${installed.Id as number}/methods/get-person?id=1`;
    const callHeaders = { authorization: headers.authorization, 'x-cyclr-account': ACCOUNT };
    for (const node of nodes) await ok(await fetch(`${node.url}${path}`, { headers: callHeaders }), `${node.url} get-person`);
    // The connections are shared out over the nodes, as a load balancer would.
    const share = Math.max(1, Math.round(CONNECTIONS / nodes.length));
    await Promise.all(nodes.map((node) => load(`${node.url}${path}`, callHeaders, share, WARMUP_SECONDS)));
    const queriesBefore = await counter(nodes, 'patchbay_db_queries_total');
    const results = await Promise.all(nodes.map((node) => load(`${node.url}${path}`, callHeaders, share, SECONDS)));
    const queries = (await counter(nodes, 'patchbay_db_queries_total')) - queriesBefore;
    const calls = results.reduce((sum, r) => sum + r['2xx'], 0);
    const weighted = (pick: (r: autocannon.Result) => number) =>
      results.reduce((sum, r) => sum + pick(r) * r['2xx'], 0) / Math.max(1, calls);
    return {
      ...setup,
      rps: results.reduce((sum, r) => sum + r['2xx'] / r.duration, 0),
      p50: weighted((r) => r.latency.p50),
      p99: weighted((r) => r.latency.p99),
      calls,
      failures: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
      queriesPerCall: queries / Math.max(1, calls),
    };
  } finally {
    await Promise.all(nodes.map((node) => node.stop()));
    await database?.drop();
  }
}

function print(rows: Row[]): void {
  const baseline = rows[0]?.rps ?? 1;
  console.log(`\nGET .../methods/get-person?id=1, ${CONNECTIONS} connections in all, ${SECONDS} s per setup\n`);
  console.log('| setup | calls/s | ratio to SQLite, 1 node | p50 ms | p99 ms | failures | store queries per call |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(
      `| ${row.label} | ${row.rps.toFixed(0)} | ${(row.rps / baseline).toFixed(2)}x | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.failures} | ${row.queriesPerCall.toFixed(4)} |`,
    );
  }
  const pg = rows.filter((row) => row.postgres);
  const holds = pg.every((row, i) => i === 0 || row.rps >= 0.9 * (pg[0]?.rps ?? 0));
  const warm = pg.every((row) => row.queriesPerCall < 0.001);
  console.log(`\nthroughput holds as nodes are added (within 10% of one PostgreSQL node): ${holds ? 'PASS' : 'MISS'}`);
  console.log(`a warm method call makes no PostgreSQL round trip: ${warm ? 'PASS' : 'MISS'}`);
}

await withSimulatorThread(import.meta.url, API_TOKEN, async (simulator) => {
  const rows: Row[] = [];
  for (const setup of SETUPS) {
    process.stdout.write(`${setup.label}... `);
    rows.push(await measure(setup, simulator));
    console.log('done');
  }
  print(rows);
});
