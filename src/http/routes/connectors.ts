import { Type } from 'typebox';
import type { Connector } from '../../catalogue/catalogue.js';
import type { CategoryDefinition } from '../../catalogue/schema.js';
import type { AppContext } from '../../context.js';
import { connectorIcon, connectorView, methodView } from '../../services/connector-views.js';
import { accountAuth, partnerAuth } from '../auth.js';
import { notModified } from '../conditional.js';
import { accountLevel, noBearer } from '../openapi.js';
import { pageRequest, sendPage } from '../paging.js';
import { AccountConnectorReply, ConnectorReply, errorReplies, MAX_ID, MethodReply, PageQuery, PropertyInput } from '../schemas.js';
import type { App } from './types.js';

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'Connector Id or Name' }) });
const MethodsQuery = Type.Object({
  query: Type.Optional(Type.String({ maxLength: 200 })),
  category: Type.Optional(Type.String({ maxLength: 200 })),
});
const ListQuery = Type.Object({ ...PageQuery.properties, ...MethodsQuery.properties });
const InstallInput = Type.Object({
  Name: Type.String({ minLength: 1, maxLength: 200 }),
  Description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  AuthenticationId: Type.Optional(Type.String({ maxLength: 100 })),
  CredentialId: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_ID, description: 'Use this credential of the account instead of an AuthValue' }),
  ),
  AuthValue: Type.Optional(Type.String({ maxLength: 20_000 })),
  Properties: Type.Optional(Type.Array(PropertyInput, { maxItems: 100 })),
});
const tags = ['Connectors'];
/** A day: icons change only with a release, and the ETag makes the check after that cheap. */
const ICON_CACHE = 'public, max-age=86400';
/** Opened on its own, the SVG may style itself and nothing more: no script, no fetch, no form, no plugin. */
const ICON_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

const matches = (text: string | undefined, query: string | undefined) =>
  query === undefined || query === '' || (text ?? '').toLowerCase().includes(query.toLowerCase());

/** A category filter matches a category's id or its name, in any case. */
function categoryMatches(category: CategoryDefinition | undefined, filter: string): boolean {
  const wanted = filter.toLowerCase();
  return category !== undefined && (category.Id.toLowerCase() === wanted || category.Name.toLowerCase() === wanted);
}

export function connectorRoutes(app: App, ctx: AppContext): void {
  const anyToken = partnerAuth(ctx);
  const view = (connector: Connector) => connectorView(connector, ctx.config.publicUrl);

  app.get(
    '/v1.0/connectors',
    {
      preHandler: anyToken,
      schema: {
        operationId: 'listConnectors',
        tags,
        summary: 'List the connector catalogue',
        querystring: ListQuery,
        response: { 200: Type.Array(ConnectorReply), ...errorReplies(400, 401) },
      },
    },
    async (request, reply) => {
      const { query, category } = request.query;
      const found = ctx.catalogue.all.filter(
        (c) =>
          (matches(c.definition.Name, query) || matches(c.definition.Description, query)) &&
          (category === undefined || c.definition.Categories.some((k) => categoryMatches(k, category))),
      );
      const page = pageRequest(request.query);
      const start = (page.page - 1) * page.pageSize;
      return sendPage(reply, page, { items: found.slice(start, start + page.pageSize).map(view), total: found.length });
    },
  );

  app.get(
    '/v1.0/connectors/:id',
    {
      preHandler: anyToken,
      schema: {
        operationId: 'getConnector',
        tags,
        summary: 'Get a connector by Id or Name',
        params: Params,
        response: { 200: ConnectorReply, ...errorReplies(401, 404) },
      },
    },
    async (request) => view(ctx.installs.connector(request.params.id)),
  );

  app.get(
    '/v1.0/connectors/:id/icon',
    {
      schema: {
        operationId: 'getConnectorIcon',
        ...noBearer,
        tags,
        summary: "A connector's icon (SVG), for anyone",
        description:
          'Public, unlike the rest of the catalogue: an <img> in a page cannot send a bearer token, and icons are not secret. ' +
          'The URL is the Icon of the connector replies. Cached for a day; send the ETag back in If-None-Match for a 304.',
        params: Params,
        doc: {
          responses: {
            200: { description: 'The icon', content: { 'image/svg+xml': Type.String({ description: 'An SVG document' }) } },
            304: { description: 'Not modified: the ETag in If-None-Match is the current one' },
          },
        },
        response: errorReplies(400, 404),
      },
    },
    async (request, reply) => {
      const icon = connectorIcon(ctx.catalogue, request.params.id);
      reply
        .header('etag', icon.etag)
        .header('cache-control', ICON_CACHE)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', ICON_CSP);
      if (notModified(request.headers['if-none-match'], icon.etag)) return reply.code(304).send();
      return reply.type('image/svg+xml').send(icon.svg);
    },
  );

  app.get(
    '/v1.0/connectors/:id/methods',
    {
      preHandler: anyToken,
      schema: {
        operationId: 'listConnectorMethods',
        tags,
        summary: "List a connector's methods",
        params: Params,
        querystring: MethodsQuery,
        response: { 200: Type.Array(MethodReply), ...errorReplies(400, 401, 404) },
      },
    },
    async (request) => {
      const { query, category } = request.query;
      const { definition } = ctx.installs.connector(request.params.id);
      const categoryOf = (id: string) => definition.Categories.find((k) => k.Id === id);
      return definition.Methods.filter(
        (m) =>
          (matches(m.Name, query) || matches(m.Description, query)) &&
          (category === undefined || categoryMatches(categoryOf(m.Category), category)),
      ).map(methodView);
    },
  );

  app.post(
    '/v1.0/connectors/:id/install',
    {
      preHandler: accountAuth(ctx),
      schema: {
        operationId: 'installConnector',
        ...accountLevel,
        tags,
        summary: 'Install a connector into the account',
        description:
          'AuthValue: the API key; base64 of username:password for Basic; for OAuth 2.0, the JSON string {"AccessToken","RefreshToken","Expires","RefreshExpires"}.',
        params: Params,
        body: InstallInput,
        response: { 200: AccountConnectorReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.installs.install(request.accountId, request.params.id, request.body),
  );
}
