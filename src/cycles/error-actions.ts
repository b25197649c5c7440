import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { PatchbayError } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { countTransactionOutcome, updateCycle } from '../store/cycles.js';
import { updateTransaction } from '../store/transactions.js';
import type { Step } from './model.js';
import { errorActionOf, nextStepId, type RunPlans } from './run-plan.js';
import type { Cursor, Next, RunWriter, Unrecorded } from './run-writer.js';
import { rateLimitWaitSeconds, retryWaitSeconds } from './schedules.js';
import { TRANSACTION_JOB_OPTIONS, TRANSACTION_QUEUE } from './transaction-job.js';

export interface ErrorActionDeps {
  clock: Clock;
  queue: JobQueue;
  plans: RunPlans;
  logger: Logger;
}

/** What failed: the step, where the transaction stood, its Running record if it sent one (or what an unrecorded one starts with), and why. */
export interface Failure {
  step: Step;
  cursor: Cursor;
  runId: number | null;
  unrecorded?: Unrecorded | undefined;
  message: string;
  /** The provider's answer, as kept when the cycle logs step data. */
  response?: string | null;
}

/**
 * A step error: the step's or the cycle's error action decides what follows. `uncertain` (the request may
 * have been done: a timed-out POST) stops the transaction Uncertain, whatever the action.
 */
export async function stepFailed(deps: ErrorActionDeps, w: RunWriter, failure: Failure, uncertain: boolean): Promise<Next> {
  const { clock, queue } = deps;
  const { step, cursor, runId, unrecorded, message, response = null } = failure;
  const { plan, tx } = w;
  const now = clock.nowIso();
  const action = errorActionOf(plan, step);
  if (uncertain) {
    const text = `Step '${step.Name}' may have been done (${message}); it is not sent again on its own`;
    await w.commit(async (trx) => {
      await w.record(trx, step, cursor, 'Uncertain', text, runId, { response }, unrecorded);
      await w.uncertain(trx, step, text);
    });
    return { halt: true };
  }
  if (action === 'Ignore') {
    const go = { stepId: nextStepId(plan, step.Id), attempt: 1, rateWaits: 0 };
    await w.commit(async (trx) => {
      await w.record(trx, step, cursor, 'Errored', message, runId, { response }, unrecorded);
      await updateTransaction(trx, tx.id, { next_step_id: go.stepId, next_attempt: 1, rate_limit_waits: 0 });
      await w.stepError(trx, step, message, 'Ignored: the transaction went on');
    });
    return { go };
  }
  const wait = action === 'Retry' ? retryWaitSeconds(cursor.attempt) : undefined;
  await w.commit(async (trx) => {
    await w.record(trx, step, cursor, 'Errored', message, runId, { response }, unrecorded);
    if (wait !== undefined) {
      const next = `${cursor.attempt + 1} at ${clock.isoIn(wait * 1000)}`;
      await updateTransaction(trx, tx.id, {
        status: 'Waiting',
        message: `Step '${step.Name}' failed (${message}); attempt ${next}`,
        next_attempt: cursor.attempt + 1,
        rate_limit_waits: 0,
        wake_job: await queue.send(
          TRANSACTION_QUEUE,
          { transactionId: tx.id },
          { ...TRANSACTION_JOB_OPTIONS, startAfterSeconds: wait },
          trx,
        ),
      });
      await w.stepError(trx, step, message, `Attempt ${next}`);
      return;
    }
    const after = action === 'Retry' ? ` (after ${cursor.attempt} attempts)` : '';
    const stopped = action === 'StopCycle' ? '; the cycle was stopped' : '';
    // The cursor stays on the failed step: a retry of the transaction sends it again.
    await updateTransaction(trx, tx.id, { status: 'Errored', message: `${step.Name}: ${message}${after}${stopped}`, completed_at: now });
    await countTransactionOutcome(trx, tx.account_id, tx.cycle_id, true, now);
    if (action === 'StopCycle') {
      await updateCycle(trx, tx.account_id, tx.cycle_id, { status: 'Stopped', updated_at: now });
      deps.plans.forget(tx.cycle_id, trx);
    }
    const detail = action === 'StopCycle' ? 'The transaction errored and the cycle was stopped' : `The transaction errored${after}`;
    await w.stepError(trx, step, message, detail, action === 'StopCycle' ? 'stopped cycle' : 'errored');
  });
  if (action === 'StopCycle') deps.logger.warn({ cycleId: tx.cycle_id, transactionId: tx.id }, `cycle stopped: ${message}`);
  return { halt: true };
}

/** A 429: the same attempt again once the provider's wait is over, without holding a worker meanwhile. */
export async function rateLimited(deps: ErrorActionDeps, w: RunWriter, failure: Failure, error: PatchbayError): Promise<Next> {
  const { clock, queue } = deps;
  const { step, cursor, runId, unrecorded, response = null } = failure;
  const header = Number(error.headers['retry-after']);
  const wait = rateLimitWaitSeconds(cursor.rateWaits, Number.isFinite(header) && header >= 0 ? header : undefined);
  const message = `Rate limited by the provider; sent again at ${clock.isoIn(wait * 1000)}`;
  await w.commit(async (trx) => {
    await w.record(trx, step, cursor, 'Waiting', message, runId, { response }, unrecorded);
    const wake = await queue.send(
      TRANSACTION_QUEUE,
      { transactionId: w.tx.id },
      { ...TRANSACTION_JOB_OPTIONS, startAfterSeconds: wait },
      trx,
    );
    await updateTransaction(trx, w.tx.id, { status: 'Waiting', message, rate_limit_waits: cursor.rateWaits + 1, wake_job: wake });
  });
  return { halt: true };
}
