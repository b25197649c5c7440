import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { EVENT_TYPES } from '../../services/partner-events.js';
import { unrestrictedAuth } from '../auth.js';
import { pageRequest, sendPage } from '../paging.js';
import { errorReplies, IdParam, Nullable, PageQuery } from '../schemas.js';
import type { App } from './types.js';

const Params = Type.Object({ id: IdParam });
const DeliveryParams = Type.Object({ id: IdParam, deliveryId: IdParam });
const WebhookReply = Type.Object({
  Id: Type.Integer(),
  Url: Type.String(),
  Description: Nullable(Type.String()),
  Events: Type.Array(Type.String()),
  Enabled: Type.Boolean(),
  SecretHint: Type.String({ description: 'Masked: the secret is shown whole only when made' }),
  CreatedDate: Type.String(),
  UpdatedDate: Type.String(),
});
const WithSecret = Type.Object({
  ...WebhookReply.properties,
  Secret: Type.String({ description: 'The signing secret, shown this once: keep it' }),
});
const DeliveryReply = Type.Object({
  Id: Type.Integer(),
  EventId: Type.String(),
  Event: Type.String(),
  State: Type.String({ description: 'Pending, Retrying, Delivered or Failed' }),
  Attempts: Type.Integer(),
  LastStatusCode: Nullable(Type.Integer()),
  LastError: Nullable(Type.String()),
  LastAttemptDate: Nullable(Type.String()),
  DeliveredDate: Nullable(Type.String()),
  CreatedDate: Type.String(),
  Payload: Type.Unknown({ description: 'The body sent, as signed' }),
});
const Url = Type.String({ minLength: 1, maxLength: 2000, description: 'Where events are POSTed (http or https)' });
const Events = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  maxItems: 20,
  description: `Any of ${EVENT_TYPES.join(', ')}`,
});
const Description = Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]);
const CreateInput = Type.Object({ Url, Events, Description: Type.Optional(Description), Enabled: Type.Optional(Type.Boolean()) });
const UpdateInput = Type.Object({
  Url: Type.Optional(Url),
  Events: Type.Optional(Events),
  Description: Type.Optional(Description),
  Enabled: Type.Optional(Type.Boolean()),
});
const tags = ['Webhooks'];

/**
 * Partner webhooks: URLs that receive signed events (X-Patchbay-Signature: sha256=HMAC of the body).
 * Partner-level only: a token restricted to one account cannot see or change them.
 */
export function webhookRoutes(app: App, ctx: AppContext): void {
  const preHandler = unrestrictedAuth(ctx);

  app.post(
    '/v1.0/webhooks',
    {
      preHandler,
      schema: {
        operationId: 'createWebhook',
        tags,
        summary: 'Register a webhook; the reply carries its signing secret, shown this once',
        body: CreateInput,
        response: { 200: WithSecret, ...errorReplies(400, 401, 403) },
      },
    },
    async (request) => ctx.webhooks.create(request.body),
  );

  app.get(
    '/v1.0/webhooks',
    {
      preHandler,
      schema: {
        operationId: 'listWebhooks',
        tags,
        summary: 'List webhooks',
        querystring: PageQuery,
        response: { 200: Type.Array(WebhookReply), ...errorReplies(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const page = pageRequest(request.query);
      return sendPage(reply, page, await ctx.webhooks.list(page));
    },
  );

  app.get(
    '/v1.0/webhooks/:id',
    {
      preHandler,
      schema: {
        operationId: 'getWebhook',
        tags,
        summary: 'Get a webhook',
        params: Params,
        response: { 200: WebhookReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.webhooks.get(request.params.id),
  );

  app.put(
    '/v1.0/webhooks/:id',
    {
      preHandler,
      schema: {
        operationId: 'updateWebhook',
        tags,
        summary: 'Change the URL, events, description, or turn a webhook off and on',
        params: Params,
        body: UpdateInput,
        response: { 200: WebhookReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.webhooks.update(request.params.id, request.body),
  );

  app.delete(
    '/v1.0/webhooks/:id',
    {
      preHandler,
      schema: {
        operationId: 'deleteWebhook',
        tags,
        summary: 'Delete a webhook and its delivery log',
        params: Params,
        response: { 204: Type.Null(), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await ctx.webhooks.delete(request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1.0/webhooks/:id/secret',
    {
      preHandler,
      schema: {
        operationId: 'rotateWebhookSecret',
        tags,
        summary: 'Make a new signing secret (shown this once); the old one stops signing at once',
        params: Params,
        response: { 200: WithSecret, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.webhooks.rotateSecret(request.params.id),
  );

  app.post(
    '/v1.0/webhooks/:id/test',
    {
      preHandler,
      schema: {
        operationId: 'testWebhook',
        tags,
        summary: 'Send a Webhook.Test event to this webhook; follow it in the delivery log',
        params: Params,
        response: { 200: DeliveryReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.webhooks.test(request.params.id),
  );

  app.get(
    '/v1.0/webhooks/:id/deliveries',
    {
      preHandler,
      schema: {
        operationId: 'listWebhookDeliveries',
        tags,
        summary: 'The delivery log, newest first',
        params: Params,
        querystring: PageQuery,
        response: { 200: Type.Array(DeliveryReply), ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const page = pageRequest(request.query);
      return sendPage(reply, page, await ctx.webhooks.deliveries(request.params.id, page));
    },
  );

  app.get(
    '/v1.0/webhooks/:id/deliveries/:deliveryId',
    {
      preHandler,
      schema: {
        operationId: 'getWebhookDelivery',
        tags,
        summary: 'One delivery',
        params: DeliveryParams,
        response: { 200: DeliveryReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.webhooks.delivery(request.params.id, request.params.deliveryId),
  );

  app.post(
    '/v1.0/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      preHandler,
      schema: {
        operationId: 'redeliverWebhookDelivery',
        tags,
        summary: 'Send a delivery again, with a fresh round of retries',
        params: DeliveryParams,
        response: { 200: DeliveryReply, ...errorReplies(400, 401, 403, 404) },
      },
    },
    async (request) => ctx.webhooks.redeliver(request.params.id, request.params.deliveryId),
  );
}
