import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { PatchbayError } from '../../errors.js';
import { toolFilter } from '../../mcp/toolset.js';
import { accountAuth } from '../auth.js';
import { mcpExchange, unreadableBody } from '../mcp-exchange.js';
import type { OperationDoc } from '../openapi.js';
import type { App } from './types.js';

/** The largest JSON-RPC request /mcp takes. */
export const MCP_BODY_LIMIT = 1024 * 1024;

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const LOOPBACK_BINDS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const hostnameOf = (host: string) => (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]) ?? '';

const Query = Type.Object({
  tools: Type.Optional(Type.String({ maxLength: 2000, description: 'Comma-separated tool name globs, e.g. pipedrive_*,capsule_list_*' })),
  connector: Type.Optional(Type.String({ maxLength: 20, description: "One account connector's tools" })),
  readOnly: Type.Optional(Type.String({ description: 'true: read-only tools only; calls to others are refused' })),
  mode: Type.Optional(Type.String({ description: 'search: list only search_tools and call_tool' })),
});
const tags = ['MCP'];
/** JSON-RPC replies, shaped by the MCP SDK and sent as they are: documented, never re-serialized. */
const JsonRpc = { 'application/json': Type.Unknown({ description: 'A JSON-RPC 2.0 reply, or an array of them for a batch' }) };
const doc: OperationDoc = {
  account: true,
  responses: {
    200: { description: 'The JSON-RPC replies', content: JsonRpc },
    202: { description: 'The request held only notifications' },
    400: { description: 'Not a JSON-RPC message, or an MCP-Protocol-Version the server does not speak', content: JsonRpc },
    401: {
      description: 'No valid bearer token (WWW-Authenticate names the resource metadata)',
      content: { 'application/json': Type.Ref('ErrorReply') },
    },
    403: {
      description: 'A Host or Origin that is not allowed, or another account',
      content: { 'application/json': Type.Ref('ErrorReply') },
    },
    406: { description: 'Accept does not list application/json and text/event-stream', content: JsonRpc },
    413: { description: 'The body is over 1 MB', content: { 'application/json': Type.Ref('ErrorReply') } },
  },
};

/**
 * The Model Context Protocol endpoint: an account's connected apps as tools for AI agents, over Streamable
 * HTTP (stateless: POST only, any node answers). The same bearer tokens as /v1.0.
 */
export function mcpRoutes(app: App, ctx: AppContext): void {
  const { config } = ctx;
  const metadataUrl = `${config.publicUrl}/.well-known/oauth-protected-resource/mcp`;
  const challenge = { 'www-authenticate': `Bearer resource_metadata="${metadataUrl}"` };
  const authenticate = accountAuth(ctx);
  const loopback = LOOPBACK_BINDS.has(config.host);
  /** A client without a usable token is told where to learn how to get one. */
  const withChallenge = (error: Error) =>
    error instanceof PatchbayError && error.code === 'PB_ERR_UNAUTHENTICATED'
      ? new PatchbayError(error.code, error.message, undefined, challenge)
      : error;

  /** DNS rebinding: a page on another site must not reach a local server through a name that points at it. */
  const checkOrigin = (request: FastifyRequest) => {
    const origin = request.headers.origin;
    if (loopback) {
      if (!LOOPBACK_NAMES.has(hostnameOf(request.headers.host ?? ''))) {
        throw new PatchbayError('PB_ERR_FORBIDDEN', 'Host is not a loopback name; this server only answers localhost');
      }
      if (origin !== undefined && !LOOPBACK_NAMES.has(hostnameOf(safeHost(origin)))) {
        throw new PatchbayError('PB_ERR_FORBIDDEN', `Origin ${origin} is not allowed`);
      }
    } else if (origin !== undefined && !config.allowedOrigins.has(origin)) {
      throw new PatchbayError('PB_ERR_FORBIDDEN', `Origin ${origin} is not allowed; add it to PATCHBAY_ALLOWED_ORIGINS`);
    }
  };

  app.post(
    '/mcp',
    {
      bodyLimit: MCP_BODY_LIMIT,
      // A body refused before it is read as JSON-RPC is still answered in JSON-RPC.
      errorHandler: (error, request, reply) => {
        const answer = unreadableBody(error);
        if (answer === undefined) return app.errorHandler(error, request, reply);
        return reply.code(answer.status).send(answer.body);
      },
      preHandler: async (request, reply) => {
        checkOrigin(request);
        await authenticate(request, reply).catch((error: Error) => {
          throw withChallenge(error);
        });
      },
      schema: {
        operationId: 'mcp',
        doc,
        tags,
        summary: 'MCP over Streamable HTTP: the account’s connected apps as tools',
        description:
          'JSON-RPC (initialize, tools/list, tools/call) as the Model Context Protocol defines it. The account is the one a restricted ' +
          'token is for, or the X-Cyclr-Account header. Query options: tools (name globs, also the X-Patchbay-Tools header), ' +
          'connector (one account connector), readOnly=true, mode=search (search_tools and call_tool only). Bodies over 1 MB answer 413.',
        querystring: Query,
      },
    },
    async (request, reply) => {
      const header = request.headers['x-patchbay-tools'];
      const filter = toolFilter(request.query, typeof header === 'string' ? header : undefined);
      const version = request.headers['mcp-protocol-version'];
      const answer = await mcpExchange(
        ctx.mcp,
        { accountId: request.accountId, filter, signal: request.clientGone },
        { accept: request.headers.accept, protocolVersion: typeof version === 'string' ? version : undefined },
        request.body,
      );
      reply.code(answer.status);
      return answer.body === undefined ? reply.send() : answer.body;
    },
  );

  for (const method of ['GET', 'DELETE'] as const) {
    app.route({
      method,
      url: '/mcp',
      schema: { hide: true },
      handler: async () => {
        throw new PatchbayError('PB_ERR_METHOD_NOT_ALLOWED', 'This MCP endpoint is stateless: send JSON-RPC with POST', undefined, {
          allow: 'POST',
        });
      },
    });
  }

  // RFC 9728: where an MCP client learns which authorization server issues tokens for /mcp.
  app.get('/.well-known/oauth-protected-resource/mcp', { schema: { hide: true } }, async () => ({
    resource: `${config.publicUrl}/mcp`,
    authorization_servers: [config.publicUrl],
    bearer_methods_supported: ['header'],
    scopes_supported: ['account:{AccountId}'],
    resource_name: 'Patchbay MCP',
  }));

  // RFC 8414: the token endpoint and the one grant it serves.
  app.get('/.well-known/oauth-authorization-server', { schema: { hide: true } }, async () => ({
    issuer: config.publicUrl,
    token_endpoint: `${config.publicUrl}/oauth/token`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    scopes_supported: ['account:{AccountId}'],
  }));
}

function safeHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return '';
  }
}
