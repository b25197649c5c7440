import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../src/store/database.js';
import { type Invalidation, Invalidations } from '../src/store/invalidations.js';
import { SqliteChangesLink } from '../src/store/sqlite-changes.js';
import { until } from './support/until.js';

const TIMING = { pollMs: 20, keepMs: 300 };

interface Process {
  db: Db;
  bus: Invalidations;
  link: SqliteChangesLink;
  seen: Invalidation[];
}

/** Two stores on one SQLite file, each with its bus and link: two processes, as far as SQLite can tell. */
describe('changes between processes on one SQLite file', () => {
  let dir: string;
  let processes: Process[] = [];

  async function open(file: string): Promise<Process> {
    const db = await openDatabase(file);
    const bus = new Invalidations();
    const seen: Invalidation[] = [];
    bus.on((invalidation) => seen.push(invalidation));
    const link = new SqliteChangesLink(db, file, bus, pino({ level: 'silent' }), TIMING);
    await link.start();
    const one = { db, bus, link, seen };
    processes.push(one);
    return one;
  }
  async function pair(): Promise<[Process, Process, string]> {
    dir = mkdtempSync(path.join(tmpdir(), 'patchbay-changes-'));
    const file = path.join(dir, 'patchbay.sqlite');
    return [await open(file), await open(file), file];
  }
  const rows = (db: Db) => db.selectFrom('changes').selectAll().execute();

  afterEach(async () => {
    // Closing twice is harmless: a test may close one itself.
    for (const one of processes) {
      await one.link.close();
      await one.db.destroy();
    }
    processes = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it("applies another process's change once, and its own only when it made it", async () => {
    const [a, b] = await pair();
    a.bus.publish({ kind: 'client', id: 'c1' });
    await until(async () => (b.seen.length > 0 ? true : undefined), 2000, 10);
    await new Promise((resolve) => setTimeout(resolve, 5 * TIMING.pollMs));
    expect(b.seen).toEqual([{ kind: 'client', id: 'c1' }]);
    expect(a.seen).toEqual([{ kind: 'client', id: 'c1' }]);
  });

  it('purges change rows once they are older than the keep time', async () => {
    const [a, b] = await pair();
    a.bus.publish({ kind: 'account', id: 'gone' });
    await until(async () => ((await rows(a.db)).length === 1 ? true : undefined), 2000, 10);
    await until(async () => ((await rows(a.db)).length === 0 ? true : undefined), 5 * TIMING.keepMs, 20);
    expect(b.seen).toEqual([{ kind: 'account', id: 'gone' }]);
  });

  it('forgets everything when rows it never read were purged (a hole in the ids)', async () => {
    const [a, b] = await pair();
    a.bus.publish({ kind: 'install', id: 1 });
    await until(async () => (b.seen.length === 1 ? true : undefined), 2000, 10);
    const last = Math.max(...(await rows(a.db)).map((r) => r.id));
    await a.db
      .insertInto('changes')
      .values({
        id: last + 5,
        origin: 'another',
        invalidation: JSON.stringify({ kind: 'install', id: 2 }),
        created_at: new Date().toISOString(),
      })
      .execute();
    await until(async () => (b.seen.length === 3 ? true : undefined), 2000, 10);
    expect(b.seen.slice(1)).toEqual([{ kind: 'everything' }, { kind: 'install', id: 2 }]);
  });

  it('records a change still being written before it closes (the CLI exits right after its command)', async () => {
    const [a, b] = await pair();
    a.bus.publish({ kind: 'client', id: 'closing' });
    await a.link.close();
    await a.db.destroy();
    await until(async () => (b.seen.length > 0 ? true : undefined), 2000, 10);
    expect(b.seen).toEqual([{ kind: 'client', id: 'closing' }]);
  });
});
