import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { Paging, RunOptions } from '../../runner/method-runner.js';
import { installMethods } from '../../runtime/resolved-install.js';
import { methodView } from '../../services/connector-views.js';
import { accountAuth } from '../auth.js';
import { queryCallOptions } from '../call-options.js';
import { accountLevel, type OperationDoc } from '../openapi.js';
import { errorReplies, IdParam, MethodReply } from '../schemas.js';
import type { App } from './types.js';

const Params = Type.Object({
  id: IdParam,
  method: Type.String({ minLength: 1, maxLength: 100, description: 'MethodUniqueIdentifier or method Id' }),
});
const CallBody = Type.Union([
  Type.Object({
    Parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    Fields: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    AllPages: Type.Optional(Type.Boolean({ description: 'Follow pagination and return every item, up to the page cap' })),
  }),
  Type.Null(),
]);
const tags = ['Methods'];
/** The data is the connector's, relayed with the third party's status: documented, never re-serialized. */
const callDoc: OperationDoc = {
  account: true,
  responses: { '2XX': { description: 'The data the method names (none for a 204)', content: { 'application/json': Type.Unknown() } } },
};
const description =
  "Builds the third party's request from the method definition, adds the credential and returns the data " +
  '(the part of the response the method names). Paginated methods set X-Patchbay-Next-Parameters when more pages ' +
  'exist; with AllPages every page is read (X-Patchbay-Pages, X-Patchbay-Truncated when the cap was reached). ' +
  'Third-party errors answer 502 with Upstream {Status, Body}; a 429 is retried after Retry-After, within bounds.';

/** Where a paged read stands, as reply headers. */
function pagingHeaders(paging: Paging): Record<string, string> {
  const headers: Record<string, string> = {};
  if (paging.next !== null) headers['x-patchbay-next-parameters'] = JSON.stringify(paging.next);
  if (paging.pages !== undefined) headers['x-patchbay-pages'] = String(paging.pages);
  if (paging.truncated === true) headers['x-patchbay-truncated'] = 'true';
  return headers;
}

export function methodRoutes(app: App, ctx: AppContext): void {
  const preHandler = accountAuth(ctx);

  const call = async (request: FastifyRequest<{ Params: { id: number; method: string } }>, reply: FastifyReply, options: RunOptions) => {
    const install = await ctx.installs.resolve(request.accountId, request.params.id);
    const result = await ctx.runner.run(install, request.params.method, { ...options, signal: request.clientGone });
    reply.code(result.status);
    if (result.paging !== undefined) reply.headers(pagingHeaders(result.paging));
    return reply.send(result.status === 204 ? undefined : result.data);
  };

  app.get(
    '/v1.0/account/connectors/:id/methods',
    {
      preHandler,
      schema: {
        operationId: 'listAccountConnectorMethods',
        ...accountLevel,
        tags,
        summary: "List an installed connector's methods, its custom categories' copies included",
        params: Type.Object({ id: IdParam }),
        response: { 200: Type.Array(MethodReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => installMethods(await ctx.installs.resolve(request.accountId, request.params.id)).map(methodView),
  );

  app.post(
    '/v1.0/account/connectors/:id/methods/:method',
    {
      preHandler,
      schema: {
        operationId: 'callMethod',
        doc: callDoc,
        tags,
        summary: 'Call a connector method',
        description,
        params: Params,
        body: CallBody,
        response: errorReplies(400, 401, 403, 404, 409, 429, 502, 504),
      },
    },
    (request, reply) => call(request, reply, request.body ?? {}),
  );

  app.get(
    '/v1.0/account/connectors/:id/methods/:method',
    {
      preHandler,
      schema: {
        operationId: 'callMethodWithQuery',
        doc: callDoc,
        tags,
        summary: 'Call a connector method (query string as Parameters)',
        description: `${description} Query parameters become Parameters; allPages=true reads every page.`,
        params: Params,
        querystring: Type.Record(Type.String(), Type.String(), {
          title: 'Parameters',
          description: "The method's Parameters by name, and allPages=true to read every page",
        }),
        response: errorReplies(400, 401, 403, 404, 409, 429, 502, 504),
      },
    },
    (request, reply) => call(request, reply, queryCallOptions(request.query)),
  );
}
