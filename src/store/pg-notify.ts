import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Db } from './database.js';
import type { Invalidation, InvalidationLink, Invalidations } from './invalidations.js';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

interface Message {
  /** The sending node, which has applied it already. */
  from: string;
  invalidation: Invalidation;
}

/**
 * Invalidations between nodes over PostgreSQL LISTEN/NOTIFY, on a channel named after the store's schema
 * (nodes of other stores in the same database stay apart). One dedicated connection listens; when it
 * drops, caches read through until it is back, and everything is forgotten, since messages were missed.
 */
export class PgNotifyLink implements InvalidationLink {
  private readonly node = randomUUID();
  private readonly channel: string;
  private client: pg.Client | undefined;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly connectionString: string,
    schema: string,
    private readonly bus: Invalidations,
    private readonly logger: Logger,
  ) {
    this.channel = `patchbay_${schema}`.slice(0, 63);
  }

  /** Listens before the node serves anything: a write elsewhere from then on reaches this node. */
  async start(): Promise<void> {
    await this.listen();
    this.bus.connect(this);
  }

  send(invalidation: Invalidation): void {
    const message: Message = { from: this.node, invalidation };
    sql`SELECT pg_notify(${this.channel}, ${JSON.stringify(message)})`.execute(this.db).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not tell the other nodes of a change; they see it when their caches expire');
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (notification) => this.receive(notification.payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, undefined));
    await client.connect();
    await client.query(`LISTEN "${this.channel}"`);
    this.client = client;
    this.retryMs = RETRY_MIN_MS;
    if (!this.bus.healthy) {
      this.bus.healthy = true;
      this.bus.apply({ kind: 'everything' });
      this.logger.info('listening for changes from other nodes again');
    }
  }

  private receive(payload: string | undefined): void {
    if (payload === undefined) return;
    let message: Message;
    try {
      message = JSON.parse(payload) as Message;
    } catch {
      return;
    }
    if (message.from !== this.node) this.bus.apply(message.invalidation);
  }

  private lost(client: pg.Client, error: Error | undefined): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    this.bus.healthy = false;
    this.bus.apply({ kind: 'everything' });
    this.logger.warn({ err: error }, 'lost the link to the other nodes; reading through the caches until it is back');
    client.end().catch(() => undefined);
    this.retry();
  }

  private retry(): void {
    this.retryTimer = setTimeout(() => {
      this.listen().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not listen for changes from other nodes; trying again');
        this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
        this.retry();
      });
    }, this.retryMs);
    this.retryTimer.unref();
  }
}
