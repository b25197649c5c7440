import type { PaginationDefinition } from '../catalogue/schema.js';
import { badRequest } from '../errors.js';
import { valueAt } from '../json-path.js';

export interface PageResult {
  linkHeader: string | undefined;
  body: unknown;
  itemCount: number;
}

/** The `rel="next"` URL of an RFC 8288 Link header. */
export function nextLink(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (match && /(^|;)\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(match[2] as string)) return match[1];
  }
  return undefined;
}

/** The `ExclusiveWith` parameter the caller gave, which turns paging off; undefined when paging is on. */
function pagingOffBy(pagination: PaginationDefinition | undefined, has: (name: string) => boolean): string | undefined {
  if (pagination?.Style !== 'PageNumber') return undefined;
  return pagination.ExclusiveWith?.find(has);
}

/**
 * The paging parameters to leave out of the request, defaults included: those of a PageNumber method
 * when the caller gave one of its `ExclusiveWith` parameters (a provider such as Caspio ignores
 * `q.limit` as soon as a page or size is sent). Giving a page or size as well is refused, since one of
 * the two would be ignored.
 */
export function unsentPagingParameters(pagination: PaginationDefinition | undefined, given: Record<string, unknown>): string[] {
  const present = (name: string) => given[name] !== undefined && given[name] !== null;
  const off = pagingOffBy(pagination, present);
  if (off === undefined || pagination?.Style !== 'PageNumber') return [];
  const paging = [pagination.PageParam, pagination.SizeParam];
  const clash = paging.find(present);
  if (clash !== undefined) throw badRequest(`Parameters.${off} cannot be combined with Parameters.${clash}: paging ignores ${off}`);
  return paging;
}

/**
 * The parameters that fetch the page after this one, or null on the last page. Only the paging
 * parameters change; the URL of a next link is never followed as given (the method's endpoint is kept).
 * `current` holds the parameters this page was read with, defaults included.
 */
export function nextPageParameters(
  pagination: PaginationDefinition,
  current: ReadonlyMap<string, unknown>,
  page: PageResult,
): Record<string, unknown> | null {
  switch (pagination.Style) {
    case 'PageLink': {
      const link = nextLink(page.linkHeader);
      if (link === undefined) return null;
      const next = new URL(link, 'http://link.invalid').searchParams.get(pagination.PageParam);
      return next === null ? null : { [pagination.PageParam]: Number(next) };
    }
    case 'Offset': {
      if (valueAt(page.body, pagination.MorePath) !== true) return null;
      const start = Number(current.get(pagination.StartParam) ?? 0);
      const next = valueAt(page.body, pagination.NextStartPath) ?? start + page.itemCount;
      return { [pagination.StartParam]: Number(next) };
    }
    case 'PageNumber': {
      if (pagingOffBy(pagination, (name) => current.get(name) !== undefined) !== undefined) return null;
      const size = Number(current.get(pagination.SizeParam));
      if (page.itemCount === 0 || (Number.isFinite(size) && page.itemCount < size)) return null;
      return { [pagination.PageParam]: Number(current.get(pagination.PageParam) ?? pagination.FirstPage ?? 1) + 1 };
    }
    case 'Cursor': {
      const cursor = valueAt(page.body, pagination.NextCursorPath);
      return cursor === undefined || cursor === null || cursor === '' ? null : { [pagination.CursorParam]: cursor };
    }
  }
}
