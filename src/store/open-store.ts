import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';
import { currentSchema } from './current-schema.js';
import { type DatabaseOptions, type Db, isPostgresUrl, isSqlite, openDatabase } from './database.js';
import type { Invalidations } from './invalidations.js';
import { PgNotifyLink } from './pg-notify.js';
import { SqliteChangesLink } from './sqlite-changes.js';
import { needsVacuumToReclaim } from './sqlite-space.js';

/** A node's store: every query counted, and a warning when the SQLite file cannot reclaim pruned space. */
export async function openNodeStore(url: string, options: DatabaseOptions, logger: Logger, metrics: Metrics): Promise<Db> {
  const db = await openDatabase(url, {
    ...options,
    onQuery: (sql) => {
      metrics.inc('patchbay_db_queries_total');
      options.onQuery?.(sql);
    },
  });
  if (isSqlite(db) && (await needsVacuumToReclaim(db))) {
    logger.warn(
      'the SQLite file predates incremental auto-vacuum and is too large to switch at start-up: run `patchbay db vacuum` while Patchbay is stopped, or pruned space stays inside the file',
    );
  }
  return db;
}

/**
 * Started: what tells the nodes sharing a PostgreSQL store, or the processes sharing a SQLite file, what
 * each changed. An in-memory store has no other process to tell.
 */
export async function startChangeLink(
  db: Db,
  url: string,
  bus: Invalidations,
  logger: Logger,
): Promise<{ close(): Promise<void> } | undefined> {
  const link = isPostgresUrl(url)
    ? new PgNotifyLink(db, url, await currentSchema(db), bus, logger)
    : url === ':memory:'
      ? undefined
      : new SqliteChangesLink(db, url, bus, logger);
  await link?.start();
  return link;
}
