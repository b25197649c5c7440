import type { Insertable, Updateable } from 'kysely';
import type { CycleTransactionRow, CycleTransactionTable, StepRunRow, StepRunTable } from './cycle-schema.js';
import type { Db } from './database.js';
import { holderDead } from './nodes.js';

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

/**
 * Updates a transaction; with `from`, only while it is in one of those statuses. Answers whether it changed.
 * A transaction that leaves Running loses its owner in the same statement: the job that next takes it,
 * on any node, must find it free.
 */
export async function updateTransaction(
  db: Db,
  id: string,
  changes: Updateable<CycleTransactionTable>,
  from?: readonly string[],
): Promise<boolean> {
  const owned = changes.status === undefined || changes.status === 'Running' ? changes : { ...changes, owner_node: null };
  let query = db.updateTable('cycle_transactions').set(owned).where('id', '=', id);
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

/** Inserts step runs in one statement, in order. */
export async function insertStepRuns(db: Db, rows: Insertable<StepRunTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('step_runs').values(rows).execute();
}

export async function updateStepRun(db: Db, id: number, changes: Updateable<StepRunTable>): Promise<void> {
  await db.updateTable('step_runs').set(changes).where('id', '=', id).execute();
}

/** A transaction's step runs in the order they were recorded. */
export function stepRunsOf(db: Db, transactionId: string): Promise<StepRunRow[]> {
  return db.selectFrom('step_runs').selectAll().where('transaction_id', '=', transactionId).orderBy('id').execute();
}

/**
 * Marks an unfinished transaction Running under `node`, unless another live node owns it: one conditional
 * update, so of two jobs of one transaction only one runs it. Answers whether this node has it.
 */
export async function claimTransaction(
  db: Db,
  id: string,
  node: string,
  aliveSince: string,
  changes: Updateable<CycleTransactionTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('cycle_transactions')
    .set({ ...changes, status: 'Running', owner_node: node })
    .where('id', '=', id)
    .where('status', 'in', IN_PROGRESS)
    .where((eb) =>
      eb.or([eb('owner_node', 'is', null), eb('owner_node', '=', node), holderDead('cycle_transactions.owner_node', aliveSince)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Lets go of a transaction this node owns, e.g. after its job failed outside a step. */
export async function releaseTransaction(db: Db, id: string, node: string): Promise<void> {
  await db.updateTable('cycle_transactions').set({ owner_node: null }).where('id', '=', id).where('owner_node', '=', node).execute();
}

/** Up to `limit` transactions left Running by a dead node, with that node (the owner index finds them). */
export function orphanedTransactions(db: Db, aliveSince: string, limit: number) {
  return db
    .selectFrom('cycle_transactions')
    .select(['id', 'owner_node'])
    .where('owner_node', 'is not', null)
    .where('status', '=', 'Running')
    .where(holderDead('cycle_transactions.owner_node', aliveSince))
    .limit(limit)
    .execute();
}

/** Of these transactions, those in progress that no node has claimed. */
export function unclaimedOf(db: Db, ids: readonly string[]): Promise<{ id: string; status: string; wake_job: string | null }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('cycle_transactions')
    .select(['id', 'status', 'wake_job'])
    .where('id', 'in', ids)
    .where('owner_node', 'is', null)
    .where('status', 'in', IN_PROGRESS)
    .execute();
}

/** The transactions of a cycle held by its deactivation. */
export function heldTransactionsOf(db: Db, cycleId: number): Promise<{ id: string }[]> {
  return db.selectFrom('cycle_transactions').select('id').where('cycle_id', '=', cycleId).where('held_at', 'is not', null).execute();
}

/** Stops the transactions held since before `before` (their cycle stayed deactivated); answers how many. */
export async function stopHeldSince(db: Db, before: string, now: string, message: string): Promise<number> {
  const result = await db
    .updateTable('cycle_transactions')
    .set({ status: 'Stopped', message, completed_at: now, held_at: null, owner_node: null })
    .where('held_at', '<', before)
    .where('status', 'in', IN_PROGRESS)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Takes a transaction from its dead owner; of the nodes that try, one wins. */
export async function takeOrphan(db: Db, id: string, deadOwner: string): Promise<boolean> {
  const result = await db
    .updateTable('cycle_transactions')
    .set({ owner_node: null })
    .where('id', '=', id)
    .where('owner_node', '=', deadOwner)
    .where('status', '=', 'Running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
