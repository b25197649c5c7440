import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { jobsSchemaFor } from '../../src/jobs/open-queue.js';
import { currentSchema } from '../../src/store/current-schema.js';
import type { Db } from '../../src/store/database.js';
import { until } from './until.js';

/**
 * What the store holds, in one hash: every row of every table, through the server's own connection. Equal
 * digests before and after a request mean it wrote nothing (an update to the same value aside). Ids used
 * up are not data: SQLite's sqlite_sequence is left out, as PostgreSQL's sequences are (an insert that
 * finds its row already there, ON CONFLICT DO NOTHING, still takes the next id on both). Nor is bookkeeping
 * that timers rewrite whatever the requests: the nodes' heartbeats (every few seconds) and the purge of
 * old change notifications (every minute); a change notification only follows a write the other tables show.
 */
const BOOKKEEPING = new Set(['nodes', 'changes']);

export async function storeDigest(db: Db, postgres: boolean): Promise<string> {
  const tables = postgres
    ? await sql<{
        name: string;
      }>`select table_name as name from information_schema.tables where table_schema = current_schema() order by 1`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name <> 'sqlite_sequence' order by 1`.execute(db);
  const hash = createHash('sha256');
  for (const { name } of tables.rows) {
    if (BOOKKEEPING.has(name)) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    const lines = rows.rows.map((row) => JSON.stringify(row, (_key, value) => (Buffer.isBuffer(value) ? value.toString('base64') : value)));
    hash.update(`${name}\n${lines.sort().join('\n')}\n`);
  }
  return hash.digest('hex');
}

/** Waits until the job queue has nothing left to run, so background work does not land inside a later request. */
export async function queueSettled(db: Db, postgres: boolean): Promise<void> {
  const jobsTable = postgres ? sql.table(`${jobsSchemaFor(await currentSchema(db))}.job`) : sql.table('jobs');
  await until(
    async () => {
      const pending = await sql<{
        n: number | string;
      }>`select count(*) as n from ${jobsTable} where state in ('created', 'retry', 'active')`.execute(db);
      return Number(pending.rows[0]?.n ?? 0) === 0 ? true : undefined;
    },
    10_000,
    5,
  );
}
