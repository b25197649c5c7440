import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { unrestrictedAuth } from '../auth.js';
import { pageRequest, sendPage } from '../paging.js';
import { errorReplies, Nullable, PageQuery } from '../schemas.js';
import type { App } from './types.js';

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const ClientReply = Type.Object({
  ClientId: Type.String(),
  Name: Type.String(),
  CreatedDate: Type.String(),
  RevokedDate: Nullable(Type.String()),
  SecretHint: Nullable(
    Type.String({ description: 'Masked: the secret is shown whole only when made (null for clients made before hints were kept)' }),
  ),
});
const WithSecret = Type.Object({
  ...ClientReply.properties,
  ClientSecret: Type.String({ description: 'The client secret, shown this once: keep it' }),
});
const Rotated = Type.Object({
  ...WithSecret.properties,
  PreviousSecretValidUntil: Type.String({
    description: 'The secret replaced is accepted until then (PATCHBAY_CLIENT_SECRET_OVERLAP_SECONDS)',
  }),
});
const CreateInput = Type.Object({ Name: Type.String({ minLength: 1, maxLength: 200 }) });
const tags = ['API clients'];

/**
 * The partner's API clients (what gets bearer tokens at /oauth/token). Partner-level only: a token
 * restricted to one account cannot see or change them.
 */
export function clientRoutes(app: App, ctx: AppContext): void {
  const preHandler = unrestrictedAuth(ctx);

  app.post(
    '/v1.0/clients',
    {
      preHandler,
      schema: {
        operationId: 'createApiClient',
        tags,
        summary: 'Create an API client; the reply carries its secret, shown this once',
        body: CreateInput,
        response: { 200: WithSecret, ...errorReplies(400, 401, 403) },
      },
    },
    async (request) => ctx.clients.create(request.body.Name),
  );

  app.get(
    '/v1.0/clients',
    {
      preHandler,
      schema: {
        operationId: 'listApiClients',
        tags,
        summary: 'List API clients, oldest first, revoked ones included (never a secret); Total-Records and Total-Pages headers',
        querystring: PageQuery,
        response: { 200: Type.Array(ClientReply), ...errorReplies(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const page = pageRequest(request.query);
      return sendPage(reply, page, await ctx.clients.page(page));
    },
  );

  app.delete(
    '/v1.0/clients/:id',
    {
      preHandler,
      schema: {
        operationId: 'revokeApiClient',
        tags,
        summary: 'Revoke an API client: its secret and every bearer token it was given stop working at once, on every node',
        params: Params,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await ctx.clients.revoke(request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1.0/clients/:id/secret',
    {
      preHandler,
      schema: {
        operationId: 'rotateApiClientSecret',
        tags,
        summary: 'Make a new client secret (shown this once); the old one keeps working for the overlap, then stops',
        params: Params,
        response: { 200: Rotated, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.clients.rotate(request.params.id),
  );
}
