import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from './migrations.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite-driver.js';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** Called once per query sent to the database (tests and benchmarks count round trips with it). */
  onQuery?: () => void;
}

/** Opens the SQLite store (WAL, foreign keys on) and migrates it. */
export async function openDatabase(file: string, options: DatabaseOptions = {}): Promise<Db> {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const onQuery = options.onQuery;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: openSqlite(file) }),
    ...(onQuery ? { log: () => onQuery() } : {}),
  });
  await migrate(db as Kysely<unknown>);
  return db;
}
