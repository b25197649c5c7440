import type { Transaction } from 'kysely';
import { type Db, isSqlite } from './database.js';
import type { Database } from './schema.js';

type Trx = Transaction<Database>;
type Work<T> = (trx: Trx) => Promise<T>;

/** Work to do once a transaction opened by `inTransaction` has committed, by transaction. */
const pending = new WeakMap<Trx, Array<() => void>>();

/** Transactions committed together at most (a group is one BEGIN ... COMMIT). */
const MAX_GROUP = 200;

/**
 * Runs `work` in a database transaction and, once it has committed, what was registered on it with
 * `afterCommit` (a job queue waking its workers for the jobs the transaction wrote). A rollback runs none.
 *
 * On SQLite, transactions asked for while one runs are committed together: the file has one writer and
 * every commit is a sync to disk, so a group of them costs about one. Each work runs alone in the order
 * asked, seeing what the earlier ones of its group wrote, as if each had committed. When one fails, the
 * group is rolled back and each of its works is run again in a transaction of its own, so a failure
 * reaches only its own caller. A work therefore writes only to the store until it resolves.
 */
export function inTransaction<T>(db: Db, work: Work<T>): Promise<T> {
  if (!isSqlite(db)) return runAlone(db, work);
  let group = groups.get(db);
  if (group === undefined) {
    group = new GroupCommit(db);
    groups.set(db, group);
  }
  return group.run(work);
}

/**
 * A write that needs no transaction of its own (one statement): on SQLite it joins the group commit,
 * elsewhere it is sent as it is, committing by itself.
 */
export function commitWrite<T>(db: Db, write: (db: Db) => Promise<T>): Promise<T> {
  return isSqlite(db) ? inTransaction(db, write) : write(db);
}

/**
 * Registers `hook` to run after `trx` commits. Answers false when `trx` was not opened by `inTransaction`:
 * its commit cannot be seen, and the caller falls back on what it would do without the hook. Hooks must
 * not throw: the transaction has committed when they run.
 */
export function afterCommit(trx: Trx, hook: () => void): boolean {
  const hooks = pending.get(trx);
  if (hooks === undefined) return false;
  hooks.push(hook);
  return true;
}

async function runAlone<T>(db: Db, work: Work<T>): Promise<T> {
  const hooks: Array<() => void> = [];
  const result = await db.transaction().execute((trx) => {
    hooks.length = 0;
    pending.set(trx, hooks);
    return work(trx);
  });
  for (const hook of hooks) hook();
  return result;
}

interface Entry {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

const groups = new WeakMap<Db, GroupCommit>();

class GroupCommit {
  private readonly waiting: Entry[] = [];
  private flushing = false;

  constructor(private readonly db: Db) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.flushing) return;
      this.flushing = true;
      // After the event loop's I/O callbacks: the works they ask for join this group. (A group's
      // statements run on microtasks, so nothing else can join it once it has started.)
      setImmediate(() => void this.flush());
    });
  }

  /** Commits what waits as one group, then lets the event loop run before the next. */
  private async flush(): Promise<void> {
    const group = this.waiting.splice(0, MAX_GROUP);
    if (group.length === 1 || !(await this.together(group))) {
      for (const entry of group) await runAlone(this.db, entry.work).then(entry.resolve, entry.reject);
    }
    if (this.waiting.length > 0) setImmediate(() => void this.flush());
    else this.flushing = false;
  }

  /** The group in one transaction; false when one of its works failed and nothing of it was kept. */
  private async together(group: Entry[]): Promise<boolean> {
    const hooks: Array<() => void> = [];
    let results: unknown[];
    try {
      results = await this.db.transaction().execute(async (trx) => {
        hooks.length = 0;
        pending.set(trx, hooks);
        const out: unknown[] = [];
        for (const entry of group) out.push(await entry.work(trx));
        return out;
      });
    } catch {
      return false;
    }
    for (const [i, entry] of group.entries()) entry.resolve(results[i]);
    for (const hook of hooks) hook();
    return true;
  }
}
