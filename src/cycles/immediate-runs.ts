import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { NodePresence } from '../services/node-presence.js';
import { inTransaction } from '../store/commits.js';
import type { CycleTransactionRow } from '../store/cycle-schema.js';
import type { Db } from '../store/database.js';
import { releaseTransaction } from '../store/transactions.js';
import { AccountSlots } from './account-slots.js';
import type { CycleExecutor } from './executor.js';
import { TRANSACTION_JOB_OPTIONS, TRANSACTION_QUEUE, type TransactionJob } from './transaction-job.js';

export interface ImmediateRunsDeps {
  db: Db;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  node: Pick<NodePresence, 'id'>;
  executor: Pick<CycleExecutor, 'runOwned'>;
}

/** How long a transaction that failed outside a step waits for its job, as a job's retry would. */
const HAND_OVER_DELAY_SECONDS = 5;
/** How long one past its account's share waits for a slot of that account before it is queued. */
const ACCOUNT_WAIT_MS = 250;

/**
 * Transactions run as soon as they are written, on the node that wrote them, without a trip through the
 * job queue (a webhook's: its caller may be waiting for the answer). Room is reserved before the
 * transaction is written, which is then written Running and owned by this node, with no job. If the node
 * dies while one runs, it is taken over as any transaction of a dead node is (see TransactionRecovery).
 * At most `limit` run at a time, and of one account no more than its share; past that, or before
 * background work starts, they are queued as usual.
 */
export class ImmediateRuns {
  private limit = 0;
  /** Room taken, runs under way included. */
  private taken = 0;
  /** Each account's share of that room (set by `open`). */
  private slots: AccountSlots | undefined;
  private readonly runs = new Set<Promise<void>>();

  constructor(private readonly deps: ImmediateRunsDeps) {}

  /** The owner a transaction written to be run at once names. */
  get nodeId(): string {
    return this.deps.node.id;
  }

  /** From now on, up to `limit` transactions at a time are run at once (0: none), of one account up to `accountLimit`. */
  open(limit: number, accountLimit: number): void {
    this.limit = limit;
    this.slots = new AccountSlots(accountLimit, this.deps.clock);
  }

  /**
   * Takes room for one of the account's; false when there is none, or the account holds its share and none
   * of it came free within a moment (it is queued instead).
   */
  async reserve(accountId: string): Promise<boolean> {
    if (this.slots === undefined || this.taken >= this.limit) return false;
    this.taken++;
    const slots = this.slots;
    if (await slots.take(accountId, ACCOUNT_WAIT_MS)) {
      // Stopped while it waited: nothing more is run at once.
      if (this.limit > 0) return true;
      slots.give(accountId);
    }
    this.taken--;
    return false;
  }

  /** Gives back room taken for a transaction that was not written. */
  unreserve(accountId: string): void {
    this.taken--;
    this.slots?.give(accountId);
  }

  /** Runs a committed transaction written with room reserved for it. */
  start(tx: CycleTransactionRow): void {
    const run: Promise<void> = this.deps.executor
      .runOwned(tx)
      .catch((error: unknown) => this.handOver(tx.id, error))
      .finally(() => {
        this.unreserve(tx.account_id);
        this.runs.delete(run);
      });
    this.runs.add(run);
  }

  /** No more are run at once; waits for those under way. */
  async stop(): Promise<void> {
    this.limit = 0;
    while (this.runs.size > 0) await Promise.all(this.runs);
  }

  /**
   * One that failed outside a step (the store unreachable): let go and given a job, as a job's failure is
   * retried. Tried again until it takes; if the node stops first, the transaction is still Running under
   * it, and is taken over as a dead node's.
   */
  private async handOver(id: string, error: unknown): Promise<void> {
    const { db, queue, clock, logger, node } = this.deps;
    logger.warn({ err: error, transactionId: id }, 'a transaction run at once failed outside a step: it is queued again');
    const options = { ...TRANSACTION_JOB_OPTIONS, startAfterSeconds: HAND_OVER_DELAY_SECONDS };
    for (let delayMs = 1000; ; delayMs = Math.min(delayMs * 2, 60_000)) {
      try {
        await inTransaction(db, async (trx) => {
          await releaseTransaction(trx, id, node.id);
          await queue.send<TransactionJob>(TRANSACTION_QUEUE, { transactionId: id }, options, trx);
        });
        return;
      } catch (again) {
        if (this.limit === 0) return;
        logger.error({ err: again, transactionId: id }, 'could not queue again a transaction run at once');
        await clock.sleep(delayMs);
      }
    }
  }
}
