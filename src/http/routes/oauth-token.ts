import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { badRequest, PatchbayError } from '../../errors.js';
import { errorReplies } from '../schemas.js';
import type { App } from './types.js';

const TokenRequest = Type.Object({
  grant_type: Type.String(),
  client_id: Type.Optional(Type.String({ maxLength: 200 })),
  client_secret: Type.Optional(Type.String({ maxLength: 500 })),
  scope: Type.Optional(Type.String({ maxLength: 300 })),
});

const TokenReply = Type.Object({ token_type: Type.String(), access_token: Type.String(), expires_in: Type.Integer() });

/** Client credentials from HTTP Basic (RFC 6749 section 2.3.1), if sent that way. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = header === undefined ? null : /^Basic\s+(\S+)$/i.exec(header);
  if (match === null) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    // Not form-encoded as RFC 6749 asks: treat it as wrong credentials, not as a fault.
    return { id: '', secret: '' };
  }
}

export function oauthTokenRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/oauth/token',
    {
      schema: {
        operationId: 'getAccessToken',
        security: [{}, { clientBasic: [] }],
        summary: 'Get a bearer token (client credentials grant)',
        tags: ['Authentication'],
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: TokenRequest,
        response: { 200: TokenReply, ...errorReplies(400, 401) },
      },
    },
    async (request) => {
      const body = request.body;
      if (body.grant_type !== 'client_credentials') throw badRequest('grant_type must be client_credentials');
      const credentials =
        basicCredentials(request.headers.authorization) ??
        (body.client_id !== undefined && body.client_secret !== undefined ? { id: body.client_id, secret: body.client_secret } : undefined);
      if (credentials === undefined) throw new PatchbayError('PB_ERR_INVALID_CLIENT', 'client_id and client_secret are required');
      await ctx.clients.verify(credentials.id, credentials.secret);
      let accountId: string | null = null;
      if (body.scope !== undefined && body.scope.trim() !== '') {
        const match = /^account:(.+)$/.exec(body.scope.trim());
        if (match === null) throw badRequest('scope must be account:{AccountId}');
        accountId = match[1] as string;
        await ctx.accounts.assertExists(accountId);
      }
      const { token, expiresIn } = await ctx.tokens.issue(credentials.id, accountId);
      return { token_type: 'bearer', access_token: token, expires_in: expiresIn };
    },
  );
}
