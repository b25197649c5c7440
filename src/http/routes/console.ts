import fastifyStatic from '@fastify/static';
import { notFound } from '../../errors.js';
import { BUILT_DIR, builtPageCsp, builtPageHeaders, readBuiltPage } from '../built-pages.js';
import type { App } from './types.js';

/**
 * The partner console at /console/: static files built from console/ (React). It uses the public API
 * like any client, so the only thing served here is the files.
 */
export async function consoleRoutes(app: App, publicUrl: string): Promise<void> {
  const csp = builtPageCsp([new URL(publicUrl).origin]);
  const page = readBuiltPage('index.html');
  if (page === undefined) {
    app.get('/console/*', { schema: { hide: true } }, async () => {
      throw notFound('The console is not built: run npm run build');
    });
    return;
  }
  // /console and /console/ (the router ignores the trailing slash): the page routes itself by the URL's #.
  app.get('/console', { schema: { hide: true } }, async (_request, reply) => {
    builtPageHeaders(reply, csp, 'index.html');
    return reply.type('text/html; charset=utf-8').send(page);
  });
  await app.register(fastifyStatic, {
    root: BUILT_DIR,
    prefix: '/console/',
    index: false,
    // /docs registered the plugin's reply decorators already.
    decorateReply: false,
    setHeaders: (reply, file) => builtPageHeaders(reply, csp, file),
  });
}
