// Search over the simulator's items, shared by v2 (`/api/v2/persons/search`, `/deals/search`, `/itemSearch`)
// and v1 (`/v1/persons/search`, ...): which items match a term, their score, and the result shapes.
import type { JsonObject } from '../http-util.js';
import type { PipedriveResource, Table } from './records.js';

export interface SearchHit {
  result_score: number;
  item: JsonObject;
}

/** The searchable fields of each resource, by the names `fields` takes. */
const SEARCHABLE: Partial<Record<PipedriveResource, Record<string, (item: JsonObject) => string[]>>> = {
  persons: {
    name: (p) => [String(p.name ?? '')],
    email: (p) => contactValues(p.emails),
    phone: (p) => contactValues(p.phones),
    notes: () => [],
    custom_fields: () => [],
  },
  organizations: {
    name: (o) => [String(o.name ?? '')],
    address: (o) => [String((o.address as JsonObject | null)?.value ?? '')],
    notes: () => [],
    custom_fields: () => [],
  },
  deals: { title: (d) => [String(d.title ?? '')], notes: () => [], custom_fields: () => [] },
  products: { name: (p) => [String(p.name ?? '')], code: (p) => [String(p.code ?? '')], custom_fields: () => [] },
};

export const SEARCH_TYPES: Record<string, PipedriveResource> = {
  person: 'persons',
  organization: 'organizations',
  deal: 'deals',
  product: 'products',
};

function contactValues(list: unknown): string[] {
  return Array.isArray(list) ? list.map((c) => String((c as JsonObject).value ?? '')).filter((v) => v !== '') : [];
}

/** The field names `fields` may list for these resources; an unknown one is a 400. */
export function searchableFields(resources: PipedriveResource[]): Set<string> {
  return new Set(resources.flatMap((r) => Object.keys(SEARCHABLE[r] ?? {})));
}

/** The score of one value: 1 for an exact (case-insensitive) match, else the share of the value the term covers. */
function score(value: string, term: string, exact: boolean): number {
  const v = value.toLowerCase();
  if (v === term) return 1;
  if (exact || !v.includes(term)) return 0;
  return Math.round((term.length / v.length) * 1000) / 1000;
}

/** Matching items of the resources, best first (ties by type order, then id). */
export function search(
  tables: Record<PipedriveResource, Table>,
  resources: PipedriveResource[],
  term: string,
  fields: string[] | undefined,
  exact: boolean,
  filter: (resource: PipedriveResource, item: JsonObject) => boolean = () => true,
): SearchHit[] {
  const wanted = term.toLowerCase();
  const hits: SearchHit[] = [];
  for (const resource of resources) {
    const searchable = SEARCHABLE[resource] ?? {};
    const names = Object.keys(searchable).filter((name) => fields === undefined || fields.includes(name));
    for (const item of tables[resource].items) {
      if (!filter(resource, item)) continue;
      const best = Math.max(
        0,
        ...names.flatMap((name) => (searchable[name] as (i: JsonObject) => string[])(item).map((v) => score(v, wanted, exact))),
      );
      if (best > 0) hits.push({ result_score: best, item: resultItem(tables, resource, item) });
    }
  }
  return hits.sort((a, b) => b.result_score - a.result_score);
}

/** The short form of an item in search results: related objects as `{id, name}`, emails and phones as plain strings. */
function resultItem(tables: Record<PipedriveResource, Table>, resource: PipedriveResource, item: JsonObject): JsonObject {
  const related = (res: PipedriveResource, id: unknown, key = 'name') => {
    const found = typeof id === 'number' ? tables[res].byId.get(id) : undefined;
    return found === undefined ? null : { id: found.id, name: found[key] };
  };
  const common = { id: item.id, visible_to: item.visible_to, owner: { id: item.owner_id }, custom_fields: [] as string[] };
  switch (resource) {
    case 'persons':
      return {
        ...common,
        type: 'person',
        name: item.name,
        phones: contactValues(item.phones),
        emails: contactValues(item.emails),
        organization: related('organizations', item.org_id),
        notes: [],
      };
    case 'organizations':
      return { ...common, type: 'organization', name: item.name, address: (item.address as JsonObject | null)?.value ?? null, notes: [] };
    case 'deals':
      return {
        ...common,
        type: 'deal',
        title: item.title,
        value: item.value,
        currency: item.currency,
        status: item.status,
        stage: { id: item.stage_id, name: `Stage ${item.stage_id}` },
        person: related('persons', item.person_id),
        organization: related('organizations', item.org_id),
        notes: [],
        is_archived: item.is_archived,
      };
    default:
      return { ...common, type: 'product', name: item.name, code: item.code };
  }
}
