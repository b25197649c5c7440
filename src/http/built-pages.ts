import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { packageRoot } from '../paths.js';

/** Where `npm run build` puts the console and the connect page. */
export const BUILT_DIR = path.join(packageRoot, 'dist', 'console');

/**
 * Scripts, styles and API calls from Patchbay's own origin only; never framed. Images also from
 * `imageOrigins`: the public URL's, which the connector icons' URLs name even when the page was opened
 * under another host name, and the partner's logo's.
 */
export function builtPageCsp(imageOrigins: string[]): string {
  return (
    `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:${[...new Set(imageOrigins)].map((o) => ` ${o}`).join('')}; ` +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
  );
}

/** The headers of a built file; assets carry a content hash in their names, a page must always be fresh. */
export function builtPageHeaders(reply: FastifyReply, csp: string, file: string): void {
  reply.header('content-security-policy', csp);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
  reply.header('cache-control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
}

/** A built page, read once at start-up; undefined when the build has not run. */
export function readBuiltPage(name: string): Buffer | undefined {
  const file = path.join(BUILT_DIR, name);
  return existsSync(file) ? readFileSync(file) : undefined;
}
