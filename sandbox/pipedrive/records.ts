// The simulator's records: one table per resource, each item kept in its API v2 shape (RFC 3339 times,
// `emails`/`phones` lists, integer ids). v1 answers are views of the same items (see v1.ts).
import type { JsonObject } from '../http-util.js';

export type PipedriveResource = 'persons' | 'organizations' | 'deals' | 'activities' | 'products';

export type FieldType = 'int' | 'number' | 'bool' | 'string' | 'int[]' | 'contacts' | 'object';

export interface ResourceSpec {
  /** Singular used in "Person not found". */
  noun: string;
  /** The `type` of the resource's search results. */
  type: string;
  required: { field: string; message: string };
  /** Writable fields with a known type; others are stored as sent. */
  types: Record<string, FieldType>;
  defaults(): JsonObject;
}

export interface Table {
  items: JsonObject[];
  byId: Map<number, JsonObject>;
  nextId: number;
}

const today = () => new Date().toISOString().slice(0, 10);

export const RESOURCES: Record<PipedriveResource, ResourceSpec> = {
  persons: {
    noun: 'Person',
    type: 'person',
    required: { field: 'name', message: 'Name must be given' },
    types: {
      name: 'string',
      org_id: 'int',
      owner_id: 'int',
      visible_to: 'int',
      emails: 'contacts',
      phones: 'contacts',
      label_ids: 'int[]',
      job_title: 'string',
    },
    defaults: () => ({
      name: '',
      first_name: '',
      last_name: '',
      owner_id: 1,
      org_id: null,
      emails: [],
      phones: [],
      is_deleted: false,
      visible_to: 3,
      label_ids: [],
      picture_id: null,
      job_title: null,
      custom_fields: {},
    }),
  },
  organizations: {
    noun: 'Organization',
    type: 'organization',
    required: { field: 'name', message: 'Name must be given' },
    types: { name: 'string', owner_id: 'int', visible_to: 'int', label_ids: 'int[]', address: 'object' },
    defaults: () => ({
      name: '',
      owner_id: 1,
      is_deleted: false,
      visible_to: 3,
      address: null,
      label_ids: [],
      website: null,
      custom_fields: {},
    }),
  },
  deals: {
    noun: 'Deal',
    type: 'deal',
    required: { field: 'title', message: 'Title must be given' },
    types: {
      title: 'string',
      value: 'number',
      currency: 'string',
      status: 'string',
      owner_id: 'int',
      person_id: 'int',
      org_id: 'int',
      pipeline_id: 'int',
      stage_id: 'int',
      visible_to: 'int',
      probability: 'number',
      label_ids: 'int[]',
    },
    defaults: () => ({
      title: '',
      owner_id: 1,
      person_id: null,
      org_id: null,
      pipeline_id: 1,
      stage_id: 1,
      value: 0,
      currency: 'USD',
      stage_change_time: null,
      is_deleted: false,
      is_archived: false,
      status: 'open',
      probability: null,
      lost_reason: null,
      visible_to: 3,
      close_time: null,
      won_time: null,
      lost_time: null,
      expected_close_date: null,
      label_ids: [],
      origin: 'API',
      custom_fields: {},
    }),
  },
  activities: {
    noun: 'Activity',
    type: 'activity',
    required: { field: 'subject', message: 'Subject must be given' },
    types: {
      subject: 'string',
      type: 'string',
      owner_id: 'int',
      deal_id: 'int',
      person_id: 'int',
      org_id: 'int',
      due_date: 'string',
      due_time: 'string',
      duration: 'string',
      done: 'bool',
      busy: 'bool',
      note: 'string',
    },
    defaults: () => ({
      subject: '',
      type: 'call',
      owner_id: 1,
      creator_user_id: 1,
      is_deleted: false,
      deal_id: null,
      lead_id: null,
      person_id: null,
      org_id: null,
      project_id: null,
      due_date: today(),
      due_time: null,
      duration: null,
      busy: false,
      done: false,
      marked_as_done_time: null,
      participants: [],
      note: null,
    }),
  },
  products: {
    noun: 'Product',
    type: 'product',
    required: { field: 'name', message: 'Name must be given' },
    types: {
      name: 'string',
      code: 'string',
      unit: 'string',
      tax: 'number',
      owner_id: 'int',
      visible_to: 'int',
      description: 'string',
      category: 'string',
    },
    defaults: () => ({
      name: '',
      code: null,
      unit: null,
      tax: 0,
      is_deleted: false,
      is_linkable: true,
      visible_to: 3,
      owner_id: 1,
      description: null,
      category: null,
      billing_frequency: 'one-time',
      billing_frequency_cycles: null,
      prices: [],
      custom_fields: {},
    }),
  },
};

export const RESOURCE_NAMES = Object.keys(RESOURCES) as PipedriveResource[];
/** Seed timestamps are fixed so `reset()` restores identical data. */
const SEED_EPOCH = Date.UTC(2024, 0, 1);
/** Fields the server owns (the times a status change sets among them): a client's value for them is dropped. */
const SERVER_OWNED = [
  'id',
  'add_time',
  'update_time',
  'is_deleted',
  'creator_user_id',
  'first_name',
  'last_name',
  'stage_change_time',
  'close_time',
  'won_time',
  'lost_time',
  'marked_as_done_time',
];

/** `2024-01-22T08:55:59Z`, the v2 time format (RFC 3339, UTC, whole seconds). */
export function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** A `{value, primary, label}` list from strings or objects; the first entry is primary unless one says so. */
export function contactList(input: unknown, label: string): JsonObject[] | undefined {
  const entries = Array.isArray(input) ? input : input === null || input === '' ? [] : [input];
  const out: JsonObject[] = [];
  for (const [i, entry] of entries.entries()) {
    const obj: JsonObject = typeof entry === 'object' && entry !== null ? (entry as JsonObject) : { value: entry };
    if (typeof obj.value !== 'string' && typeof obj.value !== 'number') return undefined;
    out.push({
      value: String(obj.value),
      primary: obj.primary === true || obj.primary === 'true' || (obj.primary === undefined && i === 0),
      label: typeof obj.label === 'string' ? obj.label : label,
    });
  }
  return out;
}

/** Checks typed fields in place (no coercion: v2 bodies are JSON); returns the first field of the wrong type. */
export function checkTypes(body: JsonObject, types: Record<string, FieldType>): string | undefined {
  for (const [field, type] of Object.entries(types)) {
    const v = body[field];
    if (v === undefined || v === null) continue;
    const ok =
      type === 'int'
        ? Number.isInteger(v)
        : type === 'number'
          ? typeof v === 'number' && Number.isFinite(v)
          : type === 'bool'
            ? typeof v === 'boolean'
            : type === 'string'
              ? typeof v === 'string'
              : type === 'int[]'
                ? Array.isArray(v) && v.every(Number.isInteger)
                : type === 'object'
                  ? typeof v === 'object' && !Array.isArray(v)
                  : Array.isArray(v);
    if (!ok) return field;
    if (type === 'contacts') {
      const list = contactList(v, 'work');
      if (list === undefined) return field;
      body[field] = list;
    }
  }
  return undefined;
}

/** A write body stripped of what the server owns; an own `__proto__` key (JSON.parse makes one) would re-prototype the item. */
export function writable(fields: JsonObject): JsonObject {
  Reflect.deleteProperty(fields, '__proto__');
  for (const key of SERVER_OWNED) delete fields[key];
  return fields;
}

/** A person's first and last name, split from the name at its first space. */
function names(item: JsonObject): void {
  if (typeof item.name !== 'string' || !('first_name' in item)) return;
  const at = item.name.indexOf(' ');
  item.first_name = at === -1 ? item.name : item.name.slice(0, at);
  item.last_name = at === -1 ? '' : item.name.slice(at + 1);
}

/** Creates an item from checked fields and stores it. */
export function insert(table: Table, spec: ResourceSpec, fields: JsonObject, now: number): JsonObject {
  const time = rfc3339(now);
  const item: JsonObject = { id: table.nextId++, ...spec.defaults(), ...fields, add_time: time, update_time: time };
  names(item);
  table.items.push(item);
  table.byId.set(item.id as number, item);
  return item;
}

/** Merges checked fields into an item in place, so `items()` and the id index keep pointing at it. */
export function merge(item: JsonObject, fields: JsonObject, now: number): JsonObject {
  Object.assign(item, fields, { update_time: rfc3339(now) });
  names(item);
  return item;
}

export function remove(table: Table, item: JsonObject): void {
  table.byId.delete(item.id as number);
  table.items.splice(table.items.indexOf(item), 1);
}

function seedItem(resource: PipedriveResource, id: number, counts: Record<PipedriveResource, number>): JsonObject {
  const ms = SEED_EPOCH + id * 60_000;
  const relate = (res: PipedriveResource): number | null => (counts[res] > 0 ? ((id - 1) % counts[res]) + 1 : null);
  const fields: Record<PipedriveResource, () => JsonObject> = {
    persons: () => ({
      name: `Person ${id}`,
      emails: contactList(`person${id}@example.com`, 'work'),
      phones: contactList(`+1555${String(id).padStart(7, '0')}`, 'work'),
      org_id: relate('organizations'),
    }),
    organizations: () => ({ name: `Organization ${id}`, address: { value: `${id} Main Street` } }),
    deals: () => ({ title: `Deal ${id}`, value: id * 1000, person_id: relate('persons'), org_id: relate('organizations') }),
    activities: () => ({
      subject: `Activity ${id}`,
      due_date: rfc3339(ms).slice(0, 10),
      deal_id: relate('deals'),
      person_id: relate('persons'),
    }),
    products: () => ({ name: `Product ${id}`, code: `P-${id}`, prices: [{ currency: 'USD', price: id * 10, cost: 0 }] }),
  };
  const item: JsonObject = {
    id,
    ...RESOURCES[resource].defaults(),
    ...fields[resource](),
    add_time: rfc3339(ms),
    update_time: rfc3339(ms),
  };
  names(item);
  return item;
}

/** Fresh tables with `counts` deterministic items each (`Person 1`, fixed 2024-01-01 times, related ids round-robin). */
export function seedTables(counts: Record<PipedriveResource, number>): Record<PipedriveResource, Table> {
  const tables = {} as Record<PipedriveResource, Table>;
  for (const resource of RESOURCE_NAMES) {
    const items = Array.from({ length: counts[resource] }, (_, i) => seedItem(resource, i + 1, counts));
    tables[resource] = { items, byId: new Map(items.map((item) => [item.id as number, item])), nextId: items.length + 1 };
  }
  return tables;
}
