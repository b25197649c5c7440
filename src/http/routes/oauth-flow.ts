import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { PatchbayError } from '../../errors.js';
import { bindingKey, type CallbackOutcome, OAUTH_SESSION_LIFETIME_SECONDS } from '../../services/oauth-connect.js';
import { cookieValue } from '../cookies.js';
import { errorPage, postMessagePage, wantsHtml } from '../pages.js';
import { errorReplies, MAX_ID, PAGE_REFUSAL, pageRefusals } from '../schemas.js';
import type { App } from './types.js';

const StartQuery = Type.Object({
  id: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ID, description: 'The account connector to authenticate' })),
  credentialId: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_ID,
      description: 'Instead of id: a credential to authorize on its own; every install using it gets its token',
    }),
  ),
  token: Type.String({ minLength: 1, maxLength: 200, description: 'A sign-in token' }),
  targetOrigin: Type.String({
    minLength: 1,
    maxLength: 500,
    description: 'Where to report back: an allowed origin, or a URL below one (messages go to its origin, redirects to the whole URL)',
  }),
  callbackMessage: Type.Optional(
    Type.String({ maxLength: 2000, description: 'Posted to the opener on success; without it the browser is redirected to targetOrigin' }),
  ),
});
const CallbackQuery = Type.Record(Type.String(), Type.String({ maxLength: 4000 }), {
  title: 'callback',
  description: 'What the provider sends back: state and code, or error and error_description, and any others it adds',
});
const tags = ['OAuth'];

/** Refusals before a report channel is known: a page for a browser, `{"Message"}` for anything else. */
function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof PatchbayError) || !wantsHtml(request)) throw error;
  return errorPage(reply, error.status, error.message);
}

function report(reply: FastifyReply, outcome: CallbackOutcome): FastifyReply {
  const { targetOrigin, callbackMessage } = outcome.report;
  if (callbackMessage === null) {
    const target = new URL(targetOrigin);
    if (!outcome.ok) {
      target.searchParams.set('error', outcome.code);
      target.searchParams.set('error_description', outcome.message);
    }
    return reply.header('cache-control', 'no-store').redirect(target.href, 302);
  }
  // A targetOrigin given as a URL with a path is where redirects go; messages go to its origin.
  const origin = new URL(targetOrigin).origin;
  if (outcome.ok) {
    return postMessagePage(reply, origin, callbackMessage, { title: 'Connected', detail: 'You can close this window.' });
  }
  return postMessagePage(
    reply,
    origin,
    { Error: outcome.code, Message: outcome.message },
    { title: 'Could not connect', detail: outcome.message },
    400,
  );
}

/** The browser side of OAuth 2.0 authorization code: the popup's start URL and the provider's callback. */
export function oauthFlowRoutes(app: App, ctx: AppContext): void {
  // Over https the binding cookie is a __Host- cookie: only this host, secure, path /. Lax, as the provider's
  // redirect back is a top-level navigation from another site.
  const secure = ctx.config.publicUrl.startsWith('https:');
  const bindingCookie = (key: string) => `${secure ? '__Host-' : ''}patchbay-oauth-${key}`;
  const cookieAttributes = `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

  for (const url of ['/connectorauth/updateaccountconnectoroauth', '/web/connector/updateaccountconnectoroauth']) {
    app.get(
      url,
      {
        schema: {
          operationId: url.startsWith('/web/') ? 'startOAuthWeb' : 'startOAuth',
          tags,
          summary: 'Start authenticating an account connector, or authorizing a credential, with OAuth (open in a popup)',
          description:
            'Consumes the sign-in token, checks the account connector (id) or credential (credentialId) and targetOrigin, and redirects the browser to the ' +
            "provider's consent page. The outcome is posted to the opener (callbackMessage) or the browser is redirected to targetOrigin.",
          querystring: StartQuery,
          security: [],
          doc: { responses: pageRefusals([400, 401, 403, 404, 409]) },
          response: { 302: Type.Null(), ...errorReplies(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        try {
          const { location, binding } = await ctx.connect.start(request.query);
          if (binding !== null) {
            reply.header(
              'set-cookie',
              `${bindingCookie(binding.key)}=${binding.secret}; ${cookieAttributes}; Max-Age=${OAUTH_SESSION_LIFETIME_SECONDS}`,
            );
          }
          return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(location.href, 302);
        } catch (error) {
          return refuse(request, reply, error);
        }
      },
    );
  }

  app.get(
    '/connector/callback',
    {
      schema: {
        operationId: 'oauthCallback',
        tags,
        summary: "The OAuth provider's redirect back (register this URL with the provider)",
        querystring: CallbackQuery,
        security: [],
        doc: {
          responses: {
            200: {
              description: 'A page that posts the outcome to the opener (with callbackMessage)',
              content: { 'text/html': Type.String() },
            },
            ...pageRefusals([400], `${PAGE_REFUSAL}; a flow that failed at the provider posts its error to the opener in a page`),
          },
        },
        response: { 302: Type.Null(), ...errorReplies(400) },
      },
    },
    async (request, reply) => {
      const state = request.query.state;
      const cookie = state === undefined ? undefined : bindingCookie(bindingKey(state));
      const binding = cookie === undefined ? undefined : cookieValue(request, cookie);
      let outcome: CallbackOutcome;
      try {
        outcome = await ctx.connect.finish(new URLSearchParams(request.query), binding);
      } catch (error) {
        return refuse(request, reply, error);
      }
      // The binding has served: the browser forgets it.
      if (binding !== undefined) reply.header('set-cookie', `${cookie}=; ${cookieAttributes}; Max-Age=0`);
      return report(reply, outcome);
    },
  );
}
