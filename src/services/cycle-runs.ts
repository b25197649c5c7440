import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { resolveInputs } from '../cycles/operands.js';
import { prerequisites } from '../cycles/prerequisites.js';
import { masked, type RunPlans, triggerOf } from '../cycles/run-plan.js';
import { TRANSACTION_JOB_OPTIONS, TRANSACTION_QUEUE, type TransactionJob } from '../cycles/transaction-job.js';
import { PatchbayError } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { MethodRunner } from '../runner/method-runner.js';
import { inTransaction } from '../store/commits.js';
import type { Db } from '../store/database.js';
import { transactionOf, updateTransaction } from '../store/transactions.js';
import { type InstallLookup, loadCycleGraph } from './cycle-graph.js';
import { cycleNotFound } from './cycle-parts.js';
import { enqueueTransactions, itemsOf } from './transaction-intake.js';

/** Binds the steps of a cycle that still wait for their object (see StepBindings). */
export interface PendingBindings {
  bindPending(accountId: string, cycleId: number): Promise<unknown>;
}

/**
 * Starting cycle runs: the manual run (the trigger called now, whatever the cycle's status) and the retry
 * of a transaction that stopped on a failed or uncertain step. Transactions and their jobs are written in
 * one database transaction, so neither exists without the other.
 */
export class CycleRuns {
  constructor(
    private readonly db: Db,
    private readonly installs: InstallLookup,
    private readonly runner: MethodRunner,
    private readonly queue: JobQueue,
    private readonly plans: RunPlans,
    private readonly clock: Clock,
    private readonly bindings: PendingBindings,
  ) {}

  async run(accountId: string, cycleId: number, body: unknown): Promise<{ Transactions: { Id: string; Status: string }[] }> {
    // A template's step waiting for its object (a Caspio table) is bound first, now that its install may be ready.
    await this.bindings.bindPending(accountId, cycleId);
    const plan = await this.plans.get(accountId, cycleId);
    if (plan === undefined) throw cycleNotFound(cycleId);
    const missing = prerequisites(await loadCycleGraph(this.db, this.installs, accountId, cycleId));
    if (missing.length > 0) {
      throw new PatchbayError(
        'PB_ERR_CYCLE_PREREQUISITES',
        `Cycle ${cycleId} cannot run: ${missing.map((m) => m.Reason).join('; ')}`,
        undefined,
        {},
        { Prerequisites: missing },
      );
    }
    const trigger = triggerOf(plan);
    if (trigger === undefined) throw cycleNotFound(cycleId);
    let data: unknown = body ?? null;
    let request: string | null = null;
    if (trigger.ActionType === 'Method' && trigger.AccountConnectorId !== null && trigger.MethodId !== null) {
      const inputs = await resolveInputs(plan.mappings.get(trigger.Id) ?? [], {
        outputs: new Map(),
        keys: new Map(),
        variables: plan.variables,
        trigger: null,
      });
      const install = await this.installs.resolve(accountId, trigger.AccountConnectorId);
      data = (await this.runner.run(install, trigger.MethodId, inputs)).data;
      if (plan.cycle.log_step_data_requests === 1) request = masked(plan, { MethodId: trigger.MethodId, ...inputs });
    }
    const transactions = itemsOf(plan, data).map((item) => ({ Id: randomUUID(), item }));
    const now = this.clock.nowIso();
    await inTransaction(this.db, (trx) => enqueueTransactions(trx, this.queue, { plan, trigger, now, request }, transactions));
    return { Transactions: transactions.map(({ Id }) => ({ Id, Status: 'Queued' })) };
  }

  /** Sends a transaction's failed or uncertain step again, as its next attempt; 409 for any other status. */
  async retry(accountId: string, id: string): Promise<{ Id: string; Status: string }> {
    await inTransaction(this.db, async (trx) => {
      const tx = await transactionOf(trx, accountId, id);
      if (tx === undefined) throw transactionNotFound(id);
      const changed = await updateTransaction(
        trx,
        id,
        { status: 'Queued', message: null, completed_at: null, next_attempt: tx.next_attempt + 1, rate_limit_waits: 0 },
        ['Errored', 'Uncertain'],
      );
      if (!changed) {
        throw new PatchbayError('PB_ERR_CONFLICT', `Transaction ${id} is ${tx.status}: only an Errored or Uncertain one can be retried`);
      }
      await this.queue.send<TransactionJob>(TRANSACTION_QUEUE, { transactionId: id }, TRANSACTION_JOB_OPTIONS, trx);
    });
    return { Id: id, Status: 'Queued' };
  }

  /** Ends an Errored or Uncertain transaction a person decided not to retry: Stopped, and says so; 409 otherwise. */
  async dismiss(accountId: string, id: string): Promise<{ Id: string; Status: string }> {
    const tx = await transactionOf(this.db, accountId, id);
    if (tx === undefined) throw transactionNotFound(id);
    const now = this.clock.nowIso();
    const message = `Dismissed at ${now}${tx.message === null ? '' : ` (was ${tx.status}: ${tx.message})`}`;
    const changed = await updateTransaction(this.db, id, { status: 'Stopped', message, completed_at: now }, ['Errored', 'Uncertain']);
    if (!changed) {
      throw new PatchbayError('PB_ERR_CONFLICT', `Transaction ${id} is ${tx.status}: only an Errored or Uncertain one can be dismissed`);
    }
    return { Id: id, Status: 'Stopped' };
  }
}

export const transactionNotFound = (id: string) => new PatchbayError('PB_ERR_NOT_FOUND', `Transaction ${id} not found`);
