import type { Insertable, Transaction } from 'kysely';
import type { WebhookIdempotencyKeyTable } from './cycle-schema.js';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/** The queries of webhook intake: finding a Webhook step by its URL token, and the idempotency keys. */

/** The Webhook step a URL token names, with its cycle's status; by the stored token, which is unique. */
export function webhookStepByToken(db: Db, token: string) {
  return db
    .selectFrom('cycle_steps')
    .innerJoin('cycles', 'cycles.id', 'cycle_steps.cycle_id')
    .select(['cycle_steps.id as stepId', 'cycle_steps.cycle_id as cycleId', 'cycle_steps.account_id as accountId', 'cycles.status'])
    .where('cycle_steps.webhook_token', '=', token)
    .where('cycle_steps.action_type', '=', 'Webhook')
    .executeTakeFirst();
}

/**
 * Claims a key for its cycle; false when a delivery claimed it already. On PostgreSQL a concurrent claim of
 * the same key waits here for the first to commit or roll back, so exactly one of them wins.
 */
export async function claimIdempotencyKey(trx: Transaction<Database>, row: Insertable<WebhookIdempotencyKeyTable>): Promise<boolean> {
  const result = await trx
    .insertInto('webhook_idempotency_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['cycle_id', 'idempotency_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function transactionOfKey(db: Db, cycleId: number, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('webhook_idempotency_keys')
    .select('transaction_id')
    .where('cycle_id', '=', cycleId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row?.transaction_id;
}

export async function deleteIdempotencyKeysBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('webhook_idempotency_keys').where('received_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The first successful run, in a transaction, of one of these steps: its step and output (JSON). */
export function firstSuccessOf(db: Db, transactionId: string, stepIds: readonly number[]) {
  return db
    .selectFrom('step_runs')
    .select(['step_id', 'output'])
    .where('transaction_id', '=', transactionId)
    .where('step_id', 'in', [...stepIds])
    .where('status', '=', 'Success')
    .orderBy('id')
    .executeTakeFirst();
}
