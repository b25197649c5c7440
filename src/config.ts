import path from 'node:path';
import { isSqliteSynchronous, type SqliteSynchronous } from './store/sqlite-driver.js';

/** Typed runtime configuration, read once from environment variables at start-up. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  /** A SQLite file path (the default, under the data dir) or a postgres:// URL. */
  databaseUrl: string;
  /** SQLite's `synchronous`: FULL survives a power loss, NORMAL (much cheaper commits) survives a crash of the process. */
  sqliteSynchronous: SqliteSynchronous;
  /** Base64 32-byte master key; when absent a key file in the data dir is used or created. */
  encryptionKey: string | undefined;
  /** Extra connector folders, after the built-in one. */
  connectorDirs: string[];
  /** Extra folders of cycle template files, loaded after `templates/`. */
  templateDirs: string[];
  /** Real origin -> local base URL; the only way to point a connector somewhere else. */
  upstreamOverrides: Map<string, string>;
  logLevel: string;
  /** Largest number of pages a single "all pages" method call follows. */
  maxPages: number;
  /** Outbound timeouts in milliseconds. */
  upstreamConnectTimeoutMs: number;
  upstreamResponseTimeoutMs: number;
  /** Pooled connections per third-party origin, shared by every account. */
  upstreamConnections: number;
  /** The most requests one account connector has in flight to its third party; more wait their turn. */
  upstreamConcurrency: number;
  /** The longest a client may take to send a whole request, headers and body. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept open. */
  keepAliveTimeoutMs: number;
  /** The most connections the server holds open at once; more are closed as they arrive. */
  maxConnections: number;
  /** The most requests one API client, and one account, may have in flight on this node; more answer 429. */
  maxInFlightPerClient: number;
  maxInFlightPerAccount: number;
  /** The largest request body the raw proxy streams on to a third party. */
  proxyBodyLimitBytes: number;
  /** Origins the OAuth popup may report back to (postMessage target or redirect); the public URL's origin is always one. */
  allowedOrigins: Set<string>;
  /** An OAuth access token this close to expiry is refreshed before use. */
  tokenRefreshMarginSeconds: number;
  /** How long a node serves an install from memory before reading it again (other nodes may have changed it). */
  cacheTtlMs: number;
  /** Serve counters at /metrics (Prometheus text format). */
  metrics: boolean;
  /** How often the periodic jobs (refresh sweep, probe sweep, clean-up) start; 0 turns them off. */
  sweepIntervalSeconds: number;
  /** An API-key or Basic credential is probed when its last probe is older than this; 0: never. */
  probeIntervalSeconds: number;
  /** How long an API client's old secret keeps working after a rotation. */
  clientSecretOverlapSeconds: number;
  /** Webhook delivery: retries after a failed attempt, the first retry's delay (doubling after), and the wait for an answer. */
  webhookRetries: number;
  /** Cycle transactions this node runs at a time: from the job queue, and as many started at once on receipt. */
  cycleWorkers: number;
  /** Of those started at once, the most one account's may hold. */
  cycleAccountLimit: number;
  /** The job queue's share of them (on PostgreSQL fewer, each a pg-boss worker polling on its own). */
  cycleQueueWorkers: number;
  webhookRetryDelaySeconds: number;
  webhookTimeoutMs: number;
  /** Inbound webhooks (cycle triggers): the largest body taken, and how long a synchronous one waits for its answer. */
  webhookBodyLimitBytes: number;
  webhookSyncTimeoutMs: number;
  /** Webhook receivers may be on http and on loopback or private addresses (inside the partner's own network). */
  webhookPrivateNetwork: boolean;
  /** The end user's connect page: its title, accent colour (#rrggbb) and logo (an image URL), for the partner's brand. */
  connectPage: { title: string; accent: string; logoUrl: string | null };
}

/** Thrown for a bad environment value; the message names the variable and is printed as one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** The share of a node's runs started at once one account may hold by default: a burst of one leaves a fifth to the others. */
const ACCOUNT_SHARE = 0.8;
/** The most pg-boss workers a node runs per cycle queue. */
const PG_QUEUE_WORKERS = 10;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|1|on|yes)$/i.test(raw)) return true;
  if (/^(false|0|off|no)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function httpUrl(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an absolute http(s) URL, got "${raw}"`);
  }
  return url;
}

function overrides(raw: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (raw === undefined || raw.trim() === '') return map;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('PATCHBAY_UPSTREAM_OVERRIDES must be a JSON object of origin -> base URL');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError('PATCHBAY_UPSTREAM_OVERRIDES must be a JSON object of origin -> base URL');
  }
  for (const [from, to] of Object.entries(parsed)) {
    if (typeof to !== 'string') {
      throw new ConfigError(`PATCHBAY_UPSTREAM_OVERRIDES: the value for "${from}" must be a string`);
    }
    const origin = httpUrl('PATCHBAY_UPSTREAM_OVERRIDES', from).origin;
    const target = httpUrl('PATCHBAY_UPSTREAM_OVERRIDES', to);
    map.set(origin, target.href.replace(/\/$/, ''));
  }
  return map;
}

function origins(raw: string | undefined, publicUrl: string): Set<string> {
  const set = new Set([new URL(publicUrl).origin]);
  for (const entry of (raw ?? '').split(',')) {
    if (entry.trim() === '') continue;
    const url = httpUrl('PATCHBAY_ALLOWED_ORIGINS', entry.trim());
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '') {
      throw new ConfigError(`PATCHBAY_ALLOWED_ORIGINS must list origins only (scheme://host[:port]), got "${entry.trim()}"`);
    }
    set.add(url.origin);
  }
  return set;
}

function connectPage(env: Env): Config['connectPage'] {
  const title = env.PATCHBAY_CONNECT_TITLE || 'Connect your apps';
  if (title.length > 100) throw new ConfigError('PATCHBAY_CONNECT_TITLE must be at most 100 characters');
  const accent = env.PATCHBAY_CONNECT_ACCENT || '#0b5fff';
  if (!/^#[0-9a-fA-F]{6}$/.test(accent)) throw new ConfigError(`PATCHBAY_CONNECT_ACCENT must be a colour such as #0b5fff, got "${accent}"`);
  const logo = env.PATCHBAY_CONNECT_LOGO_URL || null;
  return { title, accent, logoUrl: logo === null ? null : httpUrl('PATCHBAY_CONNECT_LOGO_URL', logo).href };
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const port = integer(env, 'PATCHBAY_PORT', 8080, 0, 65535);
  const host = env.PATCHBAY_HOST || '0.0.0.0';
  const publicUrl = httpUrl('PATCHBAY_PUBLIC_URL', env.PATCHBAY_PUBLIC_URL || `http://localhost:${port}`).href.replace(/\/$/, '');
  const dataDir = path.resolve(cwd, env.PATCHBAY_DATA_DIR || 'data');
  const databaseUrl = env.PATCHBAY_DATABASE_URL || path.join(dataDir, 'patchbay.sqlite');
  const postgres = /^postgres(ql)?:/i.test(databaseUrl);
  if (postgres && !/^postgres(ql)?:\/\/[^/]/i.test(databaseUrl)) {
    throw new ConfigError('PATCHBAY_DATABASE_URL must be postgres://user@host:port/database or a SQLite file path');
  }
  const encryptionKey = env.PATCHBAY_ENCRYPTION_KEY || undefined;
  if (encryptionKey !== undefined && Buffer.from(encryptionKey, 'base64').length !== 32) {
    throw new ConfigError('PATCHBAY_ENCRYPTION_KEY must be 32 bytes encoded as base64');
  }
  const sqliteSynchronous = (env.PATCHBAY_SQLITE_SYNCHRONOUS || 'FULL').toUpperCase();
  if (!isSqliteSynchronous(sqliteSynchronous)) {
    throw new ConfigError(`PATCHBAY_SQLITE_SYNCHRONOUS must be FULL or NORMAL, got "${env.PATCHBAY_SQLITE_SYNCHRONOUS}"`);
  }
  const logLevel = env.PATCHBAY_LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`PATCHBAY_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const folders = (value: string | undefined) =>
    (value ?? '')
      .split(path.delimiter)
      .filter((dir) => dir.trim() !== '')
      .map((dir) => path.resolve(cwd, dir));
  const cycleWorkers = integer(env, 'PATCHBAY_CYCLE_WORKERS', 50, 1, 500);
  const connectorDirs = folders(env.PATCHBAY_CONNECTORS_DIR);
  const templateDirs = folders(env.PATCHBAY_TEMPLATES_DIR);
  return {
    port,
    host,
    publicUrl,
    dataDir,
    databaseUrl: postgres ? databaseUrl : path.resolve(cwd, databaseUrl),
    encryptionKey,
    connectorDirs,
    templateDirs,
    upstreamOverrides: overrides(env.PATCHBAY_UPSTREAM_OVERRIDES),
    logLevel,
    sqliteSynchronous,
    maxPages: integer(env, 'PATCHBAY_MAX_PAGES', 50, 1, 1000),
    upstreamConnectTimeoutMs: integer(env, 'PATCHBAY_UPSTREAM_CONNECT_TIMEOUT_MS', 5000, 1, 600000),
    upstreamResponseTimeoutMs: integer(env, 'PATCHBAY_UPSTREAM_TIMEOUT_MS', 30000, 1, 600000),
    upstreamConnections: integer(env, 'PATCHBAY_UPSTREAM_CONNECTIONS', 256, 1, 10_000),
    upstreamConcurrency: integer(env, 'PATCHBAY_UPSTREAM_CONCURRENCY', 32, 1, 10_000),
    requestTimeoutMs: integer(env, 'PATCHBAY_REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    keepAliveTimeoutMs: integer(env, 'PATCHBAY_KEEP_ALIVE_TIMEOUT_MS', 72_000, 1000, 600_000),
    maxConnections: integer(env, 'PATCHBAY_MAX_CONNECTIONS', 10_000, 1, 1_000_000),
    maxInFlightPerClient: integer(env, 'PATCHBAY_MAX_IN_FLIGHT_PER_CLIENT', 8000, 1, 1_000_000),
    maxInFlightPerAccount: integer(env, 'PATCHBAY_MAX_IN_FLIGHT_PER_ACCOUNT', 2000, 1, 1_000_000),
    proxyBodyLimitBytes: integer(env, 'PATCHBAY_PROXY_BODY_LIMIT_BYTES', 10 * 1024 * 1024, 1, 2 ** 40),
    allowedOrigins: origins(env.PATCHBAY_ALLOWED_ORIGINS, publicUrl),
    tokenRefreshMarginSeconds: integer(env, 'PATCHBAY_TOKEN_REFRESH_MARGIN_SECONDS', 60, 0, 86400),
    // Nodes on PostgreSQL hear of each other's writes at once (NOTIFY); the TTL only bounds an entry's age
    // should a message be lost. Processes on one SQLite file read each other's from its changes table.
    cacheTtlMs: integer(env, 'PATCHBAY_CACHE_TTL_MS', postgres ? 60_000 : 0, 0, 86_400_000),
    metrics: flag(env, 'PATCHBAY_METRICS', false),
    sweepIntervalSeconds: integer(env, 'PATCHBAY_SWEEP_INTERVAL_SECONDS', 300, 0, 86_400),
    probeIntervalSeconds: integer(env, 'PATCHBAY_PROBE_INTERVAL_SECONDS', 86_400, 0, 31_536_000),
    clientSecretOverlapSeconds: integer(env, 'PATCHBAY_CLIENT_SECRET_OVERLAP_SECONDS', 86_400, 0, 2_592_000),
    webhookRetries: integer(env, 'PATCHBAY_WEBHOOK_RETRIES', 8, 0, 20),
    cycleWorkers,
    // Each pg-boss worker polls on its own: 50 of them per queue and node load PostgreSQL for nothing.
    cycleQueueWorkers: postgres ? Math.min(cycleWorkers, PG_QUEUE_WORKERS) : cycleWorkers,
    cycleAccountLimit: integer(env, 'PATCHBAY_CYCLE_ACCOUNT_LIMIT', Math.ceil(cycleWorkers * ACCOUNT_SHARE), 1, 500),
    webhookRetryDelaySeconds: integer(env, 'PATCHBAY_WEBHOOK_RETRY_DELAY_SECONDS', 10, 1, 3600),
    webhookTimeoutMs: integer(env, 'PATCHBAY_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    webhookBodyLimitBytes: integer(env, 'PATCHBAY_WEBHOOK_BODY_LIMIT_BYTES', 1024 * 1024, 1, 100 * 1024 * 1024),
    webhookSyncTimeoutMs: integer(env, 'PATCHBAY_WEBHOOK_SYNC_TIMEOUT_MS', 25_000, 0, 600_000),
    webhookPrivateNetwork: flag(env, 'PATCHBAY_WEBHOOK_PRIVATE_NETWORK', false),
    connectPage: connectPage(env),
  };
}
