import type { Insertable, Updateable } from 'kysely';
import type { Db } from './database.js';
import type { WebhookDeliveryRow, WebhookDeliveryTable, WebhookRow, WebhookTable } from './schema.js';

/**
 * The queries of the partner's webhooks and their delivery log, the only place that writes those tables.
 * Signing secrets arrive sealed. Every function takes the database or a transaction.
 */

export function insertWebhook(db: Db, values: Insertable<WebhookTable>): Promise<WebhookRow> {
  return db.insertInto('webhooks').values(values).returningAll().executeTakeFirstOrThrow();
}

export function webhookOf(db: Db, id: number): Promise<WebhookRow | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function webhookPage(db: Db, limit: number, offset: number): Promise<WebhookRow[]> {
  return db.selectFrom('webhooks').selectAll().orderBy('id').limit(limit).offset(offset).execute();
}

export async function webhookCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('webhooks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The enabled webhooks, with the event types each wants (JSON). */
export function enabledWebhooks(db: Db) {
  return db.selectFrom('webhooks').select(['id', 'events']).where('enabled', '=', 1).execute();
}

export async function updateWebhook(db: Db, id: number, changes: Updateable<WebhookTable>): Promise<void> {
  await db.updateTable('webhooks').set(changes).where('id', '=', id).execute();
}

/** False when there was no such webhook. */
export async function deleteWebhook(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function insertDelivery(db: Db, values: Insertable<WebhookDeliveryTable>): Promise<number> {
  const row = await db.insertInto('webhook_deliveries').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function deliveryOf(db: Db, webhookId: number, id: number): Promise<WebhookDeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).where('webhook_id', '=', webhookId).executeTakeFirst();
}

/** One page of a webhook's deliveries, newest first. */
export function deliveryPage(db: Db, webhookId: number, limit: number, offset: number): Promise<WebhookDeliveryRow[]> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function deliveryCount(db: Db, webhookId: number): Promise<number> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('webhook_id', '=', webhookId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A delivery with its webhook's URL, sealed secret and whether it is enabled. */
export function deliveryWithTarget(db: Db, id: number) {
  return db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .selectAll('webhook_deliveries')
    .select(['webhooks.url', 'webhooks.secret', 'webhooks.enabled'])
    .where('webhook_deliveries.id', '=', id)
    .executeTakeFirst();
}

export async function setDeliveryState(db: Db, id: number, state: string): Promise<void> {
  await db.updateTable('webhook_deliveries').set({ state }).where('id', '=', id).execute();
}

/** Counts one more attempt with its outcome; `delivered_at` is set only when given. */
export async function recordDeliveryAttempt(
  db: Db,
  id: number,
  outcome: Pick<WebhookDeliveryRow, 'state' | 'last_status' | 'last_error' | 'last_attempt_at'> & { delivered_at?: string },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), ...outcome }))
    .where('id', '=', id)
    .execute();
}

export async function deleteDeliveriesBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('webhook_deliveries').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
