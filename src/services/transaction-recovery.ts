import type { Logger } from 'pino';
import { TRANSACTION_JOB_OPTIONS, TRANSACTION_QUEUE, type TransactionJob } from '../cycles/transaction-job.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { inTransaction } from '../store/commits.js';
import type { Db } from '../store/database.js';
import { orphanedTransactions, takeOrphan, unclaimedOf, updateTransaction } from '../store/transactions.js';
import type { NodePresence } from './node-presence.js';

/** Transactions taken over per look: more wait for the next heartbeat. */
const BATCH = 100;
/** A live node claims a transaction within moments of taking its job: a job taken this long ago whose transaction is unclaimed lost its node. */
const STALLED_AFTER_SECONDS = 10;
/** One new job per stalled job, however many nodes notice it and however often, until the stalled one expires. */
const REQUEUE_ONCE_SECONDS = 3600;

/**
 * Queues again, at once, the transactions whose job died with its node: those left Running by a node
 * without a heartbeat, or by this node's previous run, and those whose job a node took but died before
 * claiming them (still unclaimed long after their job was taken). Otherwise they would wait for the queue
 * to give the killed job back (pg-boss: when it expires, minutes later). Each is taken from its dead owner and
 * queued in one database transaction, so one node takes it and the job exists if and only if it did;
 * the job then resumes from the last recorded step, as any resumed job does.
 */
export class TransactionRecovery {
  constructor(
    private readonly db: Db,
    private readonly queue: JobQueue,
    private readonly node: Pick<NodePresence, 'staleBefore'>,
    private readonly logger: Logger,
  ) {}

  /** One look (a query on the owner index) and a take-over of what it finds; answers how many were queued again. */
  readonly run = async (): Promise<number> => {
    let queued = 0;
    for (const orphan of await orphanedTransactions(this.db, this.node.staleBefore(), BATCH)) {
      const owner = orphan.owner_node as string;
      const taken = await inTransaction(this.db, async (trx) => {
        if (!(await takeOrphan(trx, orphan.id, owner))) return false;
        await this.queue.send<TransactionJob>(TRANSACTION_QUEUE, { transactionId: orphan.id }, TRANSACTION_JOB_OPTIONS, trx);
        return true;
      });
      if (taken) {
        queued++;
        this.logger.info({ transactionId: orphan.id, deadNode: owner }, 'transaction of a dead node queued again');
      }
    }
    return queued + (await this.unclaimed());
  };

  /** The transactions of jobs stalled before their node claimed them: one new job each (a later run of the old one finds it done). */
  private async unclaimed(): Promise<number> {
    const stalled = await this.queue.stalled(TRANSACTION_QUEUE, STALLED_AFTER_SECONDS, BATCH);
    const byTransaction = new Map(stalled.map((job) => [(job.data as TransactionJob).transactionId, job.id]));
    let queued = 0;
    for (const tx of await unclaimedOf(this.db, [...byTransaction.keys()])) {
      const transactionId = tx.id;
      const jobId = byTransaction.get(transactionId) as string;
      // A waiting transaction goes on only with its wake job: a stray job stalled is left alone.
      if (tx.status === 'Waiting' && tx.wake_job !== null && tx.wake_job !== jobId) continue;
      const once = { singletonKey: `recover:${jobId}`, singletonSeconds: REQUEUE_ONCE_SECONDS };
      const sent = await inTransaction(this.db, async (trx) => {
        const id = await this.queue.send<TransactionJob>(
          TRANSACTION_QUEUE,
          { transactionId },
          { ...TRANSACTION_JOB_OPTIONS, ...once },
          trx,
        );
        // Named its wake job before it can run, or it would find the transaction waiting for the stalled one.
        if (id !== null && tx.status === 'Waiting') await updateTransaction(trx, transactionId, { wake_job: id });
        return id;
      });
      if (sent === null) continue;
      queued++;
      this.logger.info({ transactionId }, 'transaction whose job stalled before it was claimed queued again');
    }
    return queued;
  }
}
