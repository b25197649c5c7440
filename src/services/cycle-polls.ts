import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { TriggerDefinition } from '../catalogue/trigger-schema.js';
import type { Clock } from '../clock.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { resolveInputs } from '../cycles/operands.js';
import {
  DEFAULT_POLL_INTERVAL,
  POLL_JOB_OPTIONS,
  POLL_LEASE_MS,
  POLL_QUEUE,
  type PollCursor,
  type PollJob,
  pollParameters,
  weigh,
} from '../cycles/polling.js';
import { loadRunPlan, masked, type RunPlan, type RunPlans, triggerOf } from '../cycles/run-plan.js';
import type { Job, JobQueue } from '../jobs/job-queue.js';
import type { MethodRunner } from '../runner/method-runner.js';
import { inTransaction } from '../store/commits.js';
import { finishPoll, orphanedPolls, overduePolls, pollOf, schedulePoll, takePollLease } from '../store/cycle-polls.js';
import type { CyclePollRow } from '../store/cycle-schema.js';
import { cycleOf, updateCycle } from '../store/cycles.js';
import type { Db } from '../store/database.js';
import { insertIncident } from '../store/incidents.js';
import type { Database } from '../store/schema.js';
import type { InstallLookup } from './cycle-graph.js';
import type { NodePresence } from './node-presence.js';
import { enqueueTransactions, itemsOf } from './transaction-intake.js';

/** Overdue polls queued again per sweep: more wait for the next one. */
const OVERDUE_BATCH = 500;
/** One new job per overdue poll, however many nodes sweep, until that poll has run. */
const OVERDUE_ONCE_SECONDS = 3600;

/** Another poll of the cycle holds the lease: the job is tried again later (see POLL_JOB_OPTIONS). */
class PollBusy extends Error {}
/** The lease expired during the poll and another took it: this poll's outcome is thrown away. */
class LeaseLost extends Error {}

/** A poll's schedule as the cycle's activation set it. */
interface Schedule {
  intervalMs: number;
  runOnce: boolean;
}

/**
 * Polling cycles: a cycle whose trigger is a connector method marked as a trigger is polled from its
 * StartTime, every Interval minutes. One poll's transactions, its new cursor, the cycle's
 * LastSuccessfulRunDate and the job of the next poll commit in one database transaction; a poll that
 * fails writes only its failure and the next poll, so the cursor stays where it was and the next poll
 * reads the same items again. A lease on the cycle's poll row keeps two polls of one cycle from
 * overlapping, on one node or many; a lease held by a node that died is free at once.
 */
export class CyclePolls {
  constructor(
    private readonly db: Db,
    private readonly installs: InstallLookup,
    private readonly runner: MethodRunner,
    private readonly queue: JobQueue,
    private readonly box: SecretBox,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly plans: RunPlans,
    private readonly node: Pick<NodePresence, 'id' | 'staleBefore'>,
  ) {}

  /**
   * Called in the activation's database transaction: a cycle started by a trigger method gets its first
   * poll at `startTime`. A cycle polled before keeps its cursor, so reactivating it neither repeats nor
   * skips what changed meanwhile.
   */
  async activated(trx: Transaction<Database>, accountId: string, cycleId: number, startTime: string): Promise<void> {
    const plan = await loadRunPlan(trx, this.box, accountId, cycleId);
    if (plan === undefined || (await this.triggerMethod(plan)) === undefined) return;
    await schedulePoll(trx, accountId, cycleId, startTime, startTime, this.clock.nowIso());
    await this.sendPoll(trx, cycleId, startTime, scheduleOf(plan));
  }

  readonly handle = async (job: Job<PollJob>): Promise<void> => {
    const { cycleId } = job.data;
    const row = await pollOf(this.db, cycleId);
    const cycle = row === undefined ? undefined : await cycleOf(this.db, row.account_id, cycleId);
    // A deactivated cycle's poll ends the chain; so does a poll that is not due (a stray from an earlier activation).
    if (row === undefined || cycle?.status !== 'Active' || this.clock.now() < Date.parse(row.next_poll_at)) return;
    const token = randomUUID();
    const startedAt = this.clock.nowIso();
    const leased = await takePollLease(this.db, cycleId, {
      token,
      node: this.node.id,
      now: startedAt,
      until: this.clock.isoIn(POLL_LEASE_MS),
      aliveSince: this.node.staleBefore(),
    });
    if (leased === undefined) throw new PollBusy(`Cycle ${cycleId}: another poll is under way`);
    try {
      await this.poll(leased, token, startedAt);
    } catch (error) {
      if (error instanceof LeaseLost) return;
      await this.failed(leased, token, error);
    }
  };

  private async poll(row: CyclePollRow, token: string, startedAt: string): Promise<void> {
    const plan = await this.plans.get(row.account_id, row.cycle_id);
    const found = plan === undefined ? undefined : await this.triggerMethod(plan);
    if (plan === undefined || found === undefined) throw new Error('The cycle no longer starts with a trigger method');
    const { step, trigger, install } = found;
    const mapped = (
      await resolveInputs(plan.mappings.get(step.Id) ?? [], {
        outputs: new Map(),
        keys: new Map(),
        variables: plan.variables,
        trigger: null,
      })
    ).Parameters;
    const cursor: PollCursor = { since: row.since ?? startedAt, seen: JSON.parse(row.seen_ids) as string[] };
    const Parameters = pollParameters(trigger, mapped, cursor);
    const result = await this.runner.run(install, step.MethodId as string, { Parameters, AllPages: true });
    if (result.paging?.truncated === true) {
      // Items of the pages not read may have changed before the newest one read: moving past it could skip them.
      if (trigger.OldestFirst !== true) {
        throw new Error(
          `The poll stopped at the page cap (${result.paging.pages} pages, PATCHBAY_MAX_PAGES) and this list is not sorted oldest ` +
            'change first, so its cursor is kept rather than skip what the unread pages hold: raise the cap, a page size the method takes, or poll more often',
        );
      }
      this.logger.warn(
        { cycleId: row.cycle_id, pages: result.paging.pages },
        'poll stopped at the page cap; the next poll reads on from its cursor',
      );
    }
    const items = Array.isArray(result.data) ? result.data : result.data == null ? [] : [result.data];
    const weighed = weigh(trigger, mapped, cursor, items, startedAt);
    const schedule = scheduleOf(plan);
    const request = masked(plan, { MethodId: step.MethodId, Parameters });
    await inTransaction(this.db, async (trx) => {
      if (weighed.fresh.length > 0) {
        const transactions = itemsOf(plan, weighed.fresh).map((item) => ({ Id: randomUUID(), item }));
        await enqueueTransactions(trx, this.queue, { plan, trigger: step, now: startedAt, request }, transactions);
      }
      const next = this.nextPollAt(row, schedule);
      const kept = await finishPoll(trx, row.cycle_id, token, {
        since: weighed.cursor.since,
        seen_ids: JSON.stringify(weighed.cursor.seen),
        next_poll_at: next,
        last_error: null,
        updated_at: this.clock.nowIso(),
      });
      if (!kept) throw new LeaseLost();
      await updateCycle(trx, row.account_id, row.cycle_id, { last_successful_run_at: startedAt });
      await this.continueOrStop(trx, row, next, schedule);
    });
    this.logger.debug({ cycleId: row.cycle_id, items: items.length, fresh: weighed.fresh.length }, 'cycle polled');
  }

  /** The failure is recorded and counted as a warning; the cursor is untouched and the next poll is due as usual. */
  private async failed(row: CyclePollRow, token: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn({ cycleId: row.cycle_id, err: message }, 'cycle poll failed; its cursor is kept for the next poll');
    const plan = await this.plans.get(row.account_id, row.cycle_id);
    if (plan === undefined) return;
    const schedule = scheduleOf(plan);
    await inTransaction(this.db, async (trx) => {
      const next = this.nextPollAt(row, schedule);
      const kept = await finishPoll(trx, row.cycle_id, token, { next_poll_at: next, last_error: message, updated_at: this.clock.nowIso() });
      if (!kept) return;
      // A Warning incident: listed with the cycle's others, and counted in its WarningCount.
      await insertIncident(trx, {
        account_id: row.account_id,
        cycle_id: row.cycle_id,
        level: 'Warning',
        short_message: 'A poll of the trigger failed; the next one tries again from the same place',
        full_message: message,
        step_id: null,
        step_name: null,
        transaction_id: null,
        created_at: this.clock.nowIso(),
      });
      await this.continueOrStop(trx, row, next, schedule);
    });
  }

  /**
   * Called by the periodic sweep: a poll overdue by more than `graceSeconds` whose job is gone (it failed
   * for good, after its retries) gets a job again, so one lost job does not end a cycle's polling. Answers
   * how many were queued.
   */
  async requeueOverdue(graceSeconds: number): Promise<number> {
    const now = this.clock.nowIso();
    const overdue = await overduePolls(this.db, this.clock.isoIn(-graceSeconds * 1000), now, OVERDUE_BATCH);
    for (const row of overdue) {
      // A key of its own: the lost job's key may still hold its window. A poll sent twice runs once (the lease, the due time).
      const key = `cycle:${row.cycle_id}:${row.next_poll_at}:overdue`;
      await this.queue.send<PollJob>(
        POLL_QUEUE,
        { cycleId: row.cycle_id },
        { ...POLL_JOB_OPTIONS, singletonKey: key, singletonSeconds: OVERDUE_ONCE_SECONDS },
      );
      this.logger.warn({ cycleId: row.cycle_id, due: row.next_poll_at }, 'overdue poll of an active cycle queued again');
    }
    return overdue.length;
  }

  /**
   * Called after each heartbeat: a poll cut off by its node's death is sent again at once (a live node may
   * take a dead node's lease), rather than when the lease runs out. One job per dead lease, however many
   * nodes look and however often; answers how many were queued.
   */
  readonly recoverOrphaned = async (): Promise<number> => {
    let queued = 0;
    for (const orphan of await orphanedPolls(this.db, this.node.staleBefore(), OVERDUE_BATCH)) {
      const once = { singletonKey: `cycle:${orphan.cycle_id}:recover:${orphan.lease_token}`, singletonSeconds: OVERDUE_ONCE_SECONDS };
      const id = await this.queue.send<PollJob>(POLL_QUEUE, { cycleId: orphan.cycle_id }, { ...POLL_JOB_OPTIONS, ...once });
      if (id === null) continue;
      queued++;
      this.logger.info({ cycleId: orphan.cycle_id }, 'poll of a dead node queued again');
    }
    return queued;
  };

  /** A RunOnce cycle is deactivated after its poll; any other gets its next one. */
  private async continueOrStop(trx: Transaction<Database>, row: CyclePollRow, next: string, schedule: Schedule): Promise<void> {
    if (schedule.runOnce) {
      await updateCycle(trx, row.account_id, row.cycle_id, { status: 'Paused', updated_at: this.clock.nowIso() });
      this.plans.forget(row.cycle_id, trx);
      return;
    }
    await this.sendPoll(trx, row.cycle_id, next, schedule);
  }

  /**
   * The poll job for `at`. Its singleton key names the cycle and the time, so however many nodes or
   * activations ask for the same poll within an interval, one job is created.
   */
  private async sendPoll(trx: Transaction<Database>, cycleId: number, at: string, schedule: Schedule): Promise<void> {
    const startAfterSeconds = Math.max(0, Math.ceil((Date.parse(at) - this.clock.now()) / 1000));
    await this.queue.send<PollJob>(
      POLL_QUEUE,
      { cycleId },
      { ...POLL_JOB_OPTIONS, startAfterSeconds, singletonKey: `cycle:${cycleId}:${at}`, singletonSeconds: schedule.intervalMs / 1000 },
      trx,
    );
  }

  /** The first due time after now on the cycle's grid (StartTime + n x Interval): no drift, no burst after downtime. */
  private nextPollAt(row: CyclePollRow, schedule: Schedule): string {
    const due = Date.parse(row.next_poll_at);
    const now = this.clock.now();
    const steps = Math.max(1, Math.floor((now - due) / schedule.intervalMs) + 1);
    return new Date(due + steps * schedule.intervalMs).toISOString();
  }

  /** The cycle's trigger step, when it is a method its connector marks as a trigger. */
  private async triggerMethod(plan: RunPlan) {
    const step = triggerOf(plan);
    if (step?.ActionType !== 'Method' || step.AccountConnectorId === null || step.MethodId === null) return undefined;
    const install = await this.installs.resolve(plan.cycle.account_id, step.AccountConnectorId);
    const trigger: TriggerDefinition | undefined = this.runner.method(install, step.MethodId).Trigger;
    return trigger === undefined ? undefined : { step, trigger, install };
  }
}

function scheduleOf(plan: RunPlan): Schedule {
  return { intervalMs: (plan.cycle.interval_minutes ?? DEFAULT_POLL_INTERVAL) * 60_000, runOnce: plan.cycle.run_once === 1 };
}
