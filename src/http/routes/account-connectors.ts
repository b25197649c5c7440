import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { accountAuth } from '../auth.js';
import { accountLevel } from '../openapi.js';
import { pageRequest, sendPage } from '../paging.js';
import { AccountConnectorReply, errorReplies, IdParam, MessageReply, PageQuery, PropertyInput, PropertyReply } from '../schemas.js';
import type { App } from './types.js';

const Params = Type.Object({ id: IdParam });
const PropertyParams = Type.Object({ id: IdParam, propertyId: IdParam });
const Update = Type.Object({
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  Description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  AuthValue: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
});
const tags = ['Account connectors'];

export function accountConnectorRoutes(app: App, ctx: AppContext): void {
  const preHandler = accountAuth(ctx);

  app.get(
    '/v1.0/account/connectors',
    {
      preHandler,
      schema: {
        operationId: 'listAccountConnectors',
        ...accountLevel,
        tags,
        summary: "List the account's installed connectors",
        querystring: PageQuery,
        response: { 200: Type.Array(AccountConnectorReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const page = pageRequest(request.query);
      return sendPage(reply, page, await ctx.installs.list(request.accountId, page));
    },
  );

  app.get(
    '/v1.0/account/connectors/:id',
    {
      preHandler,
      schema: {
        operationId: 'getAccountConnector',
        ...accountLevel,
        tags,
        summary: 'Get an installed connector',
        params: Params,
        response: { 200: AccountConnectorReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.installs.get(request.accountId, request.params.id),
  );

  app.put(
    '/v1.0/account/connectors/:id',
    {
      preHandler,
      schema: {
        operationId: 'updateAccountConnector',
        ...accountLevel,
        tags,
        summary: 'Rename, describe or re-authenticate (AuthValue) an installed connector',
        params: Params,
        body: Update,
        response: { 200: AccountConnectorReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.installs.update(request.accountId, request.params.id, request.body),
  );

  app.delete(
    '/v1.0/account/connectors/:id',
    {
      preHandler,
      schema: {
        operationId: 'deleteAccountConnector',
        ...accountLevel,
        tags,
        summary: 'Uninstall a connector',
        params: Params,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await ctx.installs.delete(request.accountId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/v1.0/account/connectors/:id/deauthenticate',
    {
      preHandler,
      schema: {
        operationId: 'deauthenticateAccountConnector',
        ...accountLevel,
        tags,
        summary: 'Forget the credential of an installed connector',
        params: Params,
        response: { 200: MessageReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.installs.deauthenticate(request.accountId, request.params.id),
  );

  const propertyTags = ['Account connector properties'];
  app.get(
    '/v1.0/account/connectors/:id/properties',
    {
      preHandler,
      schema: {
        operationId: 'listAccountConnectorProperties',
        ...accountLevel,
        tags: propertyTags,
        summary: 'List properties',
        params: Params,
        response: { 200: Type.Array(PropertyReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.properties.list(request.accountId, request.params.id),
  );

  app.post(
    '/v1.0/account/connectors/:id/properties',
    {
      preHandler,
      schema: {
        operationId: 'createAccountConnectorProperty',
        ...accountLevel,
        tags: propertyTags,
        summary: 'Set a property',
        params: Params,
        body: PropertyInput,
        response: { 200: PropertyReply, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ctx.properties.create(request.accountId, request.params.id, request.body),
  );

  app.get(
    '/v1.0/account/connectors/:id/properties/:propertyId',
    {
      preHandler,
      schema: {
        operationId: 'getAccountConnectorProperty',
        ...accountLevel,
        tags: propertyTags,
        summary: 'Get a property',
        params: PropertyParams,
        response: { 200: PropertyReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.properties.get(request.accountId, request.params.id, request.params.propertyId),
  );

  app.put(
    '/v1.0/account/connectors/:id/properties/:propertyId',
    {
      preHandler,
      schema: {
        operationId: 'updateAccountConnectorProperty',
        ...accountLevel,
        tags: propertyTags,
        summary: 'Change a property',
        params: PropertyParams,
        body: PropertyInput,
        response: { 200: PropertyReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.properties.update(request.accountId, request.params.id, request.params.propertyId, request.body),
  );

  app.delete(
    '/v1.0/account/connectors/:id/properties/:propertyId',
    {
      preHandler,
      schema: {
        operationId: 'deleteAccountConnectorProperty',
        ...accountLevel,
        tags: propertyTags,
        summary: 'Remove a property',
        params: PropertyParams,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await ctx.properties.delete(request.accountId, request.params.id, request.params.propertyId);
      return reply.code(204).send(null);
    },
  );
}
