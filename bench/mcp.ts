// MCP benchmark: an MCP tools/call beside the HTTP method call it stands for, against the same Pipedrive
// simulator call, and tools/list for an account with 500 tools.
//
//   npm run bench:mcp
//   BENCH_ROUNDS=3 npm run bench:mcp     # fewer rounds
//
// Patchbay runs as a `patchbay serve` process, the simulator in a worker thread, autocannon on the main
// thread. The two calls take turns, ROUNDS times each, and each is judged by its median round, so a
// slow spell of the machine does not land on one side only. Latencies come from autocannon's
// per-response timings (fractions of a millisecond); on Linux the Patchbay process's CPU time per call
// is shown too, read from /proc. See bench/README.md. Exits 0 whatever the figures; non-zero only when
// the setup fails.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startPatchbayProcess } from './patchbay-process.js';
import { medianRound, ROUNDS } from './rounds.js';
import { ok, withSimulatorThread } from './simulator-thread.js';

const API_TOKEN = 'pipedrive-test-token';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = [1, 50];
/** Pipedrive has 20 methods: 25 installs make an account of 500 tools. */
const BIG_INSTALLS = 25;

interface Target {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

interface Cell {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /** The Patchbay process's CPU time per answered call, in µs (Linux only). */
  cpuPerCall?: number;
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

function load(target: Target, connections: number, seconds: number): Promise<Cell> {
  return new Promise((resolve, reject) => {
    const samples: number[] = [];
    const instance = autocannon(
      { url: target.url, method: target.method, headers: target.headers, body: target.body, connections, duration: seconds, timeout: 10 },
      (error, result) => {
        if (error) return reject(error);
        const sorted = Float64Array.from(samples).sort();
        resolve({
          name: target.name,
          connections,
          rps: result['2xx'] / result.duration,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          failures: result.non2xx + result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) samples.push(responseTime);
    });
  });
}

async function main(simulator: string): Promise<void> {
  const node = await startPatchbayProcess({
    PATCHBAY_UPSTREAM_OVERRIDES: JSON.stringify({ 'https://api.pipedrive.com': simulator }),
    PATCHBAY_LOG_LEVEL: 'error',
  });
  try {
    const authorization = `Bearer ${await node.firstClientToken()}`;
    const install = async (account: string) => {
      const headers = { authorization, 'content-type': 'application/json', 'x-cyclr-account': account };
      const reply = await fetch(`${node.url}/v1.0/connectors/2/install`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ Name: 'Pipedrive', AuthValue: API_TOKEN }),
      });
      return (await ok(reply, 'install Pipedrive')).Id as number;
    };
    for (const account of ['bench', 'big']) {
      await ok(
        await fetch(`${node.url}/v1.0/accounts`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ Id: account, Name: account }),
        }),
        'POST /v1.0/accounts',
      );
    }
    const id = await install('bench');
    for (let i = 0; i < BIG_INSTALLS; i++) await install('big');

    const json = { authorization, 'content-type': 'application/json', 'x-cyclr-account': 'bench' };
    const mcp = { ...json, accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' };
    const targets: Target[] = [
      {
        name: 'HTTP method call',
        url: `${node.url}/v1.0/account/connectors/${id}/methods/get-person`,
        method: 'POST',
        headers: json,
        body: JSON.stringify({ Parameters: { id: 1 } }),
      },
      {
        name: 'MCP tools/call',
        url: `${node.url}/mcp`,
        method: 'POST',
        headers: mcp,
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: 'pipedrive_get_person', arguments: { id: 1 } },
        }),
      },
    ];
    const list: Target = {
      name: `MCP tools/list, ${BIG_INSTALLS * 20} tools`,
      url: `${node.url}/mcp`,
      method: 'POST',
      headers: { ...mcp, 'x-cyclr-account': 'big' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    };
    // Both must answer the person, each in its own way, before anything is measured.
    for (const target of [...targets, list]) {
      const reply = await fetch(target.url, { method: target.method, headers: target.headers, body: target.body });
      const text = await reply.text();
      if (!reply.ok || (target !== list && !text.includes('"id":1')))
        throw new Error(`${target.name} answered ${reply.status}: ${text.slice(0, 300)}`);
      if (target === list && (JSON.parse(text) as { result: { tools: unknown[] } }).result.tools.length !== BIG_INSTALLS * 20) {
        throw new Error(`${target.name} did not list ${BIG_INSTALLS * 20} tools`);
      }
    }

    /** One measured cell, with the Patchbay process's CPU time per call. */
    const measure = async (target: Target, connections: number): Promise<Cell> => {
      const before = cpuMs(node.process.pid);
      const cell = await load(target, connections, SECONDS);
      const after = cpuMs(node.process.pid);
      if (before !== undefined && after !== undefined) cell.cpuPerCall = ((after - before) * 1000) / (cell.rps * SECONDS);
      return cell;
    };
    const cells: Cell[] = [];
    for (const connections of CONNECTIONS) {
      for (const target of targets) await load(target, connections, 1);
      const rounds = new Map<Target, Cell[]>(targets.map((target) => [target, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of targets) rounds.get(target)?.push(await measure(target, connections));
      }
      for (const target of targets) cells.push(medianRound(rounds.get(target) ?? []));
    }
    await load(list, 1, 1);
    const listed = await measure(list, 1);

    console.log(
      `\nMCP benchmark: median of ${ROUNDS} rounds of ${SECONDS} s per call and connection count, after 1 s warm-up; node ${process.version}\n`,
    );
    console.log('| target | connections | requests/s | p50 ms | p99 ms | Patchbay CPU µs per call | failures |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const cell of [...cells, listed]) {
      console.log(
        `| ${cell.name} | ${cell.connections} | ${cell.rps.toFixed(0)} | ${cell.p50.toFixed(3)} | ${cell.p99.toFixed(3)} | ${cell.cpuPerCall?.toFixed(0) ?? 'n/a'} | ${cell.failures} |`,
      );
    }
    console.log('');
    for (const connections of CONNECTIONS) {
      const [http, tool] = targets.map((t) => cells.find((c) => c.name === t.name && c.connections === connections) as Cell);
      const ratio = (tool as Cell).rps / (http as Cell).rps;
      console.log(
        `tools/call / HTTP method call throughput @${connections}: ${ratio.toFixed(2)}x (target >= 0.8x) ${ratio >= 0.8 ? 'PASS' : 'MISS'}`,
      );
    }
    console.log(
      `tools/list p50 for ${BIG_INSTALLS * 20} tools: ${listed.p50.toFixed(3)} ms (target < 5 ms) ${listed.p50 < 5 ? 'PASS' : 'MISS'}`,
    );
  } finally {
    await node.stop();
  }
}

await withSimulatorThread(import.meta.url, API_TOKEN, main);
