import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { PatchbayError } from '../errors.js';
import type { Job, JobQueue } from '../jobs/job-queue.js';
import type { MethodRunner } from '../runner/method-runner.js';
import type { InstallLookup } from '../services/cycle-graph.js';
import { recordIncident } from '../services/incidents.js';
import type { NodePresence } from '../services/node-presence.js';
import { type PartnerEvents, transactionErrorEvent } from '../services/partner-events.js';
import { commitWrite, inTransaction } from '../store/commits.js';
import type { CycleTransactionRow, StepRunRow } from '../store/cycle-schema.js';
import { countTransactionOutcome, updateCycle } from '../store/cycles.js';
import type { Db } from '../store/database.js';
import type { Database } from '../store/schema.js';
import {
  claimTransaction,
  insertStepRun,
  releaseTransaction,
  stepRunsOf,
  transactionById,
  updateStepRun,
  updateTransaction,
} from '../store/transactions.js';
import { decide } from './decision.js';
import type { Step } from './model.js';
import { MappingError, type RunContext, resolveInputs, resolveMapping } from './operands.js';
import { errorActionOf, masked, nextStepId, type RunPlan, type RunPlans, triggerOf } from './run-plan.js';
import { rateLimitWaitSeconds, retryWaitSeconds } from './schedules.js';
import type { TransactionSignals } from './transaction-signals.js';

type Trx = Transaction<Database>;

export const TRANSACTION_QUEUE = 'cycle.transaction';
export interface TransactionJob {
  transactionId: string;
}
/** A job that fails outside a step (the store unreachable) is tried again; the cursor makes that safe. */
export const TRANSACTION_JOB_OPTIONS = { retryLimit: 5, retryDelaySeconds: 5 };

const RUNNING_STATUSES = ['Queued', 'Running', 'Waiting'];
/** Methods that may be sent twice with the effect of once. */
const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);

export interface ExecutorDeps {
  db: Db;
  queue: JobQueue;
  runner: MethodRunner;
  installs: InstallLookup;
  plans: RunPlans;
  clock: Clock;
  logger: Logger;
  events: PartnerEvents;
  /** This node: the owner a running transaction names, so that another node takes it over if this one dies. */
  node: Pick<NodePresence, 'id' | 'staleBefore'>;
  /** Told when a transaction reaches a Synchronous Response or a job of it ends: a waiting webhook answers. */
  signals?: TransactionSignals;
}

/** Where a transaction stands between steps: the step to run, its attempt, its 429 waits in a row. */
interface Cursor {
  stepId: number | null;
  attempt: number;
  rateWaits: number;
}

/** What one step did: go on from the cursor, or stop this job (the transaction ended or waits). */
type Next = { go: Cursor } | { halt: true };

/**
 * Runs a transaction's steps, one job per stretch of steps. Every step's outcome and the cursor to the
 * next step commit together; a Method step is recorded as Running (committed) before it is sent. So a job
 * that dies resumes where the record stands: a step found Running was sent with its outcome unknown, and is
 * sent again only when its HTTP method is idempotent, otherwise the transaction stops Uncertain.
 */
export class CycleExecutor {
  /** The transactions this node's jobs run now: a second job of one of them finds this node its owner. */
  private readonly running = new Set<string>();
  /**
   * Per transaction, the writes of steps that sent nothing out, or whose outcome nothing waits for yet:
   * they commit with the next write that must be durable (before a request leaves, at a Synchronous
   * Response, at the end), so a transaction of a few steps costs a few commits, not one per write.
   */
  private readonly deferred = new Map<string, Array<(trx: Trx) => Promise<void>>>();

  constructor(private readonly deps: ExecutorDeps) {}

  readonly handle = async (job: Job<TransactionJob>): Promise<void> => {
    const id = job.data.transactionId;
    if (this.running.has(id)) return;
    this.running.add(id);
    try {
      await this.run(job);
    } catch (error) {
      // Failed outside a step: the job's retry may come on another node, which must find it free. With the
      // store unreachable this fails too, and a retry here takes it anyway.
      await releaseTransaction(this.deps.db, id, this.deps.node.id).catch(() => undefined);
      throw error;
    } finally {
      this.running.delete(id);
      this.deferred.delete(id);
      this.deps.signals?.notify(id);
    }
  };

  /** Commits the transaction's deferred writes, then `work`, in one database transaction. */
  private async commit<T>(transactionId: string, work: (trx: Trx) => Promise<T>): Promise<T> {
    const deferred = [...(this.deferred.get(transactionId) ?? [])];
    const result = await inTransaction(this.deps.db, async (trx) => {
      for (const write of deferred) await write(trx);
      return work(trx);
    });
    this.deferred.get(transactionId)?.splice(0, deferred.length);
    return result;
  }

  private defer(transactionId: string, write: (trx: Trx) => Promise<void>): void {
    const writes = this.deferred.get(transactionId) ?? [];
    writes.push(write);
    this.deferred.set(transactionId, writes);
  }

  private async run(job: Job<TransactionJob>): Promise<void> {
    const { db, clock } = this.deps;
    const tx = await transactionById(db, job.data.transactionId);
    if (tx === undefined || !RUNNING_STATUSES.includes(tx.status)) return;
    const plan = await this.deps.plans.get(tx.account_id, tx.cycle_id);
    if (plan === undefined) return;
    // Another live node runs it (a job of it came back from the queue while that node took it over).
    const started = { started_at: tx.started_at ?? clock.nowIso() };
    const claimed = await commitWrite(db, (trx) => claimTransaction(trx, tx.id, this.deps.node.id, this.deps.node.staleBefore(), started));
    if (!claimed) return;
    // A transaction never started has only its trigger's run, whose output is the trigger item.
    const trigger = tx.trigger_item === null ? null : JSON.parse(tx.trigger_item);
    const runs = tx.started_at === null ? [] : await stepRunsOf(db, tx.id);
    const firstStep = tx.started_at === null ? triggerOf(plan) : undefined;
    const context: RunContext = {
      outputs: firstStep === undefined ? outputsOf(runs) : new Map([[firstStep.Id, trigger]]),
      keys: new Map([...plan.steps.values()].map((s) => [s.Id, s.Key])),
      variables: plan.variables,
      trigger,
    };
    let cursor: Cursor = { stepId: tx.next_step_id, attempt: tx.next_attempt, rateWaits: tx.rate_limit_waits };
    const interrupted = runs.find((r) => r.status === 'Running');
    if (interrupted !== undefined && !(await this.mayResend(plan, tx, interrupted))) return;
    for (;;) {
      if (cursor.stepId === null) return this.finish(plan, tx, 'Success', null);
      const step = plan.steps.get(cursor.stepId);
      if (step === undefined) return this.finish(plan, tx, 'Errored', `Step ${cursor.stepId} no longer exists`);
      const next = await this.step(plan, tx, step, cursor, context, runs);
      if ('halt' in next) return;
      cursor = next.go;
    }
  }

  /** A step sent but without a recorded outcome: marked as such, and whether it may be sent again. */
  private async mayResend(plan: RunPlan, tx: CycleTransactionRow, run: StepRunRow): Promise<boolean> {
    const now = this.deps.clock.nowIso();
    const httpMethod = await this.httpMethodOf(plan, plan.steps.get(run.step_id));
    if (httpMethod !== undefined && IDEMPOTENT.has(httpMethod)) {
      await updateStepRun(this.deps.db, run.id, {
        status: 'Errored',
        completed_at: now,
        error: `Interrupted before its outcome was recorded; sent again (${httpMethod} is idempotent)`,
      });
      return true;
    }
    const message = `Step '${run.step_name}' was sent but its outcome was not recorded (the worker stopped); ${
      httpMethod ?? 'its method'
    } is not idempotent, so it is not sent again: check the target, then retry or dismiss the transaction`;
    await this.commit(tx.id, async (trx) => {
      await updateStepRun(trx, run.id, { status: 'Uncertain', completed_at: now, error: message });
      await updateTransaction(trx, tx.id, { status: 'Uncertain', message, completed_at: now });
      await countTransactionOutcome(trx, tx.account_id, tx.cycle_id, true, now);
      await this.stepError(trx, tx, { Id: run.step_id, Name: run.step_name }, message, 'The transaction stopped Uncertain', 'uncertain');
    });
    return false;
  }

  private async httpMethodOf(plan: RunPlan, step: Step | undefined): Promise<string | undefined> {
    if (step?.AccountConnectorId == null || step.MethodId === null) return undefined;
    try {
      const install = await this.deps.installs.resolve(plan.cycle.account_id, step.AccountConnectorId);
      return this.deps.runner.method(install, step.MethodId).HttpMethod.toUpperCase();
    } catch {
      return undefined;
    }
  }

  private async step(plan: RunPlan, tx: CycleTransactionRow, step: Step, cursor: Cursor, context: RunContext, runs: StepRunRow[]) {
    switch (step.ActionType) {
      case 'Method':
        return this.method(plan, tx, step, cursor, context);
      case 'Decision': {
        const decision = step.Decision;
        let outcome = false;
        try {
          const left = decision === null ? undefined : await resolveMapping(decision.Left, context);
          const right = decision?.Right == null ? undefined : await resolveMapping(decision.Right, context);
          outcome = decision !== null && decide(decision.Condition, left, right);
        } catch (error) {
          if (!(error instanceof MappingError)) throw error;
          return this.failed(plan, tx, step, cursor, null, error.message, false);
        }
        const go = { stepId: nextStepId(plan, step.Id, outcome ? 'True' : 'False'), attempt: 1, rateWaits: 0 };
        return this.passed(plan, tx, step, cursor, context, { Outcome: outcome }, go);
      }
      case 'Delay':
      case 'WaitUntil':
        return this.wait(plan, tx, step, cursor, context, runs);
      case 'Stop':
        // A Stop ends the transaction as built: a filter, not a failure (Success, with a message saying where).
        await this.record(plan, tx, step, cursor, 'Success', null);
        await this.finish(plan, tx, 'Success', `Ended by the Stop step '${step.Name}'`);
        return { halt: true } as const;
      case 'SynchronousResponse': {
        const body = step.Response === null ? null : await resolveMapping(step.Response.Body, context).catch(() => null);
        const go = { stepId: nextStepId(plan, step.Id), attempt: 1, rateWaits: 0 };
        const next = await this.passed(plan, tx, step, cursor, context, body, go);
        this.deps.signals?.notify(tx.id);
        return next;
      }
      case 'Webhook':
        return this.passed(plan, tx, step, cursor, context, context.trigger, {
          stepId: nextStepId(plan, step.Id),
          attempt: 1,
          rateWaits: 0,
        });
    }
  }

  private async method(plan: RunPlan, tx: CycleTransactionRow, step: Step, cursor: Cursor, context: RunContext): Promise<Next> {
    const { clock, runner } = this.deps;
    const log = plan.cycle.log_step_data_requests === 1;
    let runId: number | null = null;
    let httpMethod: string | undefined;
    try {
      const inputs = await resolveInputs(plan.mappings.get(step.Id) ?? [], context);
      if (step.AccountConnectorId === null || step.MethodId === null) throw new MappingError(`Step '${step.Name}' has no method`);
      const install = await this.deps.installs.resolve(plan.cycle.account_id, step.AccountConnectorId);
      httpMethod = runner.method(install, step.MethodId).HttpMethod.toUpperCase();
      // Committed before the request leaves: a worker that dies while it is out is found out on restart.
      runId = await this.commit(tx.id, (trx) =>
        insertStepRun(trx, {
          transaction_id: tx.id,
          account_id: tx.account_id,
          step_id: step.Id,
          step_name: step.Name,
          status: 'Running',
          attempt: cursor.attempt,
          started_at: clock.nowIso(),
          request: log ? masked(plan, { HttpMethod: httpMethod, MethodId: step.MethodId, ...inputs }) : null,
        }),
      );
      const result = await runner.run(install, step.MethodId, inputs);
      const go = { stepId: nextStepId(plan, step.Id), attempt: 1, rateWaits: 0 };
      const response = log ? masked(plan, { Status: result.status, Body: result.data }) : null;
      return await this.passed(plan, tx, step, cursor, context, result.data, go, runId, response);
    } catch (error) {
      if (!(error instanceof PatchbayError) && !(error instanceof MappingError)) throw error;
      const response = log && error instanceof PatchbayError && error.upstream !== undefined ? masked(plan, error.upstream) : null;
      if (error instanceof PatchbayError && error.code === 'PB_ERR_UPSTREAM_RATE_LIMITED') {
        return this.rateLimited(plan, tx, step, cursor, runId, error, response);
      }
      // A POST that timed out may have been done: it is not sent again on its own.
      const unknown = error instanceof PatchbayError && error.code === 'PB_ERR_UPSTREAM_TIMEOUT' && !IDEMPOTENT.has(httpMethod ?? '');
      return this.failed(plan, tx, step, cursor, runId, error.message, unknown, response);
    }
  }

  /** Records a step's success and moves the cursor on, in one commit. */
  private async passed(
    plan: RunPlan,
    tx: CycleTransactionRow,
    step: Step,
    cursor: Cursor,
    context: RunContext,
    output: unknown,
    go: Cursor,
    runId: number | null = null,
    response: string | null = null,
  ): Promise<Next> {
    const write = async (trx: Trx) => {
      await this.record(plan, tx, step, cursor, 'Success', null, runId, { output: JSON.stringify(output ?? null), response }, trx);
      await updateTransaction(trx, tx.id, { next_step_id: go.stepId, next_attempt: go.attempt, rate_limit_waits: go.rateWaits });
    };
    // A webhook waits for a Synchronous Response: what it answers is in the store first.
    if (step.ActionType === 'SynchronousResponse') await this.commit(tx.id, write);
    else this.defer(tx.id, write);
    (context.outputs as Map<number, unknown>).set(step.Id, output);
    return { go };
  }

  /** A step error: the step's or the cycle's error action decides what follows. */
  private async failed(
    plan: RunPlan,
    tx: CycleTransactionRow,
    step: Step,
    cursor: Cursor,
    runId: number | null,
    message: string,
    uncertain: boolean,
    response: string | null = null,
  ): Promise<Next> {
    const { clock, queue } = this.deps;
    const now = clock.nowIso();
    const action = errorActionOf(plan, step);
    if (uncertain) {
      const text = `Step '${step.Name}' may have been done (${message}); it is not sent again on its own`;
      await this.commit(tx.id, async (trx) => {
        await this.record(plan, tx, step, cursor, 'Uncertain', text, runId, { response }, trx);
        await updateTransaction(trx, tx.id, { status: 'Uncertain', message: text, completed_at: now });
        await countTransactionOutcome(trx, tx.account_id, tx.cycle_id, true, now);
        await this.stepError(trx, tx, step, text, 'The transaction stopped Uncertain', 'uncertain');
      });
      return { halt: true };
    }
    if (action === 'Ignore') {
      const go = { stepId: nextStepId(plan, step.Id), attempt: 1, rateWaits: 0 };
      await this.commit(tx.id, async (trx) => {
        await this.record(plan, tx, step, cursor, 'Errored', message, runId, { response }, trx);
        await updateTransaction(trx, tx.id, { next_step_id: go.stepId, next_attempt: 1, rate_limit_waits: 0 });
        await this.stepError(trx, tx, step, message, 'Ignored: the transaction went on');
      });
      return { go };
    }
    const wait = action === 'Retry' ? retryWaitSeconds(cursor.attempt) : undefined;
    await this.commit(tx.id, async (trx) => {
      await this.record(plan, tx, step, cursor, 'Errored', message, runId, { response }, trx);
      if (wait !== undefined) {
        await updateTransaction(trx, tx.id, {
          status: 'Waiting',
          message: `Step '${step.Name}' failed (${message}); attempt ${cursor.attempt + 1} at ${clock.isoIn(wait * 1000)}`,
          next_attempt: cursor.attempt + 1,
          rate_limit_waits: 0,
        });
        await queue.send(TRANSACTION_QUEUE, { transactionId: tx.id }, { ...TRANSACTION_JOB_OPTIONS, startAfterSeconds: wait }, trx);
        await this.stepError(trx, tx, step, message, `Attempt ${cursor.attempt + 1} at ${clock.isoIn(wait * 1000)}`);
        return;
      }
      const after = action === 'Retry' ? ` (after ${cursor.attempt} attempts)` : '';
      const stopped = action === 'StopCycle' ? '; the cycle was stopped' : '';
      // The cursor stays on the failed step: a retry of the transaction sends it again.
      await updateTransaction(trx, tx.id, { status: 'Errored', message: `${step.Name}: ${message}${after}${stopped}`, completed_at: now });
      await countTransactionOutcome(trx, tx.account_id, tx.cycle_id, true, now);
      if (action === 'StopCycle') {
        await updateCycle(trx, tx.account_id, tx.cycle_id, { status: 'Stopped', updated_at: now });
        this.deps.plans.forget(tx.cycle_id, trx);
      }
      const detail = action === 'StopCycle' ? 'The transaction errored and the cycle was stopped' : `The transaction errored${after}`;
      await this.stepError(trx, tx, step, message, detail, action === 'StopCycle' ? 'stopped cycle' : 'errored');
    });
    if (action === 'StopCycle') this.deps.logger.warn({ cycleId: tx.cycle_id, transactionId: tx.id }, `cycle stopped: ${message}`);
    return { halt: true };
  }

  /** A 429: the same attempt again once the provider's wait is over, without holding a worker meanwhile. */
  private async rateLimited(
    plan: RunPlan,
    tx: CycleTransactionRow,
    step: Step,
    cursor: Cursor,
    runId: number | null,
    error: PatchbayError,
    response: string | null,
  ): Promise<Next> {
    const { clock, queue } = this.deps;
    const header = Number(error.headers['retry-after']);
    const wait = rateLimitWaitSeconds(cursor.rateWaits, Number.isFinite(header) && header >= 0 ? header : undefined);
    const message = `Rate limited by the provider; sent again at ${clock.isoIn(wait * 1000)}`;
    await this.commit(tx.id, async (trx) => {
      await this.record(plan, tx, step, cursor, 'Waiting', message, runId, { response }, trx);
      await updateTransaction(trx, tx.id, { status: 'Waiting', message, rate_limit_waits: cursor.rateWaits + 1 });
      await queue.send(TRANSACTION_QUEUE, { transactionId: tx.id }, { ...TRANSACTION_JOB_OPTIONS, startAfterSeconds: wait }, trx);
    });
    return { halt: true };
  }

  /** Delay and WaitUntil: the first pass schedules the continuation; the continuation finds the wait over. */
  private async wait(plan: RunPlan, tx: CycleTransactionRow, step: Step, cursor: Cursor, context: RunContext, runs: StepRunRow[]) {
    const { clock, queue } = this.deps;
    const go = { stepId: nextStepId(plan, step.Id), attempt: 1, rateWaits: 0 };
    const waiting = runs.findLast((r) => r.step_id === step.Id && r.status === 'Waiting');
    if (waiting !== undefined) {
      await this.commit(tx.id, async (trx) => {
        await updateStepRun(trx, waiting.id, { status: 'Success', completed_at: clock.nowIso() });
        await updateTransaction(trx, tx.id, { next_step_id: go.stepId, next_attempt: 1, rate_limit_waits: 0 });
      });
      return { go };
    }
    let seconds = step.DelaySeconds ?? 0;
    if (step.ActionType === 'WaitUntil') {
      const until = step.WaitUntil === null ? undefined : await resolveMapping(step.WaitUntil, context).catch(() => undefined);
      const at = typeof until === 'string' || typeof until === 'number' ? new Date(until).getTime() : Number.NaN;
      if (Number.isNaN(at))
        return this.failed(plan, tx, step, cursor, null, `Wait Until has no date to wait for (${String(until)})`, false);
      seconds = Math.ceil((at - clock.now()) / 1000);
    }
    if (seconds <= 0) return this.passed(plan, tx, step, cursor, context, null, go);
    const message = `Waiting until ${clock.isoIn(seconds * 1000)}`;
    await this.commit(tx.id, async (trx) => {
      await this.record(plan, tx, step, cursor, 'Waiting', message, null, {}, trx);
      await updateTransaction(trx, tx.id, { status: 'Waiting', message });
      await queue.send(TRANSACTION_QUEUE, { transactionId: tx.id }, { ...TRANSACTION_JOB_OPTIONS, startAfterSeconds: seconds }, trx);
    });
    return { halt: true } as const;
  }

  /** Completes the Running step run, or records one for a step that sends nothing. */
  private async record(
    _plan: RunPlan,
    tx: CycleTransactionRow,
    step: Step,
    cursor: Cursor,
    status: string,
    error: string | null,
    runId: number | null = null,
    data: { output?: string; response?: string | null } = {},
    db: Db = this.deps.db,
  ): Promise<void> {
    const now = this.deps.clock.nowIso();
    const changes = { status, error, completed_at: status === 'Waiting' ? null : now, ...data };
    if (runId !== null) return updateStepRun(db, runId, changes);
    await insertStepRun(db, {
      transaction_id: tx.id,
      account_id: tx.account_id,
      step_id: step.Id,
      step_name: step.Name,
      attempt: cursor.attempt,
      started_at: now,
      ...changes,
    });
  }

  private async finish(plan: RunPlan, tx: CycleTransactionRow, status: 'Success' | 'Errored', message: string | null): Promise<void> {
    const now = this.deps.clock.nowIso();
    await this.commit(tx.id, async (trx) => {
      await updateTransaction(trx, tx.id, { status, message, completed_at: now, next_step_id: null });
      await countTransactionOutcome(trx, tx.account_id, plan.cycle.id, status === 'Errored', now);
      if (status === 'Errored' && message !== null) {
        await recordIncident(trx, now, {
          accountId: tx.account_id,
          cycleId: tx.cycle_id,
          level: 'Error',
          shortMessage: message,
          fullMessage: message,
          transactionId: tx.id,
        });
      }
    });
  }

  /**
   * A step error, in the transaction that records it: the partner's `Transaction.Error` webhook always,
   * and an incident when the transaction stops on it (errored, uncertain, or the cycle stopped).
   */
  private async stepError(
    trx: Db,
    tx: CycleTransactionRow,
    step: Pick<Step, 'Id' | 'Name'>,
    message: string,
    detail: string,
    stopped?: 'errored' | 'uncertain' | 'stopped cycle',
  ): Promise<void> {
    const now = this.deps.clock.nowIso();
    const at = { accountId: tx.account_id, cycleId: tx.cycle_id, stepId: step.Id, transactionId: tx.id };
    await this.deps.events.emit(trx, transactionErrorEvent({ ...at, message, detail }, now));
    if (stopped === undefined) return;
    const short = {
      errored: `Step '${step.Name}' errored`,
      uncertain: `Step '${step.Name}' may have been done: the transaction waits for a person`,
      'stopped cycle': `Step '${step.Name}' errored and stopped the cycle`,
    }[stopped];
    await recordIncident(trx, now, {
      ...at,
      level: 'Error',
      shortMessage: short,
      fullMessage: `${message}. ${detail}.`,
      stepName: step.Name,
    });
  }
}

/** Each step's output so far: its last successful run's. */
function outputsOf(runs: readonly StepRunRow[]): Map<number, unknown> {
  const outputs = new Map<number, unknown>();
  for (const run of runs) if (run.status === 'Success' && run.output !== null) outputs.set(run.step_id, JSON.parse(run.output));
  return outputs;
}
