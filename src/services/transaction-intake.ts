import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { TRANSACTION_JOB_OPTIONS, TRANSACTION_QUEUE, type TransactionJob } from '../cycles/executor.js';
import type { Step } from '../cycles/model.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Database } from '../store/schema.js';
import { insertStepRun, insertTransaction } from '../store/transactions.js';
import { masked, nextStepId, type RunPlan } from './cycle-run-plan.js';

/** The trigger's items of one run, each the start of a transaction (the cycle's CollectionSplitType). */
export function itemsOf(plan: RunPlan, data: unknown): unknown[] {
  if (plan.cycle.collection_split_type !== 'First') return [data ?? null];
  if (Array.isArray(data)) return data;
  return data === null || data === undefined ? [] : [data];
}

/**
 * Writes one Queued transaction per trigger item, its trigger step run (Success, the item as output) and
 * its `cycle.transaction` job, in the caller's database transaction: a transaction never exists without
 * its job, and the caller commits them with whatever else the intake means (a poll's cursor).
 */
export async function enqueueTransactions(
  trx: Transaction<Database>,
  queue: JobQueue,
  plan: RunPlan,
  trigger: Step,
  items: unknown[],
  request: string | null,
  now: string,
): Promise<string[]> {
  const first = nextStepId(plan, trigger.Id);
  const logged = plan.cycle.log_step_data_requests === 1;
  const ids: string[] = [];
  for (const item of items) {
    const id = randomUUID();
    const itemJson = JSON.stringify(item ?? null);
    await insertTransaction(trx, {
      id,
      cycle_id: plan.cycle.id,
      account_id: plan.cycle.account_id,
      status: 'Queued',
      trigger_item: itemJson,
      message: null,
      created_at: now,
      started_at: null,
      completed_at: null,
      next_step_id: first,
    });
    await insertStepRun(trx, {
      transaction_id: id,
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
    await queue.send<TransactionJob>(TRANSACTION_QUEUE, { transactionId: id }, TRANSACTION_JOB_OPTIONS, trx);
    ids.push(id);
  }
  return ids;
}
