import type { Db } from './database.js';

/**
 * The queries of cycle runs: `cycle_transactions` and their `step_runs`. The only place that writes
 * those tables; scoped by account like every other.
 */

/** The statuses of a transaction that has not finished. */
export const IN_PROGRESS = ['Queued', 'Running', 'Waiting'];

/** Per cycle, its transactions not yet finished. */
export async function inProgressCounts(db: Db, accountId: string, cycleIds: number[]): Promise<Map<number, number>> {
  if (cycleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('cycle_transactions')
    .select('cycle_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('cycle_id', 'in', cycleIds)
    .where('status', 'in', IN_PROGRESS)
    .groupBy('cycle_id')
    .execute();
  return new Map(rows.map((row) => [row.cycle_id, Number(row.n)]));
}

/** Removes a cycle's transactions and their step runs. */
export async function deleteTransactionsOf(db: Db, accountId: string, cycleId: number): Promise<void> {
  const ids = db.selectFrom('cycle_transactions').select('id').where('cycle_id', '=', cycleId).where('account_id', '=', accountId);
  await db.deleteFrom('step_runs').where('account_id', '=', accountId).where('transaction_id', 'in', ids).execute();
  await db.deleteFrom('cycle_transactions').where('cycle_id', '=', cycleId).where('account_id', '=', accountId).execute();
}
