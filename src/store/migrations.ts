import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter } from 'kysely';
import { currentSchema } from './current-schema.js';
import { cycleMigrations } from './migrations/cycles.js';
import { foundationMigrations } from './migrations/foundation.js';

/** Every migration, by name: applied in name order. */
const migrations: Record<string, Migration> = { ...foundationMigrations, ...cycleMigrations };

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; called at every start. */
export async function migrate(db: Kysely<unknown>): Promise<void> {
  // On PostgreSQL the bookkeeping tables live in the schema the connection works in (its search_path):
  // left unqualified, the migrator would take another schema's tables for its own.
  const schema = db.getExecutor().adapter instanceof PostgresAdapter ? await currentSchema(db) : undefined;
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${(error as Error).message}`);
  }
}
