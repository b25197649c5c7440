// Local simulator of the Pipedrive API: v2 (persons, organizations, deals, activities, products, search)
// and v1 (the same resources, search, the current user). Records live in pipedrive/records.ts, the
// versions' routes in pipedrive/v1.ts and pipedrive/v2.ts; this module serves them, with auth and limits.
//
// Provider facts modelled:
// - v2 under `/api/v2/...`, v1 under `/v1/...` (api.pipedrive.com) and `/api/v1/...`
//   (`{company}.pipedrive.com/api/v1`, OAuth's `{api_domain}/api/v1`).
// - Auth by `?api_token=`, `x-api-token` header or `Authorization: Bearer` (OAuth access token).
//   Failure: 401 `{"success":false,"error":"unauthorized access","errorCode":401,"error_info":...}`.
// - Envelope `{success, data, additional_data}`; errors
//   `{success:false, error, error_info, data:null, additional_data:null}`.
// - v2 lists: cursor paging with `cursor` (opaque) and `limit` (default 100, 1 to 500, else 400);
//   `additional_data.next_cursor` is null on the last page; an empty page is `data: []`. Filters `ids`,
//   `owner_id`, related ids (`org_id`, `person_id`, `deal_id`, `pipeline_id`, `stage_id` where the entity
//   has them), `updated_since` / `updated_until` (RFC 3339, else 400), deal `status`, activity `done`;
//   `sort_by` (id, update_time, add_time; activities also due_date, products also name) and
//   `sort_direction` (asc, desc), anything else 400.
// - v2 writes: JSON bodies, strict types (a string where an integer belongs is a 400), POST and PATCH
//   answer 200 `{success, data}`, DELETE 200 `{success, data: {id}}`; PUT is unknown in v2.
// - v2 shapes follow the official client's models: persons `first_name`/`last_name` (from the name),
//   `emails`/`phones` as `[{value, primary, label}]` (`[]` when none), `is_deleted`, `visible_to` (an
//   integer), `label_ids`, `custom_fields`; deals `pipeline_id`, `is_archived`, `close_time`...;
//   organizations `address` as an object with `value`; products `prices`, `billing_frequency`. Times are
//   RFC 3339 `2024-01-22T08:55:59Z`; related ids are integers or null.
// - Search: `/api/v2/{persons,organizations,deals,products}/search` and `/api/v2/itemSearch`
//   (`item_types`), `term` of at least 2 characters (1 with `exact_match`), `fields`, `exact_match`; the answer is
//   `data.items: [{result_score, item}]` with cursor paging; items are the short search forms (emails
//   and phones as strings, `owner: {id}`, `organization: {id, name}`). v1 serves the same searches
//   under `/v1/.../search` and `/v1/itemSearch` with `start` paging: named sub-paths are never ids.
// - v1 lists: offset paging with `start` (default 0) and `limit` (default 100, capped at 500);
//   `additional_data.pagination` has `start`, `limit`, `more_items_in_collection` and, only when there
//   are more, `next_start`; an empty page answers `data: null`, not `[]` (a well-known v1 quirk).
// - v1 CRUD: POST 201 with the item, PUT 200 with the merged item, DELETE 200 `data: {id}`; times
//   `YYYY-MM-DD HH:MM:SS`; person `email`/`phone` lists (`[{value:"", primary:true}]` when none) and
//   `primary_email`, `active_flag`, `visible_to` as a string; bodies JSON or form-encoded, numbers and
//   booleans coerced from strings. `GET /v1/users/me` answers the token's user.
// - Unknown ids 404 "Person not found" etc.; required name/title/subject → 400 "Name must be given".
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
// - 401s and paths outside `/v1`, `/api/v1` and `/api/v2` carry no rate-limit headers (no token to charge).
// - Every authenticated request counts against the window, including scripted failures.
// - A cursor encodes the position of the next page's first item in the filtered, sorted list.
// - Search scores are 1 for an exact match and the share of the value the term covers otherwise;
//   notes and custom fields hold nothing to find.
// - Related objects are plain ids, not the expanded objects and `related_objects` the real API adds.
// - DELETE removes the item outright (the real API soft-deletes for 30 days).
// - `owner_id` defaults to 1 (the token's user); activity `due_date` defaults to today (UTC).
// - A non-integer id in the path is answered like an unknown id (404 "... not found"); an
//   unknown path or method answers 404 "Unknown method ."; a body over 1 MiB answers 413.
// - OAuth: refresh tokens do not rotate (a refresh answers the same one); access tokens are accepted
//   only as `Authorization: Bearer`, and their scopes are not enforced on API calls. Tests map both
//   oauth.pipedrive.com and the `api_domain` origin to this one server.
// - Seed items are deterministic (`Person 1`, fixed 2024-01-01 timestamps, related ids round-robin).
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { FailureScript, type JsonObject, listen, parseUrl, type ScriptedFailure, sendJson } from './http-util.js';
import { createOAuthProvider, type OAuthClient, type OAuthProvider } from './oauth-provider.js';
import { type PipedriveResource, RESOURCE_NAMES, seedTables, type Table } from './pipedrive/records.js';
import { handleV1 } from './pipedrive/v1.js';
import { type ApiContext, errorBody, handleV2 } from './pipedrive/v2.js';

export type { PipedriveResource } from './pipedrive/records.js';

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

type Headers = Record<string, number>;

const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';
const UNAUTHORIZED = { success: false, error: 'unauthorized access', errorCode: 401, error_info: ERROR_INFO };
const UNLIMITED = { limit: 1_000_000, windowMs: 2000 };
/** Path prefixes and the version each serves. */
const VERSIONS: [string, 'v1' | 'v2'][] = [
  ['/v1/', 'v1'],
  ['/api/v1/', 'v1'],
  ['/api/v2/', 'v2'],
];

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
    tables = seedTables(counts);
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
    const served = VERSIONS.find(([start]) => pathname.startsWith(start));
    if (served === undefined) return sendJson(res, 404, errorBody('Unknown method .'));
    const [prefix, version] = served;

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

    const ctx: ApiContext = { tables, headers, now: () => Date.now() };
    const parts = pathname.slice(prefix.length).split('/');
    return version === 'v2' ? handleV2(ctx, req, res, parts, query) : handleV1(ctx, req, res, parts, query);
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
