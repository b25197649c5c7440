import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { renderFairShare, renderInFlight } from '../../metrics.js';
import { ProcessMetrics } from '../../process-metrics.js';
import type { App } from './types.js';

const Status = Type.Object({ Status: Type.String() });

export function healthRoutes(app: App, ctx: AppContext): void {
  app.get('/healthz', { schema: { hide: true, response: { 200: Status } } }, async () => ({ Status: 'ok' }));

  app.get('/readyz', { schema: { hide: true, response: { 200: Status, 503: Status } } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { Status: 'ready' };
    } catch {
      return reply.code(503).send({ Status: 'database unreachable' });
    }
  });

  // Counters and gauges only (no account, client, credential or secret): off unless PATCHBAY_METRICS is on.
  if (ctx.config.metrics) {
    const gauges = new ProcessMetrics();
    app.addHook('onClose', async () => gauges.stop());
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain; version=0.0.4')
        .send(`${ctx.metrics.render()}${renderInFlight(ctx.inFlight.figures())}${renderFairShare(ctx.share.figures())}${gauges.render()}`),
    );
  }
}
