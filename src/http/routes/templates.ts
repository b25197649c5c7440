import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { listTemplates, templateDetailView } from '../../services/template-views.js';
import { accountAuth, partnerAuth } from '../auth.js';
import { CycleReply } from '../cycle-schemas.js';
import { accountLevel } from '../openapi.js';
import { pageRequest, sendPage } from '../paging.js';
import { errorReplies, Nullable, PageQuery } from '../schemas.js';
import type { App } from './types.js';

const tags = ['Templates'];
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'Template Id (a GUID) or Slug' }) });
const ListQuery = Type.Object({
  ...PageQuery.properties,
  connectorName: Type.Optional(
    Type.String({ maxLength: 200, description: 'Only templates with a step of this connector (its Name in any case, or its Slug)' }),
  ),
});
const TemplateConnector = Type.Object({
  Id: Type.Integer(),
  Name: Type.String(),
  Version: Type.String(),
  StepCount: Type.Integer({ description: 'How many of the template steps use the connector' }),
  Icon: Type.String({ description: "The absolute URL of the connector's icon; '' when it has none" }),
});
const TemplateReply = Type.Object({
  Id: Type.String({ description: 'A GUID, stable across releases' }),
  Name: Type.String(),
  Description: Type.String(),
  Connectors: Type.Array(TemplateConnector),
});
const TemplateDetailReply = Type.Object({
  ...TemplateReply.properties,
  Slug: Type.String(),
  Version: Type.String(),
  StepErrorAction: Type.String(),
  CollectionSplitType: Type.String(),
  Variables: Type.Array(Type.Object({ Name: Type.String(), DisplayName: Type.String(), Sensitive: Type.Boolean() })),
  Steps: Type.Array(
    Type.Object({
      Key: Type.String(),
      Name: Type.String(),
      ActionType: Type.String({ description: 'Method, Webhook, Decision, Delay, WaitUntil, SynchronousResponse or Stop' }),
      ConnectorId: Nullable(Type.Integer()),
      ConnectorName: Nullable(Type.String()),
      MethodId: Nullable(Type.String({ description: "Method steps: the method's readable Id" })),
      MethodName: Nullable(Type.String()),
      Object: Nullable(Type.String({ description: 'The object of a customisable category the method works on (a Caspio table)' })),
      Parameters: Type.Array(Type.String(), { description: 'The parameters the template maps' }),
      Fields: Type.Array(Type.String(), { description: 'The fields the template maps' }),
    }),
  ),
  Edges: Type.Array(Type.Object({ From: Type.String(), To: Type.String(), EdgeType: Type.String() })),
});

const InstallInput = Type.Object(
  {
    Name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "The cycle's name (default: the template's)" })),
    Description: Type.Optional(
      Type.Union([Type.String({ maxLength: 2000 }), Type.Null()], { description: "The cycle's description (default: the template's)" }),
    ),
  },
  { additionalProperties: false },
);

export function templateRoutes(app: App, ctx: AppContext): void {
  const anyToken = partnerAuth(ctx);

  app.get(
    '/v1.0/templates',
    {
      preHandler: anyToken,
      schema: {
        operationId: 'listTemplates',
        tags,
        summary: 'List the cycle templates',
        querystring: ListQuery,
        response: { 200: Type.Array(TemplateReply), ...errorReplies(400, 401) },
      },
    },
    async (request, reply) => {
      const page = pageRequest(request.query);
      const found = listTemplates(ctx.templates, ctx.catalogue, ctx.config.publicUrl, {
        ...page,
        connectorName: request.query.connectorName,
      });
      return sendPage(reply, page, found);
    },
  );

  app.get(
    '/v1.0/templates/:id',
    {
      preHandler: anyToken,
      schema: {
        operationId: 'getTemplate',
        tags,
        summary: 'Get a cycle template, its steps summarised',
        params: Params,
        response: { 200: TemplateDetailReply, ...errorReplies(401, 404) },
      },
    },
    async (request) => templateDetailView(ctx.templates.named(request.params.id), ctx.catalogue, ctx.config.publicUrl),
  );

  app.post(
    '/v1.0/templates/:id/install',
    {
      preHandler: accountAuth(ctx),
      // Both settings are optional: a POST without a body installs with the template's name.
      preValidation: async (request) => {
        request.body ??= {};
      },
      schema: {
        operationId: 'installTemplate',
        ...accountLevel,
        tags,
        summary: "Install a template into the account: a new cycle (Paused) on the account's installs of its connectors",
        description:
          'Each connector the template uses is the account’s install of it (an authenticated one first, then the oldest), or a ' +
          'new unauthenticated install named after the connector. A step on an object (a Caspio table) is bound to the ' +
          'install’s custom category for it, made when missing; until its install is authenticated it waits, and the ' +
          'prerequisites list it (code 20).',
        params: Params,
        body: InstallInput,
        response: { 200: CycleReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.templateInstalls.install(request.accountId, request.params.id, request.body),
  );
}
