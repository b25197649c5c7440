import type { Transaction, Updateable } from 'kysely';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Clock } from '../clock.js';
import type { SecretBox } from '../crypto/secret-box.js';
import {
  type Activation,
  type CollectionSplitType,
  type CycleDefinition,
  type CycleSettings,
  type CycleStatus,
  DEFAULT_SETTINGS,
  INTERVALS,
  type Prerequisite,
  type StepErrorAction,
} from '../cycles/model.js';
import { prerequisites } from '../cycles/prerequisites.js';
import type { RunPlans } from '../cycles/run-plan.js';
import { TRANSACTION_JOB_OPTIONS, TRANSACTION_QUEUE, type TransactionJob } from '../cycles/transaction-job.js';
import { badRequest, PatchbayError } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { inTransaction } from '../store/commits.js';
import type { CycleRow, CycleTable } from '../store/cycle-schema.js';
import { connectorsOfCycles, cycleCount, cycleOf, cyclePage, deleteCycle, insertCycle, updateCycle } from '../store/cycles.js';
import type { Db } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { deleteTransactionsOf, heldTransactionsOf, inProgressCounts, updateTransaction } from '../store/transactions.js';
import { iconUrl } from './connector-views.js';
import { writeDefinition } from './cycle-definition.js';
import { type InstallLookup, loadCycleGraph, prefetchedInstalls } from './cycle-graph.js';
import { cycleNotFound, editableCycle, newCycleRow } from './cycle-parts.js';
import { offsetOf, type Page, type PageRequest } from './paging.js';
import type { StepBindings } from './step-bindings.js';

/** Starts polling a cycle whose trigger is a trigger method, in the activation's database transaction. */
export interface PollScheduler {
  activated(trx: Transaction<Database>, accountId: string, cycleId: number, startTime: string): Promise<void>;
}

export type CycleInput = Pick<CycleSettings, 'Name'> & Partial<Omit<CycleSettings, 'Name'>>;

/** How a cycle's settings are stored. */
function settingColumns(input: Partial<CycleSettings>) {
  const columns: Updateable<CycleTable> = {};
  if (input.Name !== undefined) columns.name = input.Name;
  if (input.Description !== undefined) columns.description = input.Description;
  if (input.StepErrorAction !== undefined) columns.step_error_action = input.StepErrorAction;
  if (input.CollectionSplitType !== undefined) columns.collection_split_type = input.CollectionSplitType;
  if (input.LogStepDataRequests !== undefined) columns.log_step_data_requests = input.LogStepDataRequests ? 1 : 0;
  if (input.StepDataSuccessRetentionHours !== undefined) columns.success_retention_hours = input.StepDataSuccessRetentionHours;
  if (input.StepDataErroredRetentionHours !== undefined) columns.errored_retention_hours = input.StepDataErroredRetentionHours;
  return columns;
}

/**
 * Cycles: an account's integrations, their settings, their prerequisites and their activation. An
 * active cycle cannot be changed (409) until it is deactivated. The steps, edges, mappings and variables
 * are the cycle-steps and cycle-mappings services'; a whole cycle given as data is written here.
 */
export class Cycles {
  constructor(
    private readonly db: Db,
    private readonly catalogue: Catalogue,
    private readonly installs: InstallLookup,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    /** Where Patchbay is reached: the connectors' icons are URLs under it. */
    private readonly publicUrl: string,
    /** Binds the steps a template left waiting for their install's authentication. */
    private readonly bindings: StepBindings,
    private readonly polls: PollScheduler,
    private readonly plans: RunPlans,
    private readonly queue: JobQueue,
  ) {}

  async create(accountId: string, input: CycleInput, templateId: string | null = null) {
    const now = this.clock.nowIso();
    const id = await insertCycle(this.db, newCycleRow(accountId, { ...DEFAULT_SETTINGS, ...input }, templateId, now));
    return this.get(accountId, id);
  }

  async list(accountId: string, page: PageRequest): Promise<Page<Awaited<ReturnType<Cycles['get']>>>> {
    const [rows, total] = await Promise.all([cyclePage(this.db, accountId, page.pageSize, offsetOf(page)), cycleCount(this.db, accountId)]);
    return { items: await this.views(accountId, rows), total };
  }

  async get(accountId: string, id: number) {
    const row = await cycleOf(this.db, accountId, id);
    if (row === undefined) throw cycleNotFound(id);
    return (await this.views(accountId, [row]))[0] as ReturnType<Cycles['view']>;
  }

  async update(accountId: string, id: number, input: Partial<CycleSettings>) {
    await inTransaction(this.db, async (trx) => {
      const now = this.clock.nowIso();
      await editableCycle(trx, accountId, id, now);
      await updateCycle(trx, accountId, id, { ...settingColumns(input), updated_at: now });
    });
    return this.get(accountId, id);
  }

  /** Removes the cycle with its steps, edges, mappings, variables and transactions, all or nothing. */
  async delete(accountId: string, id: number): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      await editableCycle(trx, accountId, id, this.clock.nowIso());
      await deleteTransactionsOf(trx, accountId, id);
      await deleteCycle(trx, accountId, id);
      this.plans.forget(id, trx);
    });
  }

  async prerequisites(accountId: string, id: number): Promise<Prerequisite[]> {
    if ((await cycleOf(this.db, accountId, id)) === undefined) throw cycleNotFound(id);
    await this.bindings.bindPending(accountId, id);
    return prerequisites(await loadCycleGraph(this.db, this.installs, accountId, id));
  }

  /** Activates a cycle that has no prerequisites left; refused with the list of them otherwise. */
  async activate(accountId: string, id: number, activation: Activation) {
    if (activation.Interval !== undefined && !(INTERVALS as readonly number[]).includes(activation.Interval)) {
      throw badRequest(`Interval must be one of ${INTERVALS.join(', ')} (minutes), not ${activation.Interval}`);
    }
    if (activation.StartTime !== undefined && Number.isNaN(Date.parse(activation.StartTime))) {
      throw badRequest('StartTime must be an ISO 8601 date and time');
    }
    await this.bindings.bindPending(accountId, id);
    const installs = await prefetchedInstalls(this.db, this.installs, accountId, id);
    await inTransaction(this.db, async (trx) => {
      const now = this.clock.nowIso();
      await editableCycle(trx, accountId, id, now);
      const missing = prerequisites(await loadCycleGraph(trx, installs, accountId, id));
      if (missing.length > 0) {
        throw new PatchbayError(
          'PB_ERR_CYCLE_PREREQUISITES',
          `Cycle ${id} cannot be activated: ${missing.map((m) => m.Reason).join('; ')}`,
          undefined,
          {},
          { Prerequisites: missing },
        );
      }
      const startTime = activation.StartTime === undefined ? now : new Date(activation.StartTime).toISOString();
      await updateCycle(trx, accountId, id, {
        status: 'Active',
        start_time: startTime,
        interval_minutes: activation.Interval ?? null,
        run_once: activation.RunOnce === true ? 1 : 0,
        updated_at: now,
        holds_queued_since: null,
      });
      await this.polls.activated(trx, accountId, id, startTime);
      // The transactions its deactivation held resume, each with a job of its own (a Waiting one's wait was over).
      for (const held of await heldTransactionsOf(trx, id)) {
        const job = await this.queue.send<TransactionJob>(TRANSACTION_QUEUE, { transactionId: held.id }, TRANSACTION_JOB_OPTIONS, trx);
        await updateTransaction(trx, held.id, { held_at: null, wake_job: job, message: null });
      }
    });
    return this.get(accountId, id);
  }

  /**
   * Pauses a cycle: it can be changed again. Its transactions under way finish their current step; the
   * queued and waiting ones finish too (`finishQueued`, the default), or are held until it is activated
   * again, and stopped when it stays deactivated for 24 hours. Pausing a paused cycle changes nothing but that.
   */
  async deactivate(accountId: string, id: number, finishQueued = true) {
    const row = await cycleOf(this.db, accountId, id);
    if (row === undefined) throw cycleNotFound(id);
    const now = this.clock.nowIso();
    const holds = finishQueued ? null : (row.holds_queued_since ?? now);
    if (row.status !== 'Paused' || holds !== row.holds_queued_since) {
      await updateCycle(this.db, accountId, id, { status: 'Paused', updated_at: now, holds_queued_since: holds });
      this.plans.forget(id, this.db);
    }
    return this.get(accountId, id);
  }

  /**
   * Writes a whole cycle given as data (a template's content) in one database transaction: its settings,
   * variables, steps, edges and mappings, Method steps on the installs the caller chose per connector
   * slug. Everything is checked first; a fault is a 400 naming it, and nothing is written.
   */
  async createFromDefinition(
    accountId: string,
    definition: CycleDefinition,
    installs: Readonly<Record<string, number>>,
    templateId: string | null = null,
  ) {
    const id = await writeDefinition(
      { db: this.db, catalogue: this.catalogue, installs: this.installs, box: this.box, now: this.clock.nowIso() },
      accountId,
      definition,
      installs,
      templateId,
    );
    return this.get(accountId, id);
  }

  private async views(accountId: string, rows: CycleRow[]) {
    const ids = rows.map((r) => r.id);
    const [connectors, running] = await Promise.all([
      connectorsOfCycles(this.db, accountId, ids),
      inProgressCounts(this.db, accountId, ids),
    ]);
    return rows.map((row) =>
      this.view(
        row,
        connectors.filter((c) => c.cycle_id === row.id),
        running.get(row.id) ?? 0,
      ),
    );
  }

  private view(row: CycleRow, connectors: Awaited<ReturnType<typeof connectorsOfCycles>>, inProgress: number) {
    return {
      Id: row.id,
      Name: row.name,
      Description: row.description,
      Status: row.status as CycleStatus,
      TemplateId: row.template_id,
      StepErrorAction: row.step_error_action as StepErrorAction,
      CollectionSplitType: row.collection_split_type as CollectionSplitType,
      LogStepDataRequests: row.log_step_data_requests === 1,
      StepDataSuccessRetentionHours: row.success_retention_hours,
      StepDataErroredRetentionHours: row.errored_retention_hours,
      StartTime: row.start_time,
      Interval: row.interval_minutes,
      RunOnce: row.run_once === 1,
      CreatedOnUtc: row.created_at,
      LastSuccessfulRunDate: row.last_successful_run_at,
      ErrorCount: row.error_count,
      WarningCount: row.warning_count,
      InProgressTransactionCount: inProgress,
      Connectors: connectors.map((c) => {
        const connector = this.catalogue.byId(c.connector_id);
        return {
          Id: c.connector_id,
          AccountConnectorId: c.id,
          Name: connector?.definition.Name ?? '',
          Version: connector?.definition.Version ?? '',
          Authenticated: c.authenticated === 1,
          StepCount: Number(c.steps),
          Icon: connector === undefined ? '' : iconUrl(connector, this.publicUrl),
        };
      }),
    };
  }
}
