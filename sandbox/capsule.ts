// Local simulator of the Capsule CRM API v2 (parties, opportunities, kases, tasks) and its OAuth 2.0 server.
//
// Provider facts modelled:
// - OAuth on the API's own origin: authorise `/oauth/authorise`, token `/oauth/token`, client id and
//   secret in the form body, grants `authorization_code` and `refresh_token`; refresh tokens rotate.
//   Token response `access_token, refresh_token, scope, token_type: "bearer", expires_in, subdomain`;
//   access tokens last 7 days. Scopes `read` and `write`, space separated.
// - API under `/api/v2` with `Authorization: Bearer`; 401 for a missing, bad or expired token and 403
//   for a missing scope, both with `WWW-Authenticate`.
// - Lists `GET /{parties,opportunities,kases,tasks}` wrapped `{"parties": [...]}`; `page` from 1,
//   `perPage` 1-100 (default 50), `since` (ISO 8601), `embed`; the next page is an absolute
//   `Link: <...>; rel="next"` that keeps the other query parameters, sent only when there is one.
// - Single items wrapped in the singular (`{"party": {...}}`, `opportunity`, `kase`, `task`), in bodies
//   too. POST 201, PUT 200 leaving fields not sent unchanged, DELETE 204.
// - Party: `type` person|organisation, `firstName`, `lastName` (people), `name` (organisations), `title`,
//   `jobTitle`, `about`, `organisation`, `owner`, `emailAddresses[{id,type,address}]`,
//   `phoneNumbers[{id,type,number}]`, `addresses[{id,type,street,city,state,zip,country}]`,
//   `websites[{id,type,address,service,url}]`. Opportunity: `name`, `description`, `party{id,type,name}`,
//   `milestone{id,name}`, `value{amount,currency}`, `expectedCloseOn`, `probability`, `closedOn`,
//   `lostReason`, `owner`. Timestamps `createdAt`/`updatedAt` as `2024-01-01T00:00:00Z`.
// - Rate limit 4,000 requests per user per hour: `X-RateLimit-Limit`, `X-RateLimit-Remaining`,
//   `X-RateLimit-Reset` (epoch seconds); over it 429 `{"error": "rate limit reached"}`.
//
// Assumptions where the facts are silent:
// - Error bodies are `{"message": "..."}`: 401 "authentication failed", 404, 400 for bad query values or
//   bodies; validation is 422 with `errors: [{message, resource, field}]`. A 401 for a token that was
//   sent adds `error="invalid_token"` (RFC 6750 3.1); a 403 adds `error="insufficient_scope"`.
// - Reads accept any valid token; POST, PUT and DELETE need `write` in the token's scope.
// - The rate limit is one hourly window for the whole simulator (one user), reported on every
//   authenticated answer. It is enforced only with the `rateLimit` option, so benchmarks are not
//   throttled; a 429 over it carries no `Retry-After` (the facts name none), only the reset time.
//   `failNext` scripts 429s too. A `holdNext` request is carried out at once, its answer withheld until `release()`.
// - `since` keeps items with `updatedAt >= since`; a time without a zone is refused with 400.
// - `embed=tags,fields` adds empty `tags`/`fields` arrays; other embed values are accepted and ignored.
// - Requirements: party `type`, a person's `firstName` or `lastName`, an organisation's `name`;
//   opportunity `name` and `milestone`; kase `name` and `party`; task `description` and `dueOn` (YYYY-MM-DD).
// - References (`party`, `organisation`, `opportunity`, `kase`, `milestone`) are written as `{id}`
//   (a milestone also as `{name}`) and stored expanded; an unknown id is a 422. Milestones are a fixed
//   list: New, Prospect, Proposal, Negotiation, Won, Lost (ids 1-6).
// - Contact lists get ids; a PUT adds entries without an id, merges entries with a known id and removes
//   those sent with `_delete: true`. Other unknown body fields are stored; `id`, `createdAt` and
//   `updatedAt` cannot be written.
// - DELETE removes outright; references to the deleted item stay as they were.
// - Unknown paths answer 404, other methods 405, malformed JSON or a body without the wrapper 400, a
//   body over 1 MiB 413. `requestCount` counts every request, OAuth included.
// - Seeds are deterministic: parties 1, 4, 7... are organisations and the people after each belong to
//   it; other resources link to parties round-robin; timestamps are 2024-01-01 plus id minutes.
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import {
  AnswerHold,
  FailureScript,
  type JsonObject,
  listen,
  parseUrl,
  readObjectBody,
  type ScriptedFailure,
  sendJson,
} from './http-util.js';
import { createOAuthProvider, type OAuthClient, type OAuthProvider } from './oauth-provider.js';

export type CapsuleResource = 'parties' | 'opportunities' | 'kases' | 'tasks';

export interface CapsuleSimulatorOptions {
  host?: string;
  port?: number;
  /** Registered OAuth apps. Default one: `capsule-client` / `capsule-secret`, any redirect URI. */
  clients?: OAuthClient[];
  /** Default 604800 (7 days). */
  accessTokenTtlSeconds?: number;
  /** Number of generated items per resource. Default 3 each. */
  seed?: Partial<Record<CapsuleResource, number>>;
  /** The `subdomain` in token responses. Default `acme`. */
  subdomain?: string;
  /** Seconds a rotated refresh token keeps working. Default 0: Capsule documents none. */
  refreshTokenGraceSeconds?: number;
  /** Requests per hour answered before 429s; default: 4,000 reported, none refused. */
  rateLimit?: number;
}

export interface CapsuleSimulator {
  /** e.g. `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly oauth: OAuthProvider;
  /** Total requests received since start or the last `reset()`. */
  readonly requestCount: number;
  /** The live item array of a resource, ordered by id. */
  items(resource: CapsuleResource): JsonObject[];
  /** The next `n` authenticated API requests answer `status` (429 with `Retry-After` when given). */
  failNext(n: number, status: number, retryAfterSeconds?: number): void;
  /** The next `n` authenticated API requests are carried out but their answers withheld until `release()`. */
  holdNext(n: number): void;
  /** Sends the withheld answers (to clients still there). */
  release(): void;
  /** Requests whose answer is withheld now. */
  readonly held: number;
  /** Restores seed data, ids, the request count, the rate window, `failNext` scripts and holds, and OAuth state. */
  reset(): void;
  close(): Promise<void>;
}

type Headers = Record<string, string | number>;
type RefKind = 'party' | 'organisation' | 'opportunity' | 'kase' | 'milestone';
/** A validation failure: field and message. */
type FieldError = [string, string];

interface ResourceSpec {
  singular: string;
  refs: Record<string, RefKind>;
  /** Fields holding `[{id, ...}]` contact entries. */
  contactLists: string[];
  defaults(): JsonObject;
  validate(item: JsonObject): FieldError[];
}

interface Table {
  items: JsonObject[];
  byId: Map<number, JsonObject>;
  nextId: number;
}

const RATE_LIMIT = 4000;
const RATE_WINDOW_MS = 3_600_000;
const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 100;
const API_PREFIX = '/api/v2/';
const REALM = 'Bearer realm="Capsule API"';
/** Seed timestamps are fixed so `reset()` restores identical data. */
const SEED_EPOCH = Date.UTC(2024, 0, 1);
const DAY_MS = 86_400_000;
const MILESTONES = [
  { id: 1, name: 'New', probability: 10 },
  { id: 2, name: 'Prospect', probability: 25 },
  { id: 3, name: 'Proposal', probability: 50 },
  { id: 4, name: 'Negotiation', probability: 75 },
  { id: 5, name: 'Won', probability: 100 },
  { id: 6, name: 'Lost', probability: 0 },
];
const REF_TABLES: Record<Exclude<RefKind, 'milestone'>, CapsuleResource> = {
  party: 'parties',
  organisation: 'parties',
  opportunity: 'opportunities',
  kase: 'kases',
};
/** Zone required with a time: a bare local time would mean different instants to client and server. */
const ISO_8601 = /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d))?$/;

const owner = (): JsonObject => ({ id: 1, username: 'owner', name: 'Account Owner' });
const hasText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/** `2024-01-01T00:00:00Z`: Capsule's timestamps carry no milliseconds. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A real calendar date as YYYY-MM-DD (Date.parse would roll 2024-02-30 over into March). */
function isDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(value)) return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && isoSeconds(ms).startsWith(value);
}

const required = (item: JsonObject, fields: string[]): FieldError[] =>
  fields.filter((field) => !hasText(item[field])).map((field): FieldError => [field, `${field} is required`]);

const RESOURCES: Record<CapsuleResource, ResourceSpec> = {
  parties: {
    singular: 'party',
    refs: { organisation: 'organisation' },
    contactLists: ['emailAddresses', 'phoneNumbers', 'addresses', 'websites'],
    defaults: () => ({
      about: null,
      owner: owner(),
      lastContactedAt: null,
      emailAddresses: [],
      phoneNumbers: [],
      addresses: [],
      websites: [],
    }),
    validate(party) {
      if (party.type === 'organisation') return required(party, ['name']);
      if (party.type !== 'person') return [['type', 'type must be person or organisation']];
      return hasText(party.firstName) || hasText(party.lastName) ? [] : [['firstName', 'a person needs a firstName or a lastName']];
    },
  },
  opportunities: {
    singular: 'opportunity',
    refs: { party: 'party', milestone: 'milestone' },
    contactLists: [],
    defaults: () => ({
      description: null,
      party: null,
      milestone: null,
      value: null,
      expectedCloseOn: null,
      probability: null,
      closedOn: null,
      lostReason: null,
      owner: owner(),
    }),
    validate: (opportunity) => [
      ...required(opportunity, ['name']),
      ...(opportunity.milestone === null || opportunity.milestone === undefined
        ? [['milestone', 'milestone is required'] as FieldError]
        : []),
    ],
  },
  kases: {
    singular: 'kase',
    refs: { party: 'party' },
    contactLists: [],
    defaults: () => ({ description: null, status: 'OPEN', party: null, owner: owner(), expectedCloseOn: null, closedOn: null }),
    validate: (kase) => [
      ...required(kase, ['name']),
      ...(kase.party === null || kase.party === undefined ? [['party', 'party is required'] as FieldError] : []),
    ],
  },
  tasks: {
    singular: 'task',
    refs: { party: 'party', opportunity: 'opportunity', kase: 'kase' },
    contactLists: [],
    defaults: () => ({
      detail: null,
      category: null,
      dueTime: null,
      status: 'OPEN',
      party: null,
      opportunity: null,
      kase: null,
      owner: owner(),
      completedAt: null,
    }),
    validate: (task) => [
      ...required(task, ['description']),
      ...(isDate(task.dueOn) ? [] : [['dueOn', 'dueOn must be a date (YYYY-MM-DD)'] as FieldError]),
    ],
  },
};

const RESOURCE_NAMES = Object.keys(RESOURCES) as CapsuleResource[];

function partyRef(party: JsonObject): JsonObject {
  const name = party.type === 'organisation' ? party.name : [party.firstName, party.lastName].filter(hasText).join(' ');
  return { id: party.id, type: party.type, name };
}

/** Parses an optional positive integer query parameter; undefined when malformed. */
function positiveInt(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  return /^[1-9]\d*$/.test(raw) ? Number(raw) : undefined;
}

/** Adds what `embed` asks for to each answered item, leaving the stored item untouched. */
function embedder(query: URLSearchParams): (item: JsonObject) => JsonObject {
  const wanted = new Set((query.get('embed') ?? '').split(',').map((value) => value.trim()));
  const tags = wanted.has('tags');
  const fields = wanted.has('fields');
  if (!tags && !fields) return (item) => item;
  return (item) => ({ ...item, ...(tags && { tags: [] }), ...(fields && { fields: [] }) });
}

export async function startCapsuleSimulator(options: CapsuleSimulatorOptions = {}): Promise<CapsuleSimulator> {
  const oauth = createOAuthProvider({
    clients: options.clients ?? [{ clientId: 'capsule-client', clientSecret: 'capsule-secret' }],
    clientAuth: 'body',
    authorisePath: '/oauth/authorise',
    tokenPath: '/oauth/token',
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 604_800,
    rotateRefreshTokens: true,
    refreshTokenGraceSeconds: options.refreshTokenGraceSeconds ?? 0,
    tokenType: 'bearer',
    extraTokenFields: { subdomain: options.subdomain ?? 'acme' },
    defaultScope: 'read write',
    appName: 'Capsule',
  });
  const counts = Object.fromEntries(RESOURCE_NAMES.map((r) => [r, options.seed?.[r] ?? 3])) as Record<CapsuleResource, number>;
  const failures = new FailureScript();
  const hold = new AnswerHold();
  let tables = {} as Record<CapsuleResource, Table>;
  let nextContactId = 1;
  let rateWindow = { start: 0, count: 0 };
  let requestCount = 0;
  // Filled in once listening; only used when a client sends no Host header (HTTP/1.0).
  let fallbackHost = '';

  const contact = (fields: JsonObject): JsonObject => ({ id: nextContactId++, ...fields });

  function seedItem(resource: CapsuleResource, id: number): JsonObject {
    const time = isoSeconds(SEED_EPOCH + id * 60_000);
    const day = (offset: number): string => isoSeconds(SEED_EPOCH + offset * DAY_MS).slice(0, 10);
    // Parties are seeded first, so the other resources can point at them.
    const party = (): JsonObject | null => {
      const target = counts.parties > 0 ? tables.parties.byId.get(((id - 1) % counts.parties) + 1) : undefined;
      return target === undefined ? null : partyRef(target);
    };
    const phone = contact({ type: 'Work', number: `+44 20 7946 ${String(id).padStart(4, '0')}` });
    const orgId = id - ((id - 1) % 3);
    const fields: Record<CapsuleResource, () => JsonObject> = {
      parties: () =>
        orgId === id
          ? {
              type: 'organisation',
              name: `Organisation ${id}`,
              phoneNumbers: [phone],
              addresses: [
                contact({ type: 'Office', street: `${id} High Street`, city: 'London', state: null, zip: null, country: 'United Kingdom' }),
              ],
              websites: [
                contact({ type: 'Work', service: 'URL', address: `https://org${id}.example.com`, url: `https://org${id}.example.com` }),
              ],
            }
          : {
              type: 'person',
              title: null,
              firstName: 'Person',
              lastName: String(id),
              jobTitle: 'Buyer',
              organisation: { id: orgId, name: `Organisation ${orgId}`, pictureURL: null },
              emailAddresses: [contact({ type: 'Work', address: `person${id}@example.com` })],
              phoneNumbers: [phone],
            },
      opportunities: () => {
        const milestone = MILESTONES[(id - 1) % MILESTONES.length] as (typeof MILESTONES)[number];
        return {
          name: `Opportunity ${id}`,
          party: party(),
          milestone: { id: milestone.id, name: milestone.name },
          value: { amount: id * 1000, currency: 'GBP' },
          expectedCloseOn: day(30 + id),
          probability: milestone.probability,
        };
      },
      kases: () => ({ name: `Project ${id}`, party: party() }),
      tasks: () => ({ description: `Task ${id}`, dueOn: day(id), party: party() }),
    };
    return { id, ...RESOURCES[resource].defaults(), ...fields[resource](), createdAt: time, updatedAt: time };
  }

  function seed(): void {
    tables = {} as Record<CapsuleResource, Table>;
    nextContactId = 1;
    for (const resource of RESOURCE_NAMES) {
      const items: JsonObject[] = [];
      const table: Table = { items, byId: new Map(), nextId: counts[resource] + 1 };
      tables[resource] = table;
      for (let id = 1; id <= counts[resource]; id++) {
        const item = seedItem(resource, id);
        items.push(item);
        table.byId.set(id, item);
      }
    }
  }
  seed();

  /** Expands a written reference (`{id}`, or `{name}` for a milestone); undefined when it names nothing. */
  function resolveRef(kind: RefKind, value: unknown): JsonObject | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const ref = value as JsonObject;
    if (kind === 'milestone') {
      const milestone = MILESTONES.find((m) => (ref.id === undefined ? m.name === ref.name : m.id === ref.id));
      return milestone && { id: milestone.id, name: milestone.name };
    }
    const target = typeof ref.id === 'number' ? tables[REF_TABLES[kind]].byId.get(ref.id) : undefined;
    if (target === undefined) return undefined;
    if (kind === 'party') return partyRef(target);
    if (kind === 'organisation') return target.type === 'organisation' ? { id: target.id, name: target.name, pictureURL: null } : undefined;
    return { id: target.id, name: target.name };
  }

  /** Applies a written contact list to the current one; a string is the validation message. */
  function mergeContacts(current: JsonObject[], input: unknown): JsonObject[] | string {
    if (!Array.isArray(input)) return 'must be an array';
    let result = [...current];
    for (const entry of input) {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'entries must be objects';
      const { id, _delete, ...fields } = entry as JsonObject;
      if (id === undefined) {
        result.push(contact(fields));
        continue;
      }
      const index = result.findIndex((existing) => existing.id === id);
      if (index === -1) return `no entry with id ${String(id)}`;
      if (_delete === true) result = result.filter((_, i) => i !== index);
      else result[index] = { ...result[index], ...fields };
    }
    return result;
  }

  /** The item `fields` would make of `base`, or the validation errors. */
  function build(spec: ResourceSpec, base: JsonObject, fields: JsonObject): { item: JsonObject } | { errors: FieldError[] } {
    const item: JsonObject = { ...base, ...fields };
    const errors: FieldError[] = [];
    for (const [field, kind] of Object.entries(spec.refs)) {
      if (!Object.hasOwn(fields, field) || fields[field] === null) continue;
      const ref = resolveRef(kind, fields[field]);
      if (ref === undefined) errors.push([field, `${field} does not exist`]);
      else item[field] = ref;
    }
    for (const list of spec.contactLists) {
      if (!Object.hasOwn(fields, list)) continue;
      const merged = mergeContacts(base[list] as JsonObject[], fields[list]);
      if (typeof merged === 'string') errors.push([list, `${list} ${merged}`]);
      else item[list] = merged;
    }
    errors.push(...spec.validate(item));
    return errors.length > 0 ? { errors } : { item };
  }

  const rateLimit = options.rateLimit ?? RATE_LIMIT;

  /** Counts the request in the hourly window; `over` when it goes past an enforced limit. */
  function rateHeaders(): { headers: Headers; over: boolean } {
    const now = Date.now();
    if (now - rateWindow.start >= RATE_WINDOW_MS) rateWindow = { start: now, count: 0 };
    rateWindow.count++;
    const headers = {
      'x-ratelimit-limit': rateLimit,
      'x-ratelimit-remaining': Math.max(0, rateLimit - rateWindow.count),
      'x-ratelimit-reset': Math.ceil((rateWindow.start + RATE_WINDOW_MS) / 1000),
    };
    return { headers, over: options.rateLimit !== undefined && rateWindow.count > rateLimit };
  }

  function scripted(res: ServerResponse, { status, retryAfterSeconds }: ScriptedFailure, headers: Headers): void {
    if (status !== 429) {
      sendJson(res, status, { message: STATUS_CODES[status] ?? 'Error' }, headers);
      return;
    }
    const spent: Headers = { ...headers, 'x-ratelimit-remaining': 0 };
    if (retryAfterSeconds !== undefined) spent['retry-after'] = retryAfterSeconds;
    sendJson(res, 429, { error: 'rate limit reached' }, spent);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requestCount++;
    const url = parseUrl(req.url);
    if (await oauth.handle(req, res, url)) return;
    if (!url.pathname.startsWith(API_PREFIX)) return sendJson(res, 404, { message: 'Not found' });

    const token = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token === undefined || !oauth.isValidAccessToken(token)) {
      const challenge =
        token === undefined ? REALM : `${REALM}, error="invalid_token", error_description="The access token is invalid or expired"`;
      return sendJson(res, 401, { message: 'authentication failed' }, { 'www-authenticate': challenge });
    }
    hold.apply(res);
    const { headers, over } = rateHeaders();
    if (over) return sendJson(res, 429, { error: 'rate limit reached' }, headers);
    const failure = failures.take();
    if (failure !== undefined) return scripted(res, failure, headers);

    const method = req.method;
    if ((method === 'POST' || method === 'PUT' || method === 'DELETE') && !oauth.scopeOf(token)?.split(' ').includes('write')) {
      return sendJson(
        res,
        403,
        { message: 'The access token lacks the write scope' },
        {
          ...headers,
          'www-authenticate': `${REALM}, error="insufficient_scope", scope="write"`,
        },
      );
    }

    const [name, idPart, extra] = url.pathname.slice(API_PREFIX.length).split('/');
    const resource = name as CapsuleResource;
    if (!Object.hasOwn(RESOURCES, resource) || extra !== undefined || idPart === '') {
      return sendJson(res, 404, { message: 'Not found' }, headers);
    }
    const spec = RESOURCES[resource];
    const table = tables[resource];
    const embed = embedder(url.query);
    if (idPart === undefined) {
      if (method === 'GET') return list(req, res, resource, url.query, headers);
      if (method === 'POST') return write(req, res, spec, table, undefined, embed, headers);
      return sendJson(res, 405, { message: 'Method not allowed' }, { ...headers, allow: 'GET, POST' });
    }
    if (method !== 'GET' && method !== 'PUT' && method !== 'DELETE') {
      return sendJson(res, 405, { message: 'Method not allowed' }, { ...headers, allow: 'GET, PUT, DELETE' });
    }
    const id = /^\d+$/.test(idPart) ? Number(idPart) : Number.NaN;
    const item = table.byId.get(id);
    if (item === undefined) return sendJson(res, 404, { message: `${spec.singular} not found` }, headers);
    if (method === 'GET') return sendJson(res, 200, { [spec.singular]: embed(item) }, headers);
    if (method === 'PUT') return write(req, res, spec, table, item, embed, headers);
    table.byId.delete(id);
    table.items.splice(table.items.indexOf(item), 1);
    res.writeHead(204, headers).end();
  }

  function list(req: IncomingMessage, res: ServerResponse, resource: CapsuleResource, query: URLSearchParams, headers: Headers): void {
    const page = positiveInt(query.get('page'), 1);
    const perPage = positiveInt(query.get('perPage'), DEFAULT_PER_PAGE);
    const sinceText = query.get('since');
    const since = sinceText === null ? undefined : ISO_8601.test(sinceText) ? Date.parse(sinceText) : Number.NaN;
    if (page === undefined || perPage === undefined || perPage > MAX_PER_PAGE || Number.isNaN(since)) {
      const message =
        page === undefined
          ? 'page must be a positive integer'
          : perPage === undefined || perPage > MAX_PER_PAGE
            ? `perPage must be between 1 and ${MAX_PER_PAGE}`
            : 'since must be an ISO 8601 date and time';
      sendJson(res, 400, { message }, headers);
      return;
    }

    const all = tables[resource].items;
    const matching = since === undefined ? all : all.filter((item) => Date.parse(item.updatedAt as string) >= since);
    const start = (page - 1) * perPage;
    const body = { [resource]: matching.slice(start, start + perPage).map(embedder(query)) };
    if (start + perPage >= matching.length) {
      sendJson(res, 200, body, headers);
      return;
    }
    const next = new URLSearchParams(query);
    next.set('page', String(page + 1));
    const host = req.headers.host ?? fallbackHost;
    sendJson(res, 200, body, { ...headers, link: `<http://${host}${API_PREFIX}${resource}?${next}>; rel="next"` });
  }

  /** Creates (no `existing`) or updates an item from a `{"<singular>": {...}}` body. */
  async function write(
    req: IncomingMessage,
    res: ServerResponse,
    spec: ResourceSpec,
    table: Table,
    existing: JsonObject | undefined,
    embed: (item: JsonObject) => JsonObject,
    headers: Headers,
  ): Promise<void> {
    const body = await readObjectBody(req);
    if (!body.ok) {
      const message = body.reason === 'too_large' ? 'Request body too large' : 'Malformed JSON in request body';
      return sendJson(res, body.status, { message }, headers);
    }
    const fields = Object.hasOwn(body.value, spec.singular) ? body.value[spec.singular] : undefined;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      return sendJson(res, 400, { message: `The body must be an object with a "${spec.singular}" object` }, headers);
    }
    const written = fields as JsonObject;
    // Server-owned fields cannot be set; an own `__proto__` key (JSON.parse makes one) would
    // re-prototype the stored item in Object.assign.
    Reflect.deleteProperty(written, '__proto__');
    delete written.id;
    delete written.createdAt;
    delete written.updatedAt;

    const built = build(spec, existing ?? spec.defaults(), written);
    if ('errors' in built) {
      const errors = built.errors.map(([field, message]) => ({ message, resource: spec.singular, field }));
      return sendJson(res, 422, { message: 'Validation failed', errors }, headers);
    }
    const now = isoSeconds(Date.now());
    if (existing !== undefined) {
      // Mutate in place so `items()` and the id index keep pointing at the same object.
      Object.assign(existing, built.item, { updatedAt: now });
      return sendJson(res, 200, { [spec.singular]: embed(existing) }, headers);
    }
    const item = { id: table.nextId++, ...built.item, createdAt: now, updatedAt: now };
    table.items.push(item);
    table.byId.set(item.id, item);
    sendJson(res, 201, { [spec.singular]: embed(item) }, headers);
  }

  const running = await listen(options.host ?? '127.0.0.1', options.port ?? 0, handle, (res) =>
    sendJson(res, 500, { message: 'Internal server error' }),
  );
  fallbackHost = new URL(running.url).host;

  return {
    url: running.url,
    port: running.port,
    oauth,
    get requestCount() {
      return requestCount;
    },
    items: (resource) => tables[resource].items,
    failNext: (n, status, retryAfterSeconds) => failures.add(n, status, retryAfterSeconds),
    holdNext: (n) => hold.holdNext(n),
    release: () => hold.release(),
    get held() {
      return hold.held;
    },
    reset() {
      seed();
      requestCount = 0;
      rateWindow = { start: 0, count: 0 };
      failures.clear();
      hold.clear();
      oauth.reset();
    },
    close: running.close,
  };
}
