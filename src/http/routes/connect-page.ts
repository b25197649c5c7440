import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { notFound, PatchbayError } from '../../errors.js';
import { CONNECT_SESSION_SECONDS } from '../../services/connect-sessions.js';
import { builtPageCsp, builtPageHeaders, readBuiltPage } from '../built-pages.js';
import { cookieValue } from '../cookies.js';
import { noBearer } from '../openapi.js';
import { errorPage, wantsHtml } from '../pages.js';
import { errorReplies, IdParam, Nullable, pageRefusals } from '../schemas.js';
import type { App } from './types.js';

const COOKIE = 'patchbay_connect';
const Params = Type.Object({ id: IdParam });
const tags = ['Connect page'];
const AppsReply = Type.Object({
  Title: Type.String(),
  Accent: Type.String(),
  LogoUrl: Nullable(Type.String()),
  Apps: Type.Array(
    Type.Object({
      Id: Type.Integer(),
      Name: Type.String(),
      ConnectorName: Type.String(),
      Icon: Type.String({ description: "The absolute URL of the connector's icon; '' when it has none" }),
      AuthDescription: Type.String(),
      Connect: Type.Union([Type.Literal('popup'), Type.Literal('key'), Type.Literal('password'), Type.Literal('none')]),
      Authenticated: Type.Boolean(),
      AuthenticationError: Nullable(Type.String()),
    }),
  ),
});

/**
 * The end user's connect page: `/account/signinwithtoken?token=` trades a sign-in token for a session
 * cookie (HttpOnly, SameSite=Strict, an hour) and opens `/account/connect`, which lists the account's apps
 * with a Connect button each. Its calls go to `/account/connect/api/...` with that cookie, never a token.
 */
export function connectPageRoutes(app: App, ctx: AppContext): void {
  const { publicUrl, connectPage: brand } = ctx.config;
  const origin = new URL(publicUrl).origin;
  const secure = publicUrl.startsWith('https:') ? '; Secure' : '';
  const csp = builtPageCsp([origin, ...(brand.logoUrl === null ? [] : [new URL(brand.logoUrl).origin])]);
  const page = readBuiltPage('connect.html');

  /** The account of the request's session; a write must also come from Patchbay's own origin. */
  const accountOf = async (request: FastifyRequest) => {
    const from = request.headers.origin;
    if (request.method !== 'GET' && from !== undefined && from !== origin) {
      throw new PatchbayError('PB_ERR_FORBIDDEN', `Origin ${from} may not act on the connect page`);
    }
    return ctx.connectPage.accountOf(cookieValue(request, COOKIE));
  };

  app.get(
    '/account/signinwithtoken',
    {
      schema: {
        operationId: 'openConnectPage',
        ...noBearer,
        tags,
        summary: "Open the end user's connect page with a sign-in token",
        description: 'Uses the token up, sets the session cookie and redirects to /account/connect.',
        querystring: Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }),
        doc: { responses: pageRefusals([400, 401]) },
        response: { 303: Type.Null(), ...errorReplies(400, 401) },
      },
    },
    async (request, reply) => {
      try {
        const { session } = await ctx.connectPage.open(request.query.token);
        return reply
          .header(
            'set-cookie',
            `${COOKIE}=${session}; Path=/account/; Max-Age=${CONNECT_SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure}`,
          )
          .header('cache-control', 'no-store')
          .header('referrer-policy', 'no-referrer')
          .redirect('/account/connect', 303);
      } catch (error) {
        if (error instanceof PatchbayError && wantsHtml(request)) return errorPage(reply, error.status, error.message);
        throw error;
      }
    },
  );

  app.get('/account/connect', { schema: { hide: true } }, async (_request, reply) => {
    if (page === undefined) throw notFound('The connect page is not built: run npm run build');
    builtPageHeaders(reply, csp, 'connect.html');
    return reply.type('text/html; charset=utf-8').send(page);
  });

  app.get(
    '/account/connect/api/apps',
    {
      schema: {
        operationId: 'listConnectPageApps',
        security: [{ connectSession: [] }],
        tags,
        summary: "The connect page's brand and the account's apps (session cookie)",
        response: { 200: AppsReply, ...errorReplies(401) },
      },
    },
    async (request) => {
      const accountId = await accountOf(request);
      return { Title: brand.title, Accent: brand.accent, LogoUrl: brand.logoUrl, Apps: await ctx.connectPage.apps(accountId) };
    },
  );

  app.post(
    '/account/connect/api/apps/:id/popup',
    {
      schema: {
        operationId: 'startConnectPagePopup',
        security: [{ connectSession: [] }],
        tags,
        summary: "Where the popup starts an app's OAuth flow (session cookie)",
        params: Params,
        response: { 200: Type.Object({ Url: Type.String() }), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ({ Url: await ctx.connectPage.popupUrl(await accountOf(request), request.params.id) }),
  );

  app.put(
    '/account/connect/api/apps/:id',
    {
      schema: {
        operationId: 'connectConnectPageApp',
        security: [{ connectSession: [] }],
        tags,
        summary: 'Connect an app with a key, or a username and password (session cookie)',
        params: Params,
        body: Type.Object({
          AuthValue: Type.String({ minLength: 1, maxLength: 20_000, description: 'The API key, or base64 of username:password' }),
        }),
        response: errorReplies(400, 401, 403, 404),
        doc: { responses: { 204: { description: 'Connected' } } },
      },
    },
    async (request, reply) => {
      await ctx.connectPage.connectWithSecret(await accountOf(request), request.params.id, request.body.AuthValue);
      return reply.code(204).send();
    },
  );
}
