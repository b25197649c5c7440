import type { Insertable, Updateable } from 'kysely';
import type { CycleTransactionRow, CycleTransactionTable, StepRunRow, StepRunTable } from './cycle-schema.js';
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

/** Which retention of its cycle a finished transaction is kept by. */
export type RetentionColumn = 'success_retention_hours' | 'errored_retention_hours';

/** The retentions the cycles have, each once: the sweep prunes per retention, not per cycle. */
export async function retentionHours(db: Db, column: RetentionColumn): Promise<number[]> {
  const rows = await db.selectFrom('cycles').select(column).distinct().execute();
  return rows.map((row) => Number(row[column]));
}

/**
 * Deletes up to `limit` transactions in `statuses` completed before `before` whose cycle keeps them
 * `hours`, and their step runs with them (the foreign key cascades); answers how many. The status is
 * checked again on the row deleted, so one retried meanwhile stays.
 */
export async function deleteFinishedBefore(
  db: Db,
  column: RetentionColumn,
  hours: number,
  statuses: readonly string[],
  before: string,
  limit: number,
): Promise<number> {
  const doomed = db
    .selectFrom('cycle_transactions')
    .select('id')
    .where('status', 'in', [...statuses])
    .where('completed_at', '<', before)
    .where('cycle_id', 'in', db.selectFrom('cycles').select('id').where(column, '=', hours))
    .limit(limit);
  const result = await db
    .deleteFrom('cycle_transactions')
    .where('id', 'in', doomed)
    .where('status', 'in', [...statuses])
    .where('completed_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes a cycle's transactions and their step runs. */
export async function deleteTransactionsOf(db: Db, accountId: string, cycleId: number): Promise<void> {
  const ids = db.selectFrom('cycle_transactions').select('id').where('cycle_id', '=', cycleId).where('account_id', '=', accountId);
  await db.deleteFrom('step_runs').where('account_id', '=', accountId).where('transaction_id', 'in', ids).execute();
  await db.deleteFrom('cycle_transactions').where('cycle_id', '=', cycleId).where('account_id', '=', accountId).execute();
}

export async function insertTransaction(db: Db, row: Insertable<CycleTransactionTable>): Promise<void> {
  await db.insertInto('cycle_transactions').values(row).execute();
}

/** A transaction by id alone: for the worker, which runs jobs of every account. */
export function transactionById(db: Db, id: string): Promise<CycleTransactionRow | undefined> {
  return db.selectFrom('cycle_transactions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function transactionOf(db: Db, accountId: string, id: string): Promise<CycleTransactionRow | undefined> {
  return db.selectFrom('cycle_transactions').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}

/** Updates a transaction; with `from`, only while it is in one of those statuses. Answers whether it changed. */
export async function updateTransaction(
  db: Db,
  id: string,
  changes: Updateable<CycleTransactionTable>,
  from?: readonly string[],
): Promise<boolean> {
  let query = db.updateTable('cycle_transactions').set(changes).where('id', '=', id);
  if (from !== undefined) query = query.where('status', 'in', [...from]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface TransactionFilter {
  status?: string | undefined;
  /** Created at or after / before these ISO instants. */
  after?: string | undefined;
  before?: string | undefined;
}

function filtered(db: Db, accountId: string, cycleId: number, filter: TransactionFilter) {
  let query = db.selectFrom('cycle_transactions').where('account_id', '=', accountId).where('cycle_id', '=', cycleId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.after !== undefined) query = query.where('created_at', '>=', filter.after);
  if (filter.before !== undefined) query = query.where('created_at', '<', filter.before);
  return query;
}

/** A page of a cycle's transactions, newest first. */
export function transactionPage(db: Db, accountId: string, cycleId: number, filter: TransactionFilter, limit: number, offset: number) {
  return filtered(db, accountId, cycleId, filter)
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function transactionCount(db: Db, accountId: string, cycleId: number, filter: TransactionFilter): Promise<number> {
  const row = await filtered(db, accountId, cycleId, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertStepRun(db: Db, row: Insertable<StepRunTable>): Promise<number> {
  const inserted = await db.insertInto('step_runs').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateStepRun(db: Db, id: number, changes: Updateable<StepRunTable>): Promise<void> {
  await db.updateTable('step_runs').set(changes).where('id', '=', id).execute();
}

/** A transaction's step runs in the order they were recorded. */
export function stepRunsOf(db: Db, transactionId: string): Promise<StepRunRow[]> {
  return db.selectFrom('step_runs').selectAll().where('transaction_id', '=', transactionId).orderBy('id').execute();
}
