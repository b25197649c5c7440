import { createRequire } from 'node:module';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

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

/**
 * Incremental auto-vacuum lets the sweep hand the pages that pruning frees back to the file system.
 * It takes effect only when set before the first table is created (an older file needs one VACUUM,
 * see sqlite-space.ts), so it comes first.
 */
const PRAGMAS = ['auto_vacuum = INCREMENTAL', 'journal_mode = WAL', 'foreign_keys = ON', 'busy_timeout = 5000'];

/**
 * When a commit syncs to disk. FULL (SQLite's default): every commit survives a power loss. NORMAL in WAL
 * mode: a commit survives the process being killed, and the last ones may be lost with the machine's
 * power; a commit costs a fraction (no sync per commit).
 */
export const SQLITE_SYNCHRONOUS = ['FULL', 'NORMAL'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS)[number];
export const isSqliteSynchronous = (value: string): value is SqliteSynchronous => (SQLITE_SYNCHRONOUS as readonly string[]).includes(value);

/**
 * A statement that answers no columns but yields a row per unit of work (`PRAGMA incremental_vacuum`
 * frees one page per step) does only one unit under a driver's run(), which steps once: such a pragma
 * runs through exec, which steps it to the end. It takes no parameters.
 */
const STEPPED_PRAGMA = /^\s*PRAGMA\s+incremental_vacuum\b/i;

function stepped(exec: (sql: string) => void, sql: string): SqliteStatement {
  return {
    reader: false,
    all: () => [],
    run: () => {
      exec(sql);
      return { changes: 0, lastInsertRowid: 0 };
    },
    iterate: () => [][Symbol.iterator](),
  };
}

/** Distinct statements kept prepared: far more than the queries the code base builds. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Prepares each distinct SQL text once: preparing costs more than running most of our queries. Kysely
 * runs one query at a time on the connection and nothing here streams, so a statement is never in use
 * twice at once. Past the limit the oldest statement is dropped.
 */
function cachedPrepare(prepare: (sql: string) => SqliteStatement): (sql: string) => SqliteStatement {
  const statements = new Map<string, SqliteStatement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = prepare(sql);
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
      statements.set(sql, statement);
    }
    return statement;
  };
}

/** Opens a SQLite file with incremental auto-vacuum, WAL, foreign keys, a busy timeout and the given sync level. */
export function openSqlite(file: string, synchronous: SqliteSynchronous = 'FULL'): SqliteDatabase {
  const pragmas = [...PRAGMAS, `synchronous = ${synchronous}`];
  if (usesBuiltInSqlite) {
    const { DatabaseSync } = require('node:sqlite') as { DatabaseSync: new (path: string) => NativeDatabase };
    const db = new DatabaseSync(file);
    for (const pragma of pragmas) db.exec(`PRAGMA ${pragma}`);
    return {
      close: () => db.close(),
      prepare: cachedPrepare((sql) => {
        if (STEPPED_PRAGMA.test(sql)) return stepped((text) => db.exec(text), sql);
        const statement = db.prepare(sql);
        return {
          reader: statement.columns().length > 0,
          all: (parameters) => statement.all(...parameters),
          run: (parameters) => statement.run(...parameters),
          iterate: (parameters) => statement.iterate(...parameters),
        };
      }),
    };
  }
  const BetterSqlite = require('better-sqlite3') as typeof import('better-sqlite3');
  const db = new BetterSqlite(file);
  for (const pragma of pragmas) db.pragma(pragma);
  return {
    close: () => db.close(),
    prepare: cachedPrepare((sql) => (STEPPED_PRAGMA.test(sql) ? stepped((text) => db.exec(text), sql) : db.prepare(sql))),
  };
}
