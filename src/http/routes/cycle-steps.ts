import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { MappingTarget } from '../../cycles/model.js';
import { accountAuth } from '../auth.js';
import {
  CycleParams,
  EdgeEnds,
  EdgeInput,
  EdgeParams,
  EdgeReply,
  FieldsForMappingReply,
  Mapping,
  MappingParams,
  MappingReply,
  StepInput,
  StepReply,
  StepUpdate,
} from '../cycle-schemas.js';
import { accountLevel } from '../openapi.js';
import { errorReplies } from '../schemas.js';
import type { App } from './types.js';

const tags = ['Cycles'];
const StepParams = CycleParams;

/** A cycle's steps, its edges, and each Method step's parameter and field mappings (account-level). */
export function cycleStepRoutes(app: App, ctx: AppContext): void {
  const preHandler = accountAuth(ctx);

  app.get(
    '/v1.0/cycles/:id/steps',
    {
      preHandler,
      schema: {
        operationId: 'listCycleSteps',
        ...accountLevel,
        tags,
        summary: "List a cycle's steps",
        params: CycleParams,
        response: { 200: Type.Array(StepReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.cycleSteps.list(request.accountId, request.params.id),
  );

  app.post(
    '/v1.0/cycles/:id/steps',
    {
      preHandler,
      schema: {
        operationId: 'createCycleStep',
        ...accountLevel,
        tags,
        summary:
          'Add a step: a Method of an installed connector, a Webhook trigger, a Decision, Delay, Wait Until, Synchronous Response or Stop',
        params: CycleParams,
        body: StepInput,
        response: { 200: StepReply, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ctx.cycleSteps.add(request.accountId, request.params.id, request.body),
  );

  app.get(
    '/v1.0/steps/:id',
    {
      preHandler,
      schema: {
        operationId: 'getCycleStep',
        ...accountLevel,
        tags,
        summary: 'Get a step',
        params: StepParams,
        response: { 200: StepReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.cycleSteps.get(request.accountId, request.params.id),
  );

  app.put(
    '/v1.0/steps/:id',
    {
      preHandler,
      schema: {
        operationId: 'updateCycleStep',
        ...accountLevel,
        tags,
        summary: 'Change a step (another method clears its mappings)',
        params: StepParams,
        body: StepUpdate,
        response: { 200: StepReply, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ctx.cycleSteps.update(request.accountId, request.params.id, request.body),
  );

  app.delete(
    '/v1.0/steps/:id',
    {
      preHandler,
      schema: {
        operationId: 'deleteCycleStep',
        ...accountLevel,
        tags,
        summary: 'Remove a step with its edges and mappings, and the mappings that read it',
        params: StepParams,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await ctx.cycleSteps.delete(request.accountId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1.0/steps/:id/fieldsformapping',
    {
      preHandler,
      schema: {
        operationId: 'listStepFieldsForMapping',
        ...accountLevel,
        tags,
        summary: 'The steps before this one, each with the typed fields of its output',
        params: StepParams,
        response: { 200: FieldsForMappingReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.cycleSteps.fieldsForMapping(request.accountId, request.params.id),
  );

  app.get(
    '/v1.0/cycles/:id/edges',
    {
      preHandler,
      schema: {
        operationId: 'listCycleEdges',
        ...accountLevel,
        tags,
        summary: "List a cycle's edges",
        params: CycleParams,
        response: { 200: Type.Array(EdgeReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.cycleSteps.edges(request.accountId, request.params.id),
  );

  app.post(
    '/v1.0/cycles/:id/edges',
    {
      preHandler,
      schema: {
        operationId: 'createCycleEdge',
        ...accountLevel,
        tags,
        summary: 'Connect two steps of the cycle (no loops; True/False only out of a Decision)',
        params: CycleParams,
        body: EdgeInput,
        response: { 200: EdgeReply, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ctx.cycleSteps.addEdge(request.accountId, request.params.id, request.body),
  );

  app.delete(
    '/v1.0/cycles/:id/edges',
    {
      preHandler,
      schema: {
        operationId: 'deleteCycleEdgeBetween',
        ...accountLevel,
        tags,
        summary: 'Remove the edge between two steps',
        params: CycleParams,
        body: EdgeEnds,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await ctx.cycleSteps.deleteEdge(request.accountId, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/v1.0/cycles/:id/edges/:edgeId',
    {
      preHandler,
      schema: {
        operationId: 'deleteCycleEdge',
        ...accountLevel,
        tags,
        summary: 'Remove an edge',
        params: EdgeParams,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await ctx.cycleSteps.deleteEdge(request.accountId, request.params.id, request.params.edgeId);
      return reply.code(204).send(null);
    },
  );

  mappingRoutes(app, ctx, preHandler, 'parameters', 'Parameter');
  mappingRoutes(app, ctx, preHandler, 'fieldmappings', 'Field');
}

/** The same four routes for a step's parameters (URL, query, headers) and its fields (the body). */
function mappingRoutes(app: App, ctx: AppContext, preHandler: ReturnType<typeof accountAuth>, path: string, target: MappingTarget): void {
  const op = target === 'Parameter' ? 'StepParameter' : 'StepFieldMapping';
  const what = target === 'Parameter' ? 'parameter (sent in the URL or headers)' : 'field (of the request body)';

  app.get(
    `/v1.0/steps/:id/${path}`,
    {
      preHandler,
      schema: {
        operationId: `list${op}s`,
        ...accountLevel,
        tags,
        summary: `Every ${what} of the step's method, each with its mapping or null`,
        params: StepParams,
        response: { 200: Type.Array(MappingReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.cycleMappings.list(request.accountId, request.params.id, target),
  );

  app.get(
    `/v1.0/steps/:id/${path}/:name`,
    {
      preHandler,
      schema: {
        operationId: `get${op}`,
        ...accountLevel,
        tags,
        summary: `One ${what} with its mapping`,
        params: MappingParams,
        response: { 200: MappingReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.cycleMappings.get(request.accountId, request.params.id, target, request.params.name),
  );

  app.put(
    `/v1.0/steps/:id/${path}/:name`,
    {
      preHandler,
      schema: {
        operationId: `set${op}`,
        ...accountLevel,
        tags,
        summary: `Map a ${what}: a static value, an earlier step's field, a variable, a JSONata expression, or Ignore`,
        params: MappingParams,
        body: Mapping,
        response: { 200: MappingReply, ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ctx.cycleMappings.set(request.accountId, request.params.id, target, request.params.name, request.body),
  );

  app.delete(
    `/v1.0/steps/:id/${path}/:name`,
    {
      preHandler,
      schema: {
        operationId: `clear${op}`,
        ...accountLevel,
        tags,
        summary: `Clear the mapping of a ${what}`,
        params: MappingParams,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await ctx.cycleMappings.clear(request.accountId, request.params.id, target, request.params.name);
      return reply.code(204).send(null);
    },
  );
}
