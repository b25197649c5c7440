import { createRequire } from 'node:module';
import type { SqliteDatabase } from 'kysely';

/** The few calls of node:sqlite this driver uses (Node 20's type definitions do not describe it). */
interface NativeStatement {
  columns(): unknown[];
  all(...parameters: unknown[]): unknown[];
  run(...parameters: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...parameters: unknown[]): IterableIterator<unknown>;
}
interface NativeDatabase {
  exec(sql: string): void;
  prepare(sql: string): NativeStatement;
  close(): void;
}

const require = createRequire(import.meta.url);

/**
 * better-sqlite3 12 (the line that runs on Node 20) aborts the process on Node 24 when a statement
 * is garbage collected, so from Node 24 on the built-in node:sqlite serves instead. Both behave alike
 * behind Kysely's SQLite dialect.
 */
export const usesBuiltInSqlite = Number(process.versions.node.split('.')[0]) >= 24;

/** Opens a SQLite file with WAL, foreign keys and a busy timeout. */
export function openSqlite(file: string): SqliteDatabase {
  const pragmas = ['journal_mode = WAL', 'foreign_keys = ON', 'busy_timeout = 5000'];
  if (usesBuiltInSqlite) {
    const { DatabaseSync } = require('node:sqlite') as { DatabaseSync: new (path: string) => NativeDatabase };
    const db = new DatabaseSync(file);
    for (const pragma of pragmas) db.exec(`PRAGMA ${pragma}`);
    return {
      close: () => db.close(),
      prepare(sql) {
        const statement = db.prepare(sql);
        return {
          reader: statement.columns().length > 0,
          all: (parameters) => statement.all(...parameters),
          run: (parameters) => statement.run(...parameters),
          iterate: (parameters) => statement.iterate(...parameters),
        };
      },
    };
  }
  const BetterSqlite = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new BetterSqlite(file);
  for (const pragma of pragmas) db.pragma(pragma);
  return db;
}
