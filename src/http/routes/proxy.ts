import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { Dispatcher } from 'undici';
import type { AppContext } from '../../context.js';
import { accountAuth } from '../auth.js';
import type { OperationDoc } from '../openapi.js';
import { proxyBody } from '../proxy-body.js';
import { answerHeaders, forwardedHeaders } from '../proxy-headers.js';
import { errorReplies, IdParam } from '../schemas.js';
import type { App } from './types.js';

/** HEAD is named, not left to the router's HEAD-from-GET, which would give the empty answer's length (0). */
const METHODS: Dispatcher.HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const PREFIX = '/v1.0/account/connectors/';
const MARKER = '/proxy';

/** The proxied path and query: what follows `/v1.0/account/connectors/{id}/proxy` in the request URL, still encoded. */
function proxiedPart(requestUrl: string): { path: string; query: string } {
  const start = requestUrl.indexOf(MARKER, PREFIX.length) + MARKER.length;
  const queryAt = requestUrl.indexOf('?', start);
  const path = queryAt === -1 ? requestUrl.slice(start) : requestUrl.slice(start, queryAt);
  return { path: path === '' ? '/' : path, query: queryAt === -1 ? '' : requestUrl.slice(queryAt) };
}

/** The third party's answer is streamed back as it came: documented, never re-serialized. */
const doc: OperationDoc = {
  account: true,
  responses: { '2XX': { description: "The third party's answer, status, headers and body unchanged", content: { '*/*': Type.Unknown() } } },
};

/**
 * The raw proxy: `/v1.0/account/connectors/{id}/proxy/<path>` forwards method, path, query and body to
 * the connector's proxy base URL with the credential added, and streams the answer back unchanged.
 */
export async function proxyRoutes(app: App, ctx: AppContext): Promise<void> {
  // Bodies are streamed through as they arrive, whatever their type, up to the size limit.
  const limit = ctx.config.proxyBodyLimitBytes;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (request, payload, done) => {
    try {
      done(null, proxyBody(request.headers, payload, limit));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.route({
    method: METHODS,
    url: '/v1.0/account/connectors/:id/proxy/*',
    preHandler: accountAuth(ctx),
    schema: {
      operationId: 'proxy',
      doc,
      tags: ['Methods'],
      summary: "Raw proxy to the connector's API, credential added",
      params: Type.Object({
        id: IdParam,
        '*': Type.String({
          description:
            "The third party's path below the connector's proxy base URL, its ProxyBaseUrl or else its BaseUrl (api/v2/deals, v1/users/me for Pipedrive); its slashes are sent as they are, not encoded",
        }),
      }),
      response: errorReplies(400, 401, 403, 404, 409, 413, 502, 504),
    },
    handler: async (request, reply) => {
      const { id } = request.params as { id: number };
      const install = await ctx.installs.resolve(request.accountId, id);
      const answer = await ctx.proxy.forward(install, {
        method: request.method as Dispatcher.HttpMethod,
        ...proxiedPart(request.url),
        headers: forwardedHeaders(request.headers),
        body: request.method !== 'GET' && request.body !== undefined ? (request.body as Readable) : null,
        signal: request.clientGone,
      });
      const headers = answerHeaders(answer.headers);
      // An answer to HEAD has no body; its length is the one the same GET would have.
      const length = answer.headers['content-length'];
      if (request.method === 'HEAD' && length !== undefined) headers['content-length'] = length;
      // A third party that answered before reading the whole body leaves the rest of it unread on the
      // connection, which then cannot carry another request: it is closed once this answer is sent.
      if (!request.raw.complete) headers.connection = 'close';
      return reply.code(answer.statusCode).headers(headers).send(answer.body);
    },
  });
}
