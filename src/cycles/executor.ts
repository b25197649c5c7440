import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { PatchbayError } from '../errors.js';
import type { Job, JobQueue } from '../jobs/job-queue.js';
import type { MethodRunner } from '../runner/method-runner.js';
import type { InstallLookup } from '../services/cycle-graph.js';
import type { NodePresence } from '../services/node-presence.js';
import type { PartnerEvents } from '../services/partner-events.js';
import { commitWrite } from '../store/commits.js';
import type { CycleTransactionRow, StepRunRow } from '../store/cycle-schema.js';
import type { Db } from '../store/database.js';
import {
  claimTransaction,
  releaseTransaction,
  stepRunsOf,
  transactionById,
  updateStepRun,
  updateTransaction,
} from '../store/transactions.js';
import { decide } from './decision.js';
import { rateLimited, stepFailed } from './error-actions.js';
import type { Step } from './model.js';
import { MappingError, type RunContext, resolveInputs, resolveMapping } from './operands.js';
import { idempotencyKeyOf, mayResend, resendable } from './resends.js';
import { masked, nextStepId, type RunPlan, type RunPlans, runContextOf } from './run-plan.js';
import { type Cursor, type Next, RunWriter, type Trx, type Unrecorded } from './run-writer.js';
import { TRANSACTION_JOB_OPTIONS, TRANSACTION_QUEUE, type TransactionJob } from './transaction-job.js';
import type { TransactionSignals } from './transaction-signals.js';

const RUNNING_STATUSES = ['Queued', 'Running', 'Waiting'];
const HELD = 'Held: the cycle was deactivated without finishing its queued transactions; it goes on when the cycle is activated again';

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

/** One job's view of its transaction: its writes, and the outputs of the steps run so far. */
interface Run {
  w: RunWriter;
  context: RunContext;
  runs: StepRunRow[];
}

const onward = (stepId: number | null): Cursor => ({ stepId, attempt: 1, rateWaits: 0 });

/**
 * Runs a transaction's steps, one job per stretch of steps (or, for a transaction run at once, without a
 * job). A Method step whose HTTP method is not idempotent is recorded as Running (committed) before it is
 * sent; every other write commits with the next one that must be durable (see RunWriter). So a job that
 * dies resumes where the record stands: an idempotent request whose record was lost is sent again, and a
 * step found Running was sent with its outcome unknown: the transaction stops Uncertain.
 */
export class CycleExecutor {
  /** The transactions this node's jobs run now: a second job of one of them finds this node its owner. */
  private readonly running = new Set<string>();

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
      this.deps.signals?.notify(id);
    }
  };

  /**
   * Runs, from its first step, a transaction written Running under this node to be run at once (see
   * ImmediateRuns). Rejects when it fails outside a step, as a job would.
   */
  async runOwned(tx: CycleTransactionRow): Promise<void> {
    this.running.add(tx.id);
    try {
      const plan = await this.deps.plans.get(tx.account_id, tx.cycle_id);
      if (plan !== undefined) await this.continue(plan, tx, null);
    } finally {
      this.running.delete(tx.id);
      this.deps.signals?.notify(tx.id);
    }
  }

  private async run(job: Job<TransactionJob>): Promise<void> {
    const { db, clock, node } = this.deps;
    const tx = await transactionById(db, job.data.transactionId);
    if (tx === undefined || !RUNNING_STATUSES.includes(tx.status)) return;
    // A job left over while the transaction waits for another (its wait, a retry's or a 429's, is not over).
    if (tx.status === 'Waiting' && tx.wake_job !== null && tx.wake_job !== job.id) return;
    const plan = await this.deps.plans.get(tx.account_id, tx.cycle_id);
    if (plan === undefined) return;
    const holding = plan.cycle.status === 'Active' ? null : plan.cycle.holds_queued_since;
    if (holding !== null && tx.status !== 'Running' && tx.created_at <= holding) {
      // Not started again until the cycle is: activation gives it a new job.
      await updateTransaction(db, tx.id, { held_at: clock.nowIso(), message: HELD });
      return;
    }
    // Another live node runs it (a job of it came back from the queue while that node took it over). The
    // claim commits first, on its own: from then on, if this node dies, another takes the transaction over.
    const started = { started_at: tx.started_at ?? clock.nowIso(), wake_job: null };
    if (!(await commitWrite(db, (trx) => claimTransaction(trx, tx.id, node.id, node.staleBefore(), started)))) return;
    await this.continue(plan, tx, tx.started_at === null ? null : await stepRunsOf(db, tx.id));
  }

  /** Runs the steps from the transaction's cursor; `runs` is null for a transaction not run yet (it has only its trigger's run: nothing to read). */
  private continue(plan: RunPlan, tx: CycleTransactionRow, runs: StepRunRow[] | null): Promise<void> {
    const run: Run = { w: new RunWriter(this.deps, plan, tx), context: runContextOf(plan, tx, runs), runs: runs ?? [] };
    return this.steps(run, { stepId: tx.next_step_id, attempt: tx.next_attempt, rateWaits: tx.rate_limit_waits });
  }

  private async steps(run: Run, recorded: Cursor): Promise<void> {
    let from = recorded;
    const interrupted = run.runs.find((r) => r.status === 'Running');
    if (interrupted !== undefined) {
      // A step recorded Running is where the transaction stands: the cursor may not have been written with it.
      from = { stepId: interrupted.step_id, attempt: interrupted.attempt, rateWaits: recorded.rateWaits };
      run.w.moveTo(from);
      if (!(await mayResend(this.deps, run.w, interrupted))) return;
    }
    for (let cursor = from; ; ) {
      if (cursor.stepId === null) return run.w.finish('Success', null);
      const step = run.w.plan.steps.get(cursor.stepId);
      if (step === undefined) return run.w.finish('Errored', `Step ${cursor.stepId} no longer exists`);
      const next = await this.step(run, step, cursor);
      if ('halt' in next) return;
      cursor = next.go;
    }
  }

  private async step(run: Run, step: Step, cursor: Cursor): Promise<Next> {
    const { w, context } = run;
    switch (step.ActionType) {
      case 'Method':
        return this.method(run, step, cursor);
      case 'Decision': {
        const decision = step.Decision;
        let outcome = false;
        try {
          const left = decision === null ? undefined : await resolveMapping(decision.Left, context);
          const right = decision?.Right == null ? undefined : await resolveMapping(decision.Right, context);
          outcome = decision !== null && decide(decision.Condition, left, right);
        } catch (error) {
          if (!(error instanceof MappingError)) throw error;
          return stepFailed(this.deps, w, { step, cursor, runId: null, message: error.message }, false);
        }
        return this.passed(run, step, cursor, { Outcome: outcome }, onward(nextStepId(w.plan, step.Id, outcome ? 'True' : 'False')));
      }
      case 'Delay':
      case 'WaitUntil':
        return this.wait(run, step, cursor);
      case 'Stop':
        // A Stop ends the transaction as built: a filter, not a failure (Success, with a message saying where).
        await w.finish('Success', `Ended by the Stop step '${step.Name}'`, (trx) => w.record(trx, step, cursor, 'Success', null));
        return { halt: true };
      case 'SynchronousResponse': {
        const body = step.Response === null ? null : await resolveMapping(step.Response.Body, context).catch(() => null);
        const go = onward(nextStepId(w.plan, step.Id));
        // The last step commits with the transaction's end; another commits at once: the webhook waits for it.
        const next = await this.passed(run, step, cursor, body, go, {}, go.stepId !== null);
        if (go.stepId === null) await w.finish('Success', null);
        this.deps.signals?.notify(w.tx.id, { stepId: step.Id, output: body ?? null });
        return go.stepId === null ? { halt: true } : next;
      }
      case 'Webhook':
        return this.passed(run, step, cursor, context.trigger, onward(nextStepId(w.plan, step.Id)));
    }
  }

  private async method(run: Run, step: Step, cursor: Cursor): Promise<Next> {
    const { clock, runner } = this.deps;
    const { w, context } = run;
    const { plan, tx } = w;
    const log = plan.cycle.log_step_data_requests === 1;
    let runId: number | null = null;
    let unrecorded: Unrecorded | undefined;
    let safe = false;
    try {
      const inputs = await resolveInputs(plan.mappings.get(step.Id) ?? [], context);
      if (step.AccountConnectorId === null || step.MethodId === null) throw new MappingError(`Step '${step.Name}' has no method`);
      const install = await this.deps.installs.resolve(plan.cycle.account_id, step.AccountConnectorId);
      const definition = runner.method(install, step.MethodId);
      safe = resendable(definition);
      const request = log ? masked(plan, { HttpMethod: definition.HttpMethod, MethodId: step.MethodId, ...inputs }) : null;
      if (safe) {
        // Sent again if its record is lost, with the effect of once: recorded with its outcome.
        unrecorded = { startedAt: clock.nowIso(), request };
      } else {
        // Committed before the request leaves: a worker that dies while it is out is found out on restart.
        runId = await w.recordRunning({
          transaction_id: tx.id,
          account_id: tx.account_id,
          step_id: step.Id,
          step_name: step.Name,
          status: 'Running',
          attempt: cursor.attempt,
          started_at: clock.nowIso(),
          request,
        });
      }
      const key = definition.IdempotencyHeader === undefined ? undefined : idempotencyKeyOf(tx.id, step.Id);
      const result = await runner.run(install, step.MethodId, { ...inputs, idempotencyKey: key });
      const response = log ? masked(plan, { Status: result.status, Body: result.data }) : null;
      return await this.passed(run, step, cursor, result.data, onward(nextStepId(plan, step.Id)), { runId, response, unrecorded });
    } catch (error) {
      if (!(error instanceof PatchbayError) && !(error instanceof MappingError)) throw error;
      const response = log && error instanceof PatchbayError && error.upstream !== undefined ? masked(plan, error.upstream) : null;
      const failure = { step, cursor, runId, unrecorded, message: error.message, response };
      if (error instanceof PatchbayError && error.code === 'PB_ERR_UPSTREAM_RATE_LIMITED') return rateLimited(this.deps, w, failure, error);
      // A POST that timed out may have been done: it is not sent again on its own, unless it carries a key.
      const unknown = error instanceof PatchbayError && error.code === 'PB_ERR_UPSTREAM_TIMEOUT' && !safe;
      return stepFailed(this.deps, w, failure, unknown);
    }
  }

  /** Records a step's success and moves the cursor on: committed now when `durable`, else with the next commit. */
  private async passed(
    run: Run,
    step: Step,
    cursor: Cursor,
    output: unknown,
    go: Cursor,
    sent: { runId?: number | null; response?: string | null; unrecorded?: Unrecorded | undefined } = {},
    durable = false,
  ): Promise<Next> {
    const { w } = run;
    const { runId = null, response = null, unrecorded } = sent;
    const write = (trx: Trx) =>
      w.record(trx, step, cursor, 'Success', null, runId, { output: JSON.stringify(output ?? null), response }, unrecorded);
    w.defer(write);
    w.moveTo(go);
    if (durable) await w.commit(async () => undefined);
    (run.context.outputs as Map<number, unknown>).set(step.Id, output);
    return { go };
  }

  /** Delay and WaitUntil: the first pass schedules the continuation; the continuation finds the wait over. */
  private async wait(run: Run, step: Step, cursor: Cursor): Promise<Next> {
    const { clock, queue } = this.deps;
    const { w } = run;
    const go = onward(nextStepId(w.plan, step.Id));
    const waiting = run.runs.findLast((r) => r.step_id === step.Id && r.status === 'Waiting');
    if (waiting !== undefined) {
      w.defer((trx) => updateStepRun(trx, waiting.id, { status: 'Success', completed_at: clock.nowIso() }));
      w.moveTo(go);
      return { go };
    }
    let seconds = step.DelaySeconds ?? 0;
    if (step.ActionType === 'WaitUntil') {
      const until = step.WaitUntil === null ? undefined : await resolveMapping(step.WaitUntil, run.context).catch(() => undefined);
      const at = typeof until === 'string' || typeof until === 'number' ? new Date(until).getTime() : Number.NaN;
      if (Number.isNaN(at)) {
        const message = `Wait Until has no date to wait for (${String(until)})`;
        return stepFailed(this.deps, w, { step, cursor, runId: null, message }, false);
      }
      seconds = Math.ceil((at - clock.now()) / 1000);
    }
    if (seconds <= 0) return this.passed(run, step, cursor, null, go);
    const message = `Waiting until ${clock.isoIn(seconds * 1000)}`;
    await w.commit(async (trx) => {
      await w.record(trx, step, cursor, 'Waiting', message);
      const options = { ...TRANSACTION_JOB_OPTIONS, startAfterSeconds: seconds };
      const wake = await queue.send(TRANSACTION_QUEUE, { transactionId: w.tx.id }, options, trx);
      await updateTransaction(trx, w.tx.id, { status: 'Waiting', message, wake_job: wake });
    });
    return { halt: true };
  }
}
