import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { accountAuth } from '../auth.js';
import { accountLevel } from '../openapi.js';
import { errorReplies, IdParam, Nullable } from '../schemas.js';
import type { App } from './types.js';

const CategoryId = Type.String({ minLength: 1, maxLength: 100 });
const Params = Type.Object({ id: IdParam });
const CategoryParams = Type.Object({ id: IdParam, categoryId: CategoryId });
const CustomParams = Type.Object({ id: IdParam, categoryId: CategoryId, customId: IdParam });
const MethodRef = Type.Object({ Id: Type.String(), MethodUniqueIdentifier: Type.String(), Name: Type.String() });
const CustomCategoryReply = Type.Object({
  Id: Type.Integer(),
  CategoryId: Type.String(),
  Name: Type.String(),
  ObjectName: Type.String(),
  IsCustom: Type.Boolean(),
  Fields: Type.Array(
    Type.Object({
      Name: Type.String(),
      DataType: Type.String(),
      ProviderType: Nullable(Type.String()),
      Optional: Type.Boolean(),
      ReadOnly: Type.Boolean(),
    }),
  ),
  FieldsRefreshedAt: Type.String(),
  Methods: Type.Array(MethodRef),
  CreatedDate: Type.String(),
});
const CategoryReply = Type.Object({
  Id: Type.String(),
  Name: Type.String(),
  Description: Nullable(Type.String()),
  IsCustomisable: Type.Boolean(),
  Methods: Type.Array(MethodRef),
  CustomCategories: Type.Array(CustomCategoryReply),
});
const tags = ['Custom object categories'];
const base = '/v1.0/account/connectors/:id/categories';

/** Copying a customisable category (Caspio's Tables) for one object, whose methods are then bound to it. */
export function categoryRoutes(app: App, ctx: AppContext): void {
  const preHandler = accountAuth(ctx);
  const categories = ctx.customCategories;

  app.get(
    base,
    {
      preHandler,
      schema: {
        operationId: 'listAccountConnectorCategories',
        ...accountLevel,
        tags,
        summary: "An installed connector's categories, which can be copied for an object, and the copies made",
        params: Params,
        response: { 200: Type.Array(CategoryReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => categories.categories(request.accountId, request.params.id),
  );

  app.get(
    `${base}/:categoryId/objects`,
    {
      preHandler,
      schema: {
        operationId: 'listCategoryObjects',
        ...accountLevel,
        tags,
        summary: 'The objects a customisable category can be copied for (e.g. the tables)',
        params: CategoryParams,
        response: { 200: Type.Array(Type.Object({ Name: Type.String() })), ...errorReplies(400, 401, 403, 404, 409, 502) },
      },
    },
    async (request) => categories.objects(request.accountId, request.params.id, request.params.categoryId),
  );

  app.post(
    `${base}/:categoryId/custom`,
    {
      preHandler,
      schema: {
        operationId: 'createCustomCategory',
        ...accountLevel,
        tags,
        summary: 'Copy a customisable category for one object',
        params: CategoryParams,
        body: Type.Object({ ObjectName: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: CustomCategoryReply, ...errorReplies(400, 401, 403, 404, 409, 502) },
      },
    },
    async (request) => categories.create(request.accountId, request.params.id, request.params.categoryId, request.body.ObjectName),
  );

  app.get(
    `${base}/:categoryId/custom/:customId`,
    {
      preHandler,
      schema: {
        operationId: 'getCustomCategory',
        ...accountLevel,
        tags,
        summary: 'Get a custom category',
        params: CustomParams,
        response: { 200: CustomCategoryReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => categories.get(request.accountId, request.params.id, request.params.categoryId, request.params.customId),
  );

  app.post(
    `${base}/:categoryId/custom/:customId/refresh`,
    {
      preHandler,
      schema: {
        operationId: 'refreshCustomCategory',
        ...accountLevel,
        tags,
        summary: "Read the object's fields again",
        params: CustomParams,
        response: { 200: CustomCategoryReply, ...errorReplies(400, 401, 403, 404, 409, 502) },
      },
    },
    async (request) => categories.refresh(request.accountId, request.params.id, request.params.categoryId, request.params.customId),
  );

  app.delete(
    `${base}/:categoryId/custom/:customId`,
    {
      preHandler,
      schema: {
        operationId: 'deleteCustomCategory',
        ...accountLevel,
        tags,
        summary: 'Delete a custom category',
        params: CustomParams,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await categories.delete(request.accountId, request.params.id, request.params.categoryId, request.params.customId);
      return reply.code(204).send(null);
    },
  );
}
