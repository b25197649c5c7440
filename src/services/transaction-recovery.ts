import type { Logger } from 'pino';
import { TRANSACTION_JOB_OPTIONS, TRANSACTION_QUEUE, type TransactionJob } from '../cycles/transaction-job.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { inTransaction } from '../store/commits.js';
import type { Db } from '../store/database.js';
import { orphanedTransactions, takeOrphan } from '../store/transactions.js';
import type { NodePresence } from './node-presence.js';

/** Transactions taken over per look: more wait for the next heartbeat. */
const BATCH = 100;

/**
 * Queues again, at once, the transactions whose job died with its node: those left Running by a node
 * without a heartbeat, or by this node's previous run. Otherwise they would wait for the queue to give
 * the killed job back (pg-boss: when it expires, minutes later). Each is taken from its dead owner and
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
    return queued;
  };
}
