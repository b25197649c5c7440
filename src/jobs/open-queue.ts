import type { Clock } from '../clock.js';
import { currentSchema } from '../store/current-schema.js';
import { type Db, isPostgresUrl } from '../store/database.js';
import { EmbeddedQueue } from './embedded-queue.js';
import type { JobQueue } from './job-queue.js';
import { PgBossQueue } from './pg-boss-queue.js';

export interface OpenJobQueueOptions {
  /** Errors of the queue's background work (polling, maintenance), which have no caller to reject. */
  onError: (error: unknown) => void;
  /** How often the embedded queue looks for due jobs (default 500 ms); pg-boss polls every 500 ms. */
  pollingIntervalMs?: number;
  /** The embedded queue's business time (pg-boss keeps the database's). */
  clock?: Clock;
}

/** pg-boss's schema beside the store's: stores sharing a database in different schemas keep separate queues. */
export const jobsSchemaFor = (currentSchema: string): string => (currentSchema === 'public' ? 'pgboss' : `${currentSchema}_pgboss`);

/** The job queue for the store: pg-boss on PostgreSQL, else the embedded queue. Not started. */
export async function openJobQueue(db: Db, databaseUrl: string, options: OpenJobQueueOptions): Promise<JobQueue> {
  if (!isPostgresUrl(databaseUrl)) return new EmbeddedQueue(db, options);
  return new PgBossQueue({ connectionString: databaseUrl, schema: jobsSchemaFor(await currentSchema(db)), onError: options.onError });
}
