import { createHmac } from 'node:crypto';
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
 * Sends one delivery: a signed POST of the recorded body. A 2xx answer delivers it; anything else fails
 * the attempt, which the queue retries with backoff until the last one, recorded as Failed.
 */
export class WebhookSender {
  constructor(
    private readonly webhooks: Webhooks,
    private readonly metrics: Metrics,
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
      const reply = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Patchbay-Webhooks/1',
          'x-patchbay-event': delivery.event,
          'x-patchbay-delivery': String(delivery.id),
          'x-patchbay-signature': webhookSignature(secret, delivery.payload),
        },
        body: delivery.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = reply.status;
      const text = await reply.text();
      if (status < 200 || status > 299) error = `Answered ${status}${text === '' ? '' : `: ${text.slice(0, ERROR_BODY_CHARS)}`}`;
    } catch (failure) {
      error =
        (failure as Error).name === 'TimeoutError' ? `No answer within ${this.timeoutMs} ms` : `Could not connect: ${describe(failure)}`;
    }
    const state = error === null ? 'Delivered' : job.lastAttempt ? 'Failed' : 'Retrying';
    await this.webhooks.recordAttempt(delivery.id, { state, status, error });
    this.metrics.inc('patchbay_webhook_deliveries_total', { result: error === null ? 'delivered' : 'failed' });
    if (error !== null && !job.lastAttempt) throw new Error(error);
  };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
