import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { IncidentLevel } from '../../services/incidents.js';
import { accountAuth } from '../auth.js';
import { IncidentQuery, IncidentReply } from '../incident-schemas.js';
import { accountLevel } from '../openapi.js';
import { pageRequest, sendPage } from '../paging.js';
import { errorReplies } from '../schemas.js';
import type { App } from './types.js';

const tags = ['Cycles'];

/**
 * The account's cycle incidents, newest first, and those of one level. Static paths: Fastify's router
 * prefers them to `/v1.0/cycles/:id`, so `incidents` is never taken for a cycle id.
 */
export function incidentRoutes(app: App, ctx: AppContext): void {
  const preHandler = accountAuth(ctx);
  const routes: [string, string, IncidentLevel | undefined, string][] = [
    ['/v1.0/cycles/incidents', 'listCycleIncidents', undefined, "List the account's cycle incidents, newest first"],
    ['/v1.0/cycles/incidents/error', 'listCycleErrorIncidents', 'Error', "List the account's Error incidents, newest first"],
    ['/v1.0/cycles/incidents/warning', 'listCycleWarningIncidents', 'Warning', "List the account's Warning incidents, newest first"],
  ];
  for (const [url, operationId, level, summary] of routes) {
    app.get(
      url,
      {
        preHandler,
        schema: {
          operationId,
          ...accountLevel,
          tags,
          summary,
          querystring: IncidentQuery,
          response: { 200: Type.Array(IncidentReply), ...errorReplies(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const page = pageRequest(request.query);
        const { after, before } = request.query;
        return sendPage(reply, page, await ctx.incidents.list(request.accountId, { level, after, before }, page));
      },
    );
  }
}
