import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import type { Reply } from '../console/src/types.js';
import { startCapsuleSimulator } from '../sandbox/capsule.js';
import { startCaspioSimulator } from '../sandbox/caspio.js';
import { startPipedriveSimulator } from '../sandbox/pipedrive.js';
import { ERROR_CODES } from '../src/errors.js';
import { describeRequest, type Known, requestFor } from './support/fuzz-requests.js';
import { freePort, overrides, setupConnector, startPatchbay, TEST_DATABASE_URL } from './support/harness.js';
import { type Operation, operationsOf } from './support/openapi-operations.js';
import { send, type WireAnswer, type WireRequest } from './support/raw-http.js';
import { queueSettled, storeDigest } from './support/store-digest.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

/*
 * Requests generated from the served /openapi.json, for every operation it lists, mostly malformed. Each
 * must get an answer below 500 (or a documented 502/504 naming the third party), in the documented error
 * shape, leave the server answering /healthz and Object.prototype as it was, and write nothing when refused.
 *
 * PATCHBAY_FUZZ_SEED replays a run (each run prints its seed); PATCHBAY_FUZZ_CASES sets the number of
 * cases over all operations: 10,000 by default on SQLite, 2,000 on PostgreSQL, where each store digest
 * is a round trip per table.
 */
const POSTGRES = TEST_DATABASE_URL !== undefined;
const SEED = Number(process.env.PATCHBAY_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CASES = Number(process.env.PATCHBAY_FUZZ_CASES ?? (POSTGRES ? 2_000 : 10_000));
console.log(`fuzz seed ${SEED} (PATCHBAY_FUZZ_SEED=${SEED} replays this run)`);

const PIPEDRIVE_TOKEN = 'pipedrive-test-token';
const CAPSULE = 3;
const CASPIO = 5;

const pipedrive = await startPipedriveSimulator({ apiTokens: [PIPEDRIVE_TOKEN] });
const caspio = await startCaspioSimulator();
const capsule = await startCapsuleSimulator();
const receiver = await startWebhookReceiver();
// Nothing listens there: the Example API is a third party that cannot be reached.
const unreachable = `http://127.0.0.1:${await freePort()}`;
const patchbay = await startPatchbay({
  ...overrides({
    'https://api.pipedrive.com': pipedrive.url,
    'https://api.capsulecrm.com': capsule.url,
    'https://api.example.com': unreachable,
    ...caspio.overrides(),
  }),
  // No background work of its own: every write the store sees comes from a request.
  PATCHBAY_SWEEP_INTERVAL_SECONDS: '0',
  PATCHBAY_WEBHOOK_RETRIES: '0',
  PATCHBAY_WEBHOOK_PRIVATE_NETWORK: 'true',
  PATCHBAY_UPSTREAM_TIMEOUT_MS: '5000',
});
afterAll(async () => {
  await patchbay.close();
  await Promise.all([pipedrive.close(), caspio.close(), capsule.close(), receiver.close()]);
});
// The embedded queue runs no jobs from here on (a job's row is still written by the request that sends it),
// so every write the store sees comes from a request. pg-boss cannot send once stopped: on PostgreSQL each
// write case waits for the jobs before it to finish instead.
if (!POSTGRES) await patchbay.ctx.queue.stop();
const settled = () => (POSTGRES ? queueSettled(patchbay.ctx.db, true) : Promise.resolve());
const otherAccount = `fuzz-other-${randomUUID()}`;
await patchbay.call('POST', '/v1.0/accounts', { body: { Id: otherAccount, Name: 'Another account' } });
const otherBearer = await patchbay.restrictedToken(otherAccount);

const operations = operationsOf(await (await fetch(`${patchbay.url}/openapi.json`)).json());
const runsPerOperation = Math.ceil(CASES / operations.length);
let casesRun = 0;

async function json<T>(reply: Response, what: string): Promise<T> {
  if (reply.status >= 300) throw new Error(`${what} answered ${reply.status}: ${await reply.text()}`);
  return (await reply.json()) as T;
}

/**
 * A fresh account with one install of each kind (a working API key, client credentials, an unreachable
 * third party, OAuth not yet connected), a credential, a custom category, a webhook with a delivery,
 * sign-in tokens, a connect-page session and an OAuth flow in progress; then every list the API has, read
 * for the ids it holds. Each operation gets its own, so one that deletes cannot starve the next.
 */
async function prepare(): Promise<Known> {
  // Operations before may have changed the partner's setups: the installs below need these.
  await setupConnector(patchbay, CAPSULE, { ClientId: 'capsule-client', ClientSecret: 'capsule-secret' });
  await setupConnector(patchbay, CASPIO, { AccountSubdomain: null, ClientId: null, ClientSecret: null });
  const account = `fuzz-${randomUUID()}`;
  const call = (method: string, path: string, body?: unknown) => patchbay.call(method, path, { account, body });
  await json(await call('POST', '/v1.0/accounts', { Id: account, Name: 'Fuzz' }), 'the account');
  const install = async (connector: number, body: Record<string, unknown>) =>
    (await json<Reply<'installConnector'>>(await call('POST', `/v1.0/connectors/${connector}/install`, body), `installing ${connector}`))
      .Id;
  const pipedriveId = await install(2, { Name: 'Pipedrive', AuthValue: PIPEDRIVE_TOKEN });
  const caspioProperties = [
    { Name: 'AccountSubdomain', Value: 'demo' },
    { Name: 'ClientId', Value: 'caspio-client' },
    { Name: 'ClientSecret', Value: 'caspio-secret' },
  ];
  const caspioId = await install(CASPIO, { Name: 'Caspio', Properties: caspioProperties });
  const exampleId = await install(1, { Name: 'Example', AuthValue: 'example-api-key' });
  const capsuleId = await install(CAPSULE, { Name: 'Capsule' });
  const credential = await json<{ Id: number }>(
    await call('POST', '/v1.0/account/credentials', { Name: 'Shared', Connector: 'Pipedrive', AuthValue: PIPEDRIVE_TOKEN }),
    'the credential',
  );
  const custom = await json<{ Id: number }>(
    await call('POST', `/v1.0/account/connectors/${caspioId}/categories/tables/custom`, { ObjectName: 'Contacts' }),
    'the custom category',
  );
  const webhook = await json<{ Id: number }>(
    await call('POST', '/v1.0/webhooks', { Url: receiver.url, Events: ['Credential.ProbeFailed'] }),
    'the webhook',
  );
  await json(await call('POST', `/v1.0/webhooks/${webhook.Id}/test`), 'the test delivery');
  const signinTokens: string[] = [];
  for (let i = 0; i < 4; i++)
    signinTokens.push((await json<{ Token: string }>(await call('POST', '/v1.0/accounts/tokens'), 'a sign-in token')).Token);
  const opened = await fetch(`${patchbay.url}/account/signinwithtoken?token=${signinTokens.pop()}`, { redirect: 'manual' });
  const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const started = await fetch(
    `${patchbay.url}/connectorauth/updateaccountconnectoroauth?${new URLSearchParams({ id: String(capsuleId), token: signinTokens.pop() ?? '', targetOrigin: patchbay.url })}`,
    { redirect: 'manual' },
  );
  const state = new URL(started.headers.get('location') ?? 'http://x/').searchParams.get('state') ?? 'none';

  const cycle = await json<{ Id: number }>(await call('POST', '/v1.0/cycles', { Name: 'Fuzz cycle' }), 'the cycle');
  const step = async (body: Record<string, unknown>) =>
    (await json<{ Id: number }>(await call('POST', `/v1.0/cycles/${cycle.Id}/steps`, body), 'a step')).Id;
  const listStep = await step({ Name: 'List', ActionType: 'Method', AccountConnectorId: exampleId, MethodId: 'list-contacts' });
  const createStep = await step({ Name: 'Create', ActionType: 'Method', AccountConnectorId: exampleId, MethodId: 'create-contact' });
  const decisionStep = await step({ Name: 'Decide', ActionType: 'Decision' });
  await json(await call('POST', `/v1.0/cycles/${cycle.Id}/edges`, { HeadStepId: listStep, TailStepId: createStep }), 'an edge');
  await json(await call('POST', `/v1.0/cycles/${cycle.Id}/variables`, { Name: 'domain', Value: 'example.org' }), 'a variable');
  const stepIds = [listStep, createStep, decisionStep];

  const installs = [pipedriveId, caspioId, exampleId, capsuleId].map(String);
  const known: Known = {
    paths: {
      '/v1.0/accounts': [account],
      '/v1.0/connectors': ['1', '2', '3', '5', 'Pipedrive', 'Caspio'],
      '/v1.0/account/connectors': installs,
      '/v1.0/account/credentials': [String(credential.Id)],
      '/v1.0/account/connectors/{id}/categories/{categoryId}/custom': [String(custom.Id)],
      '/v1.0/webhooks': [String(webhook.Id)],
      '/v1.0/account/connectors/{id}/proxy': ['persons', 'persons/1', 'deals', 'v2/records', 'tables/Contacts/records', ''],
      '/v1.0/steps': stepIds.map(String),
      '/v1.0/steps/{id}/parameters': ['page', 'per_page', 'id'],
      '/v1.0/steps/{id}/fieldmappings': ['name', 'email'],
      '/v1.0/cycles/{id}/variables': ['domain', 'other'],
    },
    names: {
      'X-Cyclr-Account': [account],
      'X-Patchbay-Account': [account],
      Name: ['Fuzz', 'Region', 'AccountSubdomain'],
      Description: ['A description'],
      Timezone: ['Europe/London', 'UTC'],
      Connector: ['Pipedrive', '2', 'Caspio'],
      AuthValue: [PIPEDRIVE_TOKEN, Buffer.from('user:password').toString('base64')],
      CredentialId: [credential.Id],
      Properties: [caspioProperties, [{ Name: 'ClientId', Value: 'x' }]],
      ObjectName: ['Contacts', 'Orders'],
      Url: [receiver.url, 'https://hooks.example.com/x'],
      Events: [['Credential.ProbeFailed'], ['AccountConnector.Authenticated', 'AccountConnector.Deauthenticated']],
      Enabled: [true, false],
      Parameters: [{ limit: 2 }, { id: 1 }, { table: 'Contacts' }],
      Fields: [{ name: 'Ada Lovelace' }, { First_Name: 'Ada', Age: 36 }],
      AllPages: [true, false],
      limit: ['2'],
      id: ['1', String(capsuleId)],
      table: ['Contacts'],
      grant_type: ['client_credentials'],
      client_id: [patchbay.clientId],
      client_secret: [patchbay.clientSecret],
      scope: [`account:${account}`],
      Username: ['someone'],
      token: signinTokens,
      targetOrigin: [patchbay.url],
      callbackMessage: ['connected'],
      state: [state],
      code: ['not-a-code'],
      page: [1, 2],
      pageSize: [1, 500],
      query: ['pipe'],
      category: ['crm'],
      tools: ['pipedrive_*'],
      connector: [String(pipedriveId)],
      readOnly: ['true'],
      mode: ['search'],
      Value: ['eu', 'steps.step_1.name & "x"', 1],
      ActionType: ['Method', 'Decision', 'Delay', 'Webhook', 'Stop'],
      AccountConnectorId: [exampleId, pipedriveId],
      MethodId: ['list-contacts', 'create-contact', 'list-persons'],
      HeadStepId: stepIds,
      TailStepId: stepIds,
      SourceStepId: stepIds,
      EdgeType: ['Forward', 'True', 'False'],
      MappingType: ['StaticValue', 'StepField', 'Variable', 'Expression', 'Ignore'],
      SourceFieldId: ['id', 'name', 'emails.0.address'],
      VariableName: ['domain'],
      Interval: [15, 7],
      DelaySeconds: [60],
    },
    bodies: {
      mcp: [
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'fuzz', version: '1' } },
        },
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
        { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'search_tools', arguments: { query: 'person' } } },
        {
          jsonrpc: '2.0',
          id: 4,
          method: 'tools/call',
          params: { name: 'call_tool', arguments: { name: 'x', arguments: { deep: [[[]]] } } },
        },
        [
          { jsonrpc: '2.0', id: 5, method: 'tools/list' },
          { jsonrpc: '2.0', id: '5', method: 'ping' },
        ],
      ],
    },
    bearer: patchbay.token,
    otherBearer,
    basic: `Basic ${Buffer.from(`${patchbay.clientId}:${patchbay.clientSecret}`).toString('base64')}`,
    cookie,
  };
  await harvestLists(known);
  return known;
}

/** The path templates whose items some path parameter names (`/v1.0/accounts` for `/v1.0/accounts/{id}`). */
const itemLists = new Set(
  operations.flatMap((o) => o.parameters.filter((p) => p.in === 'path').map((p) => o.path.slice(0, o.path.indexOf(`/{${p.name}}`)))),
);

/**
 * Reads every list operation whose items a path parameter names, under each parent known so far (parents
 * come first in the document), and keeps the ids it answers.
 */
async function harvestLists(known: Known): Promise<void> {
  for (const operation of operations.filter((o) => o.method === 'GET' && itemLists.has(o.path))) {
    let paths = [operation.path];
    for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
      const prefix = operation.path.slice(0, operation.path.indexOf(`/{${parameter.name}}`));
      const values = known.paths[prefix] ?? ['1'];
      paths = paths.flatMap((path) => values.map((value) => path.replace(`{${parameter.name}}`, value))).slice(0, 12);
    }
    for (const path of paths) {
      const reply = await fetch(`${patchbay.url}${path}`, {
        headers: {
          authorization: `Bearer ${known.bearer}`,
          'x-cyclr-account': String(known.names['X-Cyclr-Account']?.[0]),
          cookie: known.cookie,
        },
      });
      const body: unknown = reply.headers.get('content-type')?.includes('json') ? await reply.json() : await reply.arrayBuffer();
      if (reply.status !== 200 || !Array.isArray(body)) continue;
      const ids = body.flatMap((item: Record<string, unknown>) =>
        [item.Id, item.MethodUniqueIdentifier].filter((v) => v !== undefined && v !== null),
      );
      known.paths[operation.path] = [...new Set([...(known.paths[operation.path] ?? []), ...ids.map(String)])];
    }
  }
}

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const ownProperties = () =>
  PROTOTYPES.map((prototype) =>
    Reflect.ownKeys(prototype).map((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
      return [key, descriptor?.value, descriptor?.get, descriptor?.set];
    }),
  );
const pristine = ownProperties();
const prototypesUnchanged = () => {
  const now = ownProperties();
  return now.every(
    (keys, i) =>
      keys.length === pristine[i]?.length && keys.every((entry, j) => entry.every((part, k) => Object.is(part, pristine[i]?.[j]?.[k]))),
  );
};

const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/** What is wrong with the answer to one request by the rules above; empty when nothing is. */
async function exercise(operation: Operation, request: WireRequest): Promise<string[]> {
  const problems: string[] = [];
  const write = isWrite(request.method);
  const db = patchbay.ctx.db;
  let before: string | undefined;
  if (write) {
    await settled();
    before = await storeDigest(db, POSTGRES);
  }
  casesRun++;
  let answer: WireAnswer | undefined;
  try {
    answer = await send(patchbay.url, request);
  } catch (error) {
    problems.push(`no answer: ${(error as Error).message}`);
  }
  if (answer !== undefined) problems.push(...problemsWithAnswer(operation, request, answer));
  try {
    const health = await send(patchbay.url, { method: 'GET', target: '/healthz', headers: [], body: Buffer.alloc(0) });
    if (health.status !== 200) problems.push(`/healthz answered ${health.status} afterwards`);
  } catch (error) {
    problems.push(`/healthz did not answer afterwards: ${(error as Error).message}`);
  }
  if (!prototypesUnchanged() || ({} as Record<string, unknown>).polluted !== undefined) problems.push('a built-in prototype changed');
  if (write && answer !== undefined && answer.status >= 400 && (await storeDigest(db, POSTGRES)) !== before) {
    problems.push(`the store changed for a refused request (${answer.status})`);
  }
  return problems;
}

function problemsWithAnswer(operation: Operation, request: WireRequest, answer: WireAnswer): string[] {
  const { status } = answer;
  const text = answer.body.toString('utf8');
  const what = `${status} ${text.slice(0, 300)}`;
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const code = (body as { Code?: unknown } | undefined)?.Code;
  const registered = typeof code === 'string' && code in ERROR_CODES ? ERROR_CODES[code as keyof typeof ERROR_CODES] : undefined;
  if (status >= 500) {
    // An answer to HEAD has no body to name its code in.
    const documented =
      operation.callsThirdParty && (status === 502 || status === 504) && (registered?.status === status || request.method === 'HEAD');
    return documented ? [] : [`a fault: ${what}`];
  }
  if (status < 400 || request.method === 'HEAD') return [];
  // The proxy hands the third party's own refusals back unchanged; only its own carry a Code.
  if (operation.passesThrough && registered === undefined && !(typeof code === 'string' && code.startsWith('PB_ERR_'))) return [];
  const documented = operation.replies[String(status)];
  const type = answer.headers['content-type'] ?? '';
  // The browser pages refuse a browser with a page, where they document one.
  if (type.startsWith('text/html') && documented?.contentTypes.includes('text/html')) return [];
  if (!type.includes('application/json')) return [`a ${status} that is not JSON: ${what}`];
  // The HTTP parser's refusals come before any route, so they are {Message, Code} everywhere.
  const errorReply = typeof (body as { Message?: unknown } | undefined)?.Message === 'string' && registered !== undefined;
  if (documented !== undefined && !documented.errorReply && /JSON-RPC/.test(documented.description) && !errorReply) {
    const replies = Array.isArray(body) ? body : [body];
    const rpcErrors = replies.every((r) => {
      const reply = r as { jsonrpc?: unknown; error?: { code?: unknown; message?: unknown } } | undefined;
      return reply?.jsonrpc === '2.0' && Number.isInteger(reply.error?.code) && typeof reply.error?.message === 'string';
    });
    return rpcErrors ? [] : [`a ${status} that is not a JSON-RPC error: ${what}`];
  }
  if (!errorReply) {
    return [`a ${status} that is not {Message, Code} with a registered code: ${what}`];
  }
  return registered.status === status ? [] : [`${code} is registered as ${registered.status}, answered ${status}`];
}

/** The same seed for an operation whatever else the document lists, so a failure replays. */
function seedFor(operationId: string): number {
  let hash = SEED;
  for (const char of operationId) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/**
 * Deletes every account and webhook, so the store stays small: its digest reads every row, and each webhook
 * subscribed to an event multiplies the rows an install writes.
 */
async function cleanUp(): Promise<void> {
  for (const list of ['/v1.0/accounts', '/v1.0/webhooks']) {
    const items = await json<{ Id: string | number }[]>(await patchbay.call('GET', `${list}?pageSize=500`), list);
    for (const { Id } of items) if (Id !== otherAccount) await patchbay.call('DELETE', `${list}/${encodeURIComponent(Id)}`);
  }
}

for (const operation of operations) {
  it(`${operation.id} (${operation.method} ${operation.path}) answers generated requests without a fault, pollution or a write when refusing`, async () => {
    const known = await prepare();
    try {
      await fc.assert(
        fc.asyncProperty(requestFor(operation, known), async (request) => {
          const problems = await exercise(operation, request);
          if (problems.length > 0) throw new Error(`${problems.join('; ')}\n  ${describeRequest(request)}`);
        }),
        { numRuns: runsPerOperation, seed: seedFor(operation.id), endOnFailure: true },
      );
    } finally {
      await cleanUp();
    }
  }, 300_000);
}

it(`sent at least ${CASES.toLocaleString('en')} cases over all operations`, () => {
  console.log(`fuzz: ${casesRun} cases over ${operations.length} operations, seed ${SEED}`);
  expect(casesRun).toBeGreaterThanOrEqual(CASES);
});
