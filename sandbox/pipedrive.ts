// Local simulator of the Pipedrive API v1 (persons, organizations, deals, activities).
//
// Provider facts modelled:
// - Served under `/v1/...` (api.pipedrive.com) and `/api/v1/...` (`{company}.pipedrive.com/api/v1`
//   and OAuth's `{api_domain}/api/v1`).
// - Auth by `?api_token=`, `x-api-token` header or `Authorization: Bearer` (OAuth access token).
//   Failure: 401 `{"success":false,"error":"unauthorized access","errorCode":401,"error_info":...}`.
// - Envelope `{success, data, additional_data}`; errors
//   `{success:false, error, error_info, data:null, additional_data:null}`.
// - Offset paging with `start` (default 0) and `limit` (default 100, capped at 500);
//   `additional_data.pagination` has `start`, `limit`, `more_items_in_collection` and,
//   only when there are more, `next_start`.
// - An empty page answers `data: null`, not `[]` (a well-known v1 quirk clients must handle).
// - CRUD: POST 201 with the item, PUT 200 with the merged item, DELETE 200 `data: {id}`;
//   unknown ids 404 "Person not found" etc.; required name/title/subject → 400 "Name must be given".
// - Timestamps `add_time`/`update_time` are UTC `YYYY-MM-DD HH:MM:SS`; person `email`/`phone`
//   are arrays of `{value, primary, label}` (`[{value:"", primary:true}]` when not given).
// - POST/PUT accept JSON or `application/x-www-form-urlencoded`; unknown fields are stored.
// - Rate limit headers `x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset` on
//   every authenticated response; 429 "Rate limit has been exceeded" with `retry-after`.
// - With `oauth`, the same server is also oauth.pipedrive.com: authorise `/oauth/authorize`, token
//   `/oauth/token` with HTTP Basic client authentication; token response `token_type: "Bearer"`,
//   `expires_in: 3599`, `scope` and `api_domain` (on refresh too). Scope `base` is always granted.
//
// Assumptions where the facts are silent:
// - The rate limit is a fixed window per token; with `rateLimit: false` a nominal
//   1,000,000-per-2s window is reported but never enforced, so clients that watch
//   `x-ratelimit-remaining` are not throttled during benchmarks.
// - 401s and paths outside `/v1` and `/api/v1` carry no rate-limit headers (no token to charge).
// - Every authenticated request counts against the window, including scripted failures.
// - Known numeric/boolean fields (ids, `value`, `done`) are coerced from strings (form bodies)
//   and rejected with 400 when not coercible; related ids are plain integers, not the
//   expanded objects and `related_objects` the real API adds.
// - DELETE removes the item outright (the real API soft-deletes for 30 days).
// - `owner_id` defaults to 1 (the token's user); activity `due_date` defaults to today (UTC).
// - A non-integer id in the path is answered like an unknown id (404 "... not found"); an
//   unknown path or method answers 404 "Unknown method ."; a body over 1 MiB answers 413.
// - OAuth: refresh tokens do not rotate (a refresh answers the same one); access tokens are accepted
//   only as `Authorization: Bearer`, and their scopes are not enforced on API calls. Tests map both
//   oauth.pipedrive.com and the `api_domain` origin to this one server.
// - Seed items are deterministic (`Person 1`, fixed 2024-01-01 timestamps, related ids round-robin).
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { FailureScript, type JsonObject, listen, parseUrl, readObjectBody, type ScriptedFailure, sendJson } from './http-util.js';
import { createOAuthProvider, type OAuthClient, type OAuthProvider } from './oauth-provider.js';

export type PipedriveResource = 'persons' | 'organizations' | 'deals' | 'activities';

export interface PipedriveSimulatorOptions {
  host?: string;
  port?: number;
  /** Valid API tokens and OAuth access tokens. Default `['pipedrive-test-token']`. */
  apiTokens?: string[];
  /** Number of generated items per resource. Default 3 each. */
  seed?: Partial<Record<PipedriveResource, number>>;
  /** Fixed-window limit per token. Default `false` (never 429, headers still sent). */
  rateLimit?: { limit: number; windowMs: number } | false;
  /** Also serve Pipedrive's OAuth 2.0 server and accept its access tokens. Off by default. */
  oauth?: {
    /** Default one: `pipedrive-client` / `pipedrive-secret`, any redirect URI. */
    clients?: OAuthClient[];
    /** Default 3599. */
    accessTokenTtlSeconds?: number;
    /** The `api_domain` in token responses. Default `https://testco.pipedrive.com`. */
    apiDomain?: string;
  };
}

export interface PipedriveSimulator {
  /** e.g. `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Total requests received since start or the last `reset()`, OAuth ones included. */
  readonly requestCount: number;
  /** The OAuth server when started with `oauth`. */
  readonly oauth: OAuthProvider | undefined;
  close(): Promise<void>;
  /**
   * Restores seed data, ids, the request count, rate-limit windows and pending `failNext` scripts.
   * API tokens are kept; OAuth codes, tokens and counters are forgotten (`oauth.reset()`).
   */
  reset(): void;
  addToken(token: string): void;
  revokeToken(token: string): void;
  /** The next `n` authenticated API requests answer `status` (429 with `retry-after` when given). */
  failNext(n: number, status: number, retryAfterSeconds?: number): void;
  /** The live item array of a resource, ordered by id. */
  items(resource: PipedriveResource): JsonObject[];
}

type FieldType = 'int' | 'number' | 'bool';

interface ResourceSpec {
  /** Singular used in "Person not found". */
  noun: string;
  required: { field: string; message: string };
  types: Record<string, FieldType>;
  /** Fields normalised to v1's `[{value, primary, label}]` lists. */
  contactLists: string[];
  defaults(): JsonObject;
}

type Headers = Record<string, number>;

const RESOURCES: Record<PipedriveResource, ResourceSpec> = {
  persons: {
    noun: 'Person',
    required: { field: 'name', message: 'Name must be given' },
    types: { org_id: 'int', owner_id: 'int' },
    contactLists: ['email', 'phone'],
    defaults: () => ({ name: '', email: [], phone: [], org_id: null, owner_id: 1 }),
  },
  organizations: {
    noun: 'Organization',
    required: { field: 'name', message: 'Name must be given' },
    types: { owner_id: 'int' },
    contactLists: [],
    defaults: () => ({ name: '', address: null, owner_id: 1 }),
  },
  deals: {
    noun: 'Deal',
    required: { field: 'title', message: 'Title must be given' },
    types: { value: 'number', person_id: 'int', org_id: 'int', stage_id: 'int' },
    contactLists: [],
    defaults: () => ({
      title: '',
      value: 0,
      currency: 'USD',
      status: 'open',
      person_id: null,
      org_id: null,
      stage_id: 1,
    }),
  },
  activities: {
    noun: 'Activity',
    required: { field: 'subject', message: 'Subject must be given' },
    types: { done: 'bool', deal_id: 'int', person_id: 'int' },
    contactLists: [],
    defaults: () => ({
      subject: '',
      type: 'call',
      due_date: new Date().toISOString().slice(0, 10),
      done: false,
      deal_id: null,
      person_id: null,
    }),
  },
};

const RESOURCE_NAMES = Object.keys(RESOURCES) as PipedriveResource[];
const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';
const UNAUTHORIZED = { success: false, error: 'unauthorized access', errorCode: 401, error_info: ERROR_INFO };
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;
const UNLIMITED = { limit: 1_000_000, windowMs: 2000 };
/** Seed timestamps are fixed so `reset()` restores identical data. */
const SEED_EPOCH = Date.UTC(2024, 0, 1);

/** `2019-01-22 08:55:59`, the v1 timestamp format. */
function pipedriveTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

function errorBody(error: string): JsonObject {
  return { success: false, error, error_info: ERROR_INFO, data: null, additional_data: null };
}

/** Normalises `email`/`phone` input (string, string[] or objects) to v1's `{value, primary, label}` list. */
function contactList(input: unknown): JsonObject[] {
  const entries = Array.isArray(input) ? input : input === undefined || input === null || input === '' ? [] : [input];
  if (entries.length === 0) return [{ value: '', primary: true }];
  return entries.map((entry, i) => {
    const obj: JsonObject = typeof entry === 'object' && entry !== null ? (entry as JsonObject) : { value: entry };
    return { value: String(obj.value ?? ''), primary: obj.primary ?? i === 0, label: obj.label ?? 'work' };
  });
}

/** Coerces typed fields in place; returns the name of the first field that cannot be coerced. */
function coerceFields(body: JsonObject, types: Record<string, FieldType>): string | undefined {
  for (const [field, type] of Object.entries(types)) {
    const v = body[field];
    if (v === undefined || v === null) continue;
    if (type === 'bool') {
      if (typeof v === 'boolean') continue;
      if (v === 1 || v === '1' || v === 'true') body[field] = true;
      else if (v === 0 || v === '0' || v === 'false') body[field] = false;
      else return field;
      continue;
    }
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n) || (type === 'int' && !Number.isInteger(n))) return field;
    body[field] = n;
  }
  return undefined;
}

function seedItem(resource: PipedriveResource, id: number, counts: Record<PipedriveResource, number>): JsonObject {
  const time = pipedriveTime(SEED_EPOCH + id * 60_000);
  const relate = (res: PipedriveResource): number | null => (counts[res] > 0 ? ((id - 1) % counts[res]) + 1 : null);
  const fields: Record<PipedriveResource, () => JsonObject> = {
    persons: () => ({
      name: `Person ${id}`,
      email: contactList(`person${id}@example.com`),
      phone: contactList(`+1555${String(id).padStart(7, '0')}`),
      org_id: relate('organizations'),
    }),
    organizations: () => ({ name: `Organization ${id}`, address: `${id} Main Street` }),
    deals: () => ({
      title: `Deal ${id}`,
      value: id * 1000,
      person_id: relate('persons'),
      org_id: relate('organizations'),
    }),
    activities: () => ({
      subject: `Activity ${id}`,
      due_date: time.slice(0, 10),
      deal_id: relate('deals'),
      person_id: relate('persons'),
    }),
  };
  return { id, ...RESOURCES[resource].defaults(), ...fields[resource](), add_time: time, update_time: time };
}

interface Table {
  items: JsonObject[];
  byId: Map<number, JsonObject>;
  nextId: number;
}

export async function startPipedriveSimulator(options: PipedriveSimulatorOptions = {}): Promise<PipedriveSimulator> {
  const tokens = new Set(options.apiTokens ?? ['pipedrive-test-token']);
  const oauth =
    options.oauth === undefined
      ? undefined
      : createOAuthProvider({
          clients: options.oauth.clients ?? [{ clientId: 'pipedrive-client', clientSecret: 'pipedrive-secret' }],
          clientAuth: 'basic',
          authorisePath: '/oauth/authorize',
          tokenPath: '/oauth/token',
          accessTokenTtlSeconds: options.oauth.accessTokenTtlSeconds ?? 3599,
          rotateRefreshTokens: false,
          tokenType: 'Bearer',
          extraTokenFields: { api_domain: options.oauth.apiDomain ?? 'https://testco.pipedrive.com' },
          defaultScope: 'base',
          appName: 'Pipedrive',
        });
  const enforceLimit = options.rateLimit !== undefined && options.rateLimit !== false;
  const budget = options.rateLimit || UNLIMITED;
  const counts = Object.fromEntries(RESOURCE_NAMES.map((r) => [r, options.seed?.[r] ?? 3])) as Record<PipedriveResource, number>;
  const failures = new FailureScript();
  const windows = new Map<string, { start: number; count: number }>();
  let tables = {} as Record<PipedriveResource, Table>;
  let requestCount = 0;

  function seed(): void {
    tables = {} as Record<PipedriveResource, Table>;
    for (const resource of RESOURCE_NAMES) {
      const items = Array.from({ length: counts[resource] }, (_, i) => seedItem(resource, i + 1, counts));
      tables[resource] = {
        items,
        byId: new Map(items.map((item) => [item.id as number, item])),
        nextId: items.length + 1,
      };
    }
  }
  seed();

  /** The credential and whether it came as a Bearer header, the only place an OAuth access token is valid. */
  function credentialOf(req: IncomingMessage, query: URLSearchParams): { token: string; bearer: boolean } | undefined {
    const fromQuery = query.get('api_token');
    if (fromQuery !== null) return { token: fromQuery, bearer: false };
    const header = req.headers['x-api-token'];
    if (typeof header === 'string') return { token: header, bearer: false };
    const auth = req.headers.authorization;
    return auth?.startsWith('Bearer ') ? { token: auth.slice(7).trim(), bearer: true } : undefined;
  }

  /** Charges one request to the token's window and returns the headers plus whether it is over. */
  function charge(token: string): { headers: Headers; over: boolean; resetSeconds: number } {
    const now = Date.now();
    let w = windows.get(token);
    if (w === undefined || now - w.start >= budget.windowMs) {
      w = { start: now, count: 0 };
      windows.set(token, w);
    }
    w.count++;
    const resetSeconds = Math.max(1, Math.ceil((w.start + budget.windowMs - now) / 1000));
    return {
      headers: {
        'x-ratelimit-limit': budget.limit,
        'x-ratelimit-remaining': Math.max(0, budget.limit - w.count),
        'x-ratelimit-reset': resetSeconds,
      },
      over: enforceLimit && w.count > budget.limit,
      resetSeconds,
    };
  }

  /** Answers a `failNext` failure; a scripted 429 reports the budget as spent, like a real one. */
  function scripted(res: ServerResponse, failure: ScriptedFailure, headers: Headers): void {
    const { status, retryAfterSeconds } = failure;
    if (status === 429) {
      const spent: Headers = { ...headers, 'x-ratelimit-remaining': 0 };
      if (retryAfterSeconds !== undefined) spent['retry-after'] = retryAfterSeconds;
      sendJson(res, 429, errorBody('Rate limit has been exceeded'), spent);
    } else {
      const message = status >= 500 ? 'Internal server error' : (STATUS_CODES[status] ?? 'Error');
      sendJson(res, status, errorBody(message), headers);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requestCount++;
    const url = parseUrl(req.url);
    if (oauth !== undefined && (await oauth.handle(req, res, url))) return;
    const { pathname, query } = url;
    const prefix = pathname.startsWith('/v1/') ? 4 : pathname.startsWith('/api/v1/') ? 8 : -1;
    if (prefix === -1) return sendJson(res, 404, errorBody('Unknown method .'));

    const credential = credentialOf(req, query);
    const authorised =
      credential !== undefined &&
      (tokens.has(credential.token) || (credential.bearer && oauth?.isValidAccessToken(credential.token) === true));
    if (!authorised) return sendJson(res, 401, UNAUTHORIZED);
    const limit = charge(credential.token);
    const headers = limit.headers;
    const failure = failures.take();
    if (failure !== undefined) return scripted(res, failure, headers);
    if (limit.over) {
      return sendJson(res, 429, errorBody('Rate limit has been exceeded'), {
        ...headers,
        'retry-after': limit.resetSeconds,
      });
    }

    const [name, idPart, extra] = pathname.slice(prefix).split('/');
    const resource = name as PipedriveResource;
    const spec = Object.hasOwn(RESOURCES, resource) ? RESOURCES[resource] : undefined;
    if (spec === undefined || extra !== undefined || idPart === '') {
      return sendJson(res, 404, errorBody('Unknown method .'), headers);
    }
    const table = tables[resource];
    const method = req.method;

    if (idPart === undefined) {
      if (method === 'GET') return list(res, table, query, headers);
      if (method === 'POST') return create(req, res, spec, table, headers);
      return sendJson(res, 404, errorBody('Unknown method .'), headers);
    }

    if (method !== 'GET' && method !== 'PUT' && method !== 'DELETE') {
      return sendJson(res, 404, errorBody('Unknown method .'), headers);
    }
    const id = /^\d+$/.test(idPart) ? Number(idPart) : Number.NaN;
    const item = table.byId.get(id);
    if (item === undefined) return sendJson(res, 404, errorBody(`${spec.noun} not found`), headers);
    if (method === 'GET') return sendJson(res, 200, { success: true, data: item, additional_data: {} }, headers);
    if (method === 'DELETE') {
      table.byId.delete(id);
      table.items.splice(table.items.indexOf(item), 1);
      return sendJson(res, 200, { success: true, data: { id }, additional_data: {} }, headers);
    }
    return update(req, res, spec, item, headers);
  }

  function list(res: ServerResponse, table: Table, query: URLSearchParams, headers: Headers): void {
    const start = intParam(query.get('start'), 0);
    const requested = intParam(query.get('limit'), DEFAULT_LIMIT);
    if (start === undefined || requested === undefined || requested < 1) {
      const param = start === undefined ? 'start' : 'limit';
      sendJson(res, 400, errorBody(`Invalid ${param} parameter`), headers);
      return;
    }
    const limit = Math.min(requested, MAX_LIMIT);
    const page = table.items.slice(start, start + limit);
    const more = start + limit < table.items.length;
    const pagination = more
      ? { start, limit, more_items_in_collection: true, next_start: start + limit }
      : { start, limit, more_items_in_collection: false };
    sendJson(res, 200, { success: true, data: page.length > 0 ? page : null, additional_data: { pagination } }, headers);
  }

  /** Reads and validates a write body; answers the error itself and returns undefined on failure. */
  async function writeBody(
    req: IncomingMessage,
    res: ServerResponse,
    spec: ResourceSpec,
    creating: boolean,
    headers: Headers,
  ): Promise<JsonObject | undefined> {
    const body = await readObjectBody(req, true);
    if (!body.ok) {
      const message = body.reason === 'too_large' ? 'Request entity too large' : 'Malformed JSON in request body';
      sendJson(res, body.status, errorBody(message), headers);
      return undefined;
    }
    const fields = body.value;
    const { field, message } = spec.required;
    const required = fields[field];
    if ((creating || required !== undefined) && (typeof required !== 'string' || required.trim() === '')) {
      sendJson(res, 400, errorBody(message), headers);
      return undefined;
    }
    const bad = coerceFields(fields, spec.types);
    if (bad !== undefined) {
      sendJson(res, 400, errorBody(`Invalid value for field ${bad}`), headers);
      return undefined;
    }
    for (const contact of spec.contactLists) {
      if (creating || fields[contact] !== undefined) {
        fields[contact] = contactList(fields[contact]);
      }
    }
    // Server-owned fields cannot be overwritten by the client; an own `__proto__` key
    // (JSON.parse creates one) would re-prototype the stored item on update.
    Reflect.deleteProperty(fields, '__proto__');
    delete fields.id;
    delete fields.add_time;
    delete fields.update_time;
    return fields;
  }

  async function create(req: IncomingMessage, res: ServerResponse, spec: ResourceSpec, table: Table, headers: Headers): Promise<void> {
    const fields = await writeBody(req, res, spec, true, headers);
    if (fields === undefined) return;
    const id = table.nextId++;
    const now = pipedriveTime(Date.now());
    const item = { id, ...spec.defaults(), ...fields, add_time: now, update_time: now };
    table.items.push(item);
    table.byId.set(id, item);
    sendJson(res, 201, { success: true, data: item, additional_data: {} }, headers);
  }

  async function update(req: IncomingMessage, res: ServerResponse, spec: ResourceSpec, item: JsonObject, headers: Headers): Promise<void> {
    const fields = await writeBody(req, res, spec, false, headers);
    if (fields === undefined) return;
    // Mutate in place so `items()` and the id index keep pointing at the same object.
    Object.assign(item, fields, { update_time: pipedriveTime(Date.now()) });
    sendJson(res, 200, { success: true, data: item, additional_data: {} }, headers);
  }

  const running = await listen(options.host ?? '127.0.0.1', options.port ?? 0, handle, (res) =>
    sendJson(res, 500, errorBody('Internal server error')),
  );

  return {
    url: running.url,
    port: running.port,
    get requestCount() {
      return requestCount;
    },
    oauth,
    close: running.close,
    reset() {
      seed();
      requestCount = 0;
      windows.clear();
      failures.clear();
      oauth?.reset();
    },
    addToken: (token) => void tokens.add(token),
    revokeToken: (token) => void tokens.delete(token),
    failNext: (n, status, retryAfterSeconds) => failures.add(n, status, retryAfterSeconds),
    items: (resource) => tables[resource].items,
  };
}

/** Parses an optional non-negative decimal integer query parameter; undefined when malformed. */
function intParam(raw: string | null, fallback: number): number | undefined {
  if (raw === null || raw === '') return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}
