import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { accountAuth } from '../auth.js';
import { accountLevel } from '../openapi.js';
import { pageRequest, sendPage } from '../paging.js';
import { errorReplies, IdParam, Nullable, PageQuery, PropertyInput } from '../schemas.js';
import type { App } from './types.js';

const Params = Type.Object({ id: IdParam });
const CredentialReply = Type.Object({
  Id: Type.Integer(),
  Name: Type.String(),
  Description: Nullable(Type.String()),
  ConnectorId: Nullable(Type.Integer()),
  ConnectorName: Nullable(Type.String()),
  AuthType: Type.String(),
  AuthValue: Nullable(Type.String({ description: 'Masked: never the whole secret' })),
  Properties: Type.Array(Type.Object({ Name: Type.String(), Value: Type.String({ description: 'Masked when sensitive' }) })),
  Standalone: Type.Boolean({ description: 'Made on its own (kept when its installs go), not by an install' }),
  UsageCount: Type.Integer(),
  VerifiedStatus: Nullable(Type.String({ description: 'Verified or Failed, from the last probe' })),
  VerifiedAt: Nullable(Type.String()),
  VerifiedMessage: Nullable(Type.String()),
  AuthorizationStatus: Nullable(
    Type.Union([Type.Literal('AwaitingAuthorization'), Type.Literal('Authorized'), Type.Literal('Failed')], {
      description:
        'For connectors authorized in the consent popup (null for others): no token yet, a token, or none since an authorization or refresh failed',
    }),
  ),
  AuthorizationError: Nullable(
    Type.String({ description: 'Why the last authorization (or refresh) failed; cleared when a token is stored' }),
  ),
  CreatedDate: Type.String(),
  UpdatedDate: Type.String(),
});
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]);
const AuthValue = Type.String({
  minLength: 1,
  maxLength: 20_000,
  description: 'As at install: API key, base64 user:password, or token JSON',
});
const CreateInput = Type.Object({
  Name,
  Description: Type.Optional(Description),
  Connector: Type.String({ minLength: 1, maxLength: 200, description: 'Connector Id or Name' }),
  AuthValue: Type.Optional(AuthValue),
  Properties: Type.Optional(
    Type.Array(PropertyInput, {
      maxItems: 100,
      description:
        "Values that belong to the authentication, e.g. Caspio's AccountSubdomain, ClientId and ClientSecret (its token is then " +
        "fetched), or an authorization-code connector's own app (ClientId, ClientSecret) and Scope, each overriding the partner's " +
        'setup for this credential alone. Such a credential is then authorized in the consent popup (credentialId=)',
    }),
  ),
});
const UpdateInput = Type.Object({
  Name: Type.Optional(Name),
  Description: Type.Optional(Description),
  AuthValue: Type.Optional(AuthValue),
});
const ProbeReply = Type.Object({ VerifiedStatus: Type.String(), VerifiedAt: Type.String(), Message: Nullable(Type.String()) });
const UsageReply = Type.Array(Type.Object({ Id: Type.Integer(), Name: Type.String() }));
const tags = ['Credentials'];

/** Named, reusable credentials of an account. Reads never return a secret. */
export function credentialRoutes(app: App, ctx: AppContext): void {
  const preHandler = accountAuth(ctx);

  app.post(
    '/v1.0/account/credentials',
    {
      preHandler,
      schema: {
        operationId: 'createCredential',
        ...accountLevel,
        tags,
        summary: 'Add a credential',
        description:
          "A key or password is tried with the connector's test method first (400 PB_ERR_AUTHENTICATION_FAILED when refused; kept " +
          'unverified when the provider cannot be reached). An authorization-code credential without AuthValue answers ' +
          'AuthorizationStatus AwaitingAuthorization: open /connectorauth/updateaccountconnectoroauth?credentialId= to authorize it.',
        body: CreateInput,
        response: { 200: CredentialReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.credentials.create(request.accountId, request.body),
  );

  app.get(
    '/v1.0/account/credentials',
    {
      preHandler,
      schema: {
        operationId: 'listCredentials',
        ...accountLevel,
        tags,
        summary: "List the account's credentials",
        querystring: PageQuery,
        response: { 200: Type.Array(CredentialReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const page = pageRequest(request.query);
      return sendPage(reply, page, await ctx.credentials.list(request.accountId, page));
    },
  );

  app.get(
    '/v1.0/account/credentials/:id',
    {
      preHandler,
      schema: {
        operationId: 'getCredential',
        ...accountLevel,
        tags,
        summary: 'Get a credential',
        params: Params,
        response: { 200: CredentialReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.credentials.get(request.accountId, request.params.id),
  );

  app.put(
    '/v1.0/account/credentials/:id',
    {
      preHandler,
      schema: {
        operationId: 'updateCredential',
        ...accountLevel,
        tags,
        summary: 'Rename, describe or replace the secret of a credential (every install using it sees the change)',
        params: Params,
        body: UpdateInput,
        response: { 200: CredentialReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.credentials.update(request.accountId, request.params.id, request.body),
  );

  app.delete(
    '/v1.0/account/credentials/:id',
    {
      preHandler,
      schema: {
        operationId: 'deleteCredential',
        ...accountLevel,
        tags,
        summary: 'Delete a credential no install uses (409 otherwise)',
        params: Params,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await ctx.credentials.delete(request.accountId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1.0/account/credentials/:id/probe',
    {
      preHandler,
      schema: {
        operationId: 'probeCredential',
        ...accountLevel,
        tags,
        summary: "Check a credential with its connector's test method; records VerifiedStatus and VerifiedAt",
        params: Params,
        response: { 200: ProbeReply, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ctx.probe.probe(request.accountId, request.params.id),
  );

  app.get(
    '/v1.0/account/credentials/:id/usage',
    {
      preHandler,
      schema: {
        operationId: 'getCredentialUsage',
        ...accountLevel,
        tags,
        summary: 'The account connectors using a credential',
        params: Params,
        response: { 200: UsageReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.credentials.usage(request.accountId, request.params.id),
  );
}
