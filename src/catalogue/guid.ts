import { createHash } from 'node:crypto';

/** A GUID derived from a name: the same name always gives the same GUID (shaped like a version-5 UUID). */
export function stableGuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
