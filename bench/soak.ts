// Soak: method calls at 50 connections for 10 minutes against one `patchbay serve` process, with its
// resident memory, heap and event-loop delay read from /metrics every 10 s, then a minute idle. Prints a
// table and writes bench/soak.svg.
//
//   npm run bench:soak
//   SOAK_SECONDS=120 npm run bench:soak
//
// The Pipedrive simulator runs in a worker thread and autocannon on the main thread. See bench/README.md.
// Exits 0 whatever the figures; non-zero only when the setup fails.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { startPatchbayProcess } from './patchbay-process.js';
import { ok, withSimulatorThread } from './simulator-thread.js';

const API_TOKEN = 'pipedrive-test-token';
const ACCOUNT = 'soak';
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const IDLE_SECONDS = Number(process.env.SOAK_IDLE_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 50);
const SAMPLE_SECONDS = 10;
const PLOT = path.join(import.meta.dirname, '..', '..', 'bench', 'soak.svg');

interface Sample {
  second: number;
  loaded: boolean;
  rssMb: number;
  heapMb: number;
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
  /** Answers in the interval before the sample: 2xx, and anything else (errors and timeouts included). */
  ok: number;
  failed: number;
}

/** The figures of one /metrics text, by series name (labels included). */
function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

function table(samples: Sample[]): string {
  const header = ['t (s)', 'load', 'RSS MB', 'heap MB', 'loop p50 ms', 'loop p99 ms', 'loop max ms', 'req/s', 'errors'];
  const rows = samples.map((s) => [
    String(s.second),
    s.loaded ? `${CONNECTIONS}` : 'idle',
    s.rssMb.toFixed(1),
    s.heapMb.toFixed(1),
    s.delayP50Ms.toFixed(1),
    s.delayP99Ms.toFixed(1),
    s.delayMaxMs.toFixed(1),
    (s.ok / SAMPLE_SECONDS).toFixed(0),
    String(s.failed),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] as number)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** RSS and heap over time, the loaded stretch shaded. */
function plot(samples: Sample[]): string {
  const width = 640;
  const height = 240;
  const pad = 40;
  const last = samples.at(-1)?.second ?? 1;
  const top = Math.max(...samples.map((s) => s.rssMb)) * 1.1;
  const x = (second: number) => pad + ((width - 2 * pad) * second) / last;
  const y = (mb: number) => height - pad - ((height - 2 * pad) * mb) / top;
  const series = (pick: (s: Sample) => number) => samples.map((s) => `${x(s.second).toFixed(1)},${y(pick(s)).toFixed(1)}`).join(' ');
  const loadedUntil = samples.filter((s) => s.loaded).at(-1)?.second ?? 0;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">
  <title>Patchbay soak: resident memory and heap over time</title>
  <rect x="${x(0)}" y="${pad}" width="${x(loadedUntil) - x(0)}" height="${height - 2 * pad}" fill="#eef3ff"/>
  <line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#999"/>
  <line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="#999"/>
  <text x="${pad}" y="${pad - 8}">MB (0 to ${top.toFixed(0)}); shaded: ${CONNECTIONS} connections of method calls; then idle</text>
  <text x="${width - pad}" y="${height - pad + 16}" text-anchor="end">${last} s</text>
  <polyline fill="none" stroke="#0b5fff" stroke-width="2" points="${series((s) => s.rssMb)}"/>
  <polyline fill="none" stroke="#e67e22" stroke-width="2" points="${series((s) => s.heapMb)}"/>
  <text x="${width - pad}" y="${pad + 12}" text-anchor="end" fill="#0b5fff">RSS</text>
  <text x="${width - pad}" y="${pad + 26}" text-anchor="end" fill="#e67e22">heap used</text>
</svg>
`;
}

await withSimulatorThread(import.meta.url, API_TOKEN, async (simulator) => {
  const node = await startPatchbayProcess({
    PATCHBAY_METRICS: 'true',
    PATCHBAY_UPSTREAM_OVERRIDES: JSON.stringify({ 'https://api.pipedrive.com': simulator }),
  });
  try {
    const token = await node.firstClientToken();
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await ok(
      await fetch(`${node.url}/v1.0/accounts`, { method: 'POST', headers: auth, body: JSON.stringify({ Id: ACCOUNT, Name: 'Soak' }) }),
      'POST /v1.0/accounts',
    );
    const installed = await ok(
      await fetch(`${node.url}/v1.0/connectors/2/install`, {
        method: 'POST',
        headers: { ...auth, 'x-cyclr-account': ACCOUNT },
        body: JSON.stringify({ Name: 'Pipedrive', AuthValue: API_TOKEN }),
      }),
      'POST /v1.0/connectors/2/install',
    );
    const url = `${node.url}/v1.0/account/connectors/${installed.Id}/methods/get-person?id=1`;
    const headers = { authorization: auth.authorization, 'x-cyclr-account': ACCOUNT };
    await ok(await fetch(url, { headers }), 'the method call');

    let answered = 0;
    let failed = 0;
    const samples: Sample[] = [];
    const started = performance.now();
    const sample = async (loaded: boolean) => {
      const values = parseMetrics(await (await fetch(`${node.url}/metrics`)).text());
      const ms = (name: string) => (values.get(name) ?? 0) * 1000;
      samples.push({
        second: Math.round((performance.now() - started) / 1000),
        loaded,
        rssMb: (values.get('patchbay_process_resident_memory_bytes') ?? 0) / 2 ** 20,
        heapMb: (values.get('patchbay_process_heap_used_bytes') ?? 0) / 2 ** 20,
        delayP50Ms: ms('patchbay_event_loop_delay_seconds{quantile="0.5"}'),
        delayP99Ms: ms('patchbay_event_loop_delay_seconds{quantile="0.99"}'),
        delayMaxMs: ms('patchbay_event_loop_delay_seconds{quantile="1"}'),
        ok: answered,
        failed,
      });
      answered = 0;
      failed = 0;
      console.error(`  ${table(samples).split('\n').at(-1)}`);
    };
    await sample(false);

    const sampler = setInterval(() => void sample(true), SAMPLE_SECONDS * 1000);
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS, timeout: 10 }, (error, done) =>
        error ? reject(error) : resolve(done),
      );
      instance.on('response', (_client, statusCode) => {
        if (statusCode >= 200 && statusCode < 300) answered++;
        else failed++;
      });
      instance.on('reqError', () => failed++);
    });
    clearInterval(sampler);
    for (let idle = 0; idle < IDLE_SECONDS; idle += SAMPLE_SECONDS) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_SECONDS * 1000));
      await sample(false);
    }

    const loaded = samples.filter((s) => s.loaded);
    const minute = (from: number, to: number) => loaded.filter((s) => s.second > from && s.second <= to).map((s) => s.rssMb);
    const second = median(minute(60, 120));
    const lastMinute = median(minute(Math.max(60, SECONDS - 60), SECONDS + SAMPLE_SECONDS));
    const errors = samples.reduce((sum, s) => sum + s.failed, 0);
    const drift = lastMinute / second - 1;
    console.log(
      `\nSoak: ${SECONDS} s of method calls at ${CONNECTIONS} connections, then ${IDLE_SECONDS} s idle; node ${process.version}\n`,
    );
    console.log(table(samples));
    console.log(`\nanswers: ${result.requests.total}, errors (non-2xx, failures, timeouts): ${errors}  ${errors === 0 ? 'PASS' : 'MISS'}`);
    // A leak shows as growth; memory the allocator hands back after warm-up is not one.
    console.log(
      `RSS median, second minute ${second.toFixed(1)} MB, last minute ${lastMinute.toFixed(1)} MB: ${(drift * 100).toFixed(1)}% ` +
        `(target: grows at most 10%)  ${drift <= 0.1 ? 'PASS' : 'MISS'}`,
    );
    writeFileSync(PLOT, plot(samples));
    console.log(`plot: ${path.relative(process.cwd(), PLOT)}`);
  } finally {
    await node.stop();
  }
});
