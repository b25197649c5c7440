import type { Insertable, Transaction } from 'kysely';
import type { Clock } from '../clock.js';
import { recordIncident } from '../services/incidents.js';
import { type PartnerEvents, transactionErrorEvent } from '../services/partner-events.js';
import { inTransaction } from '../store/commits.js';
import type { CycleTransactionRow, StepRunTable } from '../store/cycle-schema.js';
import { countTransactionOutcome } from '../store/cycles.js';
import type { Db } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { insertStepRun, insertStepRuns, updateStepRun, updateTransaction } from '../store/transactions.js';
import type { Step } from './model.js';
import type { RunPlan } from './run-plan.js';

export type Trx = Transaction<Database>;

/** Where a transaction stands between steps: the step to run, its attempt, its 429 waits in a row. */
export interface Cursor {
  stepId: number | null;
  attempt: number;
  rateWaits: number;
}

/** What one step did: go on from the cursor, or stop this job (the transaction ended or waits). */
export type Next = { go: Cursor } | { halt: true };

/**
 * A step run not recorded before it was sent (an idempotent request: sent again when its record is lost,
 * with the effect of once): what its record, written with its outcome, starts with.
 */
export interface Unrecorded {
  startedAt: string;
  request: string | null;
}

/** How a step that stops its transaction is reported in its incident. */
export type Stopped = 'errored' | 'uncertain' | 'stopped cycle';

/**
 * The writes of one job of a transaction. Writes that need not be durable yet (a step that sent nothing
 * out, or an idempotent one, or whose outcome nothing waits for) are deferred: they commit with the next
 * write that must be durable (before a non-idempotent request leaves, at a Synchronous Response, at the
 * end), so a transaction of a few steps costs a few commits, not one per write. The cursor moved by
 * deferred steps is written once, where it ends. A job that dies loses only deferred writes, and resumes
 * from the last committed record as any resumed job does.
 */
export class RunWriter {
  private readonly deferred: Array<(trx: Trx) => Promise<void>> = [];
  /** Where the transaction stands after the deferred writes, not written yet. */
  private cursor: Cursor | undefined;
  /** While a commit runs: the step runs `record` made, not inserted yet. */
  private recorded: Insertable<StepRunTable>[] | undefined;

  constructor(
    private readonly deps: { db: Db; clock: Clock; events: PartnerEvents },
    readonly plan: RunPlan,
    readonly tx: CycleTransactionRow,
  ) {}

  /** Commits the deferred writes and the cursor, then `work`, in one database transaction. */
  commit<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return this.commitWith(work, true);
  }

  /**
   * Commits the deferred writes and the step run of a request about to leave, recorded Running; answers
   * its id. The cursor, which points at that step, is left for the next commit: until then the Running
   * record says where the transaction stands, and a resumed job starts there (see the executor's steps).
   */
  recordRunning(row: Insertable<StepRunTable>): Promise<number> {
    return this.commitWith((trx) => insertStepRun(trx, row), this.cursor?.stepId !== row.step_id);
  }

  private async commitWith<T>(work: (trx: Trx) => Promise<T>, withCursor: boolean): Promise<T> {
    const deferred = [...this.deferred];
    const cursor = withCursor ? this.cursor : undefined;
    const result = await inTransaction(this.deps.db, async (trx) => {
      // The step runs recorded meanwhile, inserted together (in order, so their ids follow the steps).
      const rows: Insertable<StepRunTable>[] = [];
      this.recorded = rows;
      try {
        for (const write of deferred) await write(trx);
        await insertStepRuns(trx, rows.splice(0));
        if (cursor !== undefined) {
          await updateTransaction(trx, this.tx.id, {
            next_step_id: cursor.stepId,
            next_attempt: cursor.attempt,
            rate_limit_waits: cursor.rateWaits,
          });
        }
        const out = await work(trx);
        await insertStepRuns(trx, rows.splice(0));
        return out;
      } finally {
        this.recorded = undefined;
      }
    });
    this.deferred.splice(0, deferred.length);
    if (cursor !== undefined && this.cursor === cursor) this.cursor = undefined;
    return result;
  }

  defer(write: (trx: Trx) => Promise<void>): void {
    this.deferred.push(write);
  }

  /** Moves the cursor on, written with the next commit. */
  moveTo(cursor: Cursor): void {
    this.cursor = cursor;
  }

  /**
   * Completes the Running step run, or records one for a step that sends nothing or was sent `unrecorded`.
   */
  async record(
    trx: Trx,
    step: Step,
    cursor: Cursor,
    status: string,
    error: string | null,
    runId: number | null = null,
    data: { output?: string; response?: string | null } = {},
    unrecorded?: Unrecorded,
  ): Promise<void> {
    const now = this.deps.clock.nowIso();
    const changes = { status, error, completed_at: status === 'Waiting' ? null : now, ...data };
    if (runId !== null) return updateStepRun(trx, runId, changes);
    // Every column given, so that rows recorded together make one insert.
    const row = {
      transaction_id: this.tx.id,
      account_id: this.tx.account_id,
      step_id: step.Id,
      step_name: step.Name,
      attempt: cursor.attempt,
      started_at: unrecorded?.startedAt ?? now,
      request: unrecorded?.request ?? null,
      output: null,
      response: null,
      ...changes,
    };
    // Inserted by the commit this is called in, with the other runs it records.
    if (this.recorded === undefined) throw new Error('A step run is recorded inside a commit of its writer');
    this.recorded.push(row);
  }

  /** Ends the transaction Success or Errored, with what `last` writes, counted on its cycle. */
  async finish(status: 'Success' | 'Errored', message: string | null, last?: (trx: Trx) => Promise<void>): Promise<void> {
    const { tx } = this;
    const now = this.deps.clock.nowIso();
    // The end writes the cursor itself.
    this.cursor = undefined;
    await this.commit(async (trx) => {
      await last?.(trx);
      await updateTransaction(trx, tx.id, { status, message, completed_at: now, next_step_id: null });
      await countTransactionOutcome(trx, tx.account_id, tx.cycle_id, status === 'Errored', now);
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

  /** Ends the transaction Uncertain: a step may have been done, and a person decides. */
  async uncertain(trx: Trx, step: Pick<Step, 'Id' | 'Name'>, message: string): Promise<void> {
    const now = this.deps.clock.nowIso();
    await updateTransaction(trx, this.tx.id, { status: 'Uncertain', message, completed_at: now });
    await countTransactionOutcome(trx, this.tx.account_id, this.tx.cycle_id, true, now);
    await this.stepError(trx, step, message, 'The transaction stopped Uncertain', 'uncertain');
  }

  /**
   * A step error, in the transaction that records it: the partner's `Transaction.Error` webhook always,
   * and an incident when the transaction stops on it (errored, uncertain, or the cycle stopped).
   */
  async stepError(trx: Trx, step: Pick<Step, 'Id' | 'Name'>, message: string, detail: string, stopped?: Stopped): Promise<void> {
    const { tx } = this;
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
