import { type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

/** An auto-increment integer key: the one column whose SQL differs between SQLite and Postgres. */
export function withId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>) {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
