/** A dotted path into a JSON value (`additional_data.pagination.next_start`); empty path is the value itself. */
export function valueAt(value: unknown, path: string | undefined): unknown {
  if (path === undefined || path === '') return value;
  if (!path.includes('.')) return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[path] : undefined;
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
