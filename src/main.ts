import { startBackground } from './background.js';
import type { Config } from './config.js';
import { type AppContext, createContext } from './context.js';
import { buildHttpApp } from './http/app.js';
import type { App } from './http/routes/types.js';

export interface Running {
  app: App;
  ctx: AppContext;
  url: string;
  close(): Promise<void>;
}

/** On the very first start there is no API client yet: make one and show its secret, once. */
async function ensureFirstClient(ctx: AppContext, print: (line: string) => void): Promise<void> {
  if ((await ctx.clients.count()) > 0) return;
  const client = await ctx.clients.create('First client');
  print('Created the first API client. Keep the secret now: it is not shown again.');
  print(`  PATCHBAY_CLIENT_ID=${client.ClientId}`);
  print(`  PATCHBAY_CLIENT_SECRET=${client.ClientSecret}`);
}

/** Starts Patchbay: store, catalogue, keys, first client, background jobs, then the HTTP server. */
export async function start(config: Config, print: (line: string) => void = console.log): Promise<Running> {
  const ctx = await createContext(config);
  await ensureFirstClient(ctx, print);
  const background = startBackground(ctx);
  const app = await buildHttpApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  print(`Patchbay is listening on ${url} (API docs at ${url}/docs)`);
  return {
    app,
    ctx,
    url,
    async close() {
      await app.close();
      background.stop();
      await ctx.close();
    },
  };
}
