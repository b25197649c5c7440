import type { Transaction } from 'kysely';
import type { Step } from '../cycles/model.js';
import { masked, nextStepId, type RunPlan } from '../cycles/run-plan.js';
import { TRANSACTION_JOB_OPTIONS, TRANSACTION_QUEUE, type TransactionJob } from '../cycles/transaction-job.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { CycleTransactionRow } from '../store/cycle-schema.js';
import type { Database } from '../store/schema.js';
import { insertStepRun, insertTransaction } from '../store/transactions.js';

/** The trigger's items of one run, each the start of a transaction (the cycle's CollectionSplitType). */
export function itemsOf(plan: RunPlan, data: unknown): unknown[] {
  if (plan.cycle.collection_split_type !== 'First') return [data ?? null];
  if (Array.isArray(data)) return data;
  return data === null || data === undefined ? [] : [data];
}

/** One trigger item about to become a transaction, under the id the caller chose for it. */
export interface TriggerItem {
  Id: string;
  item: unknown;
}

/**
 * Writes each trigger item as a Queued transaction, its trigger's step run and its `cycle.transaction` job,
 * or, given `ownedBy` (a node that reserved room to run them at once), as Running under that node with no
 * job. Called inside the caller's database transaction: whatever else the caller writes with them (a poll's
 * cursor, a webhook's idempotency key) commits or rolls back together, so no transaction exists without
 * its job or its owner. Answers the transactions written.
 */
export async function enqueueTransactions(
  trx: Transaction<Database>,
  queue: JobQueue,
  run: { plan: RunPlan; trigger: Step; now: string; request: string | null; ownedBy?: string },
  items: readonly TriggerItem[],
): Promise<CycleTransactionRow[]> {
  const { plan, trigger, now, request, ownedBy } = run;
  const first = nextStepId(plan, trigger.Id);
  const logged = plan.cycle.log_step_data_requests === 1;
  const written: CycleTransactionRow[] = [];
  for (const { Id, item } of items) {
    const itemJson = JSON.stringify(item ?? null);
    const row: CycleTransactionRow = {
      id: Id,
      cycle_id: plan.cycle.id,
      account_id: plan.cycle.account_id,
      status: ownedBy === undefined ? 'Queued' : 'Running',
      trigger_item: itemJson,
      message: null,
      created_at: now,
      started_at: ownedBy === undefined ? null : now,
      completed_at: null,
      next_step_id: first,
      next_attempt: 1,
      rate_limit_waits: 0,
      owner_node: ownedBy ?? null,
      wake_job: null,
      held_at: null,
    };
    await insertTransaction(trx, row);
    await insertStepRun(trx, {
      transaction_id: Id,
      account_id: plan.cycle.account_id,
      step_id: trigger.Id,
      step_name: trigger.Name,
      status: 'Success',
      attempt: 1,
      started_at: now,
      completed_at: now,
      request: logged ? request : null,
      response: logged ? masked(plan, item) : null,
      output: itemJson,
      error: null,
    });
    if (ownedBy === undefined) await queue.send<TransactionJob>(TRANSACTION_QUEUE, { transactionId: Id }, TRANSACTION_JOB_OPTIONS, trx);
    written.push(row);
  }
  return written;
}
