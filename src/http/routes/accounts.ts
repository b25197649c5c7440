import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { assertAccountAllowed, partnerAuth, unrestrictedAuth } from '../auth.js';
import { pageRequest, sendPage } from '../paging.js';
import { AccountReply, errorReplies, PageQuery } from '../schemas.js';
import type { App } from './types.js';

const Text = (max: number) => Type.String({ maxLength: max });
const AccountId = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$' });
const AccountInput = Type.Object({
  Id: Type.Optional(AccountId),
  Name: Type.String({ minLength: 1, maxLength: 200 }),
  Description: Type.Optional(Type.Union([Text(2000), Type.Null()])),
  Timezone: Type.Optional(Type.Union([Text(100), Type.Null()])),
});
const AccountUpdate = Type.Object({
  Name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  Description: Type.Optional(Type.Union([Text(2000), Type.Null()])),
  Timezone: Type.Optional(Type.Union([Text(100), Type.Null()])),
});
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const tags = ['Accounts'];

export function accountRoutes(app: App, ctx: AppContext): void {
  const partnerOnly = unrestrictedAuth(ctx);
  const anyToken = partnerAuth(ctx);

  app.post(
    '/v1.0/accounts',
    {
      preHandler: partnerOnly,
      schema: {
        operationId: 'createAccount',
        tags,
        summary: 'Create an account',
        body: AccountInput,
        response: { 200: AccountReply, ...errorReplies(400, 401, 403) },
      },
    },
    async (request) => ctx.accounts.create(request.body),
  );

  app.get(
    '/v1.0/accounts',
    {
      preHandler: partnerOnly,
      schema: {
        operationId: 'listAccounts',
        tags,
        summary: 'List accounts',
        querystring: PageQuery,
        response: { 200: Type.Array(AccountReply), ...errorReplies(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const page = pageRequest(request.query);
      return sendPage(reply, page, await ctx.accounts.list(page));
    },
  );

  app.get(
    '/v1.0/accounts/:id',
    {
      preHandler: anyToken,
      schema: {
        operationId: 'getAccount',
        tags,
        summary: 'Get an account',
        params: Params,
        response: { 200: AccountReply, ...errorReplies(401, 403, 404) },
      },
    },
    async (request) => {
      assertAccountAllowed(request.principal, request.params.id);
      return ctx.accounts.get(request.params.id);
    },
  );

  app.put(
    '/v1.0/accounts/:id',
    {
      preHandler: anyToken,
      schema: {
        operationId: 'updateAccount',
        tags,
        summary: 'Update an account',
        params: Params,
        body: AccountUpdate,
        response: { 200: AccountReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => {
      assertAccountAllowed(request.principal, request.params.id);
      return ctx.accounts.update(request.params.id, request.body);
    },
  );

  app.delete(
    '/v1.0/accounts/:id',
    {
      preHandler: partnerOnly,
      schema: {
        operationId: 'deleteAccount',
        tags,
        summary: 'Delete an account and everything it owns',
        params: Params,
        response: { 204: Type.Null(), ...errorReplies(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await ctx.accounts.delete(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
