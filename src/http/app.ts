import { randomBytes } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { answerClientError, installErrorHandler } from './error-handler.js';
import { installJsonBodyParser } from './json-body.js';
import { openapiOptions } from './openapi.js';
import { accountConnectorRoutes } from './routes/account-connectors.js';
import { accountRoutes } from './routes/accounts.js';
import { categoryRoutes } from './routes/categories.js';
import { clientRoutes } from './routes/clients.js';
import { connectPageRoutes } from './routes/connect-page.js';
import { connectorSetupRoutes } from './routes/connector-setup.js';
import { connectorRoutes } from './routes/connectors.js';
import { consoleRoutes } from './routes/console.js';
import { credentialRoutes } from './routes/credentials.js';
import { cycleStepRoutes } from './routes/cycle-steps.js';
import { cycleRoutes } from './routes/cycles.js';
import { healthRoutes } from './routes/health.js';
import { incidentRoutes } from './routes/incidents.js';
import { mcpRoutes } from './routes/mcp.js';
import { methodRoutes } from './routes/methods.js';
import { oauthFlowRoutes } from './routes/oauth-flow.js';
import { oauthTokenRoutes } from './routes/oauth-token.js';
import { proxyRoutes } from './routes/proxy.js';
import { sdkRoutes } from './routes/sdk.js';
import { signinTokenRoutes } from './routes/signin-tokens.js';
import { templateRoutes } from './routes/templates.js';
import { transactionRoutes } from './routes/transactions.js';
import type { App } from './routes/types.js';
import { webhookIntakeRoutes } from './routes/webhook-intake.js';
import { webhookRoutes } from './routes/webhooks.js';
import { ErrorReply } from './schemas.js';
import { validatorCompiler } from './validation.js';

export interface HttpOptions {
  /** A logger to use instead of one built from the config (tests capture log lines with it). */
  logger?: FastifyBaseLogger;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;
const BODY_LIMIT = 1024 * 1024;

/** The HTTP server: schemas validate, routes call services, errors leave as `{"Message"}`. */
export async function buildHttpApp(ctx: AppContext, options: HttpOptions = {}): Promise<App> {
  // A random prefix per process and a counter: unique across nodes, and cheaper than a UUID per request.
  const idPrefix = randomBytes(6).toString('base64url');
  let requests = 0;
  const requestId = (given: string | string[] | undefined) =>
    typeof given === 'string' && REQUEST_ID.test(given) ? given : `${idPrefix}-${(++requests).toString(36)}`;
  const app = Fastify({
    loggerInstance: options.logger ?? ctx.logger,
    bodyLimit: BODY_LIMIT,
    requestIdHeader: false,
    genReqId: (request) => requestId(request.headers['x-request-id']),
    // A URL the router cannot decode still gets the usual error shape.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      reply.code(400).send({ Message: error.message, Code: 'PB_ERR_BAD_REQUEST' });
    },
    clientErrorHandler: answerClientError,
    // A client that sends its request slowly, or holds a connection idle, is not waited on for ever.
    requestTimeout: ctx.config.requestTimeoutMs,
    keepAliveTimeout: ctx.config.keepAliveTimeoutMs,
    // Given to the server as it is made too: on Node 20 a request timeout set only afterwards is not applied.
    // Node looks for requests past it this often (every 30 s by default, which would let one run long).
    http: { requestTimeout: ctx.config.requestTimeoutMs, connectionsCheckingInterval: Math.min(1000, ctx.config.requestTimeoutMs) },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.server.maxConnections = ctx.config.maxConnections;
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  installJsonBodyParser(app);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.setValidatorCompiler(validatorCompiler);
  app.addSchema(ErrorReply);
  installErrorHandler(app);

  await app.register(swagger, openapiOptions(ctx.config.publicUrl));
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  healthRoutes(app, ctx);
  oauthTokenRoutes(app, ctx);
  accountRoutes(app, ctx);
  clientRoutes(app, ctx);
  signinTokenRoutes(app, ctx);
  connectorRoutes(app, ctx);
  connectorSetupRoutes(app, ctx);
  templateRoutes(app, ctx);
  accountConnectorRoutes(app, ctx);
  credentialRoutes(app, ctx);
  categoryRoutes(app, ctx);
  methodRoutes(app, ctx);
  cycleRoutes(app, ctx);
  transactionRoutes(app, ctx);
  incidentRoutes(app, ctx);
  cycleStepRoutes(app, ctx);
  oauthFlowRoutes(app, ctx);
  webhookRoutes(app, ctx);
  mcpRoutes(app, ctx);
  sdkRoutes(app);
  await consoleRoutes(app, ctx.config.publicUrl);
  connectPageRoutes(app, ctx);
  await app.register(async (scope) => webhookIntakeRoutes(scope as App, ctx));
  await app.register(async (scope) => proxyRoutes(scope as App, ctx));
  return app;
}
