import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { accountAuth } from '../auth.js';
import {
  ActivationInput,
  CycleInput,
  CycleParams,
  CycleReply,
  CycleUpdate,
  DeactivationQuery,
  PrerequisiteReply,
  VariableInput,
  VariableParams,
  VariableReply,
  VariableUpdate,
} from '../cycle-schemas.js';
import { accountLevel } from '../openapi.js';
import { pageRequest, sendPage } from '../paging.js';
import { errorReplies, PageQuery } from '../schemas.js';
import type { App } from './types.js';

const tags = ['Cycles'];

/** Cycles, their settings, prerequisites, activation and variables (account-level). */
export function cycleRoutes(app: App, ctx: AppContext): void {
  const preHandler = accountAuth(ctx);

  app.get(
    '/v1.0/cycles',
    {
      preHandler,
      schema: {
        operationId: 'listCycles',
        ...accountLevel,
        tags,
        summary: "List the account's cycles",
        querystring: PageQuery,
        response: { 200: Type.Array(CycleReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const page = pageRequest(request.query);
      return sendPage(reply, page, await ctx.cycles.list(request.accountId, page));
    },
  );

  app.post(
    '/v1.0/cycles',
    {
      preHandler,
      schema: {
        operationId: 'createCycle',
        ...accountLevel,
        tags,
        summary: 'Create a blank cycle (Paused)',
        body: CycleInput,
        response: { 200: CycleReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.cycles.create(request.accountId, request.body),
  );

  app.get(
    '/v1.0/cycles/:id',
    {
      preHandler,
      schema: {
        operationId: 'getCycle',
        ...accountLevel,
        tags,
        summary: 'Get a cycle',
        params: CycleParams,
        response: { 200: CycleReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.cycles.get(request.accountId, request.params.id),
  );

  app.put(
    '/v1.0/cycles/:id',
    {
      preHandler,
      schema: {
        operationId: 'updateCycle',
        ...accountLevel,
        tags,
        summary: "Change a cycle's settings (409 while it is active)",
        params: CycleParams,
        body: CycleUpdate,
        response: { 200: CycleReply, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ctx.cycles.update(request.accountId, request.params.id, request.body),
  );

  app.delete(
    '/v1.0/cycles/:id',
    {
      preHandler,
      schema: {
        operationId: 'deleteCycle',
        ...accountLevel,
        tags,
        summary: 'Delete a cycle with its steps, edges, mappings, variables and transactions (409 while it is active)',
        params: CycleParams,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await ctx.cycles.delete(request.accountId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1.0/cycles/:id/prerequisites',
    {
      preHandler,
      schema: {
        operationId: 'listCyclePrerequisites',
        ...accountLevel,
        tags,
        summary: 'What keeps the cycle from being activated; empty when nothing does',
        params: CycleParams,
        response: { 200: Type.Array(PrerequisiteReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.cycles.prerequisites(request.accountId, request.params.id),
  );

  app.put(
    '/v1.0/cycles/:id/activate',
    {
      preHandler,
      // The settings are all optional: a PUT without a body activates with the defaults.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        operationId: 'activateCycle',
        ...accountLevel,
        tags,
        summary: 'Activate a cycle; refused (409 PB_ERR_CYCLE_PREREQUISITES) with the prerequisites it lacks',
        params: CycleParams,
        body: ActivationInput,
        response: { 200: CycleReply, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ctx.cycles.activate(request.accountId, request.params.id, request.body),
  );

  app.put(
    '/v1.0/cycles/:id/deactivate',
    {
      preHandler,
      schema: {
        operationId: 'deactivateCycle',
        ...accountLevel,
        tags,
        summary: 'Pause a cycle, so that it can be changed',
        params: CycleParams,
        querystring: DeactivationQuery,
        response: { 200: CycleReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.cycles.deactivate(request.accountId, request.params.id, request.query.finishQueuedTransactions ?? true),
  );

  app.get(
    '/v1.0/cycles/:id/variables',
    {
      preHandler,
      schema: {
        operationId: 'listCycleVariables',
        ...accountLevel,
        tags,
        summary: "List a cycle's variables (sensitive values masked)",
        params: CycleParams,
        response: { 200: Type.Array(VariableReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.cycleMappings.variables(request.accountId, request.params.id),
  );

  app.post(
    '/v1.0/cycles/:id/variables',
    {
      preHandler,
      schema: {
        operationId: 'createCycleVariable',
        ...accountLevel,
        tags,
        summary: 'Add a variable',
        params: CycleParams,
        body: VariableInput,
        response: { 200: VariableReply, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ctx.cycleMappings.createVariable(request.accountId, request.params.id, request.body),
  );

  app.get(
    '/v1.0/cycles/:id/variables/:name',
    {
      preHandler,
      schema: {
        operationId: 'getCycleVariable',
        ...accountLevel,
        tags,
        summary: 'Get a variable',
        params: VariableParams,
        response: { 200: VariableReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.cycleMappings.variable(request.accountId, request.params.id, request.params.name),
  );

  app.put(
    '/v1.0/cycles/:id/variables/:name',
    {
      preHandler,
      schema: {
        operationId: 'updateCycleVariable',
        ...accountLevel,
        tags,
        summary: 'Change a variable',
        params: VariableParams,
        body: VariableUpdate,
        response: { 200: VariableReply, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ctx.cycleMappings.updateVariable(request.accountId, request.params.id, request.params.name, request.body),
  );

  app.delete(
    '/v1.0/cycles/:id/variables/:name',
    {
      preHandler,
      schema: {
        operationId: 'deleteCycleVariable',
        ...accountLevel,
        tags,
        summary: 'Remove a variable',
        params: VariableParams,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await ctx.cycleMappings.deleteVariable(request.accountId, request.params.id, request.params.name);
      return reply.code(204).send(null);
    },
  );
}
