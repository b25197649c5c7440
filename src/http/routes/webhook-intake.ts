import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { noBearer } from '../openapi.js';
import { errorReplies } from '../schemas.js';
import type { App } from './types.js';

const WebhookParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200, description: "The Webhook step's URL token" }) });
const Accepted = Type.Object(
  { TransactionId: Type.String({ description: 'The transaction the delivery started (or, for a repeat, the first one)' }) },
  { additionalProperties: false },
);

/**
 * Webhook deliveries that start cycles: public, the URL's token being the secret. Any content type is
 * taken: JSON and forms parsed, anything else as its text, up to PATCHBAY_WEBHOOK_BODY_LIMIT_BYTES.
 */
export function webhookIntakeRoutes(app: App, ctx: AppContext): void {
  // Raw bodies only here: elsewhere an unknown content type stays a 415.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  for (const method of ['POST', 'PUT'] as const) {
    app.route({
      method,
      url: '/api/webhook/:token',
      bodyLimit: ctx.config.webhookBodyLimitBytes,
      schema: {
        operationId: method === 'POST' ? 'deliverWebhook' : 'deliverWebhookPut',
        ...noBearer,
        tags: ['Cycles'],
        summary:
          'Deliver a payload to a Webhook trigger: 202 with the transaction once it is stored (a repeated Idempotency-Key, or the ' +
          "header the step's IdempotencyHeader names: the same transaction), or, with a Synchronous Response step, what that step answers",
        params: WebhookParams,
        response: { 202: Accepted, ...errorReplies(400, 404, 413) },
      },
      handler: async (request, reply) => {
        const answer = await ctx.webhookIntake.receive({
          token: request.params.token,
          body: request.body ?? null,
          header: (name) => {
            const value = request.headers[name.toLowerCase()];
            return Array.isArray(value) ? value[0] : value;
          },
        });
        if (!('synchronous' in answer)) return reply.code(202).send(answer.body);
        // The status and body are the cycle's, outside the documented replies.
        const free = (reply as FastifyReply).code(answer.status);
        if (answer.body === null || answer.body === undefined) return free.send();
        // A text answer goes as text (a provider's verification challenge, echoed); anything else as JSON.
        if (typeof answer.body === 'string') return free.type('text/plain; charset=utf-8').send(answer.body);
        return free.type('application/json; charset=utf-8').send(JSON.stringify(answer.body));
      },
    });
  }
}
