import { CompiledQuery, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import { afterCommit } from '../store/commits.js';
import type { Database } from '../store/schema.js';
import type { Job, JobHandler, JobOptions, JobQueue } from './job-queue.js';

export interface PgBossQueueOptions {
  connectionString: string;
  /** pg-boss's own schema, created at start. */
  schema: string;
  /** Errors of pg-boss's pollers and maintenance, which have no caller to reject. */
  onError: (error: unknown) => void;
}

interface Registered {
  handler: JobHandler<unknown>;
  concurrency: number;
  /** pg-boss's workers of the queue on this node that run no job (they fetch, or wait to). */
  idle: Set<string>;
}

/** Longer than any job runs: a job still active after it, e.g. on a node that was killed, is failed and retried. */
const EXPIRE_IN_SECONDS = 300;
const DEADLOCK_DETECTED = '40P01';
/** How long stop() lets running jobs finish before pg-boss fails them. */
const STOP_TIMEOUT_MS = 30_000;

/** The job queue on PostgreSQL through pg-boss 10: every node sends and any node runs a job, once. */
export class PgBossQueue implements JobQueue {
  private readonly boss: PgBoss;
  /** Queue creation by name: pg-boss 10 inserts nothing into a queue that does not exist. */
  private readonly queues = new Map<string, Promise<void>>();
  /** The last queue creation of this node, which the next one waits for. */
  private creating: Promise<void> = Promise.resolve();
  private readonly handlers = new Map<string, Registered>();
  private readonly running = new Set<Promise<void>>();
  private started = false;

  constructor(private readonly options: PgBossQueueOptions) {
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema,
      max: 4,
      schedule: false,
      supervise: true,
      migrate: true,
    });
    this.boss.on('error', options.onError);
  }

  async send<T extends object>(name: string, data: T, options: JobOptions = {}, trx?: Transaction<Database>): Promise<string | null> {
    if (!this.started) throw new Error('The job queue must be started before jobs are sent');
    await this.queue(name);
    const id = await this.boss.send(name, data, { ...sendOptions(options), ...(trx === undefined ? {} : { db: onTransaction(trx) }) });
    // Without this an idle worker of this node would find the job only at its next poll (0.5 s on).
    if (id !== null && !options.startAfterSeconds) {
      if (trx === undefined) this.wake(name);
      else afterCommit(trx, () => this.wake(name));
    }
    return id;
  }

  work<T>(name: string, handler: JobHandler<T>, options: { concurrency?: number } = {}): void {
    if (this.handlers.has(name)) throw new Error(`Job queue '${name}' already has a handler`);
    const registered: Registered = {
      handler: handler as JobHandler<unknown>,
      concurrency: Math.max(1, options.concurrency ?? 1),
      idle: new Set(),
    };
    this.handlers.set(name, registered);
    if (this.started) this.subscribe(name, registered).catch(this.options.onError);
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
    await Promise.all([...this.handlers].map(([name, registered]) => this.subscribe(name, registered)));
  }

  async stalled(name: string, seconds: number, limit: number): Promise<Array<{ id: string; data: unknown }>> {
    const { rows } = await this.boss
      .getDb()
      .executeSql(
        `SELECT id, data FROM ${this.options.schema}.job WHERE name = $1 AND state = 'active' AND started_on < now() - make_interval(secs => $2) ORDER BY started_on LIMIT $3`,
        [name, seconds, limit],
      );
    return rows as Array<{ id: string; data: unknown }>;
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
    // A job fetched just as pg-boss stopped still runs here; wait for it too.
    await Promise.allSettled(this.running);
    this.started = false;
  }

  private queue(name: string): Promise<void> {
    let created = this.queues.get(name);
    if (created === undefined) {
      created = this.creating.then(() => this.createQueue(name));
      this.creating = created.catch(() => undefined);
      created.catch(() => this.queues.delete(name));
      this.queues.set(name, created);
    }
    return created;
  }

  /**
   * create_queue adds the queue's row, then a partition with a foreign key to the queue table: two creations at
   * once deadlock, and PostgreSQL aborts one. This node creates one queue at a time; a creation aborted because
   * another node's ran alongside is tried again, finding the queue or creating it.
   */
  private async createQueue(name: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if ((await this.boss.getQueue(name)) !== null) return;
      try {
        await this.boss.createQueue(name, { name, policy: 'standard' });
        return;
      } catch (error) {
        if (attempt >= 5 || (error as { code?: unknown }).code !== DEADLOCK_DETECTED) throw error;
      }
    }
  }

  /** Tells one idle worker of the queue on this node to fetch now. */
  private wake(name: string): void {
    const registered = this.handlers.get(name);
    const [worker] = registered?.idle ?? [];
    if (registered === undefined || worker === undefined) return;
    registered.idle.delete(worker);
    this.boss.notifyWorker(worker);
  }

  /**
   * One pg-boss worker per concurrent job: each fetches and runs one job at a time. A worker that ran a
   * job fetches again at once (pg-boss would wait out its polling interval after every job); one that
   * found none waits for the interval or for a send of this node.
   */
  private async subscribe(name: string, registered: Registered): Promise<void> {
    await this.queue(name);
    const options = { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: 0.5 } as const;
    for (let i = 0; i < registered.concurrency; i++) {
      let self = '';
      self = await this.boss.work<unknown>(name, options, async ([job]) => {
        if (job === undefined) return;
        registered.idle.delete(self);
        // A rejection reaches pg-boss, which fails the job (retrying it while the limit allows).
        const run = registered.handler(toJob(job));
        this.running.add(run);
        try {
          await run;
        } finally {
          this.running.delete(run);
          registered.idle.add(self);
          this.boss.notifyWorker(self);
        }
      });
      registered.idle.add(self);
    }
  }
}

function sendOptions(options: JobOptions): PgBoss.SendOptions {
  const retryLimit = options.retryLimit ?? 0;
  const result: PgBoss.SendOptions = { retryLimit, expireInSeconds: EXPIRE_IN_SECONDS };
  if (retryLimit > 0) {
    result.retryDelay = Math.max(1, Math.round(options.retryDelaySeconds ?? 1));
    result.retryBackoff = true;
  }
  if (options.startAfterSeconds) result.startAfter = options.startAfterSeconds;
  if (options.singletonSeconds) {
    result.singletonSeconds = Math.max(1, Math.round(options.singletonSeconds));
    if (options.singletonKey !== undefined) result.singletonKey = options.singletonKey;
  }
  return result;
}

/** pg-boss's SQL run on the caller's transaction, so the job exists only if it commits. */
const onTransaction = (trx: Transaction<Database>): PgBoss.Db => ({
  executeSql: (text, values) => trx.executeQuery(CompiledQuery.raw(text, values)).then((result) => ({ rows: result.rows })),
});

const toJob = (job: PgBoss.JobWithMetadata<unknown>): Job<unknown> => ({
  id: job.id,
  name: job.name,
  data: job.data,
  attempt: job.retryCount + 1,
  lastAttempt: job.retryCount >= job.retryLimit,
});
