import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { accountAuth, assertAccountAllowed, partnerAuth } from '../auth.js';
import { accountLevel } from '../openapi.js';
import { errorReplies } from '../schemas.js';
import type { App } from './types.js';

const TokenReply = Type.Object({ Token: Type.String(), ExpiresAtUtc: Type.String() });
const tags = ['Accounts'];
const description = 'A single-use sign-in token for a browser acting for this account (the OAuth popup). It lasts five minutes.';

export function signinTokenRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/v1.0/accounts/tokens',
    {
      preHandler: accountAuth(ctx),
      schema: {
        operationId: 'createSignInToken',
        ...accountLevel,
        tags,
        summary: 'Get a sign-in token for the account in X-Cyclr-Account',
        description,
        response: { 200: TokenReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.signins.issue(request.accountId, null),
  );

  app.post(
    '/v1.0/accounts/:id/signintoken',
    {
      preHandler: partnerAuth(ctx),
      schema: {
        operationId: 'createAccountSignInToken',
        tags,
        summary: 'Get a sign-in token for an account',
        description,
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }),
        body: Type.Union([
          Type.Object({ Username: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])) }),
          Type.Null(),
        ]),
        response: { 200: TokenReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => {
      assertAccountAllowed(request.principal, request.params.id);
      await ctx.accounts.assertExists(request.params.id);
      return ctx.signins.issue(request.params.id, request.body?.Username ?? null);
    },
  );
}
