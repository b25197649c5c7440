// API v1 (`/v1/...`, `/api/v1/...`): offset-paginated lists, CRUD with PUT, search, the current
// user. Items are views of the v2 records: `email`/`phone` lists, `2019-01-22 08:55:59` times, string `visible_to`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type JsonObject, readObjectBody, sendJson } from '../http-util.js';
import {
  checkTypes,
  contactList,
  insert,
  merge,
  type PipedriveResource,
  RESOURCES,
  type ResourceSpec,
  remove,
  writable,
} from './records.js';
import { SEARCH_TYPES, search, searchableFields } from './search.js';
import { type ApiContext, errorBody } from './v2.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;
const V2_TIME = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)Z$/;

/** The user every token belongs to: `/v1/users/me`. */
const CURRENT_USER = {
  id: 1,
  name: 'Test User',
  email: 'user@example.com',
  lang: 1,
  locale: 'en_US',
  timezone_name: 'Europe/Tallinn',
  timezone_offset: '+02:00',
  default_currency: 'USD',
  icon_url: null,
  active_flag: true,
  is_admin: 1,
  role_id: 1,
  created: '2024-01-01 00:00:00',
  modified: '2024-01-01 00:00:00',
  has_created_company: true,
  is_you: true,
  company_id: 1,
  company_name: 'Test Company',
  company_domain: 'testco',
  company_country: 'US',
  company_industry: null,
};

/** `2024-01-22T08:55:59Z` as v1 writes it: `2024-01-22 08:55:59`. */
function v1Time(value: unknown): unknown {
  const match = typeof value === 'string' ? V2_TIME.exec(value) : null;
  return match === null ? value : `${match[1]} ${match[2]}`;
}

/** The v1 shape of a record. */
export function v1View(resource: PipedriveResource, item: JsonObject): JsonObject {
  const view: JsonObject = {};
  for (const [key, value] of Object.entries(item)) view[key] = key.endsWith('_time') ? v1Time(value) : value;
  view.visible_to = String(item.visible_to);
  view.active_flag = item.is_deleted !== true;
  delete view.is_deleted;
  if (resource === 'persons') {
    const emails = item.emails as JsonObject[];
    const phones = item.phones as JsonObject[];
    delete view.emails;
    delete view.phones;
    view.email = emails.length > 0 ? emails : [{ value: '', primary: true }];
    view.phone = phones.length > 0 ? phones : [{ value: '', primary: true }];
    view.primary_email = emails.find((e) => e.primary === true)?.value ?? null;
  }
  if (resource === 'organizations') view.address = (item.address as JsonObject | null)?.value ?? null;
  if (resource === 'deals') {
    view.active = item.status === 'open';
    view.deleted = item.status === 'deleted';
  }
  return view;
}

/** Coerces form-encoded strings of known numeric and boolean fields; returns the first field that cannot be. */
function coerce(body: JsonObject, spec: ResourceSpec): string | undefined {
  for (const [field, type] of Object.entries(spec.types)) {
    const v = body[field];
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    if (type === 'bool') {
      if (v === 1 || v === '1' || v === 'true') body[field] = true;
      else if (v === 0 || v === '0' || v === 'false') body[field] = false;
      else return field;
    } else if (type === 'int' || type === 'number') {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n) || (type === 'int' && !Number.isInteger(n))) return field;
      body[field] = n;
    }
  }
  return undefined;
}

class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

async function writeBody(req: IncomingMessage, spec: ResourceSpec, resource: PipedriveResource, creating: boolean): Promise<JsonObject> {
  const body = await readObjectBody(req, true);
  if (!body.ok)
    throw new BadRequest(body.reason === 'too_large' ? 'Request entity too large' : 'Malformed JSON in request body', body.status);
  const fields = writable(body.value);
  const { field, message } = spec.required;
  const required = fields[field];
  if ((creating || required !== undefined) && (typeof required !== 'string' || required.trim() === '')) throw new BadRequest(message);
  const bad = coerce(fields, spec);
  if (bad !== undefined) throw new BadRequest(`Invalid value for field ${bad}`);
  if (resource === 'persons') {
    for (const [v1, v2] of [
      ['email', 'emails'],
      ['phone', 'phones'],
    ] as const) {
      if (fields[v1] === undefined) continue;
      const list = contactList(fields[v1], 'work');
      if (list === undefined) throw new BadRequest(`Invalid value for field ${v1}`);
      fields[v2] = list.filter((c) => c.value !== '');
      delete fields[v1];
    }
  }
  if (typeof fields.address === 'string') fields.address = { value: fields.address };
  if (typeof fields.visible_to === 'string' && /^\d+$/.test(fields.visible_to)) fields.visible_to = Number(fields.visible_to);
  const wrong = checkTypes(fields, spec.types);
  if (wrong !== undefined) throw new BadRequest(`Invalid value for field ${wrong}`);
  return fields;
}

/** Parses an optional non-negative decimal integer query parameter; undefined when malformed. */
function intParam(raw: string | null, fallback: number): number | undefined {
  if (raw === null || raw === '') return fallback;
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** `start`/`limit` paging of `all`; limit capped at 500 as v1 does. */
function offsetPage(all: unknown[], query: URLSearchParams): { items: unknown[]; pagination: JsonObject } {
  const start = intParam(query.get('start'), 0);
  const requested = intParam(query.get('limit'), DEFAULT_LIMIT);
  if (start === undefined || requested === undefined || requested < 1) {
    throw new BadRequest(`Invalid ${start === undefined ? 'start' : 'limit'} parameter`);
  }
  const limit = Math.min(requested, MAX_LIMIT);
  const more = start + limit < all.length;
  const pagination = more
    ? { start, limit, more_items_in_collection: true, next_start: start + limit }
    : { start, limit, more_items_in_collection: false };
  return { items: all.slice(start, start + limit), pagination };
}

function searchAnswer(ctx: ApiContext, resources: PipedriveResource[], query: URLSearchParams): JsonObject {
  const term = (query.get('term') ?? '').trim();
  const exact = query.get('exact_match') === 'true' || query.get('exact_match') === '1';
  if (term.length < (exact ? 1 : 2)) throw new BadRequest('Search term must be at least 2 characters long');
  const fieldsParam = query.get('fields');
  const fields = fieldsParam === null || fieldsParam === '' ? undefined : fieldsParam.split(',').map((f) => f.trim());
  const known = searchableFields(resources);
  const unknown = fields?.find((f) => !known.has(f));
  if (unknown !== undefined) throw new BadRequest(`Invalid fields: ${unknown} cannot be searched`);
  const hits = search(ctx.tables, resources, term, fields, exact);
  const { items, pagination } = offsetPage(hits, query);
  return { success: true, data: { items }, additional_data: { pagination } };
}

/** Answers one v1 request; `parts` are the path segments after `/v1/` or `/api/v1/`. */
export async function handleV1(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  parts: string[],
  query: URLSearchParams,
): Promise<void> {
  const { headers } = ctx;
  const [name, idPart, extra] = parts;
  const method = req.method;
  const unknown = () => sendJson(res, 404, errorBody('Unknown method .'), headers);
  try {
    if (name === 'users' && idPart === 'me' && extra === undefined && method === 'GET') {
      return sendJson(res, 200, { success: true, data: CURRENT_USER }, headers);
    }
    if (name === 'itemSearch' && idPart === undefined && method === 'GET') {
      return sendJson(res, 200, searchAnswer(ctx, Object.values(SEARCH_TYPES), query), headers);
    }
    const resource = name as PipedriveResource;
    const spec = Object.hasOwn(RESOURCES, resource) ? RESOURCES[resource] : undefined;
    if (spec === undefined || extra !== undefined || idPart === '') return unknown();
    // Named sub-paths are routes of their own, never read as an id.
    if (idPart === 'search' && method === 'GET' && resource !== 'activities') {
      return sendJson(res, 200, searchAnswer(ctx, [resource], query), headers);
    }
    const table = ctx.tables[resource];
    if (idPart === undefined) {
      if (method === 'GET') {
        const { items, pagination } = offsetPage(table.items, query);
        const data = items.length > 0 ? items.map((item) => v1View(resource, item as JsonObject)) : null;
        return sendJson(res, 200, { success: true, data, additional_data: { pagination } }, headers);
      }
      if (method === 'POST') {
        const item = insert(table, spec, await writeBody(req, spec, resource, true), ctx.now());
        return sendJson(res, 201, { success: true, data: v1View(resource, item), additional_data: {} }, headers);
      }
      return unknown();
    }
    // v1 updates these resources with PUT only; PATCH is v2's.
    if (method !== 'GET' && method !== 'PUT' && method !== 'DELETE') return unknown();
    const item = /^\d+$/.test(idPart) ? table.byId.get(Number(idPart)) : undefined;
    if (item === undefined) return sendJson(res, 404, errorBody(`${spec.noun} not found`), headers);
    if (method === 'GET') return sendJson(res, 200, { success: true, data: v1View(resource, item), additional_data: {} }, headers);
    if (method === 'DELETE') {
      remove(table, item);
      return sendJson(res, 200, { success: true, data: { id: item.id }, additional_data: {} }, headers);
    }
    const fields = await writeBody(req, spec, resource, false);
    return sendJson(res, 200, { success: true, data: v1View(resource, merge(item, fields, ctx.now())), additional_data: {} }, headers);
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    return sendJson(res, error.status, errorBody(error.message), headers);
  }
}
