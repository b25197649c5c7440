import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../paths.js';
import type { App } from './types.js';

/** The browser helper, read once at start-up. */
export function sdkRoutes(app: App): void {
  const source = readFileSync(path.join(packageRoot, 'static', 'sdk', 'connect.js'), 'utf8');
  app.get('/sdk/connect.js', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      // Partner pages on other origins import it as a module, which needs CORS.
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=300')
      .send(source),
  );
}
