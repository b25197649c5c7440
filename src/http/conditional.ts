/**
 * Whether an If-None-Match header names the current entity tag, so the answer is 304 Not Modified.
 * RFC 9110 section 13.1.2: a list of tags or `*`, compared weakly (a `W/` prefix does not matter).
 */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
