import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Job, JobQueue } from '../src/jobs/job-queue.js';
import { jobsSchemaFor, openJobQueue } from '../src/jobs/open-queue.js';
import { PgBossQueue } from '../src/jobs/pg-boss-queue.js';
import { type Db, openDatabase } from '../src/store/database.js';
import { TEST_DATABASE_URL } from './support/harness.js';

/** A store the queue runs on, and the URL it was opened with. */
interface Store {
  db: Db;
  url: string;
  /** The state the adapter keeps for a job: created, retry, active, completed or failed. */
  jobState(id: string): Promise<string | undefined>;
  close(): Promise<void>;
}

interface Adapter {
  name: string;
  /** Several nodes share the store (PostgreSQL). */
  multiNode: boolean;
  openStore(): Promise<Store>;
}

async function sqliteStore(): Promise<Store> {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchbay-jobs-'));
  const url = path.join(dir, 'patchbay.sqlite');
  const db = await openDatabase(url);
  return {
    db,
    url,
    async jobState(id) {
      return (await db.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirst())?.state;
    },
    async close() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function onAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh schema of the test database, dropped on close with pg-boss's schema beside it. */
async function postgresStore(): Promise<Store> {
  const schema = `pb_test_${randomBytes(6).toString('hex')}`;
  await onAdmin(`CREATE SCHEMA ${schema}`);
  const url = new URL(TEST_DATABASE_URL as string);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = await openDatabase(url.href);
  return {
    db,
    url: url.href,
    async jobState(id) {
      const jobs = sql.table(`${jobsSchemaFor(schema)}.job`);
      return (await sql<{ state: string }>`SELECT state FROM ${jobs} WHERE id = ${id}`.execute(db)).rows[0]?.state;
    },
    async close() {
      await db.destroy();
      await onAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await onAdmin(`DROP SCHEMA IF EXISTS ${jobsSchemaFor(schema)} CASCADE`);
    },
  };
}

const adapters: Adapter[] = [
  { name: 'embedded (SQLite)', multiNode: false, openStore: sqliteStore },
  ...(TEST_DATABASE_URL === undefined ? [] : [{ name: 'pg-boss (PostgreSQL)', multiNode: true, openStore: postgresStore }]),
];

interface Data {
  n: number;
}

/** What a handler saw of one attempt, and when. */
interface Seen {
  job: Job<Data>;
  at: number;
}

const until = (check: () => void, timeout = 8_000) => vi.waitFor(check, { timeout, interval: 50 });

describe.each(adapters)('job queue: $name', ({ name: adapterName, multiNode, openStore }) => {
  let store: Store;
  const queues: JobQueue[] = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    store = await openStore();
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.stop()));
    expect(errors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await store?.close();
  });

  /** A queue instance on the store, as one node opens it; stopped after the test. */
  async function openQueue(): Promise<JobQueue> {
    const queue = await openJobQueue(store.db, store.url, { onError: (error) => errors.push(error), pollingIntervalMs: 100 });
    queues.push(queue);
    return queue;
  }

  /** Each test works on queues of its own: the store is shared. */
  const queueName = () => `test-${randomUUID()}`;

  /** A handler recording every attempt; `fail(job)` true makes that attempt fail. */
  function recorder(fail: (job: Job<Data>) => boolean = () => false) {
    const seen: Seen[] = [];
    const handler = async (job: Job<Data>) => {
      seen.push({ job, at: Date.now() });
      if (fail(job)) throw new Error(`attempt ${job.attempt} failed`);
    };
    return { seen, handler };
  }

  it('opens the adapter for its store', async () => {
    const queue = await openQueue();
    expect(queue instanceof PgBossQueue).toBe(adapterName.startsWith('pg-boss'));
  });

  it('runs a sent job once, with its data, as its first and last attempt', async () => {
    const queue = await openQueue();
    const name = queueName();
    const { seen, handler } = recorder();
    queue.work(name, handler);
    await queue.start();

    const id = await queue.send(name, { n: 7 }, { retryLimit: 0 });

    expect(id).toEqual(expect.any(String));
    await until(() => expect(seen).toHaveLength(1));
    await sleep(1_000);
    expect(seen.map((s) => s.job)).toEqual([{ id, name, data: { n: 7 }, attempt: 1, lastAttempt: true }]);
  }, 15_000);

  it('writes a job sent in a transaction only if the transaction commits', async () => {
    const queue = await openQueue();
    const name = queueName();
    const { seen, handler } = recorder();
    queue.work(name, handler);
    await queue.start();
    const account = (id: string) => ({ id, name: id, description: null, timezone: null, created_at: new Date().toISOString() });
    const rolledBack = `acct-${randomUUID()}`;
    const committed = `acct-${randomUUID()}`;

    await expect(
      store.db.transaction().execute(async (trx) => {
        await trx.insertInto('accounts').values(account(rolledBack)).execute();
        expect(await queue.send(name, { n: 1 }, {}, trx)).toEqual(expect.any(String));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('accounts').values(account(committed)).execute();
      await queue.send(name, { n: 2 }, {}, trx);
    });

    await until(() => expect(seen).toHaveLength(1));
    await sleep(1_000);
    expect(seen.map((s) => s.job.data)).toEqual([{ n: 2 }]);
    const accounts = await store.db.selectFrom('accounts').select('id').where('id', 'in', [rolledBack, committed]).execute();
    expect(accounts).toEqual([{ id: committed }]);
  }, 15_000);

  it('retries a failing job with a growing delay until it succeeds', async () => {
    const queue = await openQueue();
    const name = queueName();
    const { seen, handler } = recorder((job) => job.attempt < 3);
    queue.work(name, handler);
    await queue.start();

    await queue.send(name, { n: 1 }, { retryLimit: 3, retryDelaySeconds: 1 });

    await until(() => expect(seen).toHaveLength(3), 9_000);
    await sleep(500);
    expect(seen.map((s) => [s.job.attempt, s.job.lastAttempt])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
    const [first, second, third] = seen.map((s) => s.at) as [number, number, number];
    // Backoff: retry n waits retryDelay * 2^(n-1) * (1 + jitter) seconds, so 1-2 s and then 2-4 s; a fixed delay gives 1 s twice.
    expect(second - first).toBeGreaterThanOrEqual(950);
    expect(second - first).toBeLessThan(3_000);
    expect(third - second).toBeGreaterThanOrEqual(1_950);
  }, 15_000);

  it('gives up after retryLimit + 1 attempts, telling the handler which one is the last', async () => {
    const queue = await openQueue();
    const name = queueName();
    const { seen, handler } = recorder(() => true);
    queue.work(name, handler);
    await queue.start();

    const id = await queue.send(name, { n: 1 }, { retryLimit: 1, retryDelaySeconds: 1 });

    await until(() => expect(seen).toHaveLength(2));
    // A further retry would come 2-4 s after the second attempt.
    await sleep(4_500);
    expect(seen.map((s) => [s.job.attempt, s.job.lastAttempt])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(await store.jobState(id!)).toBe('failed');
  }, 20_000);

  it('creates one job per singleton key and window', async () => {
    const queue = await openQueue();
    const name = queueName();
    const { seen, handler } = recorder();
    queue.work(name, handler);
    await queue.start();
    const singleton = (key: string) => ({ singletonKey: key, singletonSeconds: 3_600 });

    const first = await queue.send(name, { n: 1 }, singleton('a'));
    const second = await queue.send(name, { n: 2 }, singleton('a'));
    const other = await queue.send(name, { n: 3 }, singleton('b'));

    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    expect(other).toEqual(expect.any(String));
    await until(() => expect(seen).toHaveLength(2));
    await sleep(1_000);
    expect(seen.map((s) => s.job.data.n).sort()).toEqual([1, 3]);
  }, 15_000);

  it('does not run a job before its start delay', async () => {
    const queue = await openQueue();
    const name = queueName();
    const { seen, handler } = recorder();
    queue.work(name, handler);
    await queue.start();

    const sent = Date.now();
    await queue.send(name, { n: 1 }, { startAfterSeconds: 2 });

    await sleep(1_500);
    expect(seen).toHaveLength(0);
    await until(() => expect(seen).toHaveLength(1));
    expect(seen[0]!.at - sent).toBeGreaterThanOrEqual(1_950);
  }, 15_000);

  it('runs jobs for a handler registered after start', async () => {
    const queue = await openQueue();
    const name = queueName();
    const { seen, handler } = recorder();
    await queue.start();
    await queue.send(name, { n: 1 });
    await sleep(300);

    queue.work(name, handler);

    await until(() => expect(seen).toHaveLength(1));
    expect(seen[0]!.job.data).toEqual({ n: 1 });
  }, 15_000);

  it('runs up to `concurrency` jobs of a queue at a time', async () => {
    const queue = await openQueue();
    const name = queueName();
    let active = 0;
    let mostActive = 0;
    let done = 0;
    queue.work<Data>(
      name,
      async () => {
        active++;
        mostActive = Math.max(mostActive, active);
        await sleep(1_500);
        active--;
        done++;
      },
      { concurrency: 3 },
    );
    await queue.start();

    for (let n = 0; n < 4; n++) await queue.send(name, { n });

    await until(() => expect(done).toBe(4), 10_000);
    expect(mostActive).toBe(3);
  }, 15_000);

  it('waits in stop() for the running job to finish', async () => {
    const queue = await openQueue();
    const name = queueName();
    let started = false;
    let finished = false;
    queue.work(name, async () => {
      started = true;
      await sleep(1_500);
      finished = true;
    });
    await queue.start();
    const id = await queue.send(name, { n: 1 });
    await until(() => expect(started).toBe(true));

    await queue.stop();

    expect(finished).toBe(true);
    expect(await store.jobState(id!)).toBe('completed');
  }, 15_000);

  it.runIf(multiNode)(
    'runs every job exactly once across two nodes sharing the store',
    async () => {
      const [one, two] = await Promise.all([openQueue(), openQueue()]);
      const name = queueName();
      const runs = new Map<string, number>();
      const byNode = [0, 0];
      const handlerOf = (node: number) => async (job: Job<Data>) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        byNode[node]!++;
        await sleep(200);
      };
      one!.work(name, handlerOf(0), { concurrency: 2 });
      two!.work(name, handlerOf(1), { concurrency: 2 });
      await Promise.all([one!.start(), two!.start()]);

      const ids = await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 === 0 ? one! : two!).send(name, { n })));

      await until(() => expect([...runs.values()].reduce((sum, count) => sum + count, 0)).toBe(20), 15_000);
      await sleep(1_000);
      expect(new Set(ids).size).toBe(20);
      expect([...runs.keys()].sort()).toEqual([...ids].sort());
      expect([...runs.values()].every((count) => count === 1)).toBe(true);
      expect(byNode.every((count) => count > 0)).toBe(true);
    },
    30_000,
  );
});

describe('jobsSchemaFor', () => {
  it("puts pg-boss beside the store's schema", () => {
    expect(jobsSchemaFor('public')).toBe('pgboss');
    expect(jobsSchemaFor('tenant_a')).toBe('tenant_a_pgboss');
  });
});
