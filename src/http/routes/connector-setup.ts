import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { unrestrictedAuth } from '../auth.js';
import { errorReplies } from '../schemas.js';
import type { App } from './types.js';

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'Connector Id or Name' }) });
const SetupInput = Type.Object({
  Properties: Type.Array(
    Type.Object({
      Name: Type.String({ minLength: 1, maxLength: 100 }),
      Value: Type.Union([Type.String({ maxLength: 4000 }), Type.Null()], { description: 'Blank or null clears the value' }),
    }),
    { maxItems: 100 },
  ),
});
const SetupReply = Type.Object({
  ConnectorId: Type.Integer(),
  ConnectorName: Type.String(),
  SetupRequired: Type.Boolean(),
  CallbackUrl: Type.Union([Type.String(), Type.Null()]),
  AskedAtInstall: Type.Array(Type.String()),
  UpdatedDate: Type.Union([Type.String(), Type.Null()]),
  Properties: Type.Array(
    Type.Object({
      Name: Type.String(),
      DisplayName: Type.String(),
      Description: Type.Union([Type.String(), Type.Null()]),
      IsSensitive: Type.Boolean(),
      IsOptional: Type.Boolean(),
      Default: Type.Union([Type.String(), Type.Null()]),
      Choices: Type.Union([Type.Array(Type.Object({ Value: Type.String(), Label: Type.String() })), Type.Null()]),
      IsSet: Type.Boolean(),
      Value: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
const tags = ['Connectors'];
const description =
  "The partner's values for the connector's partner properties (Client ID, Client Secret, URLs...). Sensitive values are " +
  'never returned, only masked. A value left blank is asked of each account at install (AskedAtInstall). CallbackUrl is the ' +
  'redirect URL to register with an OAuth provider.';

export function connectorSetupRoutes(app: App, ctx: AppContext): void {
  const partnerOnly = unrestrictedAuth(ctx);

  app.get(
    '/v1.0/connectors/:id/setup',
    {
      preHandler: partnerOnly,
      schema: {
        operationId: 'getConnectorSetup',
        tags,
        summary: "Get a connector's partner setup",
        description,
        params: Params,
        response: { 200: SetupReply, ...errorReplies(401, 403, 404) },
      },
    },
    async (request) => ctx.setups.view(request.params.id),
  );

  app.put(
    '/v1.0/connectors/:id/setup',
    {
      preHandler: partnerOnly,
      schema: {
        operationId: 'updateConnectorSetup',
        tags,
        summary: "Set a connector's partner setup",
        description: `${description} Only the properties named are changed.`,
        params: Params,
        body: SetupInput,
        response: { 200: SetupReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.setups.update(request.params.id, request.body.Properties),
  );
}
