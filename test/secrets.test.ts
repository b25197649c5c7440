import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { type ExampleApiSimulator, startExampleApiSimulator } from '../sandbox/example-api.js';
import { type PipedriveSimulator, startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { loadCatalogue } from '../src/catalogue/loader.js';
import { loadConfig } from '../src/config.js';
import { loggerOptions } from '../src/http/logging.js';
import { builtInConnectorsDir } from '../src/paths.js';
import { openDatabase } from '../src/store/database.js';
import { overrides, type Patchbay, startPatchbay } from './support/harness.js';
import { apiKeyConnector, BASIC_CONNECTOR, connectorsFolder, REGIONAL_CONNECTOR } from './support/test-connectors.js';

const random = () => randomBytes(12).toString('hex');

/** A connector that takes its API key in a query parameter of its own naming. */
const VENDOR_CONNECTOR = apiKeyConnector({
  id: 93,
  slug: 'vendor',
  baseUrl: 'https://api.vendor.test/v1',
  keyIn: 'query',
  keyName: 'x_vendor_auth',
});

/** The distinctive secrets one scenario uses. */
interface Secrets {
  apiKey: string;
  pipedriveToken: string;
  basicPassword: string;
  basicAuthValue: string;
  propertyValue: string;
  propertyValueChanged: string;
}

function makeSecrets(): Secrets {
  const basicPassword = `pass-${random()}`;
  return {
    apiKey: `secret-key-${random()}`,
    pipedriveToken: `secret-pd-${random()}`,
    basicPassword,
    basicAuthValue: Buffer.from(`user:${basicPassword}`).toString('base64'),
    propertyValue: `sensitive-${random()}`,
    propertyValueChanged: `sensitive-changed-${random()}`,
  };
}

interface Scenario {
  patchbay: Patchbay;
  secrets: Secrets;
  pipedrive: PipedriveSimulator;
}

async function tokenFor(patchbay: Patchbay, clientId: string, clientSecret: string, scope?: string): Promise<string> {
  const fields: Record<string, string> = { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret };
  if (scope !== undefined) fields.scope = scope;
  const reply = await fetch(`${patchbay.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': 'log-token-form' },
    body: new URLSearchParams(fields),
  });
  expect(reply.status).toBe(200);
  return ((await reply.json()) as Reply<'getAccessToken'>).access_token;
}

/**
 * Installs every kind of credential and uses it: API key in a header (Example), API key in the query
 * (Pipedrive), Basic, a sensitive property set at install and changed later, a re-authentication.
 * Returns the bearer tokens and client secrets it made.
 */
async function exercise({ patchbay, secrets, pipedrive }: Scenario, marker: string): Promise<string[]> {
  const account = `secrets-${randomUUID()}`;
  const call = (method: string, url: string, body?: unknown, requestId?: string) =>
    patchbay.call(method, url, { account, body, headers: requestId ? { 'x-request-id': requestId } : {} });
  expect((await call('POST', '/v1.0/accounts', { Id: account, Name: marker })).status).toBe(200);

  const installOf = async (connector: number, body: Record<string, unknown>, requestId: string) => {
    const reply = await call('POST', `/v1.0/connectors/${connector}/install`, body, requestId);
    expect(reply.status).toBe(200);
    const text = await reply.text();
    for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
    return (JSON.parse(text) as { Id: number }).Id;
  };

  const example = await installOf(1, { Name: `${marker}-example`, AuthValue: secrets.apiKey }, 'log-install-example');
  const pipedriveId = await installOf(2, { Name: `${marker}-pipedrive`, AuthValue: secrets.pipedriveToken }, 'log-install-pipedrive');
  const basic = await installOf(91, { Name: `${marker}-basic`, AuthValue: secrets.basicAuthValue }, 'log-install-basic');
  const regional = await installOf(
    90,
    {
      Name: `${marker}-regional`,
      AuthValue: secrets.apiKey,
      Properties: [
        { Name: 'Region', Value: 'eu' },
        { Name: 'Secret', Value: secrets.propertyValue },
      ],
    },
    'log-install-regional',
  );

  // Method calls: the credential goes out in a header, in the query, as Basic.
  expect((await call('POST', `/v1.0/account/connectors/${example}/methods/get-me`, undefined, 'log-method-example')).status).toBe(200);
  expect(
    (await call('GET', `/v1.0/account/connectors/${pipedriveId}/methods/list-persons?limit=2`, undefined, 'log-method-pd')).status,
  ).toBe(200);
  const before = pipedrive.requestCount;
  const failing = await call('GET', `/v1.0/account/connectors/${pipedriveId}/methods/get-person?id=987654`, undefined, 'log-method-pd-404');
  expect(failing.status).toBe(502);
  expect(pipedrive.requestCount).toBe(before + 1);
  // The Basic connector's host is pointed at the Example simulator, which refuses it: an upstream error.
  expect((await call('GET', `/v1.0/account/connectors/${basic}/methods/get-me`, undefined, 'log-method-basic')).status).toBe(502);
  expect((await call('GET', `/v1.0/account/connectors/${regional}/methods/get-me`, undefined, 'log-method-regional')).status).toBe(200);

  // The raw proxy, with a secret-looking query parameter of the caller's own.
  expect(
    (await call('GET', `/v1.0/account/connectors/${pipedriveId}/proxy/api/v2/persons?token=abc`, undefined, 'log-proxy-pd')).status,
  ).toBe(200);
  expect((await call('GET', `/v1.0/account/connectors/${example}/proxy/me?token=abc&x=1`, undefined, 'log-proxy-example')).status).toBe(
    200,
  );
  expect(
    (await call('POST', `/v1.0/account/connectors/${pipedriveId}/proxy/api/v2/persons?token=abc`, { name: 'Proxied' }, 'log-proxy-post'))
      .status,
  ).toBe(200);

  // Change the sensitive property and re-authenticate.
  const properties = (await (
    await call('GET', `/v1.0/account/connectors/${regional}/properties`)
  ).json()) as Reply<'listAccountConnectorProperties'>;
  const secretProperty = properties.find((p) => p.Name === 'Secret');
  const changed = await call(
    'PUT',
    `/v1.0/account/connectors/${regional}/properties/${secretProperty?.Id}`,
    { Name: 'Secret', Value: secrets.propertyValueChanged },
    'log-property-put',
  );
  expect(changed.status).toBe(200);
  expect(await changed.text()).not.toContain(secrets.propertyValueChanged);
  expect((await call('PUT', `/v1.0/account/connectors/${example}`, { AuthValue: secrets.apiKey }, 'log-reauth')).status).toBe(200);

  // An extra API client and its tokens, partner-level and restricted.
  const client = await patchbay.ctx.clients.create(`${marker}-client`);
  const partnerToken = await tokenFor(patchbay, client.ClientId, client.ClientSecret);
  const restricted = await tokenFor(patchbay, client.ClientId, client.ClientSecret, `account:${account}`);
  const basicClientAuth = await fetch(`${patchbay.url}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.ClientId}:${client.ClientSecret}`).toString('base64')}`,
      'x-request-id': 'log-token-basic',
    },
    body: 'grant_type=client_credentials',
  });
  expect(basicClientAuth.status).toBe(200);
  const basicToken = ((await basicClientAuth.json()) as Reply<'getAccessToken'>).access_token;
  expect((await patchbay.call('GET', '/v1.0/account/connectors', { token: restricted })).status).toBe(200);
  expect((await patchbay.call('GET', '/v1.0/accounts', { token: partnerToken })).status).toBe(200);
  return [client.ClientSecret, partnerToken, restricted, basicToken];
}

describe('secrets at rest', () => {
  let example: ExampleApiSimulator;
  let pipedrive: PipedriveSimulator;
  let patchbay: Patchbay;
  let connectorsDir: string;
  const secrets = makeSecrets();

  beforeAll(async () => {
    example = await startExampleApiSimulator({ apiKeys: [secrets.apiKey] });
    pipedrive = await startPipedriveSimulator({ apiTokens: [secrets.pipedriveToken] });
    connectorsDir = connectorsFolder({ 'basic.yaml': BASIC_CONNECTOR(), 'regional.yaml': REGIONAL_CONNECTOR() });
    patchbay = await startPatchbay({
      ...overrides({
        'https://api.example.com': example.url,
        'https://api.pipedrive.com': pipedrive.url,
        'https://api.basic-example.com': example.url,
      }),
      PATCHBAY_CONNECTORS_DIR: connectorsDir,
    });
  });
  afterAll(async () => {
    await patchbay?.close();
    await example?.close();
    await pipedrive?.close();
    rmSync(connectorsDir, { recursive: true, force: true });
  });

  it('keeps the master key in a file of mode 0600 in the data dir', () => {
    const file = path.join(patchbay.dataDir, 'master.key');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
  });

  it('writes no credential, sensitive property, client secret or bearer token to any file of the data dir', async () => {
    const marker = `marker-${random()}`;
    const made = await exercise({ patchbay, secrets, pipedrive }, marker);
    const needles = [...Object.values(secrets), ...made, patchbay.clientSecret, patchbay.token];

    // SQLite: the database, WAL and SHM files; PostgreSQL: every row of the schema.
    const stored = await patchbay.storedBytes();
    const markerSeen = stored.includes(Buffer.from(marker));
    const hits = needles
      .filter((needle) => stored.includes(Buffer.from(needle)))
      .map((needle) => `the store holds ${needle.slice(0, 12)}...`);
    // The scan reads the place the data really went: the account name is there in clear.
    expect(markerSeen).toBe(true);
    expect(hits).toEqual([]);
  });
});

describe('secrets in the log', () => {
  let example: ExampleApiSimulator;
  let pipedrive: PipedriveSimulator;
  let patchbay: Patchbay;
  let connectorsDir: string;
  const lines: string[] = [];
  const secrets = makeSecrets();

  beforeAll(async () => {
    example = await startExampleApiSimulator({ apiKeys: [secrets.apiKey] });
    pipedrive = await startPipedriveSimulator({ apiTokens: [secrets.pipedriveToken] });
    connectorsDir = connectorsFolder({ 'basic.yaml': BASIC_CONNECTOR(), 'regional.yaml': REGIONAL_CONNECTOR() });
    const logger = pino(loggerOptions('trace'), {
      write(chunk: string) {
        lines.push(chunk);
      },
    });
    patchbay = await startPatchbay(
      {
        ...overrides({
          'https://api.example.com': example.url,
          'https://api.pipedrive.com': pipedrive.url,
          'https://api.basic-example.com': example.url,
        }),
        PATCHBAY_CONNECTORS_DIR: connectorsDir,
      },
      logger,
    );
  });
  afterAll(async () => {
    await patchbay?.close();
    await example?.close();
    await pipedrive?.close();
    rmSync(connectorsDir, { recursive: true, force: true });
  });

  it('logs every request with its request id but no credential, token, client secret or secret query value', async () => {
    const made = await exercise({ patchbay, secrets, pipedrive }, `log-${random()}`);
    const text = lines.join('');
    const entries = lines
      .flatMap((chunk) => chunk.split('\n').filter((l) => l.trim() !== ''))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

    // The request lines are there, with the ids the requests carried and their (redacted) URLs.
    for (const requestId of [
      'log-token-form',
      'log-token-basic',
      'log-install-example',
      'log-method-pd',
      'log-method-pd-404',
      'log-proxy-pd',
      'log-reauth',
    ]) {
      const forRequest = entries.filter((e) => e.reqId === requestId);
      expect(forRequest.length, requestId).toBeGreaterThanOrEqual(2);
      expect(
        forRequest.some((e) => typeof (e.req as { url?: unknown } | undefined)?.url === 'string'),
        requestId,
      ).toBe(true);
    }
    // Upstream failures are logged too (so a secret in their message would show here).
    expect(entries.some((e) => e.reqId === 'log-method-pd-404' && e.code === 'PB_ERR_UPSTREAM')).toBe(true);
    const proxyLine = entries.find((e) => e.reqId === 'log-proxy-pd' && e.req !== undefined);
    expect((proxyLine?.req as { url?: string } | undefined)?.url).toContain('token=[redacted]');

    // No secret of any kind, in any line.
    const needles = [...Object.values(secrets), ...made, patchbay.clientSecret, patchbay.token];
    for (const needle of needles) expect(text.includes(needle), `log holds ${needle.slice(0, 12)}...`).toBe(false);
    expect(text).not.toContain('token=abc');
    expect(text).not.toContain('=abc');
  });

  it("redacts api_key, apikey and a connector's own credential parameter in logged URLs, in any case or encoding", async () => {
    const folder = connectorsFolder({ 'vendor.yaml': VENDOR_CONNECTOR });
    const catalogue = loadCatalogue([builtInConnectorsDir, folder]);
    const written: string[] = [];
    const logger = pino(loggerOptions('info', catalogue.credentialParameterNames()), { write: (chunk: string) => written.push(chunk) });
    const own = await startPatchbay(
      { ...overrides({ 'https://api.example.com': example.url }), PATCHBAY_CONNECTORS_DIR: folder, PATCHBAY_LOG_LEVEL: 'info' },
      logger,
    );
    try {
      const account = `redact-${random()}`;
      await own.call('POST', '/v1.0/accounts', { body: { Id: account, Name: account } });
      const installed = await own.call('POST', '/v1.0/connectors/1/install', { account, body: { Name: 'e', AuthValue: secrets.apiKey } });
      const id = ((await installed.json()) as { Id: number }).Id;
      const hidden = [random(), random(), random(), random()];
      const query = `api_key=${hidden[0]}&APIKEY=${hidden[1]}&Api%5FKey=${hidden[2]}&x_vendor_auth=${hidden[3]}&keep=visible`;
      await own.call('GET', `/v1.0/account/connectors/${id}/proxy/me?${query}`, { account, headers: { 'x-request-id': 'redact-proxy' } });
      const text = written.join('');
      const line = text.split('\n').find((l) => l.includes('"redact-proxy"') && l.includes('"url"'));
      expect(line).toContain('keep=visible');
      expect(line).toContain('x_vendor_auth=[redacted]');
      for (const value of hidden) expect(text).not.toContain(value);
    } finally {
      await own.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('redacts secret fields named at the top of a log line and inside a logged error', () => {
    const written: string[] = [];
    const logger = pino(loggerOptions('info'), { write: (chunk: string) => written.push(chunk) });
    const child = logger.child({ reqId: 'redaction' });
    child.info({ AuthValue: secrets.apiKey, client_secret: secrets.pipedriveToken }, 'top level');
    child.error({ err: Object.assign(new Error('failed'), { access_token: secrets.basicAuthValue }) }, 'in an error');
    const text = written.join('');
    expect(written).toHaveLength(2);
    expect(text).toContain('"reqId":"redaction"');
    expect(text.match(/\[redacted\]/g)).toHaveLength(3);
    for (const secret of [secrets.apiKey, secrets.pipedriveToken, secrets.basicAuthValue]) expect(text).not.toContain(secret);
  });
});

describe('the SQLite store on disk', () => {
  it('is readable by its owner only: the database file and its -wal and -shm files are mode 0600, even when an earlier start left them wider', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'patchbay-modes-'));
    const file = path.join(dir, 'store.sqlite');
    try {
      const first = await openDatabase(file);
      await first
        .insertInto('accounts')
        .values({ id: 'modes', name: 'modes', description: null, timezone: null, created_at: 'x' })
        .execute();
      for (const one of [file, `${file}-wal`, `${file}-shm`]) expect(statSync(one).mode & 0o777, one).toBe(0o600);
      await first.destroy();

      writeFileSync(`${file}-wal`, '');
      chmodSync(file, 0o644);
      chmodSync(`${file}-wal`, 0o644);
      const again = await openDatabase(file);
      for (const one of [file, `${file}-wal`]) expect(statSync(one).mode & 0o777, one).toBe(0o600);
      await again.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('syncs every commit to disk (synchronous FULL) unless PATCHBAY_SQLITE_SYNCHRONOUS says NORMAL', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'patchbay-sync-'));
    const level = async (db: Awaited<ReturnType<typeof openDatabase>>) => {
      const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db);
      await db.destroy();
      return rows[0]?.synchronous;
    };
    try {
      // SQLite's numbers: 1 is NORMAL, 2 is FULL.
      expect(await level(await openDatabase(path.join(dir, 'full.sqlite')))).toBe(2);
      const config = loadConfig({ PATCHBAY_DATA_DIR: dir, PATCHBAY_SQLITE_SYNCHRONOUS: 'normal' });
      expect(config.sqliteSynchronous).toBe('NORMAL');
      expect(await level(await openDatabase(path.join(dir, 'normal.sqlite'), { sqliteSynchronous: config.sqliteSynchronous }))).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
