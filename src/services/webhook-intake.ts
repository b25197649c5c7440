import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { ImmediateRuns } from '../cycles/immediate-runs.js';
import type { Step } from '../cycles/model.js';
import { type RunPlan, type RunPlans, triggerOf } from '../cycles/run-plan.js';
import type { TransactionSignals } from '../cycles/transaction-signals.js';
import { PatchbayError } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { afterCommit, inTransaction } from '../store/commits.js';
import type { Db } from '../store/database.js';
import { IN_PROGRESS, transactionById } from '../store/transactions.js';
import { claimIdempotencyKey, firstSuccessOf, transactionOfKey, webhookStepByToken } from '../store/webhook-intake.js';
import { enqueueTransactions } from './transaction-intake.js';

/** How long a delivery's idempotency key is kept: a repeat within it makes no second transaction. */
export const IDEMPOTENCY_KEY_DAYS = 7;
/** How often a synchronous wait reads the store, for a transaction another node runs. */
const SYNC_POLL_MS = 250;
const MAX_KEY_LENGTH = 255;
const DEFAULT_IDEMPOTENCY_HEADER = 'Idempotency-Key';

export interface WebhookDelivery {
  token: string;
  /** The parsed body: JSON, a form's fields, or the raw text. */
  body: unknown;
  /** A request header's value by name (any case), undefined when absent. */
  header(name: string): string | undefined;
}

/** What the caller is answered: 202 with the transaction, or what a Synchronous Response step mapped. */
export type WebhookAnswer = { status: 202; body: { TransactionId: string } } | { status: number; body: unknown; synchronous: true };

/**
 * Receives webhook deliveries. A delivery is written, with its transaction and that transaction's job, in
 * one database transaction committed before anything is answered: once the caller has its 2xx, the
 * payload is in the store and the job will run it. A delivery whose idempotency key the cycle has seen
 * makes nothing and is answered the first one's transaction.
 */
export class WebhookIntake {
  constructor(
    private readonly db: Db,
    private readonly plans: RunPlans,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly signals: TransactionSignals,
    private readonly syncTimeoutMs: number,
    private readonly immediate: Pick<ImmediateRuns, 'nodeId' | 'reserve' | 'unreserve' | 'start'>,
  ) {}

  async receive(delivery: WebhookDelivery): Promise<WebhookAnswer> {
    // An unknown token and an inactive cycle look the same from outside: nothing is recorded for either.
    const plan = this.plans.byWebhookToken(delivery.token) ?? (await this.planOfToken(delivery.token));
    const trigger = plan === undefined ? undefined : triggerOf(plan);
    if (plan?.cycle.status !== 'Active' || trigger === undefined || trigger.Id !== plan.webhookTokens.get(delivery.token)) {
      throw webhookNotFound();
    }
    const key = idempotencyKeyOf(trigger, delivery);
    const { transactionId, fresh } = await this.record(plan, trigger, delivery.body, key);
    const responses = responseSteps(plan, trigger.Id);
    const answer = responses.length === 0 ? undefined : await this.response(plan, transactionId, responses, fresh);
    return answer ?? { status: 202, body: { TransactionId: transactionId } };
  }

  /** The plan of the Active cycle whose Webhook step has this token, read from the store (it is then kept). */
  private async planOfToken(token: string): Promise<RunPlan | undefined> {
    const found = await webhookStepByToken(this.db, token);
    return found === undefined || found.status !== 'Active' ? undefined : this.plans.get(found.accountId, found.cycleId);
  }

  /**
   * The delivery's transaction: made now (fresh), or the one its idempotency key made before. A fresh one
   * is run at once on this node when it has room, without a trip through the job queue.
   */
  private async record(
    plan: RunPlan,
    trigger: Step,
    item: unknown,
    key: string | undefined,
  ): Promise<{ transactionId: string; fresh: boolean }> {
    const Id = randomUUID();
    const now = this.clock.nowIso();
    const atOnce = await this.immediate.reserve(plan.cycle.account_id);
    let started = false;
    try {
      return await inTransaction(this.db, async (trx) => {
        // The unique (cycle, key) decides between concurrent repeats; a read first would let two through.
        if (
          key !== undefined &&
          !(await claimIdempotencyKey(trx, { cycle_id: plan.cycle.id, idempotency_key: key, transaction_id: Id, received_at: now }))
        ) {
          const first = await transactionOfKey(trx, plan.cycle.id, key);
          if (first === undefined)
            throw new PatchbayError('PB_ERR_CONFLICT', 'A delivery with this idempotency key is being removed; send it again');
          return { transactionId: first, fresh: false };
        }
        const ownedBy = atOnce ? this.immediate.nodeId : undefined;
        const [written] = await enqueueTransactions(trx, this.queue, { plan, trigger, now, request: null, ownedBy }, [{ Id, item }]);
        if (atOnce && written !== undefined) {
          afterCommit(trx, () => {
            started = true;
            this.immediate.start(written);
          });
        }
        return { transactionId: Id, fresh: true };
      });
    } finally {
      if (atOnce && !started) this.immediate.unreserve(plan.cycle.account_id);
    }
  }

  /**
   * Waits, up to the sync timeout, for the transaction to pass one of the response steps, and answers what
   * that step mapped. Undefined when the wait is over or the transaction ended without reaching one. A
   * transaction this request just made cannot have got there yet: the first read is left to the wait.
   */
  private async response(plan: RunPlan, transactionId: string, stepIds: number[], fresh: boolean): Promise<WebhookAnswer | undefined> {
    const deadline = this.clock.now() + this.syncTimeoutMs;
    const answer = (stepId: number, output: unknown): WebhookAnswer => ({
      status: plan.steps.get(stepId)?.Response?.Status ?? 200,
      body: output,
      synchronous: true,
    });
    for (let read = !fresh; ; read = true) {
      // Listening before reading: a signal between the read and the wait is not missed.
      const signal = this.signals.next(transactionId);
      try {
        if (read) {
          // The transaction first: a response committed before it ended (or with its end) is then seen by the second read.
          const tx = await transactionById(this.db, transactionId);
          const run = await firstSuccessOf(this.db, transactionId, stepIds);
          if (run !== undefined) return answer(run.step_id, run.output === null ? null : JSON.parse(run.output));
          if (tx === undefined || !IN_PROGRESS.includes(tx.status)) return undefined;
        }
        const left = deadline - this.clock.now();
        if (left <= 0) return undefined;
        const answered = await Promise.race([signal.woken, this.clock.sleep(Math.min(SYNC_POLL_MS, left)).then(() => undefined)]);
        if (answered !== undefined && stepIds.includes(answered.stepId)) return answer(answered.stepId, answered.output);
      } finally {
        signal.cancel();
      }
    }
  }
}

/**
 * The delivery's idempotency key: the header the Webhook step names (a provider's delivery id), else
 * `Idempotency-Key`; undefined when neither is given.
 */
function idempotencyKeyOf(trigger: Step, delivery: WebhookDelivery): string | undefined {
  const named = trigger.IdempotencyHeader === null ? undefined : delivery.header(trigger.IdempotencyHeader)?.trim();
  const key = named || delivery.header(DEFAULT_IDEMPOTENCY_HEADER)?.trim() || undefined;
  const header = named ? (trigger.IdempotencyHeader as string) : DEFAULT_IDEMPOTENCY_HEADER;
  if (key !== undefined && key.length > MAX_KEY_LENGTH) {
    throw new PatchbayError('PB_ERR_BAD_REQUEST', `The ${header} header may be at most ${MAX_KEY_LENGTH} characters`);
  }
  return key;
}

/** The Synchronous Response steps the trigger leads to, on any branch. */
function responseSteps(plan: RunPlan, triggerId: number): number[] {
  const seen = new Set([triggerId]);
  const queue = [triggerId];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const edge of plan.edges) {
      if (edge.HeadStepId !== at || seen.has(edge.TailStepId)) continue;
      seen.add(edge.TailStepId);
      queue.push(edge.TailStepId);
    }
  }
  return [...seen].filter((id) => plan.steps.get(id)?.ActionType === 'SynchronousResponse');
}

const webhookNotFound = () => new PatchbayError('PB_ERR_NOT_FOUND', 'No active cycle answers this webhook URL');
