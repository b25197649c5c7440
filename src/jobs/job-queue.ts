import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.js';

/** How a job is run and retried. */
export interface JobOptions {
  /** Further attempts after a failed one (default 0: run once). */
  retryLimit?: number;
  /** Whole seconds before the first retry (default 1); each later retry waits about twice as long (exponential backoff). */
  retryDelaySeconds?: number;
  /** Seconds to wait before the first attempt. */
  startAfterSeconds?: number;
  /**
   * With `singletonSeconds`: at most one job of this name and key is created per window of that many
   * seconds, whichever node sends it. Periodic work started by every node runs once.
   */
  singletonKey?: string;
  singletonSeconds?: number;
}

/** A job as its handler sees it. */
export interface Job<T> {
  id: string;
  name: string;
  data: T;
  /** 1 for the first attempt. */
  attempt: number;
  /** No retry follows when this attempt fails. */
  lastAttempt: boolean;
}

/** Runs one job; a rejection is a failed attempt (retried while the retry limit allows). */
export type JobHandler<T> = (job: Job<T>) => Promise<void>;

/**
 * The durable job queue. Two adapters keep the same contract (test/job-queue.test.ts): the embedded one
 * on the SQLite store (one process) and pg-boss on PostgreSQL (any node runs any job).
 */
export interface JobQueue {
  /**
   * Enqueues a job. Given a transaction, the job is written in it: it exists if and only if the
   * transaction commits. Resolves to the job id, or null when a singleton window already holds one.
   */
  send<T extends object>(name: string, data: T, options?: JobOptions, trx?: Transaction<Database>): Promise<string | null>;
  /**
   * Registers this node's handler for a queue: it fetches jobs once the queue is started, or at once if it
   * is. `concurrency` jobs of the queue may run at a time on this node (default 1).
   */
  work<T>(name: string, handler: JobHandler<T>, options?: { concurrency?: number }): void;
  /** Connects (sending needs it) and starts fetching jobs for the registered handlers. */
  start(): Promise<void>;
  /** Stops fetching, waits for the jobs being run, and releases connections. */
  stop(): Promise<void>;
  /**
   * Jobs of the queue taken for running more than `seconds` ago and not finished: on a queue shared by
   * several nodes, those of a node that died before its handler recorded anything (pg-boss gives them back
   * only when they expire). A queue run by one process only has none to report.
   */
  stalled(name: string, seconds: number, limit: number): Promise<Array<{ id: string; data: unknown }>>;
}
