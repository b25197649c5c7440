import { type QueryExecutorProvider, sql } from 'kysely';

/** The PostgreSQL schema the store's tables live in (the connection's search_path decides it). */
export async function currentSchema(db: QueryExecutorProvider): Promise<string> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}
