import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import { notFound } from '../../errors.js';
import { packageRoot } from '../../paths.js';
import type { App } from './types.js';

/** Where `npm run build` puts the console. */
const CONSOLE_DIR = path.join(packageRoot, 'dist', 'console');

/** Scripts, styles and API calls from Patchbay's own origin only; the console is never framed. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The partner console at /console/: static files built from console/ (React). It uses the public API
 * like any client, so the only thing served here is the files.
 */
export async function consoleRoutes(app: App): Promise<void> {
  const index = path.join(CONSOLE_DIR, 'index.html');
  if (!existsSync(index)) {
    app.get('/console/*', { schema: { hide: true } }, async () => {
      throw notFound('The console is not built: run npm run build');
    });
    return;
  }
  const page = readFileSync(index);
  const headers = (reply: FastifyReply, file: string) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    // Built assets carry a content hash in their names; the page itself must always be fresh.
    reply.header('cache-control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
  };
  // /console and /console/ (the router ignores the trailing slash): the page routes itself by the URL's #.
  app.get('/console', { schema: { hide: true } }, async (_request, reply) => {
    headers(reply, index);
    return reply.type('text/html; charset=utf-8').send(page);
  });
  await app.register(fastifyStatic, {
    root: CONSOLE_DIR,
    prefix: '/console/',
    index: false,
    // /docs registered the plugin's reply decorators already.
    decorateReply: false,
    setHeaders: headers,
  });
}
