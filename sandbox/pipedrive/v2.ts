// API v2 (`/api/v2/...`): cursor-paginated lists with filters and sorting, CRUD with PATCH, and search.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type JsonObject, readObjectBody, sendJson } from '../http-util.js';
import {
  checkTypes,
  insert,
  merge,
  type PipedriveResource,
  RESOURCES,
  type ResourceSpec,
  remove,
  type Table,
  writable,
} from './records.js';
import { SEARCH_TYPES, search, searchableFields } from './search.js';

export interface ApiContext {
  tables: Record<PipedriveResource, Table>;
  headers: Record<string, number>;
  now(): number;
}

const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;
/** The related-id filters each list takes, besides `ids`, `owner_id`, `updated_since` and `updated_until`. */
const FILTERS: Record<PipedriveResource, string[]> = {
  persons: ['org_id'],
  organizations: [],
  deals: ['person_id', 'org_id', 'pipeline_id', 'stage_id'],
  activities: ['deal_id', 'person_id', 'org_id'],
  products: [],
};
const SORT_KEYS: Record<PipedriveResource, string[]> = {
  persons: ['id', 'update_time', 'add_time'],
  organizations: ['id', 'update_time', 'add_time'],
  deals: ['id', 'update_time', 'add_time'],
  activities: ['id', 'update_time', 'add_time', 'due_date'],
  products: ['id', 'name', 'add_time', 'update_time'],
};

export function errorBody(error: string): JsonObject {
  return { success: false, error, error_info: ERROR_INFO, data: null, additional_data: null };
}

class BadRequest extends Error {}

/** An opaque cursor: the position of the next page's first item, base64url-encoded. */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ first: offset })).toString('base64url');
}

function decodeCursor(cursor: string | null): number {
  if (cursor === null || cursor === '') return 0;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const first = (decoded as { first?: unknown }).first;
    if (Number.isInteger(first) && (first as number) >= 0) return first as number;
  } catch {
    // fall through: not a cursor of ours
  }
  throw new BadRequest('Invalid cursor');
}

function limitOf(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return DEFAULT_LIMIT;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= MAX_LIMIT)) throw new BadRequest(`Invalid limit: must be an integer from 1 to ${MAX_LIMIT}`);
  return n;
}

function intOf(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new BadRequest(`Invalid ${name}: must be an integer`);
  return Number(raw);
}

function timeOf(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw new BadRequest(`Invalid ${name}: must be an RFC 3339 date and time, e.g. 2024-01-22T08:55:59Z`);
  return ms;
}

/** One page of `all` from the cursor, with the envelope v2 lists answer. */
function page(all: unknown[], query: URLSearchParams): JsonObject {
  const limit = limitOf(query);
  const start = decodeCursor(query.get('cursor'));
  const items = all.slice(start, start + limit);
  const next = start + limit < all.length ? encodeCursor(start + limit) : null;
  return { items, next };
}

function list(resource: PipedriveResource, ctx: ApiContext, query: URLSearchParams): JsonObject {
  const ids = query.get('ids');
  const idSet = ids === null || ids === '' ? undefined : new Set(ids.split(',').map((s) => Number(s.trim())));
  if (idSet !== undefined && [...idSet].some((id) => !Number.isInteger(id)))
    throw new BadRequest('Invalid ids: must be comma-separated integers');
  const owner = intOf(query, 'owner_id');
  const related = FILTERS[resource].map((name) => [name, intOf(query, name)] as const).filter(([, v]) => v !== undefined);
  const since = timeOf(query, 'updated_since');
  const until = resource === 'products' ? undefined : timeOf(query, 'updated_until');
  const sortBy = query.get('sort_by') ?? 'id';
  if (!SORT_KEYS[resource].includes(sortBy)) throw new BadRequest(`Invalid sort_by: must be one of ${SORT_KEYS[resource].join(', ')}`);
  const direction = query.get('sort_direction') ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') throw new BadRequest('Invalid sort_direction: must be asc or desc');
  const status = resource === 'deals' ? query.get('status') : null;
  const done = resource === 'activities' ? query.get('done') : null;

  const matching = ctx.tables[resource].items.filter((item) => {
    const updated = Date.parse(item.update_time as string);
    return (
      (idSet === undefined || idSet.has(item.id as number)) &&
      (owner === undefined || item.owner_id === owner) &&
      related.every(([name, v]) => item[name] === v) &&
      (since === undefined || updated >= since) &&
      (until === undefined || updated < until) &&
      (status === null || item.status === status) &&
      (done === null || String(item.done) === done)
    );
  });
  const sign = direction === 'asc' ? 1 : -1;
  matching.sort((a, b) => {
    const x = a[sortBy] as string | number;
    const y = b[sortBy] as string | number;
    return (x < y ? -1 : x > y ? 1 : (a.id as number) - (b.id as number)) * sign;
  });
  const { items, next } = page(matching, query);
  return { success: true, data: items, additional_data: { next_cursor: next } };
}

function searchAnswer(ctx: ApiContext, resources: PipedriveResource[], query: URLSearchParams, resource?: PipedriveResource): JsonObject {
  const term = (query.get('term') ?? '').trim();
  const exact = query.get('exact_match') === 'true';
  if (term.length < (exact ? 1 : 2)) throw new BadRequest('The term must be at least 2 characters long (1 with exact_match)');
  const fieldsParam = query.get('fields');
  const fields = fieldsParam === null || fieldsParam === '' ? undefined : fieldsParam.split(',').map((f) => f.trim());
  const known = searchableFields(resources);
  const unknown = fields?.find((f) => !known.has(f));
  if (unknown !== undefined) throw new BadRequest(`Invalid fields: ${unknown} cannot be searched`);
  const org = intOf(query, 'organization_id');
  const person = resource === 'deals' ? intOf(query, 'person_id') : undefined;
  const status = resource === 'deals' ? query.get('status') : null;
  const hits = search(ctx.tables, resources, term, fields, exact, (_res, item) => {
    return (
      (org === undefined || item.org_id === org) &&
      (person === undefined || item.person_id === person) &&
      (status === null || item.status === status)
    );
  });
  const { items, next } = page(hits, query);
  return { success: true, data: { items }, additional_data: { next_cursor: next } };
}

function itemSearchTypes(query: URLSearchParams): PipedriveResource[] {
  const raw = query.get('item_types');
  if (raw === null || raw === '') return Object.values(SEARCH_TYPES);
  return raw.split(',').map((type) => {
    const resource = SEARCH_TYPES[type.trim()];
    if (resource === undefined) throw new BadRequest(`Invalid item_types: ${type} cannot be searched`);
    return resource;
  });
}

/** Reads a JSON write body and checks it; throws BadRequest with the message v2 gives. */
async function writeBody(req: IncomingMessage, spec: ResourceSpec, creating: boolean): Promise<JsonObject> {
  const body = await readObjectBody(req);
  if (!body.ok) throw new BadRequest(body.reason === 'too_large' ? 'Request entity too large' : 'Malformed JSON in request body');
  const fields = writable(body.value);
  const { field, message } = spec.required;
  const required = fields[field];
  if ((creating || required !== undefined) && (typeof required !== 'string' || required.trim() === '')) throw new BadRequest(message);
  const bad = checkTypes(fields, spec.types);
  if (bad !== undefined) throw new BadRequest(`Invalid value for field ${bad}`);
  if (typeof fields.address === 'string') fields.address = { value: fields.address };
  return fields;
}

/** Answers one `/api/v2/...` request; `parts` are the path segments after `/api/v2/`. */
export async function handleV2(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  parts: string[],
  query: URLSearchParams,
): Promise<void> {
  const { headers } = ctx;
  const [name, idPart, extra] = parts;
  const method = req.method;
  try {
    if (name === 'itemSearch' && idPart === undefined && method === 'GET') {
      return sendJson(res, 200, searchAnswer(ctx, itemSearchTypes(query), query), headers);
    }
    const resource = name as PipedriveResource;
    const spec = Object.hasOwn(RESOURCES, resource) ? RESOURCES[resource] : undefined;
    if (spec === undefined || extra !== undefined || idPart === '') return sendJson(res, 404, errorBody('Unknown method .'), headers);
    if (idPart === 'search' && method === 'GET' && resource !== 'activities') {
      return sendJson(res, 200, searchAnswer(ctx, [resource], query, resource), headers);
    }
    const table = ctx.tables[resource];
    if (idPart === undefined) {
      if (method === 'GET') return sendJson(res, 200, list(resource, ctx, query), headers);
      if (method === 'POST') {
        const item = insert(table, spec, await writeBody(req, spec, true), ctx.now());
        return sendJson(res, 200, { success: true, data: item }, headers);
      }
      return sendJson(res, 404, errorBody('Unknown method .'), headers);
    }
    if (method !== 'GET' && method !== 'PATCH' && method !== 'DELETE') return sendJson(res, 404, errorBody('Unknown method .'), headers);
    const item = /^\d+$/.test(idPart) ? table.byId.get(Number(idPart)) : undefined;
    if (item === undefined) return sendJson(res, 404, errorBody(`${spec.noun} not found`), headers);
    if (method === 'GET') return sendJson(res, 200, { success: true, data: item }, headers);
    if (method === 'DELETE') {
      remove(table, item);
      return sendJson(res, 200, { success: true, data: { id: item.id } }, headers);
    }
    const fields = await writeBody(req, spec, false);
    return sendJson(res, 200, { success: true, data: merge(item, fields, ctx.now()) }, headers);
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    const status = error.message === 'Request entity too large' ? 413 : 400;
    return sendJson(res, status, errorBody(error.message), headers);
  }
}
