import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { maskSecret, randomToken } from '../crypto/tokens.js';
import type { Egress } from '../egress/egress.js';
import { badRequest, notFound } from '../errors.js';
import type { JobOptions, JobQueue } from '../jobs/job-queue.js';
import { inTransaction } from '../store/commits.js';
import type { Db } from '../store/database.js';
import type { Database, WebhookDeliveryRow, WebhookRow } from '../store/schema.js';
import {
  deleteWebhook,
  deliveryCount,
  deliveryOf,
  deliveryPage,
  deliveryWithTarget,
  enabledWebhooks,
  insertDelivery,
  insertWebhook,
  recordDeliveryAttempt,
  setDeliveryState,
  updateWebhook,
  webhookCount,
  webhookOf,
  webhookPage,
} from '../store/webhooks.js';
import { offsetOf, type Page, type PageRequest } from './paging.js';
import { EVENT_TYPES, type EventType, type PartnerEvent, type PartnerEvents, TEST_EVENT } from './partner-events.js';

/** The queue webhook deliveries are sent through. */
export const DELIVER_QUEUE = 'webhook-deliver';

export interface WebhookInput {
  Url: string;
  Events: string[];
  Description?: string | null;
  Enabled?: boolean;
}

const SEAL_CONTEXT = 'partner:webhook';

/** Judges a destination by the URL policy deliveries go through; throws PB_ERR_URL_REFUSED. */
type Destinations = Pick<Egress, 'target'>;

/** The shape of a delivery job. */
export interface DeliveryJob {
  deliveryId: number;
}

/** A webhook URL as given, checked; the URL policy may refuse it later still (a name that resolves inwards). */
function checkUrl(raw: string, destinations: Destinations): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest(`Url '${raw}' is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badRequest('Url must be an http or https URL');
  if (url.username !== '' || url.password !== '') throw badRequest('Url must not carry a user name or password');
  if (url.hash !== '') throw badRequest('Url must not have a fragment');
  destinations.target(url);
  return url.href;
}

function checkEvents(events: string[]): EventType[] {
  if (events.length === 0) throw badRequest(`Events must name at least one of ${EVENT_TYPES.join(', ')}`);
  const unknown = events.filter((e) => !(EVENT_TYPES as readonly string[]).includes(e));
  if (unknown.length > 0) throw badRequest(`Events: '${unknown[0]}' is not one of ${EVENT_TYPES.join(', ')}`);
  return [...new Set(events)] as EventType[];
}

/**
 * Partner webhooks: the URLs registered for events, and the log of what was sent to them. Recording an
 * event writes one delivery row per webhook that wants it and queues its sending, in the transaction of
 * the change the event reports.
 */
export class Webhooks implements PartnerEvents {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly queue: JobQueue,
    private readonly destinations: Destinations,
    private readonly retry: Pick<JobOptions, 'retryLimit' | 'retryDelaySeconds'>,
    private readonly clock: Clock,
  ) {}

  /** Registers a webhook; the reply carries its signing secret, the only time it is shown whole. */
  async create(input: WebhookInput) {
    const url = checkUrl(input.Url, this.destinations);
    const events = checkEvents(input.Events);
    const secret = randomToken('whsec_');
    const now = this.clock.nowIso();
    const row = await insertWebhook(this.db, {
      url,
      description: input.Description ?? null,
      events: JSON.stringify(events),
      secret: this.box.seal(secret, SEAL_CONTEXT),
      secret_hint: maskSecret(secret),
      enabled: input.Enabled === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    });
    return { ...this.view(row), Secret: secret };
  }

  async list(page: PageRequest): Promise<Page<ReturnType<Webhooks['view']>>> {
    const [rows, total] = await Promise.all([webhookPage(this.db, page.pageSize, offsetOf(page)), webhookCount(this.db)]);
    return { items: rows.map((row) => this.view(row)), total };
  }

  async get(id: number) {
    return this.view(await this.row(id));
  }

  async update(id: number, input: Partial<WebhookInput>) {
    await this.row(id);
    const changes: Partial<WebhookRow> = { updated_at: this.clock.nowIso() };
    if (input.Url !== undefined) changes.url = checkUrl(input.Url, this.destinations);
    if (input.Events !== undefined) changes.events = JSON.stringify(checkEvents(input.Events));
    if (input.Description !== undefined) changes.description = input.Description;
    if (input.Enabled !== undefined) changes.enabled = input.Enabled ? 1 : 0;
    await updateWebhook(this.db, id, changes);
    return this.get(id);
  }

  async delete(id: number): Promise<void> {
    if (!(await deleteWebhook(this.db, id))) throw notFound(`Webhook ${id} not found`);
  }

  /** A new signing secret; the old one stops signing at once. */
  async rotateSecret(id: number) {
    await this.row(id);
    const secret = randomToken('whsec_');
    await updateWebhook(this.db, id, {
      secret: this.box.seal(secret, SEAL_CONTEXT),
      secret_hint: maskSecret(secret),
      updated_at: this.clock.nowIso(),
    });
    return { ...(await this.get(id)), Secret: secret };
  }

  /** Sends a test event to this webhook alone; the delivery can be followed in its log. */
  async test(id: number) {
    const row = await this.row(id);
    const deliveryId = await this.db
      .transaction()
      .execute((trx) => this.record(trx, [row.id], { type: TEST_EVENT, accountId: null, data: { Message: 'A test event' } }));
    return this.delivery(id, deliveryId[0] as number);
  }

  async deliveries(id: number, page: PageRequest): Promise<Page<ReturnType<Webhooks['deliveryView']>>> {
    await this.row(id);
    const [rows, total] = await Promise.all([deliveryPage(this.db, id, page.pageSize, offsetOf(page)), deliveryCount(this.db, id)]);
    return { items: rows.map((row) => this.deliveryView(row)), total };
  }

  async delivery(webhookId: number, id: number) {
    const row = await deliveryOf(this.db, webhookId, id);
    if (row === undefined) throw notFound(`Delivery ${id} of webhook ${webhookId} not found`);
    return this.deliveryView(row);
  }

  /** Sends a delivery again (a Failed one, say), with a fresh round of retries. */
  async redeliver(webhookId: number, id: number) {
    await this.delivery(webhookId, id);
    await inTransaction(this.db, async (trx) => {
      await setDeliveryState(trx, id, 'Pending');
      await this.queue.send<DeliveryJob>(DELIVER_QUEUE, { deliveryId: id }, this.retry, trx);
    });
    return this.delivery(webhookId, id);
  }

  async emit(db: Kysely<Database>, event: PartnerEvent): Promise<void> {
    const hooks = await enabledWebhooks(db);
    const targets = hooks.filter((hook) => (JSON.parse(hook.events) as string[]).includes(event.type)).map((hook) => hook.id);
    if (targets.length === 0) return;
    if (db.isTransaction) await this.record(db as Transaction<Database>, targets, event);
    else await inTransaction(db, (trx) => this.record(trx, targets, event));
  }

  /** One delivery row per webhook, and its job, in the given transaction. */
  private async record(trx: Transaction<Database>, webhookIds: number[], event: PartnerEvent): Promise<number[]> {
    const now = this.clock.nowIso();
    const eventId = `evt_${randomUUID()}`;
    const payload = JSON.stringify({ Id: eventId, Event: event.type, CreatedDate: now, AccountId: event.accountId, Data: event.data });
    const ids: number[] = [];
    for (const webhookId of webhookIds) {
      const id = await insertDelivery(trx, {
        webhook_id: webhookId,
        event_id: eventId,
        event: event.type,
        payload,
        state: 'Pending',
        attempts: 0,
        created_at: now,
      });
      await this.queue.send<DeliveryJob>(DELIVER_QUEUE, { deliveryId: id }, this.retry, trx);
      ids.push(id);
    }
    return ids;
  }

  /** The delivery with what is needed to send it; undefined when its webhook is gone or disabled. */
  async pending(deliveryId: number): Promise<{ delivery: WebhookDeliveryRow; url: string; secret: string } | undefined> {
    const row = await deliveryWithTarget(this.db, deliveryId);
    if (row === undefined || row.enabled !== 1) return undefined;
    const { url, secret, enabled: _enabled, ...delivery } = row;
    return { delivery, url, secret: this.box.open(secret, SEAL_CONTEXT) };
  }

  /** Records one attempt's outcome. */
  async recordAttempt(
    id: number,
    outcome: { state: 'Delivered' | 'Retrying' | 'Failed'; status: number | null; error: string | null },
  ): Promise<void> {
    const now = this.clock.nowIso();
    await recordDeliveryAttempt(this.db, id, {
      state: outcome.state,
      last_status: outcome.status,
      last_error: outcome.error,
      last_attempt_at: now,
      ...(outcome.state === 'Delivered' ? { delivered_at: now } : {}),
    });
  }

  private async row(id: number): Promise<WebhookRow> {
    const row = await webhookOf(this.db, id);
    if (row === undefined) throw notFound(`Webhook ${id} not found`);
    return row;
  }

  private view(row: WebhookRow) {
    return {
      Id: row.id,
      Url: row.url,
      Description: row.description,
      Events: JSON.parse(row.events) as string[],
      Enabled: row.enabled === 1,
      // Never the secret: a masked hint only.
      SecretHint: row.secret_hint,
      CreatedDate: row.created_at,
      UpdatedDate: row.updated_at,
    };
  }

  private deliveryView(row: WebhookDeliveryRow) {
    return {
      Id: row.id,
      EventId: row.event_id,
      Event: row.event,
      State: row.state,
      Attempts: row.attempts,
      LastStatusCode: row.last_status,
      LastError: row.last_error,
      LastAttemptDate: row.last_attempt_at,
      DeliveredDate: row.delivered_at,
      CreatedDate: row.created_at,
      Payload: JSON.parse(row.payload) as unknown,
    };
  }
}
