import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Reply } from '../../console/src/types.js';
import { startBackground } from '../../src/background.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type AppContext, type ContextOptions, createContext } from '../../src/context.js';
import { buildHttpApp } from '../../src/http/app.js';
import type { App } from '../../src/http/routes/types.js';
import { jobsSchemaFor } from '../../src/jobs/open-queue.js';

export interface Patchbay {
  url: string;
  ctx: AppContext;
  app: App;
  dataDir: string;
  /** A fresh API client's id and secret. */
  clientId: string;
  clientSecret: string;
  /** A partner-level bearer token. */
  token: string;
  /** A bearer token of this API client restricted to one account (`scope=account:{id}`). */
  restrictedToken(account: string): Promise<string>;
  /** Everything the store holds, as raw bytes: the data dir's files (SQLite), or every row of the schema (PostgreSQL). */
  storedBytes(): Promise<Buffer>;
  /** fetch against this Patchbay with the partner token (and the account header when given). */
  call(
    method: string,
    urlPath: string,
    options?: { body?: unknown; account?: string; token?: string | null; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts a real Patchbay on 127.0.0.1 with a random port, a fresh data dir and the given environment
 * (e.g. PATCHBAY_UPSTREAM_OVERRIDES pointing at the sandbox simulators).
 */
export async function startPatchbay(
  env: Record<string, string> = {},
  logger?: FastifyBaseLogger,
  /** Context options: a query counter, a TestClock to move time with. */
  contextOptions: ContextOptions = {},
): Promise<Patchbay> {
  // The port is chosen before the server can listen on it (the public URL names it), so another test file
  // may take it in between: then the whole start is made again on another port.
  for (let attempt = 1; ; attempt++) {
    const started = await startOnce(env, logger, contextOptions);
    if (started !== 'port taken') return started;
    if (env.PATCHBAY_PORT !== undefined || attempt === 5) throw new Error('no free port to listen on');
  }
}

async function startOnce(
  env: Record<string, string>,
  logger: FastifyBaseLogger | undefined,
  contextOptions: ContextOptions,
): Promise<Patchbay | 'port taken'> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'patchbay-test-'));
  const schema = TEST_DATABASE_URL !== undefined && env.PATCHBAY_DATABASE_URL === undefined ? await createSchema() : undefined;
  // The public URL must be where this server really listens: browsers are sent back to it (OAuth callback).
  const port = env.PATCHBAY_PORT ?? String(await freePort());
  const url = `http://127.0.0.1:${port}`;
  const config: Config = loadConfig({
    PATCHBAY_DATA_DIR: dataDir,
    PATCHBAY_LOG_LEVEL: 'silent',
    PATCHBAY_HOST: '127.0.0.1',
    PATCHBAY_PORT: port,
    PATCHBAY_PUBLIC_URL: url,
    ...(schema ? { PATCHBAY_DATABASE_URL: schemaUrl(schema) } : {}),
    ...env,
  });
  const ctx = await createContext(config, contextOptions);
  const background = startBackground(ctx);
  const app = await buildHttpApp(ctx, logger ? { logger } : {});
  try {
    await app.listen({ port: config.port, host: '127.0.0.1' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    await app.close();
    background.stop();
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (schema !== undefined) await dropSchema(schema);
    return 'port taken' as const;
  }
  const client = await ctx.clients.create('test');
  const tokenReply = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: client.ClientId, client_secret: client.ClientSecret }),
  });
  const { access_token: token } = (await tokenReply.json()) as Reply<'getAccessToken'>;
  const patchbay: Patchbay = {
    url,
    ctx,
    app,
    dataDir,
    clientId: client.ClientId,
    clientSecret: client.ClientSecret,
    token,
    call(method, urlPath, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const bearer = options.token === undefined ? token : options.token;
      if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
      if (options.account !== undefined) headers['x-cyclr-account'] = options.account;
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      }
      return fetch(`${url}${urlPath}`, { method, headers, body });
    },
    async restrictedToken(account) {
      const reply = await fetch(`${url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: client.ClientId,
          client_secret: client.ClientSecret,
          scope: `account:${account}`,
        }),
      });
      if (reply.status !== 200) throw new Error(`a token for account ${account} answered ${reply.status}`);
      return ((await reply.json()) as Reply<'getAccessToken'>).access_token;
    },
    async storedBytes() {
      const files = filesUnder(dataDir).map((file) => readFileSync(file));
      return Buffer.concat(schema === undefined ? files : [...files, await schemaRows(schema)]);
    },
    async close() {
      await app.close();
      background.stop();
      await ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (schema !== undefined) await dropSchema(schema);
    },
  };
  return patchbay;
}

/**
 * With PATCHBAY_TEST_DATABASE_URL (postgres://...), every Patchbay a test starts gets a schema of its own in
 * that database, dropped when it closes; without it, the embedded SQLite store in its data dir.
 */
export const TEST_DATABASE_URL = process.env.PATCHBAY_TEST_DATABASE_URL || undefined;

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh schema of the test database for processes started outside the harness; `drop` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = await createSchema();
  return { url: schemaUrl(schema), drop: () => dropSchema(schema).then(() => undefined) };
}

async function createSchema(): Promise<string> {
  const schema = `pb_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE SCHEMA ${schema}`));
  return schema;
}

/** The store's schema, and the job queue's beside it. */
const dropSchema = (schema: string) =>
  withAdmin((client) => client.query(`DROP SCHEMA IF EXISTS ${schema}, ${jobsSchemaFor(schema)} CASCADE`));

function schemaUrl(schema: string): string {
  const url = new URL(TEST_DATABASE_URL as string);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.href;
}

/** Every row of every table of the schema, as text. */
function schemaRows(schema: string): Promise<Buffer> {
  return withAdmin(async (client) => {
    const tables = await client.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [
      schema,
    ]);
    const chunks: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`SELECT row_to_json(t)::text AS row FROM ${schema}."${table_name}" t`);
      for (const row of rows.rows as { row: string }[]) chunks.push(row.row);
    }
    return Buffer.from(chunks.join('\n'));
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** A port free at the time of asking: bound to 0, read, released. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** PATCHBAY_UPSTREAM_OVERRIDES for the given real origins. */
export function overrides(map: Record<string, string>): Record<string, string> {
  return { PATCHBAY_UPSTREAM_OVERRIDES: JSON.stringify(map) };
}

/** The partner's setup of a connector (PUT .../setup); a null value clears one. */
export function setupConnector(patchbay: Patchbay, connector: number | string, values: Record<string, string | null>): Promise<Response> {
  return patchbay.call('PUT', `/v1.0/connectors/${connector}/setup`, {
    body: { Properties: Object.entries(values).map(([Name, Value]) => ({ Name, Value })) },
  });
}

/** Creates the account when needed and installs a connector into it; returns the account connector id. */
export async function installInto(patchbay: Patchbay, account: string, connector: number, authValue?: string): Promise<number> {
  const created = await patchbay.call('POST', '/v1.0/accounts', { body: { Id: account, Name: account } });
  // 400 means the account already exists.
  if (created.status !== 200 && created.status !== 400) throw new Error(`creating account ${account} answered ${created.status}`);
  const body: Record<string, unknown> = { Name: `Connector ${connector}` };
  if (authValue !== undefined) body.AuthValue = authValue;
  const reply = await patchbay.call('POST', `/v1.0/connectors/${connector}/install`, { account, body });
  if (reply.status !== 200) throw new Error(`installing connector ${connector} answered ${reply.status}: ${await reply.text()}`);
  return ((await reply.json()) as Reply<'installConnector'>).Id;
}
