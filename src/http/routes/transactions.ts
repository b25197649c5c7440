import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { accountAuth } from '../auth.js';
import { CycleParams } from '../cycle-schemas.js';
import { accountLevel } from '../openapi.js';
import { pageRequest, sendPage } from '../paging.js';
import { errorReplies } from '../schemas.js';
import {
  RetryReply,
  RunInput,
  RunReply,
  TransactionDetailReply,
  TransactionParams,
  TransactionQuery,
  TransactionReply,
} from '../transaction-schemas.js';
import type { App } from './types.js';

const tags = ['Cycles'];

/** Running a cycle now, and its transactions (account-level). */
export function transactionRoutes(app: App, ctx: AppContext): void {
  const preHandler = accountAuth(ctx);

  app.post(
    '/v1.0/cycles/:id/run',
    {
      preHandler,
      schema: {
        operationId: 'runCycle',
        ...accountLevel,
        tags,
        summary: 'Run the cycle once now, whatever its status: one transaction per trigger item (409 with its prerequisites if it cannot)',
        params: CycleParams,
        body: Type.Optional(RunInput),
        response: { 202: RunReply, ...errorReplies(400, 401, 403, 404, 409, 429, 502, 504) },
      },
    },
    async (request, reply) => reply.code(202).send(await ctx.cycleRuns.run(request.accountId, request.params.id, request.body)),
  );

  app.get(
    '/v1.0/cycles/:id/transactions',
    {
      preHandler,
      schema: {
        operationId: 'listCycleTransactions',
        ...accountLevel,
        tags,
        summary: "List the cycle's transactions, newest first",
        params: CycleParams,
        querystring: TransactionQuery,
        response: { 200: Type.Array(TransactionReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const page = pageRequest(request.query);
      const { status, after, before } = request.query;
      return sendPage(reply, page, await ctx.transactions.list(request.accountId, request.params.id, { status, after, before }, page));
    },
  );

  app.get(
    '/v1.0/transactions/:id',
    {
      preHandler,
      schema: {
        operationId: 'getTransaction',
        ...accountLevel,
        tags,
        summary: 'Get a transaction with every step run',
        params: TransactionParams,
        response: { 200: TransactionDetailReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.transactions.get(request.accountId, request.params.id),
  );

  app.post(
    '/v1.0/transactions/:id/retry',
    {
      preHandler,
      schema: {
        operationId: 'retryTransaction',
        ...accountLevel,
        tags,
        summary: 'Send an Errored or Uncertain transaction’s failed step again and go on from there (409 otherwise)',
        params: TransactionParams,
        response: { 202: RetryReply, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.code(202).send(await ctx.cycleRuns.retry(request.accountId, request.params.id)),
  );

  app.post(
    '/v1.0/transactions/:id/dismiss',
    {
      preHandler,
      schema: {
        operationId: 'dismissTransaction',
        ...accountLevel,
        tags,
        summary: 'End an Errored or Uncertain transaction without retrying it: it is Stopped (409 otherwise)',
        params: TransactionParams,
        response: { 200: RetryReply, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ctx.cycleRuns.dismiss(request.accountId, request.params.id),
  );
}
