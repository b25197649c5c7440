import { randomUUID } from 'node:crypto';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import type { Logger } from 'pino';
import { systemClock } from '../clock.js';
import type { Db } from './database.js';
import type { Invalidation, InvalidationLink, Invalidations } from './invalidations.js';
import { openSqlite } from './sqlite-driver.js';

/** How often a process looks for changes made by the others: a change reaches it within this (and the read). */
export const CHANGES_POLL_MS = 250;
/** How long a change row is kept: far longer than a poll, so a busy process still sees every one. */
const KEEP_MS = 60_000;

export interface ChangesTiming {
  pollMs: number;
  /** Rows older than this are purged (by every process, once per this much time). */
  keepMs: number;
}

interface ChangeRow {
  id: number;
  origin: string;
  invalidation: string;
}

/**
 * Invalidations between processes on one SQLite file (a `serve` and the CLI, or two `serve`s). Each change
 * is written to the `changes` table right after the write it describes; every process polls on a
 * connection of its own, where `PRAGMA data_version` tells without reading a row whether anyone committed
 * since the last look, and reads only the rows after the last it saw. The poll runs on a timer, never on
 * the request path, and keeps real time (it is the store's bookkeeping, not business time). If rows were
 * missed (purged before this process read them), or the poll fails, everything is forgotten.
 */
export class SqliteChangesLink implements InvalidationLink {
  private readonly node = randomUUID();
  private reader: { connection: SqliteDatabase; version: SqliteStatement; after: SqliteStatement } | undefined;
  private version: unknown;
  private last = 0;
  private polls = 0;
  private stop: (() => void) | undefined;
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly file: string,
    private readonly bus: Invalidations,
    private readonly logger: Logger,
    private readonly timing: ChangesTiming = { pollMs: CHANGES_POLL_MS, keepMs: KEEP_MS },
  ) {}

  /** Starts from the newest change: what was changed before this process started, it never held. */
  async start(): Promise<void> {
    const reader = openSqlite(this.file);
    this.reader = {
      connection: reader,
      version: reader.prepare('PRAGMA data_version'),
      after: reader.prepare('SELECT id, origin, invalidation FROM changes WHERE id > ? ORDER BY id'),
    };
    this.version = this.dataVersion();
    this.last = Number((reader.prepare('SELECT max(id) AS id FROM changes').all([])[0] as { id: number | null }).id ?? 0);
    this.bus.connect(this);
    this.stop = systemClock.every(this.timing.pollMs, () => this.poll());
  }

  send(invalidation: Invalidation): void {
    const write = this.db
      .insertInto('changes')
      .values({ origin: this.node, invalidation: JSON.stringify(invalidation), created_at: systemClock.nowIso() })
      .execute()
      .then(
        () => undefined,
        (error: unknown) => {
          this.logger.warn({ err: error }, 'could not record a change for the other processes; they see it when their caches expire');
        },
      )
      .finally(() => this.writes.delete(write));
    this.writes.add(write);
  }

  /** Waits for the changes still being recorded (a CLI command exits right after its write). */
  async close(): Promise<void> {
    this.stop?.();
    await Promise.all(this.writes);
    this.reader?.connection.close();
    this.reader = undefined;
  }

  private poll(): void {
    if (this.reader === undefined) return;
    try {
      if (++this.polls % Math.max(1, Math.round(this.timing.keepMs / this.timing.pollMs)) === 0) this.purge();
      const version = this.dataVersion();
      if (version !== this.version) {
        this.read(this.reader.after.all([this.last]) as ChangeRow[]);
        this.version = version;
      }
      this.recovered();
    } catch (error) {
      if (this.bus.healthy) this.logger.warn({ err: error }, 'could not read the changes of other processes; reading through the caches');
      this.bus.healthy = false;
      this.bus.apply({ kind: 'everything' });
    }
  }

  private read(rows: ChangeRow[]): void {
    const first = rows[0];
    // Ids follow commit order (SQLite has one writer at a time): a hole means rows were purged unread.
    if (first !== undefined && this.last > 0 && first.id > this.last + 1) this.bus.apply({ kind: 'everything' });
    for (const row of rows) {
      this.last = row.id;
      if (row.origin !== this.node) this.bus.apply(JSON.parse(row.invalidation) as Invalidation);
    }
  }

  /** Changes whenever another connection commits to the file; a read of no row. */
  private dataVersion(): unknown {
    return (this.reader?.version.all([])[0] as { data_version: unknown } | undefined)?.data_version;
  }

  private recovered(): void {
    if (this.bus.healthy) return;
    this.bus.healthy = true;
    this.bus.apply({ kind: 'everything' });
  }

  private purge(): void {
    this.db
      .deleteFrom('changes')
      .where('created_at', '<', systemClock.isoIn(-this.timing.keepMs))
      .execute()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not remove old change rows'));
  }
}
