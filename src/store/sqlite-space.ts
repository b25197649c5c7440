import { sql } from 'kysely';
import type { Db } from './database.js';

/**
 * Disk space of the SQLite store. Deleted rows leave free pages inside the file; with incremental
 * auto-vacuum (set where the file is opened, see sqlite-driver.ts) they can be handed back to the file
 * system a bounded number at a time, so the file stays the size of what it keeps. PostgreSQL needs
 * none of this: its autovacuum reuses the space of deleted rows.
 */

/** Up to this size an older file is switched to incremental auto-vacuum at start-up; a larger one waits for `patchbay db vacuum`. */
export const START_UP_VACUUM_BYTES = 256 * 1024 * 1024;

async function pragmaNumber(db: Db, name: string): Promise<number> {
  const { rows } = await sql<Record<string, number>>`PRAGMA ${sql.raw(name)}`.execute(db);
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
}

/** Whether the file was made before incremental auto-vacuum and still needs its one VACUUM. */
export async function needsVacuumToReclaim(db: Db): Promise<boolean> {
  return (await pragmaNumber(db, 'auto_vacuum')) !== 2;
}

/** The file's size as SQLite counts it (its pages, free ones included). */
export async function fileBytes(db: Db): Promise<number> {
  return (await pragmaNumber(db, 'page_count')) * (await pragmaNumber(db, 'page_size'));
}

/**
 * Rewrites the whole file, which switches it to incremental auto-vacuum. It takes time and as much
 * free disk as the file, and holds the database while it runs: for start-up and the CLI only.
 */
export async function vacuum(db: Db): Promise<void> {
  await sql`VACUUM`.execute(db);
}

/**
 * Hands up to `maxPages` free pages back to the file system and answers how many. The file shrinks at
 * the next checkpoint, so a passive one (it waits for no reader) follows.
 */
export async function reclaimFreePages(db: Db, maxPages: number): Promise<number> {
  const before = await pragmaNumber(db, 'freelist_count');
  if (before === 0) return 0;
  await sql`PRAGMA ${sql.raw(`incremental_vacuum(${Math.floor(maxPages)})`)}`.execute(db);
  const after = await pragmaNumber(db, 'freelist_count');
  if (after < before) await sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(db);
  return before - after;
}
