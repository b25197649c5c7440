import { createHmac } from 'node:crypto';
import type { Egress } from '../egress/egress.js';
import { PatchbayError } from '../errors.js';
import type { Job } from '../jobs/job-queue.js';
import type { Metrics } from '../metrics.js';
import type { DeliveryJob, Webhooks } from './webhooks.js';

/** How much of a refusing receiver's answer the log keeps. */
const ERROR_BODY_CHARS = 300;

/** The signature a receiver recomputes: HMAC-SHA256 of the exact body with the webhook's secret, hex. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Sends one delivery: a signed POST of the recorded body, through egress and its URL policy (redirects are
 * not followed). A 2xx answer delivers it; anything else fails the attempt, which the queue retries with
 * backoff until the last one, recorded as Failed.
 */
export class WebhookSender {
  constructor(
    private readonly webhooks: Webhooks,
    private readonly metrics: Metrics,
    /** An egress whose response timeout is the webhook timeout. */
    private readonly egress: Egress,
    private readonly timeoutMs: number,
  ) {}

  readonly handle = async (job: Job<DeliveryJob>): Promise<void> => {
    const pending = await this.webhooks.pending(job.data.deliveryId);
    // The webhook was deleted or disabled since: nothing to send.
    if (pending === undefined) return;
    const { delivery, url, secret } = pending;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const reply = await this.egress.requestWhole({
        method: 'POST',
        url: new URL(url),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Patchbay-Webhooks/1',
          'x-patchbay-event': delivery.event,
          'x-patchbay-delivery': String(delivery.id),
          'x-patchbay-signature': webhookSignature(secret, delivery.payload),
        },
        body: delivery.payload,
      });
      status = reply.statusCode;
      const text = reply.body.toString('utf8');
      if (status < 200 || status > 299) error = `Answered ${status}${text === '' ? '' : `: ${text.slice(0, ERROR_BODY_CHARS)}`}`;
    } catch (failure) {
      if (!(failure instanceof PatchbayError)) throw failure;
      error = describe(failure, this.timeoutMs);
    }
    const state = error === null ? 'Delivered' : job.lastAttempt ? 'Failed' : 'Retrying';
    await this.webhooks.recordAttempt(delivery.id, { state, status, error });
    this.metrics.inc('patchbay_webhook_deliveries_total', { result: error === null ? 'delivered' : 'failed' });
    if (error !== null && !job.lastAttempt) throw new Error(error);
  };
}

function describe(error: PatchbayError, timeoutMs: number): string {
  switch (error.code) {
    case 'PB_ERR_UPSTREAM_TIMEOUT':
      return `No answer within ${timeoutMs} ms`;
    case 'PB_ERR_URL_REFUSED':
      return `Refused by the URL policy: ${error.message} (PATCHBAY_WEBHOOK_PRIVATE_NETWORK=true allows receivers on your own network)`;
    default:
      return `Could not connect: ${error.message}`;
  }
}
