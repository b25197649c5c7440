import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A Patchbay started as its own process with `patchbay serve` (from the built dist/): for tests and benchmarks of several nodes. */
export interface PatchbayProcess {
  url: string;
  process: ChildProcess;
  /** Everything it printed. */
  output(): string;
  /** A partner bearer token for the API client the first start printed (the node that made the store). */
  firstClientToken(): Promise<string>;
  /** SIGKILL: no shutdown of any kind. */
  kill(): void;
  stop(): Promise<void>;
}

/** The project folder: the one holding bin/patchbay.js, above this file (run from source or from dist/). */
function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, 'bin/patchbay.js'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('bin/patchbay.js not found above this file');
    dir = parent;
  }
  return dir;
}

const ROOT = projectRoot();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ProcessOptions {
  /** The script that runs the CLI (default bin/patchbay.js, which runs dist/): a build kept elsewhere. */
  entry?: string;
}

export async function startPatchbayProcess(env: Record<string, string>, options: ProcessOptions = {}): Promise<PatchbayProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'patchbay-node-'));
  // To profile a node under a benchmark: BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, options.entry ?? path.join(ROOT, 'bin/patchbay.js'), 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PATCHBAY_HOST: '127.0.0.1',
      PATCHBAY_PORT: String(port),
      PATCHBAY_PUBLIC_URL: url,
      PATCHBAY_DATA_DIR: dataDir,
      PATCHBAY_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Patchbay on ${url} did not start:\n${output}`)), 20_000);
    const check = () => {
      if (output.includes('Patchbay is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Patchbay on ${url} exited with ${code}:\n${output}`));
    });
  });
  const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
  return {
    url,
    process: child,
    output: () => output,
    async firstClientToken() {
      const clientId = /PATCHBAY_CLIENT_ID=(\S+)/.exec(output)?.[1];
      const clientSecret = /PATCHBAY_CLIENT_SECRET=(\S+)/.exec(output)?.[1];
      if (clientId === undefined || clientSecret === undefined) throw new Error(`${url} printed no first API client`);
      const reply = await fetch(`${url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
      });
      if (!reply.ok) throw new Error(`POST /oauth/token answered ${reply.status}`);
      return ((await reply.json()) as { access_token: string }).access_token;
    },
    kill() {
      child.kill('SIGKILL');
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      cleanUp();
    },
  };
}
