import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrate } from './migrations.js';
import type { Database } from './schema.js';
import { openSqlite, type SqliteSynchronous } from './sqlite-driver.js';
import { fileBytes, needsVacuumToReclaim, START_UP_VACUUM_BYTES, vacuum } from './sqlite-space.js';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** Called once per query sent to the database, with its SQL (tests and benchmarks count round trips with it). */
  onQuery?: (sql: string) => void;
  /** SQLite only: when a commit syncs to disk (default FULL). */
  sqliteSynchronous?: SqliteSynchronous;
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);

export const isSqlite = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * Opens the store and migrates it: PostgreSQL for a postgres:// URL (several nodes may share it), else the
 * embedded SQLite file (WAL, foreign keys on, free pages reclaimable: see sqlite-space.ts).
 */
export async function openDatabase(location: string, options: DatabaseOptions = {}): Promise<Db> {
  const onQuery = options.onQuery;
  let dialect: PostgresDialect | SqliteDialect;
  if (isPostgresUrl(location)) {
    dialect = new PostgresDialect({ pool: new pg.Pool({ connectionString: location, max: 10 }) });
  } else {
    if (location !== ':memory:') {
      mkdirSync(path.dirname(location), { recursive: true });
      keepPrivate(location);
    }
    dialect = new SqliteDialect({ database: openSqlite(location, options.sqliteSynchronous) });
  }
  const db = new Kysely<Database>({ dialect, ...(onQuery ? { log: (event) => onQuery(event.query.sql) } : {}) });
  await migrate(db as Kysely<unknown>);
  // A file made before incremental auto-vacuum switches with one VACUUM; a small one does it now.
  if (!isPostgresUrl(location) && (await needsVacuumToReclaim(db)) && (await fileBytes(db)) <= START_UP_VACUUM_BYTES) await vacuum(db);
  return db;
}

/**
 * The SQLite file holds sealed secrets and token hashes: only its owner may read it. SQLite gives the
 * -wal and -shm files it makes the main file's mode; files left by an earlier start are narrowed too.
 */
function keepPrivate(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const one of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(one)) chmodSync(one, 0o600);
}
