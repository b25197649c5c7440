// Local simulator of the Example API behind the docs' "Example Connector". We define
// this API ourselves, so the simulator is its reference behaviour:
// - Base path `/v1`; auth header `X-Api-Key`; failure 401 `{"error":"invalid_api_key","message"}`.
// - Errors are `{"error": "<code>", "message": "<text>"}`.
// - `GET /v1/contacts?page=1&per_page=20`: page from 1, per_page 1..100 (default 20), bad values
//   400 `invalid_parameter`. Answers a bare JSON array of `{id, name, email, createdAt}` and, when
//   there is a next page, `Link: <absolute next url>; rel="next"` built from the Host header with
//   the other query parameters kept.
// - `GET/PUT/DELETE /v1/contacts/{id}`, `POST /v1/contacts` (201, `name` required), DELETE 204.
//   Unknown id 404 `not_found`.
// - `GET /v1/me` → `{"account":"example","key":"<last 4 chars of the key>"}` to verify a key.
// - `POST /v1/contacts` with an `Idempotency-Key` header (1 to 255 characters) creates once per key: a
//   request repeating a key whose create succeeded answers that contact again (201, with
//   `Idempotent-Replayed: true`) and creates nothing.
//
// Choices made here (the API is ours, so these are definitions rather than guesses):
// - Ids are auto-incrementing integers; `createdAt` is ISO 8601 UTC; `email` is a string or null.
// - Only `name` and `email` are writable; other body fields are ignored.
// - Paths outside `/v1` are 404 without an auth check; inside `/v1`, auth comes first.
// - Malformed JSON is 400 `invalid_json`; a body over 1 MiB is 413 `payload_too_large`.
// - A `failNext` 429 answers `rate_limited`, 5xx `internal_error`.
// - A `holdNext` request is carried out at once, but its answer waits for `release()`: a client that
//   dies meanwhile leaves the change done and its outcome unknown to that client.
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { AnswerHold, FailureScript, type JsonObject, listen, parseUrl, readObjectBody, sendJson } from './http-util.js';

export interface ExampleApiSimulatorOptions {
  host?: string;
  port?: number;
  /** Valid `X-Api-Key` values. Default `['example-api-key']`. */
  apiKeys?: string[];
  /** Number of generated contacts. Default 3. */
  seed?: { contacts?: number };
}

export interface ExampleContact {
  id: number;
  name: string;
  email: string | null;
  createdAt: string;
}

export interface ExampleApiSimulator {
  /** e.g. `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Total requests received since start or the last `reset()`. */
  readonly requestCount: number;
  close(): Promise<void>;
  /** Restores seed contacts, ids, the request count, pending `failNext` scripts and idempotency keys. API keys are kept. */
  reset(): void;
  /** The next `n` authenticated requests answer `status` (with `Retry-After` when given). */
  failNext(n: number, status: number, retryAfterSeconds?: number): void;
  /** The same for the next `n` writes (POST, PUT, DELETE) only: reads go on answering. */
  failNextWrite(n: number, status: number, retryAfterSeconds?: number): void;
  /** The live contact array, ordered by id. */
  contacts(): ExampleContact[];
  /** The next `n` authenticated requests (after `after` more) are carried out but their answers withheld until `release()`. */
  holdNext(n: number, after?: number): void;
  /** Sends the withheld answers (to clients still there). */
  release(): void;
  /** Requests whose answer is withheld now. */
  readonly held: number;
  /** `POST /v1/contacts` requests received since start or the last `reset()`. */
  readonly creates: number;
}

const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;
/** Seed timestamps are fixed so `reset()` restores identical data. */
const SEED_EPOCH = Date.UTC(2024, 0, 1);

function error(code: string, message: string): JsonObject {
  return { error: code, message };
}

function seedContacts(count: number): ExampleContact[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    name: `Contact ${i + 1}`,
    email: `contact${i + 1}@example.com`,
    createdAt: new Date(SEED_EPOCH + (i + 1) * 60_000).toISOString(),
  }));
}

/** Parses an optional positive integer query parameter; undefined when malformed. */
function positiveInt(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  return /^[1-9]\d*$/.test(raw) ? Number(raw) : undefined;
}

/** Binary search: contacts stay ordered by id because ids only grow and new ones are appended. */
function indexOfId(contacts: ExampleContact[], id: number): number {
  let lo = 0;
  let hi = contacts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const midId = (contacts[mid] as ExampleContact).id;
    if (midId === id) return mid;
    if (midId < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Validates writable fields; returns the error message or the accepted fields. */
function contactFields(body: JsonObject, creating: boolean): string | Partial<ExampleContact> {
  const fields: Partial<ExampleContact> = {};
  if (creating || body.name !== undefined) {
    if (typeof body.name !== 'string' || body.name.trim() === '') return 'name is required';
    fields.name = body.name;
  }
  if (body.email !== undefined) {
    if (body.email !== null && typeof body.email !== 'string') return 'email must be a string or null';
    fields.email = body.email;
  }
  return fields;
}

export async function startExampleApiSimulator(options: ExampleApiSimulatorOptions = {}): Promise<ExampleApiSimulator> {
  const keys = new Set(options.apiKeys ?? ['example-api-key']);
  const seedCount = options.seed?.contacts ?? 3;
  const failures = new FailureScript();
  const writeFailures = new FailureScript();
  let contacts = seedContacts(seedCount);
  let nextId = seedCount + 1;
  let requestCount = 0;
  let creates = 0;
  const hold = new AnswerHold();
  /** Idempotency-Key -> the id of the contact its create made. */
  const createdByKey = new Map<string, number>();
  // Filled in once listening; only used when a client sends no Host header (HTTP/1.0).
  let fallbackHost = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requestCount++;
    const { pathname, query } = parseUrl(req.url);
    if (!pathname.startsWith('/v1/')) return notFound(res, req);

    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || !keys.has(key)) {
      return sendJson(res, 401, error('invalid_api_key', 'Missing or invalid X-Api-Key header'));
    }
    hold.apply(res);
    const failure = failures.take() ?? (req.method === 'GET' ? undefined : writeFailures.take());
    if (failure !== undefined) {
      const { status, retryAfterSeconds } = failure;
      const headers = retryAfterSeconds === undefined ? undefined : { 'retry-after': retryAfterSeconds };
      const body =
        status === 429
          ? error('rate_limited', 'Too many requests')
          : status >= 500
            ? error('internal_error', 'Internal server error')
            : error('error', STATUS_CODES[status] ?? 'Error');
      return sendJson(res, status, body, headers);
    }

    const method = req.method;
    const path = pathname.slice(4);
    if (path === 'me' && method === 'GET') return sendJson(res, 200, { account: 'example', key: key.slice(-4) });
    if (path === 'contacts') {
      if (method === 'GET') return list(req, res, query);
      if (method === 'POST') {
        creates++;
        return create(req, res);
      }
      return notFound(res, req);
    }
    const match = /^contacts\/([^/]+)$/.exec(path);
    if (match === null || (method !== 'GET' && method !== 'PUT' && method !== 'DELETE')) return notFound(res, req);

    const idText = match[1] ?? '';
    const index = /^\d+$/.test(idText) ? indexOfId(contacts, Number(idText)) : -1;
    const contact = contacts[index];
    if (contact === undefined) return sendJson(res, 404, error('not_found', `Contact ${idText} not found`));
    if (method === 'GET') return sendJson(res, 200, contact);
    if (method === 'DELETE') {
      contacts.splice(index, 1);
      res.writeHead(204).end();
      return;
    }
    return update(req, res, contact);
  }

  function notFound(res: ServerResponse, req: IncomingMessage): void {
    sendJson(res, 404, error('not_found', `No route for ${req.method} ${parseUrl(req.url).pathname}`));
  }

  function list(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
    const page = positiveInt(query.get('page'), 1);
    const perPage = positiveInt(query.get('per_page'), DEFAULT_PER_PAGE);
    if (page === undefined || perPage === undefined || perPage > MAX_PER_PAGE) {
      const message = page === undefined ? 'page must be a positive integer' : `per_page must be between 1 and ${MAX_PER_PAGE}`;
      sendJson(res, 400, error('invalid_parameter', message));
      return;
    }
    const start = (page - 1) * perPage;
    const body = contacts.slice(start, start + perPage);
    if (start + perPage >= contacts.length) {
      sendJson(res, 200, body);
      return;
    }
    const next = new URLSearchParams(query);
    next.set('page', String(page + 1));
    const host = req.headers.host ?? fallbackHost;
    sendJson(res, 200, body, { link: `<http://${host}/v1/contacts?${next}>; rel="next"` });
  }

  /** Reads and validates a write body; answers the error itself and returns undefined on failure. */
  async function writeFields(req: IncomingMessage, res: ServerResponse, creating: boolean): Promise<Partial<ExampleContact> | undefined> {
    const body = await readObjectBody(req);
    if (!body.ok) {
      sendJson(
        res,
        body.status,
        body.reason === 'too_large'
          ? error('payload_too_large', 'Request body exceeds 1 MiB')
          : error('invalid_json', 'Request body must be a JSON object'),
      );
      return undefined;
    }
    const fields = contactFields(body.value, creating);
    if (typeof fields === 'string') {
      sendJson(res, 400, error('invalid_parameter', fields));
      return undefined;
    }
    return fields;
  }

  async function create(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const key = req.headers['idempotency-key'];
    if (key !== undefined && (typeof key !== 'string' || key.length === 0 || key.length > 255)) {
      return sendJson(res, 400, error('invalid_parameter', 'Idempotency-Key must be 1 to 255 characters'));
    }
    const done = key === undefined ? undefined : createdByKey.get(key);
    const replayed = done === undefined ? undefined : contacts.find((c) => c.id === done);
    if (replayed !== undefined) return sendJson(res, 201, replayed, { 'idempotent-replayed': 'true' });
    const fields = await writeFields(req, res, true);
    if (fields === undefined) return;
    const contact: ExampleContact = {
      id: nextId++,
      name: fields.name ?? '',
      email: fields.email ?? null,
      createdAt: new Date().toISOString(),
    };
    contacts.push(contact);
    if (key !== undefined) createdByKey.set(key, contact.id);
    sendJson(res, 201, contact);
  }

  async function update(req: IncomingMessage, res: ServerResponse, contact: ExampleContact): Promise<void> {
    const fields = await writeFields(req, res, false);
    if (fields === undefined) return;
    Object.assign(contact, fields);
    sendJson(res, 200, contact);
  }

  const running = await listen(options.host ?? '127.0.0.1', options.port ?? 0, handle, (res) =>
    sendJson(res, 500, error('internal_error', 'Internal server error')),
  );
  fallbackHost = new URL(running.url).host;

  return {
    url: running.url,
    port: running.port,
    get requestCount() {
      return requestCount;
    },
    close: running.close,
    reset() {
      contacts = seedContacts(seedCount);
      nextId = seedCount + 1;
      requestCount = 0;
      creates = 0;
      createdByKey.clear();
      failures.clear();
      writeFailures.clear();
    },
    failNext: (n, status, retryAfterSeconds) => failures.add(n, status, retryAfterSeconds),
    failNextWrite: (n, status, retryAfterSeconds) => writeFailures.add(n, status, retryAfterSeconds),
    contacts: () => contacts,
    holdNext: (n, after) => hold.holdNext(n, after),
    release: () => hold.release(),
    get held() {
      return hold.held;
    },
    get creates() {
      return creates;
    },
  };
}
