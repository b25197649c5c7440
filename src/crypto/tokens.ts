import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe token with the given prefix (prefixes make leaked tokens recognisable). */
export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Bearer tokens and client secrets are high-entropy, so a plain SHA-256 is a sufficient at-rest hash. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'base64url');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Shows enough of a secret to recognise it, never the whole of it. */
export function maskSecret(secret: string): string {
  if (secret.length <= 8) return '****';
  return `${'*'.repeat(Math.min(secret.length - 4, 12))}${secret.slice(-4)}`;
}
